//===- IndexEmitters.cpp - ArgMax/Min, Gather/ScatterElements, CumSum, Size -===//
//
// Axis ops view their input as [outer, axis dim, inner]
// (kernels/arg_extreme.h, kernels/cumsum.h); the elements gather/scatter
// walk the indices with data's strides (kernels/elements_indexing.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// The sizes before, at and after `axis` of `shape`.
struct AxisView {
  int64_t outer, dim, inner;
};
AxisView viewAround(ArrayRef<int64_t> shape, int64_t axis) {
  return {ShapedType::getNumElements(shape.take_front(axis)), shape[axis],
          ShapedType::getNumElements(shape.drop_front(axis + 1))};
}

template <typename OpT> LogicalResult emitArg(NodeWriter &w, bool isMax) {
  auto op = llvm::cast<OpT>(w.op);
  ArrayRef<int64_t> in = w.inShape(0);
  auto axis = normalizeAxis(op.getAxis(), in.size());
  if (!axis)
    return w.fail("axis out of range");
  AxisView v = viewAround(in, *axis);
  if (v.dim == 0)
    return w.fail("cannot reduce an empty axis");
  if (v.outer * v.inner != w.outElements(0))
    return w.fail("result size does not match the input with the axis reduced");
  w.os << "  arg_extreme(" << w.in(0) << ", " << w.out(0) << ", " << v.outer << ", " << v.dim
       << ", " << v.inner << ", " << (isMax ? "true" : "false") << ", "
       << (op.getSelectLastIndex() ? "true" : "false") << ");\n";
  return success();
}

LogicalResult emitSize(NodeWriter &w) {
  w.os << "  " << w.out(0) << "[0] = " << w.inElements(0) << ";\n";
  return success();
}

/// Writes the index-walk constants of kernels/elements_indexing.h: `shape`
/// (of indices) and `dataStride`, and returns "axisDim, axisStride".
FailureOr<std::string> writeElementsWalk(NodeWriter &w, int64_t axisAttr) {
  ArrayRef<int64_t> data = w.inShape(0), idx = w.inShape(1);
  auto axis = normalizeAxis(axisAttr, data.size());
  if (!axis || idx.size() != data.size())
    return w.fail("axis out of range or data and indices ranks differ");
  SmallVector<int64_t> stride(data.size()), shape(idx);
  for (int64_t d = data.size() - 1, s = 1; d >= 0; s *= data[d--])
    stride[d] = s;
  int64_t axisStride = stride[*axis];
  stride[*axis] = 0;
  for (size_t d = 0; d < idx.size(); ++d)
    if (d != *axis && idx[d] > data[d])
      return w.fail("indices exceed data along dim " + std::to_string(d));
  if (shape.empty()) {
    shape = {1};
    stride = {0};
  }
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  static constexpr int64_t dataStride[] = " << shapeLiteral(stride) << ";\n";
  return std::to_string(data.empty() ? 1 : data[*axis]) + ", " + std::to_string(axisStride);
}

LogicalResult emitGatherElements(NodeWriter &w) {
  auto walk = writeElementsWalk(w, llvm::cast<GatherElementsOp>(w.op).getAxis());
  if (failed(walk))
    return failure();
  w.os << "  gather_elements(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0)
       << ", shape, dataStride, " << *walk << ");\n";
  return success();
}

LogicalResult emitScatterElements(NodeWriter &w) {
  auto op = llvm::cast<ScatterElementsOp>(w.op);
  if (w.inShape(1) != w.inShape(2))
    return w.fail("indices and updates shapes differ");
  auto walk = writeElementsWalk(w, op.getAxis());
  if (failed(walk))
    return failure();
  w.os << "  scatter_elements(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", "
       << w.out(0) << ", " << w.inElements(0) << ", shape, dataStride, " << *walk << ", SCATTER_"
       << op.getReduction().upper() << ");\n";
  return success();
}

/// CumSum: the axis is an input, so the kernel resolves it at run time (and
/// reports an out-of-range one); a constant axis is checked here already.
LogicalResult emitCumSum(NodeWriter &w) {
  auto op = llvm::cast<CumSumOp>(w.op);
  SmallVector<int64_t> shape(w.inShape(0));
  if (shape.empty())
    return w.fail("input must have rank >= 1");
  if (auto axis = getConstantInts(op.getAxis()); axis && !normalizeAxis((*axis)[0], shape.size()))
    return w.fail("axis " + std::to_string((*axis)[0]) + " out of range");
  w.checksInputs = true;
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  if (!cumsum(" << w.in(0) << ", " << w.out(0) << ", shape, " << w.in(1) << ", "
       << (op.getExclusive() ? "true" : "false") << ", " << (op.getReverse() ? "true" : "false")
       << "))\n    return false;\n";
  return success();
}

/// OneHot: the kernel checks the run-time depth against the compiled one.
LogicalResult emitOneHot(NodeWriter &w) {
  auto op = llvm::cast<OneHotOp>(w.op);
  ArrayRef<int64_t> out = w.outShape(0);
  auto axis = normalizeAxis(op.getAxis(), out.size());
  if (!axis || out.size() != w.inShape(0).size() + 1)
    return w.fail("axis out of range or result rank is not the indices' rank + 1");
  AxisView v = viewAround(out, *axis);
  w.checksInputs = true;
  w.os << "  if (!one_hot(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", " << w.out(0)
       << ", " << v.outer << ", " << v.dim << ", " << v.inner << "))\n    return false;\n";
  return success();
}

} // namespace

void registerIndexEmitters(EmitterRegistry &r) {
  r.add("onnx.ArgMax", [](NodeWriter &w) { return emitArg<ArgMaxOp>(w, true); });
  r.add("onnx.ArgMin", [](NodeWriter &w) { return emitArg<ArgMinOp>(w, false); });
  r.add("onnx.Size", emitSize);
  r.add("onnx.GatherElements", emitGatherElements);
  r.add("onnx.ScatterElements", emitScatterElements);
  r.add("onnx.CumSum", emitCumSum);
  r.add("onnx.OneHot", emitOneHot);
}

} // namespace onnxc::cpp
