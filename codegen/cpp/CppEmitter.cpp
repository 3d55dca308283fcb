//===- CppEmitter.cpp - the C++ backend: planned module -> C++17 source ---===//
//
// Layout of the generated NAME.cpp:
//   the kernel library (inside an anonymous namespace: no symbol clashes)
//   the weights as const arrays
//   one static function per node, its body written by the op's emitter
//   NAME_infer_ws(), which calls the nodes in order on arena buffers
//   NAME_infer(), which does the same on a static arena
// (for CUDA, device code and host entry points instead: CudaEntryPoints.h)
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/CppEmitter.h"
#include "codegen/cpp/ConstantWriter.h"
#include "codegen/cpp/CudaEntryPoints.h"
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/SymbolicDims.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <set>

using namespace mlir;

namespace onnxc::cpp {

// The kernel library's text, embedded at build time (EmbedKernels.cmake),
// and the float16/bfloat16 conversions (kernels/half) for models that have
// half tensors.
extern const char *const kKernelSource;
extern const char *const kHalfKernelSource;
extern const char *const kParallelForSource;

namespace {

/// The SIMD intrinsics of the GEMM micro-kernel (kernels/simd_lanes.h picks
/// its code path under the same conditions); they must be included outside
/// the kernels' anonymous namespace.
const char *const kIntrinsicHeaders =
    "#if !defined(__CUDACC__) && (defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__)))\n"
    "#include <immintrin.h>\n"
    "#elif !defined(__CUDACC__) && defined(__ARM_NEON) && defined(__aarch64__)\n"
    "#include <arm_neon.h>\n"
    "#elif !defined(__CUDACC__) && defined(__wasm_simd128__)\n"
    "#include <wasm_simd128.h>\n"
    "#endif\n";

/// A graph input or output as seen by the API.
struct Port {
  std::string onnxName, param, type;
  std::string half; ///< "float16"/"bfloat16" when `type` holds its bits, else ""
  llvm::SmallVector<int64_t> shape; ///< symbolic dims at their maxima
  int64_t elements;
  std::string dims; ///< the shape as C, symbolic dims by name ("" when static)
};

/// `text` as a C string literal body: quotes, backslashes and control
/// characters escaped (ONNX names can hold anything).
std::string cString(llvm::StringRef text) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os.write_escaped(text);
  return s;
}

/// `text` safe inside a /* */ comment.
std::string commentSafe(llvm::StringRef text) {
  std::string s = cString(text);
  for (size_t at; (at = s.find("*/")) != std::string::npos;)
    s.replace(at, 2, "*\\/");
  return s;
}

/// A tensor of float16 or bfloat16.
bool isHalfTensor(Type t) {
  auto shaped = llvm::dyn_cast<ShapedType>(t);
  return shaped && !halfKind(shaped.getElementType()).empty();
}

/// Whether any value of `func` (nested regions included) is a half tensor.
bool usesHalfTypes(func::FuncOp func) {
  if (llvm::any_of(func.getArgumentTypes(), isHalfTensor))
    return true;
  return func.walk([&](Operation *op) {
               return llvm::any_of(op->getResultTypes(), isHalfTensor) ? WalkResult::interrupt()
                                                                  : WalkResult::advance();
             }).wasInterrupted();
}

std::string identifier(llvm::StringRef name, std::set<std::string> &used) {
  std::string id;
  for (char c : name)
    id += (std::isalnum((unsigned char)c) ? c : '_');
  if (id.empty() || std::isdigit((unsigned char)id[0]))
    id = "t_" + id;
  std::string unique = id;
  for (int i = 2; used.count(unique); ++i)
    unique = id + "_" + std::to_string(i);
  used.insert(unique);
  return unique;
}

class ModelEmitter {
public:
  ModelEmitter(ModuleOp module, func::FuncOp func, const EmitOptions &options)
      : module(module), func(func), opts(options), shapes(getDimSymbols(module)) {}

  LogicalResult run(EmittedModel &out);

private:
  LogicalResult collectPorts();
  std::string symbolicDims(Value v);
  std::string elementCount(Value v);
  std::string symbolChecks();
  LogicalResult emitNode(Operation *op);
  LogicalResult emitBlock(Block &block);
  LogicalResult emitIf(IfOp op);
  LogicalResult emitLoop(LoopOp op);
  LogicalResult emitScan(ScanOp op);
  void openScope(Operation *op, const char *kind);
  void closeScope();
  LogicalResult copy(Value to, Value from, const std::string &toRow = "",
                     const char *fn = "memcpy");
  std::string valueExpr(Value v, bool mutableAccess);
  void writeHeader(std::string &out);
  std::string signature(bool withWorkspace);
  std::string deviceSignature();
  std::string upper() const;
  CudaModel cudaModel(const std::string &wsChecks, const std::string &body);

