//===- RecurrentEmitters.cpp - LSTM, GRU, RNN ------------------------------===//
//
// Each op becomes one call into kernels/rnn.h with its geometry and its
// activations (resolved by compiler/dialect/Recurrent.cpp, as the verifier
// and shape inference read them) as compile-time constants.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/Recurrent.h"
#include "passes/TransposeRecurrentWeights.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Operand i as a typed pointer: the kernels deduce T from every pointer,
/// and an absent operand is a null one.
std::string typedIn(const NodeWriter &w, unsigned i, const std::string &type) {
  return "static_cast<const " + type + " *>(" + w.in(i) + ")";
}

/// Writes the shape, activations and scratch declarations and returns the
/// element type, or fails when the op's operands cannot run on the kernels.
FailureOr<std::string> writePrologue(NodeWriter &w, int64_t gates, int64_t extraPerHidden) {
  std::string type = w.outType(0);
  if (!isFloatType(type))
    return w.fail("supports only float and double tensors in the C++ backend");
  for (unsigned i = 0; i < w.op->getNumOperands(); ++i)
    if (w.has(i) && i != 4 && w.inType(i) != type)
      return w.fail("operands must have the element type of the result");
  RecurrentGeometry geo;
  std::string err = recurrentGeometry(w.op, geo);
  llvm::SmallVector<RecurrentActivation> acts;
  if (err.empty())
    err = recurrentActivations(w.op, geo, acts);
  if (!err.empty())
    return w.fail(err);
  const bool rTransposed = w.op->hasAttr(kRTransposedAttr);
  double clip = 0;
  if (auto attr = w.op->getAttrOfType<FloatAttr>("clip"))
    clip = attr.getValueAsDouble();
  // The sequence length and batch may be symbolic (SymbolicDims).
  SmallVector<AffineExpr> x = w.inDims(0);
  w.os << "  " << w.shapeArrayDecl() << " RnnShape shape = {" << w.dim(x[geo.batchMajor ? 1 : 0])
       << ", " << w.dim(x[geo.batchMajor ? 0 : 1]) << ", "
       << geo.input << ", " << geo.hidden << ", " << geo.dirs << ", "
       << (geo.batchMajor ? "true" : "false") << ", " << (geo.reverse ? "true" : "false") << ", "
       << literal(clip, "float") << ", "
       << (w.op->hasAttr(kWTransposedAttr) ? "true" : "false") << ", "
       << (rTransposed ? "true" : "false") << "};\n"
       << "  static constexpr RnnActivation acts[] = {";
  for (auto [i, a] : llvm::enumerate(acts))
    w.os << (i ? ", " : "") << "{RnnActivationKind(" << a.kind << "), " << literal(a.alpha, "float")
         << ", " << literal(a.beta, "float") << "}";
  w.os << "}; // ";
  for (auto [i, a] : llvm::enumerate(acts))
    w.os << (i ? ", " : "") << recurrentActivationNames()[a.kind];
  // Sized for the longest sequence (a symbolic one at its maximum).
  int64_t steps = w.inShape(0)[geo.batchMajor ? 1 : 0];
  w.os << "\n  constexpr int64_t scratch_size = rnn_scratch_size<" << type << ">("
       << gates * geo.hidden << ", " << geo.hidden << ", " << steps << ", "
       << extraPerHidden * geo.hidden << ", " << (rTransposed ? "true" : "false") << ");\n"
       << "  alignas(64) " << type << " scratch[scratch_size];\n";
  return type;
}

/// The operands every recurrent kernel takes first: X, W, R, B, sequence_lens,
/// initial_h.
std::string commonArgs(const NodeWriter &w, const std::string &type) {
  return "shape, " + typedIn(w, 0, type) + ", " + typedIn(w, 1, type) + ", " +
         typedIn(w, 2, type) + ", " + typedIn(w, 3, type) + ", static_cast<const int32_t *>(" +
         w.in(4) + "), " + typedIn(w, 5, type);
}

LogicalResult emitLSTM(NodeWriter &w) {
  auto type = writePrologue(w, 4, 0);
  if (failed(type))
    return failure();
  auto op = llvm::cast<LSTMOp>(w.op);
  w.os << "  lstm(" << commonArgs(w, *type) << ", " << typedIn(w, 6, *type) << ", "
       << typedIn(w, 7, *type) << ", acts, " << (op.getInputForget() ? "true" : "false") << ", "
       << w.out(0) << ", " << w.out(1) << ", " << w.out(2) << ", scratch, scratch_size);\n";
  return success();
}

LogicalResult emitGRU(NodeWriter &w) {
  auto type = writePrologue(w, 3, 2);
  if (failed(type))
    return failure();
  auto op = llvm::cast<GRUOp>(w.op);
  w.os << "  gru(" << commonArgs(w, *type) << ", acts, "
       << (op.getLinearBeforeReset() ? "true" : "false") << ", " << w.out(0) << ", " << w.out(1)
       << ", scratch, scratch_size);\n";
  return success();
}

LogicalResult emitRNN(NodeWriter &w) {
  auto type = writePrologue(w, 1, 0);
  if (failed(type))
    return failure();
  w.os << "  rnn(" << commonArgs(w, *type) << ", acts, " << w.out(0) << ", " << w.out(1)
       << ", scratch, scratch_size);\n";
  return success();
}

} // namespace

void registerRecurrentEmitters(EmitterRegistry &r) {
  r.add("onnx.LSTM", emitLSTM);
  r.add("onnx.GRU", emitGRU);
  r.add("onnx.RNN", emitRNN);
  r.allowSymbolic({"onnx.LSTM", "onnx.GRU", "onnx.RNN"});
}

} // namespace onnxc::cpp
