//===- NdIndexEmitters.cpp - GatherND, ScatterND, ReverseSequence ----------===//
//
// GatherND and ScatterND address slices of data by index tuples
// (kernels/nd_indexing.h); ReverseSequence checks its run-time lengths
// (kernels/reverse_sequence.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// The tuple walk of kernels/nd_indexing.h over `data` (after `batchDims`
/// batch dims) for `indices`: writes the `dims` and `strides` constants and
/// returns "tuples per batch, m, dims, strides, slice".
FailureOr<std::string> writeTupleWalk(NodeWriter &w, ArrayRef<int64_t> data,
                                      ArrayRef<int64_t> idx, int64_t batchDims) {
  if (idx.empty() || batchDims < 0 || batchDims >= (int64_t)std::min(data.size(), idx.size()))
    return w.fail("indices must have rank >= 1 and batch_dims must be below both ranks");
  int64_t m = idx.back();
  if (m < 1 || m > (int64_t)data.size() - batchDims)
    return w.fail("index tuples of length " + std::to_string(m) + " do not fit data");
  ArrayRef<int64_t> addressed = data.slice(batchDims, m);
  int64_t slice = ShapedType::getNumElements(data.drop_front(batchDims + m));
  SmallVector<int64_t> strides(m);
  for (int64_t j = m - 1, s = slice; j >= 0; s *= addressed[j--])
    strides[j] = s;
  int64_t tuples = ShapedType::getNumElements(idx.drop_back().drop_front(batchDims));
  w.os << "  static constexpr int64_t dims[] = " << shapeLiteral(addressed) << ";\n"
       << "  static constexpr int64_t strides[] = " << shapeLiteral(strides) << ";\n";
  return std::to_string(tuples) + ", " + std::to_string(m) + ", dims, strides, " +
         std::to_string(slice);
}

LogicalResult emitGatherND(NodeWriter &w) {
  int64_t batchDims = llvm::cast<GatherNDOp>(w.op).getBatchDims();
  ArrayRef<int64_t> data = w.inShape(0);
  auto walk = writeTupleWalk(w, data, w.inShape(1), batchDims);
  if (failed(walk))
    return failure();
  int64_t batches = ShapedType::getNumElements(data.take_front(batchDims));
  if (ShapedType::getNumElements(w.inShape(1).drop_back()) *
          ShapedType::getNumElements(data.drop_front(batchDims + w.inShape(1).back())) !=
      w.outElements(0))
    return w.fail("result size does not match the gathered slices");
  w.os << "  gather_nd(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", " << batches
       << ", " << w.inElements(0) / std::max<int64_t>(1, batches) << ", " << *walk << ");\n";
  return success();
}

LogicalResult emitScatterND(NodeWriter &w) {
  auto op = llvm::cast<ScatterNDOp>(w.op);
  auto walk = writeTupleWalk(w, w.inShape(0), w.inShape(1), 0);
  if (failed(walk))
    return failure();
  if (w.inElements(2) != ShapedType::getNumElements(w.inShape(1).drop_back()) *
                             ShapedType::getNumElements(w.inShape(0).drop_front(w.inShape(1).back())))
    return w.fail("updates size does not match the scattered slices");
  w.os << "  scatter_nd(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", " << w.out(0)
       << ", " << w.inElements(0) << ", " << *walk << ", SCATTER_" << op.getReduction().upper()
       << ");\n";
  return success();
}

LogicalResult emitReverseSequence(NodeWriter &w) {
  auto op = llvm::cast<ReverseSequenceOp>(w.op);
  ArrayRef<int64_t> x = w.inShape(0);
  if (x.size() < 2 || w.inElements(1) != x[op.getBatchAxis()])
    return w.fail("input must have rank >= 2 and sequence_lens one entry per batch entry");
  w.checksInputs = true;
  w.os << "  if (!reverse_sequence(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", "
       << x[0] << ", " << x[1] << ", " << ShapedType::getNumElements(x.drop_front(2)) << ", "
       << (op.getBatchAxis() == 0 ? "true" : "false") << "))\n    return false;\n";
  return success();
}

} // namespace

void registerNdIndexEmitters(EmitterRegistry &r) {
  r.add("onnx.GatherND", emitGatherND);
  r.add("onnx.ScatterND", emitScatterND);
  r.add("onnx.ReverseSequence", emitReverseSequence);
}

} // namespace onnxc::cpp