  ModuleOp module;
  func::FuncOp func;
  const EmitOptions &opts;
  std::vector<Port> inputs, outputs;
  llvm::DenseMap<Value, std::string> constants;
  std::string weights, nodes, calls;
  std::string indent = "  "; ///< of the calls being written (nested in if/else)
  unsigned nodeCount = 0, loopCount = 0;
  /// Region arguments of Loop and Scan bodies: the C++ expression of each.
  llvm::DenseMap<Value, std::string> bound;
  int64_t arenaBytes = 0;
  /// --max-dim symbols: their dims per value, and their C parameter names.
  SymbolicShapes shapes;
  std::vector<std::string> symbolParams;
};

} // namespace

std::string ModelEmitter::upper() const {
  std::string s = opts.name;
  for (char &c : s)
    c = std::toupper((unsigned char)c);
  return s;
}

/// The shape of `v` as C with symbols by name ("" when it has none).
std::string ModelEmitter::symbolicDims(Value v) {
  if (!shapes.isSymbolic(v))
    return "";
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shapes.dims(v)))
    s += (i ? ", " : "") + dimExpr(d, [&](unsigned k) { return symbolParams[k]; });
  return s + "]";
}

/// Elements of `v` as C++ inside NAME_infer_ws (where `sym` holds the symbols).
std::string ModelEmitter::elementCount(Value v) {
  return dimExpr(dimProduct(shapes.dims(v), v.getContext()),
                 [](unsigned k) { return "sym[" + std::to_string(k) + "]"; });
}

/// Returns BAD_DIMENSION unless every symbol is in [1, max], every dim
/// derived from them is at least 1 (e.g. a convolution's output) and dims
/// that must match do (e.g. the inputs of a Concat).
std::string ModelEmitter::symbolChecks() {
  if (shapes.symbols.empty())
    return "";
  std::string N = upper(), checks, values;
  for (auto [k, p] : llvm::enumerate(symbolParams)) {
    checks += std::string(k ? " ||\n      " : "") + p + " < 1 || " + p + " > " + N + "_MAX_" +
              llvm::StringRef(p).upper();
    values += (k ? ", " : "") + p;
  }
  std::string out = "  if (" + checks + ")\n    return " + N + "_STATUS_BAD_DIMENSION;\n" +
                    "  const int64_t sym[] = {" + values + "};\n  (void)sym;\n";
  auto symbol = [](unsigned k) { return "sym[" + std::to_string(k) + "]"; };
  for (AffineExpr e : shapes.derived)
    if (!llvm::isa<AffineSymbolExpr>(e))
      out += "  if (" + dimExpr(e, symbol) + " < 1)\n    return " + N + "_STATUS_BAD_DIMENSION;\n";
  for (auto [a, b] : shapes.equalities)
    out += "  if (" + dimExpr(a, symbol) + " != " + dimExpr(b, symbol) + ")\n    return " + N +
           "_STATUS_BAD_DIMENSION;\n";
  return out;
}

LogicalResult ModelEmitter::collectPorts() {
  std::set<std::string> used = {"workspace", "sym", "arena"};
  for (const std::string &name : shapes.symbols.names)
    symbolParams.push_back(identifier(name, used));
  auto port = [&](Type type, Attribute name, llvm::StringRef prefix, Port &p) {
    auto t = llvm::cast<RankedTensorType>(type);
    p.onnxName = name ? llvm::cast<StringAttr>(name).str() : "";
    p.param = identifier((prefix + p.onnxName).str(), used);
    p.type = cppType(t.getElementType());
    llvm::StringRef half = halfKind(t.getElementType());
    p.half = half.empty() ? "" : half == "f16" ? "float16" : "bfloat16";
    p.shape.assign(t.getShape().begin(), t.getShape().end());
    p.elements = t.getNumElements();
    return !p.type.empty();
  };
  auto unsupported = [&](const char *kind, unsigned i, Type type) {
    return func.emitError() << kind << " " << i << " has type " << type
                            << ", whose dtype the C++ backend does not support";
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    Port p;
    Type type = func.getArgument(i).getType();
    if (!port(type, func.getArgAttr(i, "onnx.name"), "in_", p))
      return unsupported("input", i, type);
    p.dims = symbolicDims(func.getArgument(i));
    inputs.push_back(p);
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    Port p;
    Type type = func.getResultTypes()[i];
    if (!port(type, func.getResultAttr(i, "onnx.name"), "out_", p))
      return unsupported("output", i, type);
    p.dims = symbolicDims(func.getBody().front().getTerminator()->getOperand(i));
    outputs.push_back(p);
  }
  return success();
}

