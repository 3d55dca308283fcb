//===- ResizeEmitters.cpp - Resize -----------------------------------------===//
//
// One call into kernels/resize.h. The output shape is static; scales and roi
// are passed as the operands they are (constants or graph inputs), since the
// coordinate transform needs their values, not only the output size.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Operand i as a typed pointer, or a null `const float *` when it is
/// absent or empty (older opsets pass empty tensors for "not given").
std::string optionalFloats(const NodeWriter &w, unsigned i) {
  if (w.has(i) && w.inElements(i) > 0)
    return w.in(i);
  return "static_cast<const float *>(nullptr)";
}

LogicalResult emitResize(NodeWriter &w) {
  auto op = llvm::cast<ResizeOp>(w.op);
  std::string type = w.outType(0);
  if (!isFloatType(type) || w.inType(0) != type)
    return w.fail("supports only float and double tensors in the C++ backend");
  ArrayRef<int64_t> in = w.inShape(0), out = w.outShape(0);
  if (in.size() != out.size() || in.empty())
    return w.fail("input and output must have the same rank >= 1");
  if (w.outElements(0) == 0)
    return success();
  if (w.inElements(0) == 0)
    return w.fail("cannot resize an empty input");
  int64_t rank = in.size();
  for (unsigned i : {1u, 2u})
    if (w.has(i) && w.inElements(i) > 0 && !isFloatType(w.inType(i)))
      return w.fail("roi and scales must be float tensors");
  if (w.has(1) && w.inElements(1) > 0 && w.inElements(1) != 2 * rank)
    return w.fail("roi needs 2 * rank values");
  if (w.has(2) && w.inElements(2) > 0 && w.inElements(2) != rank)
    return w.fail("scales needs one value per input dim");
  StringRef mode = op.getMode(), nm = op.getNearestMode(),
            ctm = op.getCoordinateTransformationMode();
  std::string modeName = mode == "linear" ? "kResizeLinear"
                         : mode == "cubic" ? "kResizeCubic"
                                           : "kResizeNearest";
  std::string nearest = nm == "round_prefer_ceil" ? "kRoundPreferCeil"
                        : nm == "floor"           ? "kNearestFloor"
                        : nm == "ceil"            ? "kNearestCeil"
                                                  : "kRoundPreferFloor";
  std::string coord = ctm == "pytorch_half_pixel"     ? "kPytorchHalfPixel"
                      : ctm == "align_corners"        ? "kAlignCorners"
                      : ctm == "asymmetric"           ? "kAsymmetric"
                      : ctm == "tf_half_pixel_for_nn" ? "kTfHalfPixelForNn"
                      : ctm == "tf_crop_and_resize"   ? "kTfCropAndResize"
                                                      : "kHalfPixel";
  // Dims may be symbolic (SymbolicDims): then the scales are constants.
  w.os << "  " << w.shapeArrayDecl() << " int64_t in[] = " << w.dimsLiteral(w.inDims(0)) << ";\n"
       << "  " << w.shapeArrayDecl() << " int64_t out[] = " << w.dimsLiteral(w.outDims(0))
       << ";\n"
       << "  static constexpr ResizeParams params = {" << modeName << ", " << nearest << ", "
       << coord << ", " << literal(toDouble(op.getCubicCoeffA()), "double") << ", "
       << (op.getExcludeOutside() ? "true" : "false") << "};\n"
       << "  resize(" << w.in(0) << ", " << w.out(0) << ", in, out, " << optionalFloats(w, 2)
       << ", " << optionalFloats(w, 1) << ", params, "
       << literal(toDouble(op.getExtrapolationValue()), type) << ");\n";
  return success();
}

} // namespace

void registerResizeEmitters(EmitterRegistry &r) {
  r.add("onnx.Resize", emitResize);
  r.allowSymbolic({"onnx.Resize"});
}

} // namespace onnxc::cpp
