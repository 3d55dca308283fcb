//===- OnnxDialect.cpp - dialect registration, folders, verifiers --------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/FusedElementwise.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/Recurrent.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace onnxc;

#include "compiler/dialect/OnnxDialect.cpp.inc"
#include "compiler/dialect/ShapeInferenceInterface.cpp.inc"

void ONNXDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "compiler/dialect/OnnxOps.cpp.inc"
      >();
  addOperations<FusedElementwiseOp>();
}

Operation *ONNXDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  if (auto elements = llvm::dyn_cast<ElementsAttr>(value))
    return builder.create<ConstantOp>(loc, type, elements);
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }
OpFoldResult NoValueOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }
OpFoldResult IdentityOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Verifiers: what ONNX requires of operand types and attributes. Shape
// relations are checked where the shapes are known (static).
//===----------------------------------------------------------------------===//

static Type elementType(Value v) {
  return llvm::cast<ShapedType>(v.getType()).getElementType();
}

static std::optional<int64_t> rankOf(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  if (!t)
    return std::nullopt;
  return t.getRank();
}

ParseResult ConstantOp::parse(OpAsmParser &parser, OperationState &result) {
  ElementsAttr value;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(value, "value", result.attributes))
    return failure();
  result.addTypes(value.getType());
  return success();
}

void ConstantOp::print(OpAsmPrinter &p) {
  p.printOptionalAttrDict((*this)->getAttrs(), /*elidedAttrs=*/{"value"});
  p << " ";
  p.printAttribute(getValue());
}

LogicalResult ConstantOp::verify() {
  if (llvm::cast<ShapedType>(getValue().getType()) != getType())
    return emitOpError("value type ") << getValue().getType()
                                      << " differs from result type " << getType();
  return success();
}

LogicalResult onnxc::verifyBinaryOp(Operation *op, bool sameTypes) {
  Value a = op->getOperand(0), b = op->getOperand(1);
  if (sameTypes && elementType(a) != elementType(b))
    return op->emitOpError("operands have different element types: ")
           << elementType(a) << " vs " << elementType(b);
  auto sa = getStaticShape(a), sb = getStaticShape(b);
  llvm::SmallVector<int64_t> out;
  if (sa && sb && !broadcastShapes(*sa, *sb, out))
    return op->emitOpError("operand shapes are not broadcastable");
  return success();
}

LogicalResult onnxc::verifyVariadicOp(Operation *op) {
  if (op->getNumOperands() == 0)
    return op->emitOpError("needs at least one input");
  for (Value v : op->getOperands())
    if (elementType(v) != elementType(op->getOperand(0)))
      return op->emitOpError("inputs have different element types");
  return success();
}

LogicalResult onnxc::verifyUnaryOp(Operation *op) {
  if (elementType(op->getOperand(0)) != elementType(op->getResult(0)))
    return op->emitOpError("result element type differs from the input's");
  return success();
}

