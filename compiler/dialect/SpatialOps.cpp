//===- SpatialOps.cpp - verifiers and shape rules of OnnxSpatialOps.td ----===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"
#include "compiler/dialect/TransposedWindow.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

static Type elementType(Value v) { return getElementTypeOrSelf(v.getType()); }

static std::optional<int64_t> rankOf(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  return t ? std::optional<int64_t>(t.getRank()) : std::nullopt;
}

static LogicalResult result(SmallVectorImpl<Type> &results, ArrayRef<int64_t> shape, Type elem) {
  results.push_back(RankedTensorType::get(shape, elem));
  return success();
}

//===----------------------------------------------------------------------===//
// ConvTranspose
//===----------------------------------------------------------------------===//

LogicalResult ConvTransposeOp::verify() {
  if (failed(verifyConvRanks(*this, getX(), getW(), getGroup())))
    return failure();
  auto xs = getStaticShape(getX()), ws = getStaticShape(getW());
  if (xs && ws && (*xs)[1] != (*ws)[0])
    return emitOpError("input channels ") << (*xs)[1] << " != W's first dim " << (*ws)[0];
  if (ws && (*ws)[0] % getGroup() != 0)
    return emitOpError("input channels not divisible by group");
  if (!llvm::isa<NoneType>(getB().getType()))
    if (auto bs = getStaticShape(getB()); bs && ws && *bs != Shape{(*ws)[1] * getGroup()})
      return emitOpError("B must have shape [W.shape[1] * group]");
  return success();
}

LogicalResult ConvTransposeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  auto w = staticShapeOf(*this, getW());
  if (failed(x) || failed(w))
    return failure();
  TransposedWindow win;
  std::string err = computeTransposedWindow(*this, ArrayRef(*x).drop_front(2),
                                            ArrayRef(*w).drop_front(2), win);
  if (!err.empty())
    return emitOpError(err);
  Shape out = {(*x)[0], (*w)[1] * getGroup()};
  out.append(win.out.begin(), win.out.end());
  return result(results, out, elementType(getX()));
}

//===----------------------------------------------------------------------===//
// MaxUnpool
//===----------------------------------------------------------------------===//

LogicalResult MaxUnpoolOp::verify() {
  if (!elementType(getI()).isInteger(64))
    return emitOpError("I must be an int64 tensor");
  auto x = rankOf(getX());
  if (x && *x < 3)
    return emitOpError("X must have rank >= 3");
  auto i = getStaticShape(getI()), xs = getStaticShape(getX());
  if (i && xs && *i != *xs)
    return emitOpError("I must have X's shape");
  size_t spatial = toInts(getKernelShape())->size();
  if (x && (int64_t)spatial != *x - 2)
    return emitOpError("kernel_shape must have one entry per spatial dim");
  auto pads = toInts(getPads()), strides = toInts(getStrides());
  if ((pads && pads->size() != 2 * spatial) || (strides && strides->size() != spatial))
    return emitOpError("pads must have 2 entries and strides 1 per spatial dim");
  return success();
}

llvm::SmallVector<int64_t> onnxc::unpooledShape(Operation *maxUnpool, ArrayRef<int64_t> x) {
  auto op = llvm::cast<MaxUnpoolOp>(maxUnpool);
  Shape kernel = *toInts(op.getKernelShape());
  size_t n = kernel.size();
  Shape pads = toInts(op.getPads()).value_or(Shape(2 * n, 0));
  Shape strides = toInts(op.getStrides()).value_or(Shape(n, 1));
  Shape out = {x[0], x[1]};
  for (size_t d = 0; d < n; ++d)
    out.push_back((x[d + 2] - 1) * strides[d] + kernel[d] - pads[d] - pads[d + n]);
  return out;
}

/// output_shape when given (a constant), else unpooledShape.
LogicalResult MaxUnpoolOp::inferShapes(SmallVectorImpl<Type> &results) {
  if (!llvm::isa<NoneType>(getOutputShape().getType())) {
    auto shape = getConstantInts(getOutputShape());
    if (!shape)
      return emitOpError("output_shape must be a constant");
    return result(results, *shape, elementType(getX()));
  }
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  return result(results, unpooledShape(*this, *x), elementType(getX()));
}

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

LogicalResult PadOp::verify() {
  llvm::StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge" && mode != "wrap")
    return emitOpError("unknown mode '") << mode << "'";
  if (!elementType(getPads()).isInteger(64))
    return emitOpError("pads must be an int64 tensor");
  auto r = rankOf(getData());
  if (r && *r == 0)
    return emitOpError("cannot pad a scalar");
  if (auto p = getStaticShape(getPads()); p && r && *p != Shape{2 * *r})
    return emitOpError("pads must have 2 * rank = ") << 2 * *r << " entries";
  if (!llvm::isa<NoneType>(getConstantValue().getType())) {
    if (elementType(getConstantValue()) != elementType(getData()))
      return emitOpError("constant_value must have the element type of data");
    if (auto c = getStaticShape(getConstantValue()); c && ShapedType::getNumElements(*c) != 1)
      return emitOpError("constant_value must be a scalar");
  }
  return success();
}

LogicalResult PadOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getData());
  if (failed(x))
    return failure();
  auto pads = getConstantInts(getPads());
  if (!pads)
    return emitOpError("the result shape depends on the values of pads: they must be "
                       "constants, or the model must declare the output shape");
  int64_t rank = x->size();
  Shape out(*x);
  for (int64_t d = 0; d < rank; ++d) {
    out[d] += (*pads)[d] + (*pads)[d + rank];
    if (out[d] < 0)
      return emitOpError("pads remove more than dim ") << d << " holds";
  }
  return result(results, out, elementType(getData()));
}

//===----------------------------------------------------------------------===//
// DepthToSpace, SpaceToDepth
//===----------------------------------------------------------------------===//

/// Rank-4 input whose channels (DepthToSpace) or spatial dims (SpaceToDepth)
/// divide into blocks.
static LogicalResult verifyBlocks(Operation *op, Value input, int64_t block, bool toSpace) {
  if (block < 1)
    return op->emitOpError("blocksize must be >= 1");
  if (auto r = rankOf(input); r && *r != 4)
    return op->emitOpError("input must have rank 4 (N, C, H, W)");
  auto s = getStaticShape(input);
  if (!s)
    return success();
  if (toSpace && (*s)[1] % (block * block) != 0)
    return op->emitOpError("channels ") << (*s)[1] << " not divisible by blocksize^2";
  if (!toSpace && ((*s)[2] % block != 0 || (*s)[3] % block != 0))
    return op->emitOpError("H and W must be divisible by blocksize");
  return success();
}

LogicalResult DepthToSpaceOp::verify() {
  if (getMode() != "DCR" && getMode() != "CRD")
    return emitOpError("mode must be DCR or CRD, got '") << getMode() << "'";
  return verifyBlocks(*this, getInput(), getBlocksize(), true);
}

LogicalResult SpaceToDepthOp::verify() {
  return verifyBlocks(*this, getInput(), getBlocksize(), false);
}

LogicalResult DepthToSpaceOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  int64_t b = getBlocksize();
  Shape out = {(*x)[0], (*x)[1] / (b * b), (*x)[2] * b, (*x)[3] * b};
  return result(results, out, elementType(getInput()));
}

LogicalResult SpaceToDepthOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  int64_t b = getBlocksize();
  Shape out = {(*x)[0], (*x)[1] * b * b, (*x)[2] / b, (*x)[3] / b};
  return result(results, out, elementType(getInput()));
}