/// The C++ expression for the buffer holding `v` inside NAME_infer_ws.
std::string ModelEmitter::valueExpr(Value v, bool mutableAccess) {
  if (bound.count(v))
    return bound.lookup(v);
  if (auto arg = llvm::dyn_cast<BlockArgument>(v))
    return inputs[arg.getArgNumber()].param;
  if (constants.count(v))
    return constants.lookup(v);
  Operation *def = v.getDefiningOp();
  auto result = llvm::cast<OpResult>(v);
  auto offsets = def->getAttrOfType<ArrayAttr>(kArenaOffsetAttr);
  int64_t offset = llvm::cast<IntegerAttr>(offsets[result.getResultNumber()]).getInt();
  std::string type = cppType(llvm::cast<ShapedType>(v.getType()).getElementType());
  if (offset >= 0)
    return "reinterpret_cast<" + std::string(mutableAccess ? "" : "const ") + type +
           " *>(arena + " + std::to_string(offset) + ")";
  // Written straight into the graph output that returns it.
  for (OpOperand &use : v.getUses())
    if (llvm::isa<func::ReturnOp>(use.getOwner()))
      return outputs[use.getOperandNumber()].param;
  llvm_unreachable("result has neither an arena offset nor an output");
}

LogicalResult ModelEmitter::emitNode(Operation *op) {
  const OpEmitter *emitter = EmitterRegistry::get().lookup(op->getName().getStringRef());
  if (!emitter)
    return op->emitOpError("is not supported by the C++ backend");
  if ((llvm::any_of(op->getOperandTypes(), isHalfTensor) ||
       llvm::any_of(op->getResultTypes(), isHalfTensor)) &&
      !EmitterRegistry::get().supportsHalf(op->getName().getStringRef()))
    return op->emitOpError("has float16 or bfloat16 tensors, which its C++ emitter does not "
                           "support yet");
  std::string fn = "node" + std::to_string(nodeCount++);
  std::string params, args, body;
  llvm::raw_string_ostream bodyOs(body);
  NodeWriter writer(op, bodyOs);
  writer.threads = opts.threads;
  if (!shapes.symbols.empty())
    writer.symbolic = &shapes;
  for (unsigned i = 0; i < op->getNumOperands(); ++i) {
    if (!writer.has(i))
      continue;
    std::string type = writer.inType(i);
    if (type.empty())
      return op->emitOpError("operand ") << i << " has a dtype the C++ backend does not support";
    params += (params.empty() ? "" : ", ") + ("const " + type + " *" + writer.in(i));
    args += (args.empty() ? "" : ", ") + valueExpr(op->getOperand(i), false);
  }
  for (unsigned i = 0; i < op->getNumResults(); ++i) {
    std::string type = writer.outType(i);
    if (type.empty())
      return op->emitOpError("result ") << i << " has a dtype the C++ backend does not support";
    params += (params.empty() ? "" : ", ") + (type + " *" + writer.out(i));
    args += (args.empty() ? "" : ", ") + valueExpr(op->getResult(i), true);
  }
  if (writer.isSymbolic()) {
    if (!EmitterRegistry::get().supportsSymbolic(op->getName().getStringRef()))
      return op->emitOpError("has --max-dim dimensions, which its C++ emitter does not "
                             "support yet; fix them with --shape");
    params += ", const int64_t *sym";
    args += ", sym";
  }
  if (failed((*emitter)(writer)))
    return failure();

  std::string comment;
  llvm::raw_string_ostream c(comment);
  c << "// " << op->getName().getStringRef().drop_front(5);
  if (auto loc = llvm::dyn_cast<NameLoc>(op->getLoc()))
    c << " \"" << cString(loc.getName().strref()) << "\"";
  c << ": ";
  llvm::interleaveComma(op->getOperandTypes(), c);
  c << " -> ";
  llvm::interleaveComma(op->getResultTypes(), c);
  if (writer.checksInputs && opts.cuda)
    return op->emitOpError("checks its inputs at run time, which the cuda target does not "
                           "support yet");
  if (writer.checksInputs) {
    nodes += comment + "\nbool " + fn + "(" + params + ") {\n" + body + "  return true;\n}\n\n";
    calls += indent + "if (!" + fn + "(" + args + "))\n" + indent + "  return " + upper() +
             "_STATUS_INVALID_INPUT;\n";
  } else {
    nodes += comment + (opts.cuda ? "\n__device__ void " : "\nvoid ") + fn + "(" + params + ") {\n" + body + "}\n\n";
    calls += indent + fn + "(" + args + ");\n";
  }
  return success();
}

