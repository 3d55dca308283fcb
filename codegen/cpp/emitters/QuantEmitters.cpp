//===- QuantEmitters.cpp - QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear -===//
//
// One kernels/quantize.h call each; per-axis parameters split x into
// [outer, channels, inner] around the axis.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// "outer, channels, inner" of x (operand 0) for the scale (operand 1):
/// one channel for a one-element scale, else x's dims around `axis`.
std::string channelSplit(NodeWriter &w, int64_t axis) {
  ArrayRef<int64_t> x = w.inShape(0);
  int64_t outer = 1, channels = 1, inner = w.inElements(0);
  if (w.inElements(1) != 1) {
    int64_t a = *normalizeAxis(axis, x.size()); // the verifier checked it
    outer = ShapedType::getNumElements(x.take_front(a));
    channels = x[a];
    inner = ShapedType::getNumElements(x.drop_front(a + 1));
  }
  return std::to_string(outer) + ", " + std::to_string(channels) + ", " + std::to_string(inner);
}

/// QuantizeLinear / DequantizeLinear: `kernel(x, scale, zero, y, split)`;
/// an absent zero point has the quantized type (`zeroType`).
LogicalResult emitLinear(NodeWriter &w, const char *kernel, const std::string &zeroType,
                         int64_t axis) {
  w.os << "  " << kernel << "(" << w.in(0) << ", " << w.in(1) << ", " << w.inOrNull(2, zeroType)
       << ", " << w.out(0) << ", " << channelSplit(w, axis) << ");\n";
  return success();
}

LogicalResult emitQuantizeLinear(NodeWriter &w) {
  return emitLinear(w, "quantize_linear", w.outType(0), llvm::cast<QuantizeLinearOp>(w.op).getAxis());
}

LogicalResult emitDequantizeLinear(NodeWriter &w) {
  return emitLinear(w, "dequantize_linear", w.inType(0),
                    llvm::cast<DequantizeLinearOp>(w.op).getAxis());
}

LogicalResult emitDynamicQuantizeLinear(NodeWriter &w) {
  w.os << "  dynamic_quantize_linear(" << w.in(0) << ", " << w.out(0) << ", " << w.out(1) << ", "
       << w.out(2) << ", " << w.inElements(0) << ");\n";
  return success();
}

} // namespace

void registerQuantEmitters(EmitterRegistry &r) {
  r.add("onnx.QuantizeLinear", emitQuantizeLinear);
  r.add("onnx.DequantizeLinear", emitDequantizeLinear);
  r.add("onnx.DynamicQuantizeLinear", emitDynamicQuantizeLinear);
}

} // namespace onnxc::cpp
