//===- Target.cpp - the targets onnxc compiles for ------------------------===//
#include "targets/Target.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>

using namespace llvm;

namespace onnxc {

/// targets/*.json as strings (TargetDescriptions.cpp, written by EmbedTargets.cmake).
extern const char *const kTargetDescriptions[];

// Flags every target shares: the generated code needs no exceptions, RTTI or
// thread-safe statics (so `nm -u` shows only libc/libm). -O3, because at -O2
// GCC vectorises no loop whose trip count or aliasing is known only at run
// time (most kernel loops): that made generated models up to 2x slower.
static const char *const kCommonFlags[] = {"-std=c++17", "-O3", "-fno-exceptions", "-fno-rtti",
                                           "-fno-threadsafe-statics", "-fno-math-errno"};

static std::vector<std::string> strings(const json::Array *array) {
  std::vector<std::string> out;
  if (array)
    for (const json::Value &v : *array)
      if (auto s = v.getAsString())
        out.push_back(s->str());
  return out;
}

static Requirement requirement(const json::Object *o) {
  Requirement r;
  if (!o)
    return r;
  r.program = o->getString("program").value_or("").str();
  r.file = o->getString("file").value_or("").str();
  r.package = o->getString("package").value_or("").str();
  r.install = o->getString("install").value_or("").str();
  return r;
}

/// The descriptions are part of onnxc's source: a malformed one is a bug in
/// onnxc (caught by every test), not a user error.
/// "gemm_panel_columns": a number, or "host": what the host's widest float
/// vectors give (the native target compiles with -march=native), as
/// kernels/simd_lanes.h picks them: 4 zmm with AVX-512, 2 ymm with AVX2 + FMA.
static int64_t panelColumns(const json::Object &o) {
  if (std::optional<int64_t> n = o.getInteger("gemm_panel_columns"))
    return *n;
  if (o.getString("gemm_panel_columns") != "host")
    return 0;
  const auto features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return 4 * 16;
  if (features.lookup("avx2") && features.lookup("fma"))
    return 2 * 8;
  return 0;
}

static Target parse(const char *text) {
  Expected<json::Value> value = json::parse(text);
  if (!value)
    report_fatal_error(Twine("bad embedded target description: ") + toString(value.takeError()));
  const json::Object &o = *value->getAsObject();
  Target t;
  t.name = o.getString("name").value_or("").str();
  t.aliases = strings(o.getArray("aliases"));
  t.description = o.getString("description").value_or("").str();
  t.triple = o.getString("triple").value_or("").str();
  t.cuda = o.getString("codegen").value_or("cpp") == "cuda";
  t.sourceSuffix = t.cuda ? ".cu" : ".cpp";
  t.cxx = requirement(o.getObject("cxx"));
  if (const json::Object *cxx = o.getObject("cxx"))
    t.cxxEnv = cxx->getString("env").value_or("").str();
  // nvcc spells the host compiler's flags differently: cuda.json has them all.
  if (!t.cuda)
    t.cxxFlags.assign(std::begin(kCommonFlags), std::end(kCommonFlags));
  for (std::string &flag : strings(o.getArray("cxx_flags")))
    t.cxxFlags.push_back(flag);
  t.ar = requirement(o.getObject("ar"));
  t.gemmSliverRows = o.getInteger("gemm_sliver_rows").value_or(0);
  t.gemmPanelColumns = panelColumns(o);
  if (const json::Array *reqs = o.getArray("requires"))
    for (const json::Value &r : *reqs)
      t.requires.push_back(requirement(r.getAsObject()));
  return t;
}

bool Target::hasThreads() const {
  return !cuda && triple.find("-linux") != std::string::npos;
}

std::string Target::compiler() const {
  if (!cxxEnv.empty())
    if (const char *env = std::getenv(cxxEnv.c_str()); env && *env)
      return env;
  return cxx.program;
}

static std::string missing(const std::string &target, const Requirement &r,
                           const std::string &program) {
  std::string how = r.install.empty() ? "the Debian package " + r.package : r.install;
  bool absolute = sys::path::is_absolute(program);
  if (!program.empty() && (absolute ? !sys::fs::can_execute(program)
                                    : !sys::findProgramByName(program)))
    return "target '" + target + "' needs '" + program + "', which is " +
           (absolute ? "missing" : "not in PATH") + "; install " + how;
  if (!r.file.empty() && !sys::fs::exists(r.file))
    return "target '" + target + "' needs " + r.file + ", which is missing; install " + how;
  return "";
}

std::string Target::missingTool() const {
  std::string error = missing(name, cxx, compiler());
  if (error.empty())
    error = missing(name, ar, ar.program);
  for (const Requirement &r : requires)
    if (error.empty())
      error = missing(name, r, r.program);
  return error;
}

const std::vector<Target> &allTargets() {
  static const std::vector<Target> targets = [] {
    std::vector<Target> all;
    for (const char *const *text = kTargetDescriptions; *text; ++text)
      all.push_back(parse(*text));
    llvm::sort(all, [](const Target &a, const Target &b) { return a.name < b.name; });
    return all;
  }();
  return targets;
}

const Target *findTarget(const std::string &name) {
  for (const Target &t : allTargets())
    if (t.name == name || llvm::is_contained(t.aliases, name))
      return &t;
  return nullptr;
}

} // namespace onnxc