/// The calls of the ops of `block`, in order (constants are weights, and
/// terminators are handled by the op that owns the block).
LogicalResult ModelEmitter::emitBlock(Block &block) {
  for (Operation &op : block) {
    if (llvm::isa<ConstantOp, NoValueOp>(op) || op.hasTrait<OpTrait::IsTerminator>())
      continue;
    LogicalResult done = failure();
    if (auto ifOp = llvm::dyn_cast<IfOp>(op))
      done = emitIf(ifOp);
    else if (auto loop = llvm::dyn_cast<LoopOp>(op))
      done = emitLoop(loop);
    else if (auto scan = llvm::dyn_cast<ScanOp>(op))
      done = emitScan(scan);
    else
      done = emitNode(&op);
    if (failed(done))
      return failure();
  }
  return success();
}

/// Writes `fn(to[+ toRow * elements], from, bytes of from)`: a region's
/// output into the op's result (or into row `toRow` of it).
LogicalResult ModelEmitter::copy(Value to, Value from, const std::string &toRow,
                                 const char *fn) {
  auto type = llvm::cast<RankedTensorType>(from.getType());
  std::string elem = cppType(type.getElementType());
  if (elem.empty())
    return to.getDefiningOp()->emitOpError("result has a dtype the C++ backend does not support");
  std::string n = std::to_string(type.getNumElements());
  std::string dest = valueExpr(to, true) + (toRow.empty() ? "" : " + " + toRow + " * " + n);
  calls += indent + fn + "(" + dest + ", " + valueExpr(from, false) + ", " + n + " * sizeof(" +
           elem + "));\n";
  return success();
}

void ModelEmitter::openScope(Operation *op, const char *kind) {
  calls += indent + "{ // " + kind;
  if (auto loc = llvm::dyn_cast<NameLoc>(op->getLoc()))
    calls += " \"" + cString(loc.getName().strref()) + "\"";
  calls += "\n";
  indent += "  ";
}

void ModelEmitter::closeScope() {
  indent.resize(indent.size() - 2);
  calls += indent + "}\n";
}

/// Loop: the carried values live in the Loop's results (the body reads them
/// there and its outputs are copied back after each iteration); each scan
/// output slice goes to row i. Rows past the last iteration are zero.
LogicalResult ModelEmitter::emitLoop(LoopOp op) {
  std::string id = "loop" + std::to_string(loopCount++);
  std::string i = id + "_iter[0]";
  Block &body = op.getBody().front();
  Operation *yield = body.getTerminator();
  unsigned carried = op.getVInitial().size();
  openScope(op, "Loop");
  for (unsigned k = 0; k < carried; ++k)
    if (failed(copy(op.getResult(k), op.getVInitial()[k])))
      return failure();
  bool hasM = !llvm::isa<NoneType>(op.getM().getType());
  bool hasCond = !llvm::isa<NoneType>(op.getCond().getType());
  calls += indent + "const int64_t " + id + "_trip = " +
           (hasM ? "*" + valueExpr(op.getM(), false) : std::string("INT64_MAX")) + ";\n" +
           indent + "bool " + id + "_cond[1] = {" +
           (hasCond ? "*" + valueExpr(op.getCond(), false) : std::string("true")) + "};\n" +
           indent + "int64_t " + id + "_iter[1] = {0};\n" + indent + "for (; " + i + " < " + id +
           "_trip && " + id + "_cond[0]; ++" + i + ") {\n";
  indent += "  ";
  bool scans = op.getNumResults() > carried;
  if (scans)
    calls += indent + "if (" + i + " >= " +
             std::to_string(llvm::cast<RankedTensorType>(op.getResult(carried).getType()).getDimSize(0)) +
             ")\n" + indent + "  return " + upper() + "_STATUS_LOOP_LIMIT;\n";
  bound[body.getArgument(0)] = id + "_iter";
  bound[body.getArgument(1)] = id + "_cond";
  for (unsigned k = 0; k < carried; ++k)
    bound[body.getArgument(2 + k)] = valueExpr(op.getResult(k), true);
  if (failed(emitBlock(body)))
    return failure();
  calls += indent + id + "_cond[0] = *" + valueExpr(yield->getOperand(0), false) + ";\n";
  // Scan rows first: a row may be the carried state itself (Identity of a
  // body argument, folded), which must be read before it is updated.
  for (unsigned j = carried; j < op.getNumResults(); ++j)
    if (failed(copy(op.getResult(j), yield->getOperand(1 + j), i)))
      return failure();
  for (unsigned k = 0; k < carried; ++k)
    if (yield->getOperand(1 + k) != body.getArgument(2 + k) &&
        failed(copy(op.getResult(k), yield->getOperand(1 + k), "", "memmove")))
      return failure();
  closeScope();
  for (unsigned j = carried; j < op.getNumResults(); ++j) {
    auto type = llvm::cast<RankedTensorType>(op.getResult(j).getType());
    int64_t row = type.getNumElements() / std::max<int64_t>(type.getDimSize(0), 1);
    std::string elem = cppType(type.getElementType());
    calls += indent + "memset(" + valueExpr(op.getResult(j), true) + " + " + i + " * " +
             std::to_string(row) + ", 0, (" + std::to_string(type.getDimSize(0)) + " - " + i +
             ") * " + std::to_string(row) + " * sizeof(" + elem + "));\n";
  }
  closeScope();
  return success();
}

