//===- NormEmitters.cpp - normalization, GlobalMaxPool, Dropout -----------===//
//
// Each op becomes one call into kernels/{normalize,pool,dropout}.h with the
// tensor viewed as rows or [N, C, plane] and sizes as constants.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Float result 0 with the type of operand 0 (and of operands 1.. `operands`-1
/// where present).
LogicalResult requireFloat(const NodeWriter &w, unsigned operands) {
  std::string type = w.outType(0);
  if (!isFloatType(type))
    return w.fail("supports only float and double tensors in the C++ backend");
  for (unsigned i = 0; i < operands; ++i)
    if (w.has(i) && w.inType(i) != type)
      return w.fail("operands must have the element type of the result");
  return success();
}

/// Elements per (n, c) plane of operand 0 (the product of its dims after C).
int64_t planeSize(const NodeWriter &w) {
  return ShapedType::getNumElements(w.inShape(0).drop_front(2));
}

/// Result i or a null pointer when the node does not have it.
std::string optionalOut(const NodeWriter &w, unsigned i) {
  return i < w.op->getNumResults() ? w.out(i) : "nullptr";
}

/// Read step of a LayerNormalization scale or bias over a row of n elements.
FailureOr<int64_t> rowStep(const NodeWriter &w, unsigned i, int64_t n) {
  if (!w.has(i) || w.inElements(i) == 1)
    return 0;
  if (w.inElements(i) == n)
    return 1;
  return w.fail("Scale and B must have one element or one per normalized element");
}

LogicalResult emitLayerNormalization(NodeWriter &w) {
  auto op = llvm::cast<LayerNormalizationOp>(w.op);
  if (failed(requireFloat(w, 3)))
    return failure();
  ArrayRef<int64_t> x = w.inShape(0);
  int64_t axis = *normalizeAxis(op.getAxis(), x.size());
  int64_t n = ShapedType::getNumElements(x.drop_front(axis));
  auto scaleStep = rowStep(w, 1, n), biasStep = rowStep(w, 2, n);
  if (failed(scaleStep) || failed(biasStep))
    return failure();
  std::string stats = w.op->getNumResults() > 1 ? w.outType(1) : "float";
  w.os << "  layer_norm<" << w.outType(0) << ", " << stats << ">(" << w.in(0) << ", " << w.in(1)
       << ", " << *scaleStep << ", " << w.in(2) << ", " << *biasStep << ", " << w.out(0) << ", "
       << optionalOut(w, 1) << ", " << optionalOut(w, 2) << ", /*rows*/ "
       << ShapedType::getNumElements(x.take_front(axis)) << ", /*n*/ " << n << ", /*eps*/ "
       << literal(toDouble(op.getEpsilon()), "double") << ");\n";
  return success();
}

LogicalResult emitInstanceNormalization(NodeWriter &w) {
  auto op = llvm::cast<InstanceNormalizationOp>(w.op);
  if (failed(requireFloat(w, 3)))
    return failure();
  ArrayRef<int64_t> x = w.inShape(0);
  w.os << "  instance_norm(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", " << w.out(0)
       << ", " << x[0] << ", " << x[1] << ", " << planeSize(w) << ", "
       << literal(toDouble(op.getEpsilon()), "double") << ");\n";
  return success();
}

