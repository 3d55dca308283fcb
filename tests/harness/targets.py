"""The targets of targets/*.json as the tests use them: compile the test
driver for a target, link a test program against a generated library and run
it natively, under qemu-aarch64, with node's wasi module, or under
qemu-system-arm with semihosting, or on a CUDA GPU (the "runner" of the
target's "test" part).
"""
import glob
import json
import os
import shutil
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TARGETS_DIR = os.path.join(ROOT, "targets")
HERE = os.path.dirname(os.path.abspath(__file__))


def _descriptions():
    for path in sorted(glob.glob(os.path.join(TARGETS_DIR, "*.json"))):
        with open(path) as f:
            yield json.load(f)


def names():
    return [d["name"] for d in _descriptions()]


def load(name):
    """The target called `name` (or one of its aliases); ValueError if none."""
    for d in _descriptions():
        if name == d["name"] or name in d.get("aliases", []):
            return Target(d)
    raise ValueError(f"unknown target '{name}' (known: {', '.join(names())})")


def _subst(arg):
    return arg.replace("{targets}", TARGETS_DIR)


def _missing(req):
    if "program" in req and not shutil.which(req["program"]):
        return f"'{req['program']}' is not in PATH; install the Debian package {req['package']}"
    if "file" in req and not os.path.exists(req["file"]):
        return f"{req['file']} is missing; install the Debian package {req['package']}"
    return None


class Target:
    def __init__(self, desc):
        self.name = desc["name"]
        test = desc.get("test", {})
        cxx = desc["cxx"]
        self.cxx = os.environ.get(cxx.get("env", ""), "") or cxx["program"]
        self.flags = [_subst(f) for f in desc.get("cxx_flags", [])]
        # The test programs' compiler: the target's, unless the library needs
        # another one (nvcc) than the code that calls it.
        self.test_cxx = test.get("cxx", self.cxx)
        self.test_flags = [] if "cxx" in test else self.flags
        self.link_flags = [_subst(f) for f in test.get("link_flags", [])]
        self.sources = [_subst(f) for f in test.get("sources", [])]
        self.runner = test.get("runner", "native")
        self.run_prefix = [_subst(a) for a in test.get("run", [])]
        self.subset = test.get("conformance_subset")
        self.requirements = ([dict(cxx, program=self.cxx), desc["ar"]] + desc.get("requires", [])
                             + test.get("requires", []))

    def can_run(self):
        """Whether this machine can run the target's programs (a GPU for
        CUDA; emulators are requirements)."""
        if self.runner != "cuda":
            return True
        return subprocess.run(["nvidia-smi", "-L"], capture_output=True).returncode == 0 \
            if shutil.which("nvidia-smi") else False

    def missing_tool(self):
        """None when building and running tests for this target can work,
        else what to install."""
        for req in self.requirements:
            why = _missing(req)
            if why:
                return f"target '{self.name}' needs {why}"
        return None

    def _compile(self, source, obj):
        tmp = obj + f".{os.getpid()}.tmp"
        subprocess.run([self.test_cxx, "-std=c++17", "-O1", *self.test_flags, "-c", source, "-o", tmp],
                       check=True)
        os.replace(tmp, obj)

    def build_support(self, workdir):
        """Compiles the test driver (and the target's startup code) once;
        returns the object paths."""
        objs = []
        for source in [os.path.join(HERE, "driver.cpp"), *self.sources]:
            obj = os.path.join(workdir, f"{self.name}-{os.path.splitext(os.path.basename(source))[0]}.o")
            if not os.path.exists(obj):
                os.makedirs(workdir, exist_ok=True)
                self._compile(source, obj)
            objs.append(obj)
        return objs

    def link_command(self, libdir, name, support_objs, exe):
        return [self.test_cxx, "-std=c++17", "-O1", *self.test_flags, "-include", os.path.join(libdir, name + ".h"),
                f"-DONNXC_MODEL={name}", os.path.join(HERE, "shim.cpp"), *support_objs,
                os.path.join(libdir, f"lib{name}.a"), *self.link_flags, "-lm", "-o", exe]

    def run_command(self, exe, args, cwd):
        """The command line that runs test program `exe` with `args` (paths)
        from folder `cwd`."""
        if self.runner == "semihosting":
            # argv travels in QEMU's semihosting command line (a comma written
            # twice), which newlib's crt0 reads into 255 bytes: relative paths.
            argv = ["prog"] + [os.path.relpath(a, cwd) if os.path.isabs(a) else a for a in args]
            line = ",".join("arg=" + a.replace(",", ",,") for a in argv)
            if len(" ".join(argv)) > 255:
                raise ValueError(f"command line over 255 bytes for semihosting: {' '.join(argv)}")
            return [*self.run_prefix, "-semihosting-config", f"enable=on,target=native,{line}", "-kernel", exe]
        return [*self.run_prefix, exe, *args]


HOST = load("x86-64")