/// Scan over axis 0: the states live in the Scan's results; iteration t
/// reads row t (or seq-1-t, reverse) of each scan input in place and writes
/// row t (or seq-1-t) of each scan output.
LogicalResult ModelEmitter::emitScan(ScanOp op) {
  std::string t = "scan" + std::to_string(loopCount++) + "_t";
  Block &body = op.getBody().front();
  Operation *yield = body.getTerminator();
  int64_t scans = op.getNumScanInputs();
  unsigned states = op.getInputs().size() - scans;
  int64_t seq = llvm::cast<RankedTensorType>(op.getInputs()[states].getType()).getDimSize(0);
  auto reversed = [&](std::optional<ArrayAttr> dirs, unsigned k) {
    bool rev = dirs && k < dirs->size() && llvm::cast<IntegerAttr>((*dirs)[k]).getInt() == 1;
    return rev ? "(" + std::to_string(seq - 1) + " - " + t + ")" : t;
  };
  openScope(op, "Scan");
  for (unsigned k = 0; k < states; ++k)
    if (failed(copy(op.getResult(k), op.getInputs()[k])))
      return failure();
  calls += indent + "for (int64_t " + t + " = 0; " + t + " < " + std::to_string(seq) + "; ++" + t +
           ") {\n";
  indent += "  ";
  for (unsigned k = 0; k < states; ++k)
    bound[body.getArgument(k)] = valueExpr(op.getResult(k), true);
  for (int64_t m = 0; m < scans; ++m) {
    Value in = op.getInputs()[states + m];
    auto type = llvm::cast<RankedTensorType>(in.getType());
    if (type.getDimSize(0) != seq)
      return op.emitOpError("scan inputs differ in length");
    bound[body.getArgument(states + m)] =
        "(" + valueExpr(in, false) + " + " + reversed(op.getScanInputDirections(), m) + " * " +
        std::to_string(type.getNumElements() / std::max<int64_t>(seq, 1)) + ")";
  }
  if (failed(emitBlock(body)))
    return failure();
  for (unsigned k = 0; k < states; ++k)
    if (yield->getOperand(k) != body.getArgument(k) &&
        failed(copy(op.getResult(k), yield->getOperand(k), "", "memmove")))
      return failure();
  for (unsigned j = states; j < op.getNumResults(); ++j)
    if (failed(copy(op.getResult(j), yield->getOperand(j),
                    reversed(op.getScanOutputDirections(), j - states))))
      return failure();
  closeScope();
  closeScope();
  return success();
}

/// A real if/else; each branch ends by copying what it yields into the If's
/// results.
LogicalResult ModelEmitter::emitIf(IfOp op) {
  calls += indent + "// If";
  if (auto loc = llvm::dyn_cast<NameLoc>(op.getLoc()))
    calls += " \"" + cString(loc.getName().strref()) + "\"";
  calls += "\n" + indent + "if (*" + valueExpr(op.getCond(), false) + ") {\n";
  for (Region *branch : {&op.getThenBranch(), &op.getElseBranch()}) {
    if (branch == &op.getElseBranch())
      calls += indent + "} else {\n";
    indent += "  ";
    if (failed(emitBlock(branch->front())))
      return failure();
    Operation *yield = branch->front().getTerminator();
    for (auto [v, result] : llvm::zip(yield->getOperands(), op.getResults()))
      if (failed(copy(result, v)))
        return failure();
    indent.resize(indent.size() - 2);
  }
  calls += indent + "}\n";
  return success();
}

std::string ModelEmitter::deviceSignature() {
  std::string s = signature(false);
  return s.replace(s.find("_infer("), 7, "_infer_device(");
}

