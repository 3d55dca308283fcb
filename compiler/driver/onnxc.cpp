//===- onnxc.cpp - the onnxc command line ----------------------------------===//
//
//   onnxc MODEL.onnx [--target=x86-64[,aarch64,...]] [-o DIR] [--name=NAME]
//         [--shape INPUT=1x3x224x224 ...] [--sequence INPUT=DxD,DxD,...]
//         [--absent INPUT] [--max-dim SYMBOL=N ...] [--emit=lib|source] [-O0|-O2]
//
// Imports the model, runs the pass pipeline, emits C++ and (for --emit=lib)
// compiles it into DIR/libNAME.a next to DIR/NAME.h. Files appear in DIR only
// when everything succeeded.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/CppEmitter.h"
#include "compiler/dialect/SymbolicDims.h"
#include "compiler/driver/Compile.h"
#include "compiler/report/CompileReport.h"
#include "compiler/importer/Importer.h"
#include "passes/Passes.h"
#include "targets/Target.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory category("onnxc options");
static cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.onnx>"), cl::Required,
                                      cl::cat(category));
static cl::opt<std::string> outDir("o", cl::desc("output directory (default: .)"),
                                   cl::value_desc("DIR"), cl::init("."), cl::cat(category));
static cl::opt<std::string> targetNames("target",
                                        cl::desc("target(s) to compile for, comma-separated; "
                                                 "several write DIR/<target>/ each (default: x86-64)"),
                                        cl::value_desc("T[,T...]"), cl::init("x86-64"),
                                        cl::cat(category));
static cl::opt<std::string> modelName("name",
                                      cl::desc("model name: C identifier prefixing every symbol "
                                               "(default: from the file name)"),
                                      cl::cat(category));
static cl::list<std::string> shapes("shape", cl::desc("static shape of an input, e.g. x=1x3x224x224"),
                                    cl::value_desc("INPUT=DxDx..."), cl::cat(category));
static cl::list<std::string> sequences(
    "sequence",
    cl::desc("element shapes of a sequence input, one per element (the generated code takes "
             "one buffer each), e.g. s=4,3x2,scalar"),
    cl::value_desc("INPUT=DxD,DxD,..."), cl::cat(category));
static cl::list<std::string> absent("absent",
                                    cl::desc("compile an optional input as absent (no buffer)"),
                                    cl::value_desc("INPUT"), cl::cat(category));
static cl::list<std::string> maxDims(
    "max-dim",
    cl::desc("keep symbolic input dimension SYMBOL (a dim_param) dynamic up to N: "
             "NAME_infer() takes its value at run time"),
    cl::value_desc("SYMBOL=N"), cl::cat(category));
enum class Emit { Lib, Source };
static cl::opt<Emit> emit("emit", cl::desc("what to write"), cl::init(Emit::Lib),
                          cl::values(clEnumValN(Emit::Lib, "lib", "NAME.h and libNAME.a"),
                                     clEnumValN(Emit::Source, "source", "NAME.h and NAME.cpp")),
                          cl::cat(category));
static cl::opt<unsigned> optLevel("O", cl::desc("optimization level: -O0 or -O2 (default)"),
                                  cl::Prefix, cl::init(2), cl::cat(category));
static cl::opt<bool> listTargets("list-targets", cl::desc("list the targets and exit"),
                                 cl::cat(category));
static cl::opt<std::string> reportPath(
    "report", cl::desc("write a compile report: FILE.json, or FILE.html to look at"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<bool> printIR("print-ir", cl::desc("print the IR after the pass pipeline"),
                             cl::cat(category));

static int fail(const Twine &message) {
  errs() << "onnxc: error: " << message << "\n";
  return 1;
}

/// "1x3x224x224" -> {1, 3, 224, 224}; "scalar" -> {}.
static bool parseDims(StringRef text, std::vector<int64_t> &shape) {
  if (text == "scalar")
    return true;
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d < 0)
      return false;
    shape.push_back(d);
  }
  return true;
}

/// "x=1x3x224x224" -> ("x", {1, 3, 224, 224}).
static bool parseShape(StringRef arg, onnxc::ImportOptions &options) {
  auto [name, dims] = arg.rsplit('=');
  std::vector<int64_t> shape;
  if (name.empty() || dims.empty() || !parseDims(dims, shape))
    return false;
  options.inputShapes[name.str()] = shape;
  return true;
}

/// "s=4,3x2,scalar" -> ("s", {{4}, {3, 2}, {}}); "s=" is an empty sequence.
static bool parseSequence(StringRef arg, onnxc::ImportOptions &options) {
  auto [name, list] = arg.rsplit('=');
  if (name.empty() || !arg.contains('='))
    return false;
  auto &shapes = options.sequenceShapes[name.str()];
  SmallVector<StringRef> elements;
  if (!list.empty())
    list.split(elements, ',');
  for (StringRef e : elements)
    if (!parseDims(e, shapes.emplace_back()))
      return false;
  return true;
}

/// Largest --max-dim: far above any real image side or sequence length, small
/// enough that sizes at the maxima stay far from overflowing.
constexpr int64_t kMaxDimLimit = 1 << 20;

