//===- ReductionEmitters.cpp - Softmax, LogSoftmax and Reduce* ops ---------===//
//
// Softmax/LogSoftmax view the input as [outer, axis, inner] (kernels/softmax.h).
// ReduceSum/Max/Mean fold the input into the output through the output's
// strides (0 along reduced axes), after merging adjacent dimensions that are
// all kept or all reduced (kernels/reduce.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

template <typename OpT> LogicalResult emitSoftmax(NodeWriter &w, llvm::StringRef kernel) {
  std::string type = w.inType(0);
  if (type != "float" && type != "double")
    return w.fail("element type " + type + " is not supported (float or double only)");
  ArrayRef<int64_t> shape = w.inShape(0);
  if (w.outShape(0) != shape)
    return w.fail("result shape differs from the input shape");
  auto axis = normalizeAxis(llvm::cast<OpT>(w.op).getAxis(), shape.size());
  if (!axis)
    return w.fail("axis out of range");
  int64_t outer = ShapedType::getNumElements(shape.take_front(*axis));
  int64_t inner = ShapedType::getNumElements(shape.drop_front(*axis + 1));
  w.os << "  " << kernel << "(" << w.in(0) << ", " << w.out(0) << ", " << outer << ", "
       << shape[*axis] << ", " << inner << ");\n";
  return success();
}

/// Which input dimensions a reduction folds. No `axes` or an empty list means
/// all of them, or none with `noopWhenEmpty` (as ONNX's reference ReduceSum).
FailureOr<SmallVector<bool>> reducedDims(NodeWriter &w, std::optional<SmallVector<int64_t>> axes,
                                         bool noopWhenEmpty) {
  int64_t rank = w.inShape(0).size();
  if (!axes || axes->empty())
    return SmallVector<bool>(rank, !noopWhenEmpty);
  SmallVector<bool> reduced(rank, false);
  for (int64_t a : *axes) {
    auto n = normalizeAxis(a, rank);
    if (!n)
      return w.fail("axis " + std::to_string(a) + " out of range for rank " + std::to_string(rank));
    reduced[*n] = true;
  }
  return reduced;
}

/// The smallest value of a C++ element type (the identity of max), typed as
/// `type` so that the kernel's template argument deduces from the pointers.
std::string lowestLiteral(llvm::StringRef type) {
  std::string value;
  if (type == "float" || type == "double")
    value = "-INFINITY";
  else if (type == "bool" || type.starts_with("uint"))
    value = "0";
  else
    value = type.drop_back(2).upper() + "_MIN"; // int32_t -> INT32_MIN
  return type.str() + "(" + value + ")";
}

/// Writes `kernel(in, out, outElements, shape, outStride, n, rowReduced[,
/// extraArg])` (see kernels/reduce.h). Unit dimensions are dropped (reducing
/// them changes nothing) and adjacent dimensions of the same kind merged,
/// leaving alternating kept/reduced runs; the last run becomes the row.
LogicalResult emitReduce(NodeWriter &w, ArrayRef<bool> reduced, llvm::StringRef kernel,
                         const std::string &extraArg = "") {
  ArrayRef<int64_t> in = w.inShape(0);
  int64_t kept = 1;
  for (auto [d, r] : llvm::zip_equal(in, reduced))
    kept *= r ? 1 : d;
  if (kept != w.outElements(0)) // the result type disagrees with the axes
    return w.fail("result has " + std::to_string(w.outElements(0)) + " elements, the axes give " +
                  std::to_string(kept));
  SmallVector<int64_t> shape;
  SmallVector<bool> kind;
  for (auto [d, r] : llvm::zip_equal(in, reduced)) {
    if (d == 1)
      continue;
    if (!kind.empty() && kind.back() == r)
      shape.back() *= d;
    else {
      shape.push_back(d);
      kind.push_back(r);
    }
  }
  if (!llvm::is_contained(kind, true)) { // nothing folds: the output is the input
    w.writeCopy();
    return success();
  }
  SmallVector<int64_t> outStride(shape.size(), 0);
  for (int64_t i = shape.size() - 1, stride = 1; i >= 0; --i)
    if (!kind[i]) {
      outStride[i] = stride;
      stride *= shape[i];
    }
  int64_t n = shape.pop_back_val();
  bool rowReduced = kind.back();
  outStride.pop_back();
  if (shape.empty()) { // one row: a unit outer dimension keeps the arrays non-empty
    shape = {1};
    outStride = {0};
  }
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  static constexpr int64_t outStride[] = " << shapeLiteral(outStride) << ";\n"
       << "  " << kernel << "(" << w.in(0) << ", " << w.out(0) << ", " << w.outElements(0)
       << ", shape, outStride, " << n << ", " << (rowReduced ? "true" : "false")
       << (extraArg.empty() ? "" : ", " + extraArg) << ");\n";
  return success();
}

/// ReduceMean and ReduceMax: axes is an attribute.
template <typename OpT> OpEmitter reduceAttrOp(llvm::StringRef kernel, bool needsLowest) {
  return [kernel = kernel.str(), needsLowest](NodeWriter &w) -> LogicalResult {
    auto op = llvm::cast<OpT>(w.op);
    auto reduced = reducedDims(w, toInts(op.getAxes()), /*noopWhenEmpty=*/false);
    if (failed(reduced))
      return failure();
    return emitReduce(w, *reduced, kernel, needsLowest ? lowestLiteral(w.inType(0)) : "");
  };
}

/// ReduceSum: axes is an optional constant input.
LogicalResult emitReduceSum(NodeWriter &w) {
  auto op = llvm::cast<ReduceSumOp>(w.op);
  std::optional<SmallVector<int64_t>> axes;
  if (w.has(1)) {
    axes = getConstantInts(op.getAxes());
    if (!axes)
      return w.fail("axes must be a constant");
  }
  auto reduced = reducedDims(w, axes, op.getNoopWithEmptyAxes());
  if (failed(reduced))
    return failure();
  return emitReduce(w, *reduced, "reduce_sum");
}

} // namespace

void registerReductionEmitters(EmitterRegistry &r) {
  r.add("onnx.Softmax", [](NodeWriter &w) { return emitSoftmax<SoftmaxOp>(w, "softmax"); });
  r.add("onnx.LogSoftmax",
        [](NodeWriter &w) { return emitSoftmax<LogSoftmaxOp>(w, "log_softmax"); });
  r.add("onnx.ReduceMean", reduceAttrOp<ReduceMeanOp>("reduce_mean", false));
  r.add("onnx.ReduceMax", reduceAttrOp<ReduceMaxOp>("reduce_max", true));
  r.add("onnx.ReduceSum", emitReduceSum);
}

} // namespace onnxc::cpp
