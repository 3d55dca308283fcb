//===- SelectOps.cpp - verifiers and shape rules of OnnxSelectOps.td ------===//
//
// Result sizes that depend on the data are never inferred here: they come
// from the model's declared output types (or constant operands), and the
// generated code checks the data against them.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

//===----------------------------------------------------------------------===//
// TopK
//===----------------------------------------------------------------------===//

LogicalResult TopKOp::verify() {
  if (!elementType(getK()).isInteger(64))
    return emitOpError("K must be int64");
  if (auto k = getStaticShape(getK()); k && ShapedType::getNumElements(*k) != 1)
    return emitOpError("K must have one element");
  if (!elementType(getIndices()).isInteger(64))
    return emitOpError("indices result must be int64");
  if (elementType(getValues()) != elementType(getX()))
    return emitOpError("values result element type differs from the input's");
  return checkAxis(*this, getX(), getAxis());
}
LogicalResult TopKOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  auto k = getConstantInts(getK());
  if (!k) {
    // Both results have one shape: a declared one serves for the other.
    for (Value r : getResults())
      if (auto declared = getStaticShape(r)) {
        result(results, *declared, elementType(getX()));
        return result(results, *declared, IntegerType::get(getContext(), 64));
      }
    return needsDeclaredShape(*this, "K");
  }
  int64_t axis = *normalizeAxis(getAxis(), x->size());
  if ((*k)[0] < 0 || (*k)[0] > (*x)[axis])
    return emitOpError("K = ") << (*k)[0] << " is outside [0, " << (*x)[axis] << "]";
  Shape out = *x;
  out[axis] = (*k)[0];
  result(results, out, elementType(getX()));
  return result(results, out, IntegerType::get(getContext(), 64));
}

//===----------------------------------------------------------------------===//
// NonZero, Compress
//===----------------------------------------------------------------------===//

LogicalResult NonZeroOp::verify() {
  if (!elementType(getY()).isInteger(64))
    return emitOpError("result must be int64");
  return success();
}
LogicalResult NonZeroOp::inferShapes(SmallVectorImpl<Type> &) {
  return needsDeclaredShape(*this, "X");
}

LogicalResult CompressOp::verify() {
  if (!elementType(getCondition()).isInteger(1))
    return emitOpError("condition must be bool");
  if (auto r = rankOf(getCondition()); r && *r != 1)
    return emitOpError("condition must be 1-D");
  if (elementType(getInput()) != elementType(getOutput()))
    return emitOpError("result element type differs from the input's");
  if (auto axis = getAxis())
    return checkAxis(*this, getInput(), *axis);
  return success();
}
LogicalResult CompressOp::inferShapes(SmallVectorImpl<Type> &) {
  return needsDeclaredShape(*this, "condition");
}

//===----------------------------------------------------------------------===//
// Unique
//===----------------------------------------------------------------------===//

LogicalResult UniqueOp::verify() {
  if (elementType(getY()) != elementType(getX()))
    return emitOpError("Y element type differs from the input's");
  for (Value r : {getIndices(), getInverseIndices(), getCounts()})
    if (!elementType(r).isInteger(64))
      return emitOpError("indices, inverse_indices and counts must be int64");
  if (auto axis = getAxis())
    return checkAxis(*this, getX(), *axis);
  return success();
}
LogicalResult UniqueOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  std::optional<int64_t> axis;
  if (auto a = getAxis())
    axis = *normalizeAxis(*a, x->size());
  // The number of distinct entries, from whichever result the model declares.
  std::optional<int64_t> distinct;
  if (auto y = getStaticShape(getY()))
    distinct = axis ? (*y)[*axis] : ShapedType::getNumElements(*y);
  for (Value r : {getIndices(), getCounts()})
    if (auto s = getStaticShape(r); s && s->size() == 1)
      distinct = (*s)[0];
  if (!distinct)
    return needsDeclaredShape(*this, "X");
  Shape y = axis ? *x : Shape{*distinct};
  if (axis)
    y[*axis] = *distinct;
  Type i64 = IntegerType::get(getContext(), 64);
  result(results, y, elementType(getX()));
  result(results, {*distinct}, i64);
  result(results, {axis ? (*x)[*axis] : ShapedType::getNumElements(*x)}, i64);
  return result(results, {*distinct}, i64);
}

//===----------------------------------------------------------------------===//
// NonMaxSuppression
//===----------------------------------------------------------------------===//

LogicalResult NonMaxSuppressionOp::verify() {
  if (!llvm::isa<FloatType>(elementType(getBoxes())) ||
      elementType(getScores()) != elementType(getBoxes()))
    return emitOpError("boxes and scores must have one float element type");
  if (!elementType(getSelectedIndices()).isInteger(64))
    return emitOpError("result must be int64");
  auto boxes = getStaticShape(getBoxes()), scores = getStaticShape(getScores());
  if (boxes && (boxes->size() != 3 || (*boxes)[2] != 4))
    return emitOpError("boxes must be [batches, boxes, 4]");
  if (scores && (scores->size() != 3 ||
                 (boxes && ((*scores)[0] != (*boxes)[0] || (*scores)[2] != (*boxes)[1]))))
    return emitOpError("scores must be [batches, classes, boxes]");
  if (!isAbsent(getMaxOutputBoxesPerClass()) &&
      !elementType(getMaxOutputBoxesPerClass()).isInteger(64))
    return emitOpError("max_output_boxes_per_class must be int64");
  for (Value v : {getIouThreshold(), getScoreThreshold()})
    if (!isAbsent(v) && elementType(v) != elementType(getBoxes()))
      return emitOpError("thresholds must have the boxes' element type");
  if (getCenterPointBox() != 0 && getCenterPointBox() != 1)
    return emitOpError("center_point_box must be 0 or 1");
  return success();
}
LogicalResult NonMaxSuppressionOp::inferShapes(SmallVectorImpl<Type> &) {
  return needsDeclaredShape(*this, "boxes and scores");
}