/// The kept and the reduced dims with their strides in the input, each list
/// padded to one entry (a unit dim) so that no C++ array is empty.
LogicalResult emitMeanVarianceNormalization(NodeWriter &w) {
  auto op = llvm::cast<MeanVarianceNormalizationOp>(w.op);
  if (failed(requireFloat(w, 1)))
    return failure();
  ArrayRef<int64_t> x = w.inShape(0);
  SmallVector<bool> reduced(x.size(), false);
  for (int64_t a : op.getAxesOrDefault())
    reduced[*normalizeAxis(a, x.size())] = true;
  SmallVector<int64_t> strides(x.size(), 1);
  for (int64_t d = (int64_t)x.size() - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * x[d + 1];
  SmallVector<int64_t> keptDims, keptStrides, redDims, redStrides;
  for (size_t d = 0; d < x.size(); ++d) {
    (reduced[d] ? redDims : keptDims).push_back(x[d]);
    (reduced[d] ? redStrides : keptStrides).push_back(strides[d]);
  }
  if (keptDims.empty()) {
    keptDims.push_back(1);
    keptStrides.push_back(0);
  }
  if (redDims.empty()) {
    redDims.push_back(1);
    redStrides.push_back(0);
  }
  w.os << "  static constexpr int64_t kept_dims[] = " << shapeLiteral(keptDims) << ";\n"
       << "  static constexpr int64_t kept_strides[] = " << shapeLiteral(keptStrides) << ";\n"
       << "  static constexpr int64_t red_dims[] = " << shapeLiteral(redDims) << ";\n"
       << "  static constexpr int64_t red_strides[] = " << shapeLiteral(redStrides) << ";\n"
       << "  mean_variance_norm(" << w.in(0) << ", " << w.out(0) << ", " << keptDims.size()
       << ", kept_dims, kept_strides, " << redDims.size() << ", red_dims, red_strides);\n";
  return success();
}

LogicalResult emitLRN(NodeWriter &w) {
  auto op = llvm::cast<LRNOp>(w.op);
  if (failed(requireFloat(w, 1)))
    return failure();
  ArrayRef<int64_t> x = w.inShape(0);
  w.os << "  lrn(" << w.in(0) << ", " << w.out(0) << ", " << x[0] << ", " << x[1] << ", "
       << planeSize(w) << ", /*size*/ " << op.getSize() << ", /*alpha*/ "
       << literal(toDouble(op.getAlpha()), "double") << ", /*beta*/ "
       << literal(toDouble(op.getBeta()), "double") << ", /*bias*/ "
       << literal(toDouble(op.getBias()), "double") << ");\n";
  return success();
}

LogicalResult emitGlobalMaxPool(NodeWriter &w) {
  if (w.inType(0) != w.outType(0) || w.outType(0) == "bool")
    return w.fail("needs a numeric input of the result's type");
  if (planeSize(w) == 0)
    return w.fail("cannot take the maximum of empty planes");
  // N, C and the plane may be symbolic (SymbolicDims).
  SmallVector<AffineExpr> x = w.inDims(0);
  w.os << "  global_max_pool(" << w.in(0) << ", " << w.out(0) << ", " << w.dim(x[0] * x[1]) << ", "
       << w.dim(dimProduct(ArrayRef(x).drop_front(2), w.op->getContext())) << ");\n";
  return success();
}

LogicalResult emitDropout(NodeWriter &w) {
  if (w.inType(0) != w.outType(0))
    return w.fail("output must have the input's element type");
  std::string ratioType = w.has(1) ? w.inType(1) : "float";
  std::string call = "dropout<" + w.outType(0) + ", " + ratioType + ">(" + w.in(0) + ", " +
                     w.in(1) + ", " + w.in(2) + ", " + w.out(0) + ", " + optionalOut(w, 1) +
                     ", " + std::to_string(w.outElements(0)) + ")";
  if (!w.has(2)) { // inference: never refused
    w.os << "  " << call << ";\n";
    return success();
  }
  w.checksInputs = true;
  w.os << "  if (!" << call << ")\n    return false;\n";
  return success();
}

} // namespace

void registerNormEmitters(EmitterRegistry &r) {
  r.add("onnx.LayerNormalization", emitLayerNormalization);
  r.add("onnx.InstanceNormalization", emitInstanceNormalization);
  r.add("onnx.MeanVarianceNormalization", emitMeanVarianceNormalization);
  r.add("onnx.LRN", emitLRN);
  r.add("onnx.GlobalMaxPool", emitGlobalMaxPool);
  r.allowSymbolic({"onnx.GlobalMaxPool"});
  r.add("onnx.Dropout", emitDropout);
}

} // namespace onnxc::cpp