template <typename OpT> static LogicalResult verifySoftmax(OpT op) {
  if (auto r = rankOf(op.getInput()); r && !normalizeAxis(op.getAxis(), *r))
    return op.emitOpError("axis ") << op.getAxis() << " out of range for rank " << *r;
  return success();
}
LogicalResult SoftmaxOp::verify() { return verifySoftmax(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmax(*this); }
LogicalResult HardmaxOp::verify() { return verifySoftmax(*this); }

LogicalResult MatMulOp::verify() {
  auto a = getStaticShape(getA()), b = getStaticShape(getB());
  if (!a || !b)
    return success();
  if (a->empty() || b->empty())
    return emitOpError("operands must have rank >= 1");
  int64_t k1 = a->back(), k2 = b->size() == 1 ? (*b)[0] : (*b)[b->size() - 2];
  if (k1 != k2)
    return emitOpError("inner dimensions differ: ") << k1 << " vs " << k2;
  if (getBias())
    if (auto bias = getStaticShape(getBias()); b->size() < 2 || (bias && *bias != llvm::SmallVector<int64_t>{b->back()}))
      return emitOpError("bias must have shape [N] and B rank >= 2");
  return success();
}

/// onnxc's fused residual addend (Conv, Gemm) has the result's shape: no
/// broadcasting in the epilogue.
static LogicalResult verifyAddend(Operation *op, Value addend, Value y) {
  if (!addend)
    return success();
  auto a = getStaticShape(addend), r = getStaticShape(y);
  if (a && r && *a != *r)
    return op->emitOpError("addend must have the shape of Y");
  return success();
}

LogicalResult GemmOp::verify() {
  auto a = getStaticShape(getA()), b = getStaticShape(getB());
  if (a && a->size() != 2)
    return emitOpError("A must be 2-D");
  if (b && b->size() != 2)
    return emitOpError("B must be 2-D");
  if (a && b) {
    int64_t ka = getTransA() ? (*a)[0] : (*a)[1];
    int64_t kb = getTransB() ? (*b)[1] : (*b)[0];
    if (ka != kb)
      return emitOpError("inner dimensions differ: ") << ka << " vs " << kb;
    // C broadcasts one way, to [M, N].
    llvm::SmallVector<int64_t> y = {getTransA() ? (*a)[1] : (*a)[0],
                                    getTransB() ? (*b)[0] : (*b)[1]};
    llvm::SmallVector<int64_t> out;
    auto c = llvm::isa<NoneType>(getC().getType()) ? std::nullopt : getStaticShape(getC());
    if (c && (c->size() > 2 || !broadcastShapes(*c, y, out) || out != y))
      return emitOpError("C does not broadcast to [M, N]");
  }
  return verifyAddend(*this, getAddend(), getY());
}

LogicalResult onnxc::verifyConvRanks(Operation *op, Value x, Value w, int64_t group) {
  auto xr = rankOf(x), wr = rankOf(w);
  if (xr && *xr < 3)
    return op->emitOpError("X must have rank >= 3 (N, C, spatial...)");
  if (xr && wr && *xr != *wr)
    return op->emitOpError("X and W ranks differ");
  if (group < 1)
    return op->emitOpError("group must be >= 1");
  return success();
}

LogicalResult ConvOp::verify() {
  if (failed(verifyConvRanks(*this, getX(), getW(), getGroup())))
    return failure();
  auto xs = getStaticShape(getX()), ws = getStaticShape(getW());
  if (xs && ws && (*xs)[1] != (*ws)[1] * getGroup())
    return emitOpError("input channels ")
           << (*xs)[1] << " != W channels " << (*ws)[1] << " * group " << getGroup();
  if (ws && (*ws)[0] % getGroup() != 0)
    return emitOpError("output channels not divisible by group");
  return verifyAddend(*this, getAddend(), getY());
}

LogicalResult BatchNormalizationOp::verify() {
  if (getTrainingMode() != 0 && getTrainingMode() != 1)
    return emitOpError("training_mode must be 0 or 1");
  if (getRunning().size() > 2)
    return emitOpError("has at most 3 outputs (Y, running_mean, running_var)");
  if (getTrainingMode() == 0 && !getRunning().empty())
    return emitOpError("running_mean and running_var are outputs of training_mode=1 only");
  return success();
}

LogicalResult MaxPoolOp::verify() {
  if (getStorageOrder() != 0 && getStorageOrder() != 1)
    return emitOpError("storage_order must be 0 or 1");
  return success();
}
LogicalResult AveragePoolOp::verify() { return success(); }
LogicalResult GlobalAveragePoolOp::verify() {
  if (auto r = rankOf(getX()); r && *r < 3)
    return emitOpError("X must have rank >= 3");
  return success();
}

LogicalResult ReshapeOp::verify() {
  if (auto r = rankOf(getShape()); r && *r != 1)
    return emitOpError("shape must be 1-D");
  return success();
}

LogicalResult TransposeOp::verify() {
  auto perm = toInts(getPerm());
  auto r = rankOf(getData());
  if (!perm || !r)
    return success();
  if ((int64_t)perm->size() != *r)
    return emitOpError("perm has ") << perm->size() << " entries for rank " << *r;
  llvm::SmallVector<bool> seen(*r, false);
  for (int64_t p : *perm) {
    if (p < 0 || p >= *r || seen[p])
      return emitOpError("perm is not a permutation");
    seen[p] = true;
  }
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  auto r = rankOf(getInputs()[0]);
  if (r && !normalizeAxis(getAxis(), *r))
    return emitOpError("axis out of range");
  for (Value v : getInputs())
    if (elementType(v) != elementType(getInputs()[0]))
      return emitOpError("inputs have different element types");
  return success();
}

#define GET_OP_CLASSES
#include "compiler/dialect/OnnxOps.cpp.inc"
