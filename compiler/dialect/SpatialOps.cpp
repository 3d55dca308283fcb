//===- SpatialOps.cpp - verifiers and shape rules of OnnxSpatialOps.td ----===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
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
