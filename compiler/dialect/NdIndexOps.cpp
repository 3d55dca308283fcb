//===- NdIndexOps.cpp - verifiers and shape rules of OnnxNdIndexOps.td ----===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

//===----------------------------------------------------------------------===//
// GatherND / ScatterND
//===----------------------------------------------------------------------===//

/// Index tuples of length m (the last dim of indices) address the dims
/// [batchDims, batchDims + m) of data; checks what the known shapes allow.
static LogicalResult verifyTuples(Operation *op, Value data, Value indices, int64_t batchDims) {
  if (!elementType(indices).isInteger(64))
    return op->emitOpError("indices must be int64");
  auto rd = rankOf(data);
  auto idx = getStaticShape(indices);
  if (!rd || !idx)
    return success();
  if (*rd < 1 || idx->empty())
    return op->emitOpError("data and indices must have rank >= 1");
  if (batchDims < 0 || batchDims >= std::min<int64_t>(*rd, idx->size()))
    return op->emitOpError("batch_dims ") << batchDims << " must be below both ranks";
  int64_t m = idx->back();
  if (m < 1 || m > *rd - batchDims)
    return op->emitOpError("index tuples of length ")
           << m << " do not fit data of rank " << *rd << " with batch_dims " << batchDims;
  if (auto d = getStaticShape(data))
    for (int64_t b = 0; b < batchDims; ++b)
      if ((*d)[b] != (*idx)[b])
        return op->emitOpError("batch dim ") << b << " differs between data and indices";
  return success();
}

/// indices.shape[:-1] + data.shape[batchDims + m:]
static Shape slicesShape(ArrayRef<int64_t> data, ArrayRef<int64_t> idx, int64_t batchDims) {
  Shape out(idx.drop_back());
  out.append(data.begin() + batchDims + idx.back(), data.end());
  return out;
}

LogicalResult GatherNDOp::verify() {
  if (elementType(getData()) != elementType(getOutput()))
    return emitOpError("result element type differs from data's");
  return verifyTuples(*this, getData(), getIndices(), getBatchDims());
}
LogicalResult GatherNDOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto data = staticShapeOf(*this, getData()), idx = staticShapeOf(*this, getIndices());
  if (failed(data) || failed(idx))
    return failure();
  return result(results, slicesShape(*data, *idx, getBatchDims()), elementType(getData()));
}

LogicalResult ScatterNDOp::verify() {
  if (getReduction() != "none" && getReduction() != "add" && getReduction() != "mul")
    return emitOpError("reduction '") << getReduction() << "' is not none, add or mul";
  if (elementType(getData()) != elementType(getUpdates()))
    return emitOpError("data and updates element types differ");
  if (failed(verifyTuples(*this, getData(), getIndices(), 0)))
    return failure();
  auto data = getStaticShape(getData()), idx = getStaticShape(getIndices()),
       upd = getStaticShape(getUpdates());
  if (data && idx && upd && slicesShape(*data, *idx, 0) != *upd)
    return emitOpError("updates must have shape indices.shape[:-1] + data.shape[m:]");
  return success();
}
LogicalResult ScatterNDOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferSameAsInput(*this, results);
}

//===----------------------------------------------------------------------===//
// ReverseSequence
//===----------------------------------------------------------------------===//

LogicalResult ReverseSequenceOp::verify() {
  int64_t b = getBatchAxis(), t = getTimeAxis();
  if ((b != 0 && b != 1) || (t != 0 && t != 1) || b == t)
    return emitOpError("batch_axis and time_axis must be 0 and 1 in some order");
  if (auto r = rankOf(getInput()); r && *r < 2)
    return emitOpError("input must have rank >= 2");
  if (!elementType(getSequenceLens()).isInteger(64))
    return emitOpError("sequence_lens must be int64");
  auto x = getStaticShape(getInput()), lens = getStaticShape(getSequenceLens());
  if (x && lens && (lens->size() != 1 || (*lens)[0] != (*x)[b]))
    return emitOpError("sequence_lens must be 1-D with one entry per batch entry");
  return success();
}
LogicalResult ReverseSequenceOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferSameAsInput(*this, results);
}
