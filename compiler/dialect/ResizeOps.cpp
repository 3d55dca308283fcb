//===- ResizeOps.cpp - Resize: verifier, geometry, shape rule -------------===//
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

/// The values of a constant operand as doubles; an empty list for an absent
/// operand or an empty tensor (older opsets pass those for "not given").
static std::optional<llvm::SmallVector<double>> constantValues(Value v) {
  if (llvm::isa<NoneType>(v.getType()))
    return llvm::SmallVector<double>();
  if (auto ints = getConstantInts(v))
    return llvm::SmallVector<double>(ints->begin(), ints->end());
  auto cst = v.getDefiningOp<ConstantOp>();
  auto dense = cst ? llvm::dyn_cast<DenseFPElementsAttr>(cst.getValue()) : nullptr;
  if (!dense)
    return std::nullopt;
  llvm::SmallVector<double> vals;
  for (const APFloat &x : dense.getValues<APFloat>())
    vals.push_back(x.convertToDouble());
  return vals;
}

/// The output shape from constant scales or sizes (floor(in * scale) per
/// axis); emits an error on `op` and returns nullopt when they do not fit.
static std::optional<llvm::SmallVector<int64_t>> resizedShape(ResizeOp op, ArrayRef<int64_t> in) {
  auto scales = constantValues(op.getScales()), sizes = constantValues(op.getSizes()),
       roi = constantValues(op.getRoi());
  if (!scales || !sizes || !roi) {
    op.emitOpError("roi, scales and sizes must be constants");
    return std::nullopt;
  }
  size_t rank = in.size();
  if (scales->empty() == sizes->empty()) {
    op.emitOpError("needs exactly one of scales and sizes");
    return std::nullopt;
  }
  if ((!scales->empty() && scales->size() != rank) || (!sizes->empty() && sizes->size() != rank) ||
      (!roi->empty() && roi->size() != 2 * rank)) {
    op.emitOpError("scales and sizes need one value per input dim, roi two");
    return std::nullopt;
  }
  llvm::SmallVector<int64_t> out;
  for (size_t d = 0; d < rank; ++d) {
    double v = sizes->empty() ? (*scales)[d] : (*sizes)[d];
    if (!(v > 0)) {
      op.emitOpError("scales and sizes must be positive");
      return std::nullopt;
    }
    out.push_back(sizes->empty() ? int64_t(std::floor(v * double(in[d]))) : int64_t(v));
  }
  return out;
}

LogicalResult ResizeOp::verify() {
  StringRef mode = getMode(), ctm = getCoordinateTransformationMode(), nm = getNearestMode();
  if (mode != "nearest" && mode != "linear" && mode != "cubic")
    return emitOpError("unknown mode '") << mode << "'";
  if (!llvm::is_contained({"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
                           "tf_half_pixel_for_nn", "tf_crop_and_resize"},
                          ctm))
    return emitOpError("unknown coordinate_transformation_mode '") << ctm << "'";
  if (!llvm::is_contained({"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"}, nm))
    return emitOpError("unknown nearest_mode '") << nm << "'";
  return success();
}

LogicalResult ResizeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  // Scales or sizes given at run time: the model's declared output shape
  // stands (the kernel reads the scales when it runs).
  bool constant = llvm::all_of(getOperands().drop_front(), [](Value v) {
    return llvm::isa<NoneType>(v.getType()) || v.getDefiningOp<ConstantOp>();
  });
  if (!constant && getStaticShape(getY())) {
    results.push_back(getY().getType());
    return success();
  }
  auto out = resizedShape(*this, *x);
  if (!out)
    return failure();
  results.push_back(
      RankedTensorType::get(*out, llvm::cast<ShapedType>(getX().getType()).getElementType()));
  return success();
}
