//===- NormOps.cpp - verifiers and shape rules of OnnxNormOps.td ----------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

static Type elementType(Value v) { return llvm::cast<ShapedType>(v.getType()).getElementType(); }

static std::optional<int64_t> rankOf(Value v) {
  if (auto t = llvm::dyn_cast<RankedTensorType>(v.getType()))
    return t.getRank();
  return std::nullopt;
}

static bool isAbsent(Value v) { return llvm::isa<NoneType>(v.getType()); }

/// Float X of rank >= `minRank` (when known).
static LogicalResult verifyFloatInput(Operation *op, Value x, int64_t minRank) {
  if (!llvm::isa<FloatType>(elementType(x)))
    return op->emitOpError("input must be a float tensor");
  if (auto r = rankOf(x); r && *r < minRank)
    return op->emitOpError("input must have rank >= ") << minRank;
  return success();
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

LogicalResult LayerNormalizationOp::verify() {
  if (getStats().size() > 2)
    return emitOpError("has at most 3 outputs (Y, Mean, InvStdDev)");
  if (failed(verifyFloatInput(*this, getX(), 1)))
    return failure();
  if (auto r = rankOf(getX()); r && !normalizeAxis(getAxis(), *r))
    return emitOpError("axis ") << getAxis() << " out of range for rank " << *r;
  return success();
}

LogicalResult LayerNormalizationOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  int64_t axis = *normalizeAxis(getAxis(), x->size());
  results.push_back(RankedTensorType::get(*x, elementType(getX())));
  // Mean and InvStdDev keep the dims before axis; stash_type 1 is float.
  llvm::SmallVector<int64_t> stats(*x);
  std::fill(stats.begin() + axis, stats.end(), 1);
  Type statsType = getStashType() == 1 ? Float32Type::get(getContext()) : elementType(getX());
  for (size_t i = 0; i < getStats().size(); ++i)
    results.push_back(RankedTensorType::get(stats, statsType));
  return success();
}

//===----------------------------------------------------------------------===//
// InstanceNormalization, LRN, GlobalMaxPool
//===----------------------------------------------------------------------===//

LogicalResult InstanceNormalizationOp::verify() {
  if (failed(verifyFloatInput(*this, getInput(), 3)))
    return failure();
  auto x = getStaticShape(getInput());
  for (Value v : {getScale(), getB()}) {
    auto s = getStaticShape(v);
    if (x && s && *s != llvm::ArrayRef<int64_t>((*x)[1]))
      return emitOpError("scale and B must have shape [C]");
  }
  return success();
}
LogicalResult InstanceNormalizationOp::inferShapes(SmallVectorImpl<Type> &r) {
  return inferSameAsInput(*this, r);
}

LogicalResult MeanVarianceNormalizationOp::verify() {
  if (failed(verifyFloatInput(*this, getX(), 0)))
    return failure();
  auto r = rankOf(getX());
  if (!r)
    return success();
  for (int64_t a : getAxesOrDefault())
    if (!normalizeAxis(a, *r))
      return emitOpError("axis ") << a << " out of range for rank " << *r;
  return success();
}
LogicalResult MeanVarianceNormalizationOp::inferShapes(SmallVectorImpl<Type> &r) {
  return inferSameAsInput(*this, r);
}

LogicalResult LRNOp::verify() {
  if (getSize() < 1)
    return emitOpError("size must be >= 1");
  return verifyFloatInput(*this, getX(), 3);
}
LogicalResult LRNOp::inferShapes(SmallVectorImpl<Type> &r) { return inferSameAsInput(*this, r); }

LogicalResult GlobalMaxPoolOp::verify() {
  if (auto r = rankOf(getX()); r && *r < 3)
    return emitOpError("X must have rank >= 3");
  return success();
}
LogicalResult GlobalMaxPoolOp::inferShapes(SmallVectorImpl<Type> &r) {
  return inferGlobalPool(*this, r);
}

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::verify() {
  if (!isAbsent(getRatio()) && !llvm::isa<FloatType>(elementType(getRatio())))
    return emitOpError("ratio must be a float scalar");
  if (!isAbsent(getTrainingMode()) && !elementType(getTrainingMode()).isInteger(1))
    return emitOpError("training_mode must be a bool scalar");
  for (Value v : {getRatio(), getTrainingMode()})
    if (!isAbsent(v) && rankOf(v) && *rankOf(v) != 0)
      return emitOpError("ratio and training_mode must be scalars");
  // Training with a nonzero ratio draws a random mask that no other runtime
  // reproduces; refused here when constants say so (at run time otherwise).
  auto training = getTrainingMode().getDefiningOp<ConstantOp>();
  auto ratio = isAbsent(getRatio()) ? nullptr : getRatio().getDefiningOp<ConstantOp>();
  if (!training || (!ratio && !isAbsent(getRatio())))
    return success();
  auto trainingValue = llvm::dyn_cast<DenseElementsAttr>(training.getValue());
  auto ratioValue = ratio ? llvm::dyn_cast<DenseElementsAttr>(ratio.getValue()) : nullptr;
  if (!trainingValue || (ratio && !ratioValue))
    return success();
  bool trains = trainingValue.getSplatValue<bool>();
  double rate = ratioValue ? ratioValue.getSplatValue<llvm::APFloat>().convertToDouble() : 0.5;
  if (trains && rate != 0)
    return emitOpError("training_mode=true with ratio ")
           << rate << " draws a random mask, which onnxc does not compile (use ratio 0 or "
           << "inference mode)";
  return success();
}

LogicalResult DropoutOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getData());
  if (failed(x))
    return failure();
  results.push_back(RankedTensorType::get(*x, elementType(getData())));
  if (getMask())
    results.push_back(RankedTensorType::get(*x, IntegerType::get(getContext(), 1)));
  return success();
}
