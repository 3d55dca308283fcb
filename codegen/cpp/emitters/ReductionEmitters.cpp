//===- ReductionEmitters.cpp - Softmax, LogSoftmax, Hardmax, Reduce* ops ---===//
//
// Softmax/LogSoftmax/Hardmax view the input as [outer, axis, inner] (kernels/softmax.h).
// The Reduce* ops fold the input into the output through the output's
// strides (0 along reduced axes), after merging adjacent dimensions that are
// all kept or all reduced (kernels/reduce.h). ReduceSum with axes known only
// at run time walks the unmerged shape.
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
  // Dims may be symbolic (SymbolicDims).
  SmallVector<AffineExpr> dims = w.inDims(0);
  MLIRContext *ctx = w.op->getContext();
  w.os << "  " << kernel << "(" << w.in(0) << ", " << w.out(0) << ", "
       << w.dim(dimProduct(ArrayRef(dims).take_front(*axis), ctx)) << ", " << w.dim(dims[*axis])
       << ", "
       << w.dim(dimProduct(ArrayRef(dims).drop_front(*axis + 1), ctx)) << ");\n";
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

/// What a reduction kernel needs besides the tensors: nothing, or the type's
/// lowest/highest value (the identity of max/min).
enum class ReduceInit { None, Lowest, Highest };

/// The Reduce* ops whose axes are an attribute. `floatOnly` for those that
/// end in sqrt/log.
template <typename OpT>
OpEmitter reduceAttrOp(llvm::StringRef kernel, ReduceInit init = ReduceInit::None,
                       bool floatOnly = false) {
  return [kernel = kernel.str(), init, floatOnly](NodeWriter &w) -> LogicalResult {
    std::string type = w.inType(0);
    if (floatOnly && !isFloatType(type))
      return w.fail("element type " + type + " is not supported (float or double only)");
    auto op = llvm::cast<OpT>(w.op);
    auto reduced = reducedDims(w, toInts(op.getAxes()), /*noopWhenEmpty=*/false);
    if (failed(reduced))
      return failure();
    std::string extra;
    if (init != ReduceInit::None)
      extra = (init == ReduceInit::Lowest ? "lowest_of<" : "highest_of<") + type + ">()";
    return emitReduce(w, *reduced, kernel, extra);
  };
}

/// ReduceSum whose axes are a run-time input: the compiled result shape must
/// be the one they give, which the kernel checks (node status false if not).
LogicalResult emitReduceSumRuntimeAxes(NodeWriter &w) {
  auto op = llvm::cast<ReduceSumOp>(w.op);
  ArrayRef<int64_t> in = w.inShape(0);
  if (in.empty())
    return w.fail("run-time axes on a scalar input are not supported");
  if (w.inShape(1).size() != 1)
    return w.fail("axes must be 1-D");
  w.checksInputs = true;
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(in) << ";\n"
       << "  static constexpr int64_t out_shape[] = " << shapeLiteral(w.outShape(0))
       << ";\n"
       << "  if (!reduce_sum_runtime_axes(" << w.in(0) << ", " << w.out(0)
       << ", shape, out_shape, " << w.outShape(0).size() << ", " << w.in(1) << ", "
       << w.inShape(1)[0] << ", " << (op.getKeepdims() ? "true" : "false") << ", "
       << (op.getNoopWithEmptyAxes() ? "true" : "false") << "))\n    return false;\n";
  return success();
}

/// ReduceSum: axes is an optional constant input.
LogicalResult emitReduceSum(NodeWriter &w) {
  auto op = llvm::cast<ReduceSumOp>(w.op);
  std::optional<SmallVector<int64_t>> axes;
  if (w.has(1)) {
    axes = getConstantInts(op.getAxes());
    if (!axes)
      return emitReduceSumRuntimeAxes(w);
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
  r.add("onnx.Hardmax", [](NodeWriter &w) { return emitSoftmax<HardmaxOp>(w, "hardmax"); });
  r.allowSymbolic({"onnx.Softmax", "onnx.LogSoftmax", "onnx.Hardmax"});
  r.add("onnx.ReduceMean", reduceAttrOp<ReduceMeanOp>("reduce_mean"));
  r.add("onnx.ReduceMax", reduceAttrOp<ReduceMaxOp>("reduce_max", ReduceInit::Lowest));
  r.add("onnx.ReduceMin", reduceAttrOp<ReduceMinOp>("reduce_min", ReduceInit::Highest));
  r.add("onnx.ReduceProd", reduceAttrOp<ReduceProdOp>("reduce_prod"));
  r.add("onnx.ReduceSumSquare", reduceAttrOp<ReduceSumSquareOp>("reduce_sum_square"));
  r.add("onnx.ReduceL1", reduceAttrOp<ReduceL1Op>("reduce_l1"));
  r.add("onnx.ReduceL2", reduceAttrOp<ReduceL2Op>("reduce_l2", ReduceInit::None, true));
  r.add("onnx.ReduceLogSum",
        reduceAttrOp<ReduceLogSumOp>("reduce_log_sum", ReduceInit::None, true));
  r.add("onnx.ReduceLogSumExp",
        reduceAttrOp<ReduceLogSumExpOp>("reduce_log_sum_exp", ReduceInit::None, true));
  r.add("onnx.ReduceSum", emitReduceSum);
}

} // namespace onnxc::cpp
