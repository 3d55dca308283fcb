//===- QuantOps.cpp - verifiers and shape rules of OnnxQuantOps.td --------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

namespace {

bool isQuantType(Type t) { return t.isUnsignedInteger(8) || t.isSignlessInteger(8); }

/// Scale and zero point: f32 scale, zero point (if any) of `zeroType` and of
/// the scale's shape; one element (per tensor) or 1-D along `axis` of x.
LogicalResult verifyQuantParams(Operation *op, Value x, Value scale, Value zero, int64_t axis,
                                bool (*zeroType)(Type)) {
  if (!elementType(scale).isF32())
    return op->emitOpError("scale must be float32, got ") << elementType(scale);
  if (!isAbsent(zero) && !zeroType(elementType(zero)))
    return op->emitOpError("zero point has unsupported type ") << elementType(zero);
  auto s = getStaticShape(scale), xs = getStaticShape(x);
  if (!isAbsent(zero)) {
    auto z = getStaticShape(zero);
    if (s && z && *s != *z)
      return op->emitOpError("zero point and scale shapes differ");
  }
  if (!s || ShapedType::getNumElements(*s) == 1 && s->size() <= 1)
    return success();
  if (s->size() != 1)
    return op->emitOpError("scale must be a scalar or 1-D (per axis)");
  if (!xs)
    return success();
  auto a = normalizeAxis(axis, xs->size());
  if (!a)
    return op->emitOpError("axis ") << axis << " is out of range for rank " << xs->size();
  if ((*s)[0] != (*xs)[*a])
    return op->emitOpError("per-axis scale has ") << (*s)[0] << " elements, x has "
                                                  << (*xs)[*a] << " along axis " << axis;
  return success();
}

} // namespace

LogicalResult QuantizeLinearOp::verify() {
  Type x = elementType(getX());
  if (!x.isF32() && !x.isSignlessInteger(32))
    return emitOpError("x must be float32 or int32, got ") << x;
  return verifyQuantParams(*this, getX(), getYScale(), getYZeroPoint(), getAxis(), isQuantType);
}

LogicalResult QuantizeLinearOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto s = getStaticShape(getX());
  if (!s)
    return emitOpError("needs a static input shape");
  Type q = isAbsent(getYZeroPoint()) ? IntegerType::get(getContext(), 8, IntegerType::Unsigned)
                                     : elementType(getYZeroPoint());
  return result(results, *s, q);
}

LogicalResult DequantizeLinearOp::verify() {
  Type x = elementType(getX());
  if (!isQuantType(x) && !x.isSignlessInteger(32))
    return emitOpError("x must be uint8, int8 or int32, got ") << x;
  if (!isAbsent(getXZeroPoint()) && elementType(getXZeroPoint()) != x)
    return emitOpError("zero point must have x's type ") << x;
  return verifyQuantParams(*this, getX(), getXScale(), getXZeroPoint(), getAxis(),
                           [](Type t) { return isQuantType(t) || t.isSignlessInteger(32); });
}

LogicalResult DequantizeLinearOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto s = getStaticShape(getX());
  if (!s)
    return emitOpError("needs a static input shape");
  return result(results, *s, Float32Type::get(getContext()));
}

LogicalResult DynamicQuantizeLinearOp::verify() {
  if (!elementType(getX()).isF32())
    return emitOpError("x must be float32, got ") << elementType(getX());
  return success();
}

LogicalResult DynamicQuantizeLinearOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto s = getStaticShape(getX());
  if (!s)
    return emitOpError("needs a static input shape");
  Type u8 = IntegerType::get(getContext(), 8, IntegerType::Unsigned);
  if (failed(result(results, *s, u8)) || failed(result(results, {}, Float32Type::get(getContext()))))
    return failure();
  return result(results, {}, u8);
}