CudaModel ModelEmitter::cudaModel(const std::string &wsChecks, const std::string &body) {
  CudaModel m{opts.name, upper(), {}, {}, body, wsChecks, arenaBytes};
  for (const Port &p : inputs)
    m.inputs.push_back({p.param, p.type, p.elements});
  for (const Port &p : outputs)
    m.outputs.push_back({p.param, p.type, p.elements});
  return m;
}

std::string ModelEmitter::signature(bool withWorkspace) {
  std::string s = "int " + opts.name + (withWorkspace ? "_infer_ws(void *workspace" : "_infer(");
  bool first = !withWorkspace;
  for (const std::string &p : symbolParams) {
    s += (first ? "" : ", ") + ("int64_t " + p);
    first = false;
  }
  for (const Port &p : inputs) {
    s += (first ? "" : ", ") + ("const " + p.type + " *" + p.param);
    first = false;
  }
  for (const Port &p : outputs) {
    s += (first ? "" : ", ") + (p.type + " *" + p.param);
    first = false;
  }
  return s + ")";
}

void ModelEmitter::writeHeader(std::string &h) {
  std::string N = upper();
  llvm::raw_string_ostream os(h);
  os << "/* " << opts.name << ".h - generated by onnxc from " << commentSafe(opts.modelPath)
     << "; do not edit. */\n"
     << "#ifndef " << N << "_ONNXC_H\n#define " << N << "_ONNXC_H\n\n"
     << "#include <stdint.h>\n#ifndef __cplusplus\n#include <stdbool.h>\n#endif\n\n"
     << "/* Bytes of scratch memory NAME_infer_ws() needs (64-byte aligned). */\n"
     << "#define " << N << "_WORKSPACE_BYTES " << arenaBytes << "\n"
     << "#define " << N << "_WORKSPACE_ALIGNMENT 64\n\n"
     << "/* Status codes. */\n"
     << "#define " << N << "_STATUS_OK 0\n"
     << "#define " << N << "_STATUS_NULL_ARGUMENT 1\n"
     << "#define " << N << "_STATUS_MISALIGNED_WORKSPACE 2\n"
     << "#define " << N << "_STATUS_INVALID_INPUT 4\n"
     << "#define " << N << "_STATUS_LOOP_LIMIT 5 /* a Loop needed more iterations than its "
     << "scan outputs have rows */\n"
     << "#define " << N << "_STATUS_BAD_DIMENSION 6 /* a symbolic dimension is below 1 or above "
     << "its maximum, or gives an intermediate dimension below 1 or two that must match but differ */\n\n";
  if (!symbolParams.empty()) {
    os << "/* Symbolic dimensions (--max-dim): run-time arguments of " << opts.name
       << "_infer(), each from 1\n   to its maximum. The workspace is sized for the maxima; "
       << "inputs and outputs are\n   dense in their run-time shape (shown in each comment), "
       << "so buffers of\n   _ELEMENTS (the count at the maxima) fit every run. */\n";
    for (auto [k, p] : llvm::enumerate(symbolParams))
      os << "#define " << N << "_MAX_" << llvm::StringRef(p).upper() << " "
         << shapes.symbols.maxima[k] << " /* \"" << commentSafe(shapes.symbols.names[k])
         << "\" */\n";
    os << "\n";
  }
  auto ports = [&](const char *kind, const char *tag, const std::vector<Port> &list) {
    os << "#define " << N << "_NUM_" << kind << "S " << list.size() << "\n";
    for (auto [i, p] : llvm::enumerate(list)) {
      std::string pre = N + "_" + tag + std::to_string(i);
      os << "/* " << kind << " " << i << ": \"" << commentSafe(p.onnxName) << "\" " << p.type
         << (p.dims.empty() ? shapeLiteral(p.shape) : p.dims + ", at most " + shapeLiteral(p.shape))
         << (p.half.empty() ? "" : ", " + p.half + ": each element passed as its bits")
         << " */\n"
         << "#define " << pre << "_NAME \"" << cString(p.onnxName) << "\"\n"
         << "#define " << pre << "_DTYPE \"" << p.type << "\"\n"
         << "#define " << pre << "_RANK " << p.shape.size() << "\n"
         << "#define " << pre << "_SHAPE " << shapeLiteral(p.shape) << "\n"
         << "#define " << pre << "_ELEMENTS " << p.elements << "\n";
    }
    os << "\n";
  };
  ports("INPUT", "INPUT", inputs);
  ports("OUTPUT", "OUTPUT", outputs);
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* Runs the model on a static arena; not reentrant. Inputs then outputs,\n"
     << "   in graph order; buffers must not overlap. Returns a status code.\n"
     << "   An ONNX sequence is one buffer per element (\"NAME[i]\", count and shapes\n"
     << "   fixed at compile time by --sequence); an optional is its value's buffers\n"
     << "   when present and none when compiled absent (--absent). */\n"
     << signature(false) << ";\n"
     << (opts.cuda ? "/* Reentrant: workspace (WORKSPACE_BYTES), inputs and outputs are device\n"
                     "   memory. */\n"
                   : "/* Reentrant: scratch memory is the caller's WORKSPACE_BYTES buffer. */\n")
     << signature(true) << ";\n";
  if (opts.cuda)
    writeCudaHeaderDeclarations(os, cudaModel("", ""), deviceSignature());
  if (opts.threads > 1)
    os << "\n/* Built with --threads=" << opts.threads << ": the heavy kernels split into up to "
       << opts.threads << " tasks and run\n   them with " << opts.name
       << "_parallel_for, which must call task(context, i) for every\n   i < count (in any "
       << "order, on any threads) and return when all are done. The\n   library's default is "
       << "weak and runs them on a pool of pthreads; define\n   " << opts.name
       << "_parallel_for in your program to use your own thread pool. */\n"
       << "#define " << N << "_THREADS " << opts.threads << "\n"
       << "void " << opts.name << "_parallel_for(int64_t count, void (*task)(void *context, "
       << "int64_t index),\n    void *context);\n";
  os
     << "const char *" << opts.name << "_status_string(int status);\n\n"
     << "#ifdef __cplusplus\n} /* extern \"C\" */\n\n"
     << "namespace " << opts.name << " {\n"
     << "constexpr unsigned long workspace_bytes = " << N << "_WORKSPACE_BYTES;\n";
  std::string params, args;
  for (const std::string &p : symbolParams) {
    params += (params.empty() ? "" : ", ") + ("int64_t " + p);
    args += (args.empty() ? "" : ", ") + p;
  }
  for (const Port &p : inputs) {
    params += (params.empty() ? "" : ", ") + ("const " + p.type + " *" + p.param);
    args += (args.empty() ? "" : ", ") + p.param;
  }
  for (const Port &p : outputs) {
    params += (params.empty() ? "" : ", ") + (p.type + " *" + p.param);
    args += (args.empty() ? "" : ", ") + p.param;
  }
  os << "inline int infer(" << params << ") { return " << opts.name << "_infer(" << args
     << "); }\n"
     << "inline int infer_ws(void *workspace" << (params.empty() ? "" : ", ") << params
     << ") { return " << opts.name << "_infer_ws(workspace" << (args.empty() ? "" : ", ")
     << args << "); }\n"
     << "inline const char *status_string(int status) { return " << opts.name
     << "_status_string(status); }\n"
     << "} // namespace " << opts.name << "\n#endif\n\n#endif\n";
}