/// "H=64" -> ("H", 64); false with `error` set on a bad argument.
static bool parseMaxDim(StringRef arg, onnxc::ImportOptions &options, std::string &error) {
  auto [name, value] = arg.rsplit('=');
  int64_t n;
  if (name.empty() || value.empty() || !arg.contains('=') || value.getAsInteger(10, n)) {
    error = "bad --max-dim '" + arg.str() + "'; expected SYMBOL=N, e.g. --max-dim batch=8";
    return false;
  }
  if (n < 1 || n > kMaxDimLimit) {
    error = "--max-dim " + arg.str() + ": the maximum must be from 1 to " +
            std::to_string(kMaxDimLimit);
    return false;
  }
  for (const auto &[other, max] : options.maxDims)
    if (other == name) {
      error = "--max-dim names '" + name.str() + "' twice";
      return false;
    }
  options.maxDims.push_back({name.str(), n});
  return true;
}

/// Largest --threads: the default hook's worker array
/// (runtime_stub/parallel_for_pthreads.cpp) and far above useful splits.
constexpr int kMaxThreads = 64;

/// C and C++ keywords (and C++'s alternative operator spellings): the name
/// becomes a C++ namespace and prefixes C symbols, so none of these will do.
static bool isKeyword(StringRef s) {
  static const char *const keywords[] = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool",
      "break", "case", "catch", "char", "char16_t", "char32_t", "class", "compl",
      "const", "const_cast", "constexpr", "continue", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
      "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator",
      "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "restrict", "return", "short", "signed", "sizeof", "static", "static_assert",
      "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
      "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};
  return llvm::is_contained(keywords, s);
}

static bool isIdentifier(StringRef s) {
  if (s.empty() || isDigit(s[0]) || isKeyword(s))
    return false;
  return llvm::all_of(s, [](char c) { return isAlnum(c) || c == '_'; });
}

