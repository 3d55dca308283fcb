//===- LinalgOps.cpp - verifiers and shape rules of OnnxLinalgOps.td ------===//
#include "compiler/dialect/EinsumPlan.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

LogicalResult DetOp::verify() {
  if (elementType(getX()) != elementType(getY()))
    return emitOpError("result element type differs from the input's");
  auto x = getStaticShape(getX());
  if (x && (x->size() < 2 || (*x)[x->size() - 1] != (*x)[x->size() - 2]))
    return emitOpError("input must be square matrices [..., M, M]");
  return success();
}
LogicalResult DetOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  return result(results, ArrayRef<int64_t>(*x).drop_back(2), elementType(getX()));
}

/// The plan of `op`'s equation when every operand shape is static.
static std::optional<std::string> plan(EinsumOp op, EinsumPlan &plan) {
  SmallVector<Shape> shapes;
  for (Value v : op.getInputs()) {
    auto s = getStaticShape(v);
    if (!s)
      return std::nullopt;
    shapes.push_back(*s);
  }
  return planEinsum(op.getEquation(), shapes, plan);
}

LogicalResult EinsumOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  for (Value v : getInputs())
    if (elementType(v) != elementType(getOutput()))
      return emitOpError("inputs and result must have one element type");
  if (einsumOperandCount(getEquation()) != (int64_t)getInputs().size())
    return emitOpError("equation '") << getEquation() << "' does not name "
                                     << getInputs().size() << " operands";
  EinsumPlan p;
  if (auto err = plan(*this, p); err && !err->empty())
    return emitOpError("equation '") << getEquation() << "': " << *err;
  return success();
}
LogicalResult EinsumOp::inferShapes(SmallVectorImpl<Type> &results) {
  EinsumPlan p;
  auto err = plan(*this, p);
  if (!err)
    return emitOpError("needs static input shapes");
  if (!err->empty())
    return emitOpError(*err);
  return result(results, ArrayRef<int64_t>(p.loops).take_front(p.outputRank),
                elementType(getOutput()));
}