LogicalResult ModelEmitter::run(EmittedModel &out) {
  if (auto bytes = module->getAttrOfType<IntegerAttr>(kArenaBytesAttr))
    arenaBytes = bytes.getInt();
  else
    return module.emitError("memory planning has not run");
  if (!shapes.symbols.empty()) {
    if (opts.cuda)
      return module.emitError("--max-dim is not supported on the cuda target yet");
    if (failed(shapes.compute(func)))
      return failure();
  }
  if (failed(collectPorts()))
    return failure();

  llvm::raw_string_ostream weightsOs(weights);
  WalkResult walk = func.walk([&](ConstantOp cst) {
    std::string name = "w" + std::to_string(constants.size());
    auto dense = llvm::dyn_cast<DenseElementsAttr>(cst.getValue());
    if (opts.cuda)
      weightsOs << "__device__ ";
    if (!dense || !writeConstantArray(weightsOs, name, dense)) {
      cst.emitOpError("constant has a type the C++ backend does not support");
      return WalkResult::interrupt();
    }
    constants[cst.getResult()] = name;
    return WalkResult::advance();
  });
  if (walk.wasInterrupted() || failed(emitBlock(func.getBody().front())))
    return failure();
  // Outputs not computed in place: graph inputs, constants, values returned
  // twice.
  Operation *ret = func.getBody().front().getTerminator();
  std::string copies;
  for (auto [i, v] : llvm::enumerate(ret->getOperands())) {
    if (writesToGraphOutput(v))
      continue;
    copies += "  memcpy(" + outputs[i].param + ", " + valueExpr(v, false) + ", " +
              elementCount(v) + " * sizeof(" + outputs[i].type + "));\n";
  }

  writeHeader(out.header);
  std::string N = upper();
  std::string checks = "workspace";
  for (const Port &p : inputs)
    checks += " || !" + p.param;
  for (const Port &p : outputs)
    checks += " || !" + p.param;
  std::string callArgs;
  for (const std::string &p : symbolParams)
    callArgs += ", " + p;
  for (const Port &p : inputs)
    callArgs += ", " + p.param;
  for (const Port &p : outputs)
    callArgs += ", " + p.param;

  std::string wsChecks = "  if (!" + checks + ")\n    return " + N + "_STATUS_NULL_ARGUMENT;\n" +
                         "  if (reinterpret_cast<uintptr_t>(workspace) % " + N +
                         "_WORKSPACE_ALIGNMENT)\n    return " + N + "_STATUS_MISALIGNED_WORKSPACE;\n" +
                         symbolChecks();

  llvm::raw_string_ostream os(out.source);
  os << "// " << opts.name << (opts.cuda ? ".cu" : ".cpp") << " - generated by onnxc from "
     << cString(opts.modelPath) << "; do not edit.\n"
     << "#include \"" << opts.name << ".h\"\n\n"
     << (opts.cuda ? "#include <cuda_runtime.h>\n" : "")
     << "#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n"
     << kIntrinsicHeaders << (opts.threads > 1 ? "#include <pthread.h>\n" : "") << "\n"
     << "namespace {\n\n"
     << "// ---- kernel library (codegen/cpp/kernels) ----\n"
     << (opts.cuda ? deviceKernels(kKernelSource) : std::string(kKernelSource)) << "\n"
     << (!usesHalfTypes(func) ? std::string()
         : opts.cuda          ? deviceKernels(kHalfKernelSource) + "\n"
                              : std::string(kHalfKernelSource) + "\n")
     << "using namespace onnxc_kernels;\n\n"
     << (opts.threads > 1 ? "constexpr Threads kThreads = {" + opts.name + "_parallel_for, " +
                                std::to_string(opts.threads) + ", " +
                                std::to_string(opts.taskMinWork) + "};\n\n"
                          : "")
     << "// ---- weights ----\n"
     << weights << "\n"
     << "// ---- nodes ----\n"
     << nodes;
  if (opts.cuda) {
    writeCudaEntryPoints(os, cudaModel(wsChecks, calls + copies), signature(true), deviceSignature(),
                         signature(false));
  } else {
    os << "alignas(64) unsigned char static_arena[" << std::max<int64_t>(arenaBytes, 1)
       << "];\n\n"
       << "} // namespace\n\n"
       << "extern \"C\" " << signature(true) << " {\n"
       << wsChecks
       << "  unsigned char *arena = static_cast<unsigned char *>(workspace);\n"
       << "  (void)arena;\n"
       << calls << copies << "  return " << N << "_STATUS_OK;\n}\n\n"
       << "extern \"C\" " << signature(false) << " {\n"
       << "  return " << opts.name << "_infer_ws(static_arena" << callArgs << ");\n}\n\n";
  }
  os << "extern \"C\" const char *" << opts.name << "_status_string(int status) {\n"
     << "  switch (status) {\n"
     << "  case " << N << "_STATUS_OK: return \"ok\";\n"
     << "  case " << N << "_STATUS_NULL_ARGUMENT: return \"a buffer argument is null\";\n"
     << "  case " << N << "_STATUS_MISALIGNED_WORKSPACE: return \"the workspace is not "
     << "aligned to " << N << "_WORKSPACE_ALIGNMENT bytes\";\n"
     << (opts.cuda ? "  case " + N + "_STATUS_CUDA_ERROR: return \"a CUDA call failed\";\n" : "")
     << "  case " << N << "_STATUS_INVALID_INPUT: return \"an input holds a value the "
     << "compiled model cannot run on (e.g. axes that give another output shape)\";\n"
     << "  case " << N << "_STATUS_LOOP_LIMIT: return \"a Loop needed more iterations than its "
     << "scan outputs have rows\";\n"
     << "  case " << N << "_STATUS_BAD_DIMENSION: return \"a symbolic dimension is below 1 or "
     << "above its maximum, or gives an intermediate dimension below 1 or two that must match but differ\";\n"
     << "  default: return \"unknown status\";\n  }\n}\n";
  if (opts.threads > 1)
    os << "\n// ---- the default parallel_for hook (runtime_stub/) ----\n"
       << replaceAll(kParallelForSource, "ONNXC_PARALLEL_FOR", opts.name + "_parallel_for");
  return success();
}

LogicalResult emitModel(ModuleOp module, const EmitOptions &options, EmittedModel &out) {
  func::FuncOp func;
  module.walk([&](func::FuncOp f) { func = f; });
  if (!func)
    return module.emitError("no function to emit");
  return ModelEmitter(module, func, options).run(out);
}

} // namespace onnxc::cpp