/// "a,b,c" -> the targets, each known and listed once; with `needToolchain`,
/// each target's toolchain must be installed (checked before the slow work).
static bool resolveTargets(StringRef names, bool needToolchain,
                           std::vector<const onnxc::Target *> &targets, std::string &error) {
  SmallVector<StringRef> parts;
  names.split(parts, ',');
  for (StringRef part : parts) {
    const onnxc::Target *target = onnxc::findTarget(part.trim().str());
    if (!target) {
      std::string known;
      for (const onnxc::Target &t : onnxc::allTargets())
        known += (known.empty() ? "" : ", ") + t.name;
      error = "unknown target '" + part.trim().str() + "' (known: " + known + ")";
      return false;
    }
    if (llvm::is_contained(targets, target)) {
      error = "target '" + target->name + "' is listed twice in --target";
      return false;
    }
    if (needToolchain)
      if (std::string missing = target->missingTool(); !missing.empty()) {
        error = missing;
        return false;
      }
    targets.push_back(target);
  }
  return true;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &os) { os << "onnxc " ONNXC_VERSION "\n"; });
  // --list-targets works without a model.
  for (int i = 1; i < argc; ++i)
    if (StringRef(argv[i]) == "--list-targets") {
      for (const onnxc::Target &t : onnxc::allTargets()) {
        std::string aliases = t.aliases.empty() ? "" : " (alias " + join(t.aliases, ", ") + ")";
        outs() << t.name << aliases << "\t" << t.description << "\n";
      }
      return 0;
    }
  // A library linked into onnxc registers its own "threads" option: ours
  // replaces it (it is registered here, after static initialisation).
  if (cl::Option *linked = cl::getRegisteredOptions().lookup("threads"))
    linked->removeArgument();
  cl::opt<int> threads(
      "threads",
      cl::desc("split Conv, Gemm, MatMul and big elementwise maps into up to N tasks run by the "
               "NAME_parallel_for hook (default 1: serial, no pthread symbol)"),
      cl::value_desc("N"), cl::init(1), cl::cat(category));
  // Handing a task to the pool's spinning worker costs about a microsecond,
  // what 64K multiply-adds of a GEMM take on one core (at 1M, sized for
  // starting a thread per call, most of MobileNetV2's kernels stayed one
  // task); tests set 1 to split even tiny kernels.
  cl::opt<int64_t> taskMinWork(
      "task-min-work",
      cl::desc("with --threads: the fewest multiply-adds worth a task (default 65536)"),
      cl::value_desc("N"), cl::init(int64_t(1) << 16), cl::Hidden, cl::cat(category));
  cl::HideUnrelatedOptions(category);
  if (!cl::ParseCommandLineOptions(argc, argv, "onnxc: ONNX model -> static library\n",
                                   &errs()))
    return 1;

  std::string error;
  std::vector<const onnxc::Target *> targets;
  if (!resolveTargets(targetNames, emit == Emit::Lib, targets, error))
    return fail(error);
  if (!reportPath.empty() && !StringRef(reportPath).ends_with(".json") &&
      !StringRef(reportPath).ends_with(".html"))
    return fail("--report=" + reportPath + ": the file name must end in .json or .html");
  if (threads < 1 || threads > kMaxThreads)
    return fail("--threads=" + Twine(threads) + ": the thread count must be from 1 to " +
                Twine(kMaxThreads));
  if (taskMinWork < 1)
    return fail("--task-min-work=" + Twine(taskMinWork) + ": must be at least 1");
  if (threads > 1)
    for (const onnxc::Target *t : targets)
      if (!t->hasThreads())
        return fail("--threads=" + Twine(threads) + ": target '" + t->name +
                    "' has no threads; use --threads=1 (the default) for it");
  if (optLevel != 0 && optLevel != 2)
    return fail("-O" + Twine(optLevel) + " is not supported; use -O0 or -O2");

  onnxc::ImportOptions importOptions;
  for (const std::string &s : shapes)
    if (!parseShape(s, importOptions))
      return fail("bad --shape '" + s + "'; expected INPUT=DxDx...");
  for (const std::string &s : sequences)
    if (!parseSequence(s, importOptions))
      return fail("bad --sequence '" + s + "'; expected INPUT=DxD,DxD,... (scalar for a 0-d element)");
  importOptions.absentInputs.insert(absent.begin(), absent.end());
  for (const std::string &s : maxDims)
    if (!parseMaxDim(s, importOptions, error))
      return fail(error);

  std::string name = modelName;
  if (name.empty()) {
    for (char c : sys::path::stem(modelPath))
      name += isAlnum(c) ? c : '_';
    if (name.empty() || isDigit(name[0]) || isKeyword(name))
      name = "model_" + name;
  }
  if (isKeyword(name))
    return fail("--name '" + name + "' is a C or C++ keyword");
  if (!isIdentifier(name))
    return fail("--name '" + name + "' is not a C identifier");

  mlir::MLIRContext context;
  bool errorReported = false;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      errorReported = true;
    std::string where;
    if (auto loc = dyn_cast<mlir::NameLoc>(d.getLocation()))
      where = "node '" + loc.getName().str() + "': ";
    errs() << "onnxc: " << (d.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: " : "note: ")
           << modelPath << ": " << where << d.str() << "\n";
    return mlir::success();
  });

  auto module = onnxc::importModel(context, modelPath, importOptions, error);
  if (!module)
    return fail(error);
  // Symbolic dims must reach only ops with a symbolic shape rule, checked
  // before constant folding could bake their maxima into the graph.
  if (!importOptions.maxDims.empty()) {
    mlir::func::FuncOp main;
    module->walk([&](mlir::func::FuncOp f) { main = f; });
    if (failed(onnxc::checkNoShapeReads(main)))
      return 1;
  }

  mlir::PassManager pm(&context);
  // One module serves every target: weights are pre-packed only for a
  // layout all of them read.
  int64_t sliverRows = targets.front()->gemmSliverRows;
  int64_t panelColumns = targets.front()->gemmPanelColumns;
  for (const onnxc::Target *t : targets) {
    if (t->gemmSliverRows != sliverRows)
      sliverRows = 0;
    if (t->gemmPanelColumns != panelColumns)
      panelColumns = 0;
  }
  onnxc::buildPipeline(pm, optLevel > 0, sliverRows, panelColumns);
  onnxc::CompileReport report;
  if (!reportPath.empty()) {
    report.recordGraph("imported", *module);
    report.instrument(pm);
  }
  if (failed(pm.run(*module))) {
    if (!errorReported)
      fail(modelPath + ": the pass pipeline failed");
    return 1;
  }
  if (printIR)
    module->print(outs());

  // One emission per flavour of generated code (C++, CUDA), shared by the
  // targets that compile it.
  onnxc::cpp::EmittedModel emitted[2];
  bool emittedDone[2] = {false, false};
  std::vector<onnxc::TargetOutput> outputs;
  for (const onnxc::Target *t : targets) {
    int flavour = t->cuda ? 1 : 0;
    if (!emittedDone[flavour] &&
        failed(onnxc::cpp::emitModel(*module, {name, modelPath, t->cuda, threads, taskMinWork}, emitted[flavour])))
      return 1;
    emittedDone[flavour] = true;
    outputs.push_back({t, &emitted[flavour]});
  }
  if (!onnxc::writeOutputs(outputs, name, outDir, emit == Emit::Lib, error))
    return fail(error);
  if (!reportPath.empty()) {
    report.recordGraph("optimized", *module);
    report.recordMemory(*module);
    // The first target's code (several targets: in DIR/<target>/).
    const onnxc::TargetOutput &first = outputs.front();
    report.recordCodeSize(name + first.target->sourceSuffix, first.model->source.size());
    std::string libDir = outputs.size() > 1 ? outDir + "/" + first.target->name : outDir;
    uint64_t libBytes;
    if (emit == Emit::Lib && !sys::fs::file_size(libDir + "/lib" + name + ".a", libBytes))
      report.recordCodeSize("lib" + name + ".a", libBytes);
    if (!report.write(reportPath, error))
      return fail(error);
  }
  return 0;
}
