//===- SampleOps.cpp - verifiers and shape rules of GridSample, RoiAlign --===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace onnxc;

static Type elementType(Value v) { return getElementTypeOrSelf(v.getType()); }

//===----------------------------------------------------------------------===//
// GridSample
//===----------------------------------------------------------------------===//

LogicalResult GridSampleOp::verify() {
  if (!llvm::isa<FloatType>(elementType(getX())) || elementType(getGrid()) != elementType(getX()))
    return emitOpError("X and grid must be float tensors of one type");
  if (getMode() != "bilinear" && getMode() != "nearest" && getMode() != "bicubic")
    return emitOpError("mode must be bilinear, nearest or bicubic, not ") << getMode();
  if (getPaddingMode() != "zeros" && getPaddingMode() != "border" &&
      getPaddingMode() != "reflection")
    return emitOpError("padding_mode must be zeros, border or reflection, not ")
           << getPaddingMode();
  auto x = getStaticShape(getX()), grid = getStaticShape(getGrid());
  if (x && x->size() != 4)
    return emitOpError("X must have rank 4 (N, C, H, W)");
  if (grid && (grid->size() != 4 || (*grid)[3] != 2))
    return emitOpError("grid must have shape [N, H_out, W_out, 2]");
  if (x && grid && (*x)[0] != (*grid)[0])
    return emitOpError("X and grid must have the same batch size");
  return success();
}

LogicalResult GridSampleOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX()), grid = staticShapeOf(*this, getGrid());
  if (failed(x) || failed(grid))
    return failure();
  results.push_back(RankedTensorType::get({(*x)[0], (*x)[1], (*grid)[1], (*grid)[2]},
                                          elementType(getX())));
  return success();
}

//===----------------------------------------------------------------------===//
// RoiAlign
//===----------------------------------------------------------------------===//

LogicalResult RoiAlignOp::verify() {
  if (!llvm::isa<FloatType>(elementType(getX())) || elementType(getRois()) != elementType(getX()))
    return emitOpError("X and rois must be float tensors of one type");
  if (!elementType(getBatchIndices()).isInteger(64))
    return emitOpError("batch_indices must be int64");
  if (getMode() != "avg" && getMode() != "max")
    return emitOpError("mode must be avg or max, not ") << getMode();
  if (getCoordinateTransformationMode() != "half_pixel" &&
      getCoordinateTransformationMode() != "output_half_pixel")
    return emitOpError("coordinate_transformation_mode must be half_pixel or output_half_pixel");
  if (getOutputHeight() < 1 || getOutputWidth() < 1 || getSamplingRatio() < 0)
    return emitOpError("output_height and output_width must be >= 1, sampling_ratio >= 0");
  auto x = getStaticShape(getX()), rois = getStaticShape(getRois()),
       indices = getStaticShape(getBatchIndices());
  if (x && x->size() != 4)
    return emitOpError("X must have rank 4 (N, C, H, W)");
  if (rois && (rois->size() != 2 || (*rois)[1] != 4))
    return emitOpError("rois must have shape [num_rois, 4]");
  if (rois && indices && (indices->size() != 1 || (*indices)[0] != (*rois)[0]))
    return emitOpError("batch_indices must have shape [num_rois]");
  return success();
}

LogicalResult RoiAlignOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX()), rois = staticShapeOf(*this, getRois());
  if (failed(x) || failed(rois))
    return failure();
  results.push_back(RankedTensorType::get(
      {(*rois)[0], (*x)[1], getOutputHeight(), getOutputWidth()}, elementType(getX())));
  return success();
}
