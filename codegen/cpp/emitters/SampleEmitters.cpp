//===- SampleEmitters.cpp - GridSample, RoiAlign ---------------------------===//
//
// One call into kernels/sample.h each, sizes and attributes as constants.
// RoiAlign's batch indices are checked at run time.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitGridSample(NodeWriter &w) {
  auto op = llvm::cast<GridSampleOp>(w.op);
  std::string type = w.outType(0);
  if (!isFloatType(type) || w.inType(0) != type || w.inType(1) != type)
    return w.fail("supports only float and double tensors in the C++ backend");
  ArrayRef<int64_t> x = w.inShape(0), y = w.outShape(0);
  std::string mode = llvm::StringSwitch<std::string>(op.getMode())
                         .Case("nearest", "GridMode::Nearest")
                         .Case("bicubic", "GridMode::Bicubic")
                         .Default("GridMode::Bilinear");
  std::string padding = llvm::StringSwitch<std::string>(op.getPaddingMode())
                            .Case("border", "GridPadding::Border")
                            .Case("reflection", "GridPadding::Reflection")
                            .Default("GridPadding::Zeros");
  w.os << "  grid_sample(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", " << x[0]
       << ", " << x[1] << ", " << x[2] << ", " << x[3] << ", " << y[2] << ", " << y[3] << ", "
       << mode << ", " << padding << ", /*align_corners*/ "
       << (op.getAlignCorners() ? "true" : "false") << ");\n";
  return success();
}

LogicalResult emitRoiAlign(NodeWriter &w) {
  auto op = llvm::cast<RoiAlignOp>(w.op);
  std::string type = w.outType(0);
  if (!isFloatType(type) || w.inType(0) != type || w.inType(1) != type)
    return w.fail("supports only float and double tensors in the C++ backend");
  ArrayRef<int64_t> x = w.inShape(0);
  w.checksInputs = true;
  w.os << "  if (!roi_align(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", "
       << w.out(0) << ", " << x[0] << ", " << x[1] << ", " << x[2] << ", " << x[3] << ", "
       << w.inShape(1)[0] << ", " << op.getOutputHeight() << ", " << op.getOutputWidth()
       << ", /*sampling_ratio*/ " << op.getSamplingRatio() << ", /*spatial_scale*/ "
       << literal(toDouble(op.getSpatialScale()), type) << ", /*half_pixel*/ "
       << (op.getCoordinateTransformationMode() == "half_pixel" ? "true" : "false")
       << ", /*max_mode*/ " << (op.getMode() == "max" ? "true" : "false")
       << "))\n    return false;\n";
  return success();
}

} // namespace

void registerSampleEmitters(EmitterRegistry &r) {
  r.add("onnx.GridSample", emitGridSample);
  r.add("onnx.RoiAlign", emitRoiAlign);
}

} // namespace onnxc::cpp
