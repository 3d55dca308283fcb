//===- OpChecks.cpp - operand checks shared by op verifiers ---------------===//
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc {

Type elementType(Value v) { return llvm::cast<ShapedType>(v.getType()).getElementType(); }

std::optional<int64_t> rankOf(Value v) {
  if (auto t = llvm::dyn_cast<RankedTensorType>(v.getType()))
    return t.getRank();
  return std::nullopt;
}

bool isIndexType(Type t) { return t.isInteger(32) || t.isInteger(64); }

bool isAbsent(Value v) { return llvm::isa<NoneType>(v.getType()); }

LogicalResult result(SmallVectorImpl<Type> &results, ArrayRef<int64_t> shape, Type elem) {
  results.push_back(RankedTensorType::get(shape, elem));
  return success();
}

LogicalResult needsDeclaredShape(Operation *op, llvm::StringRef inputs) {
  return op->emitOpError("the result shape depends on the values of ")
         << inputs << ": they must be constants, or the model must declare the output shape";
}

LogicalResult checkAxis(Operation *op, Value v, int64_t axis) {
  if (auto r = rankOf(v); r && !normalizeAxis(axis, *r))
    return op->emitOpError("axis ") << axis << " out of range for rank " << *r;
  return success();
}

LogicalResult checkIntScalar(Operation *op, Value v, llvm::StringRef name) {
  if (isAbsent(v))
    return success();
  if (!isIndexType(elementType(v)))
    return op->emitOpError(name) << " must be int32 or int64";
  if (auto s = getStaticShape(v); s && ShapedType::getNumElements(*s) != 1)
    return op->emitOpError(name) << " must have one element";
  return success();
}

std::optional<llvm::SmallVector<double>> constantDoubles(Value v) {
  auto cst = v.getDefiningOp<ConstantOp>();
  if (!cst)
    return std::nullopt;
  llvm::SmallVector<double> vals;
  if (auto f = llvm::dyn_cast<DenseFPElementsAttr>(cst.getValue())) {
    for (const llvm::APFloat &x : f.getValues<llvm::APFloat>())
      vals.push_back(x.convertToDouble());
    return vals;
  }
  auto ints = getConstantInts(v);
  if (!ints)
    return std::nullopt;
  vals.assign(ints->begin(), ints->end());
  return vals;
}

} // namespace onnxc
