//===- SignalEmitters.cpp - windows, MelWeightMatrix, DFT, STFT ------------===//
//
// Sizes given as input values are the compiled result sizes; the kernels
// (kernels/signal.h) check the run-time values against them.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// a0 - a1 cos(2 pi k / D) + a2 cos(4 pi k / D).
struct CosineSum {
  const char *a0, *a1, *a2;
};

template <typename OpT> LogicalResult emitWindow(NodeWriter &w, CosineSum c) {
  if (w.outShape(0).size() != 1)
    return w.fail("result must be 1-D");
  w.checksInputs = true;
  w.os << "  if (!cosine_window(" << w.in(0) << ", " << w.out(0) << ", " << w.outElements(0)
       << ", " << c.a0 << ", " << c.a1 << ", " << c.a2 << ", "
       << (llvm::cast<OpT>(w.op).getPeriodic() ? "true" : "false") << "))\n    return false;\n";
  return success();
}

LogicalResult emitMelWeightMatrix(NodeWriter &w) {
  ArrayRef<int64_t> out = w.outShape(0);
  if (out.size() != 2)
    return w.fail("result must be [dft_length / 2 + 1, num_mel_bins]");
  w.checksInputs = true;
  w.os << "  if (!mel_weight_matrix(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", "
       << w.in(3) << ", " << w.in(4) << ", " << w.out(0) << ", " << out[0] << ", " << out[1]
       << "))\n    return false;\n";
  return success();
}

LogicalResult emitDFT(NodeWriter &w) {
  auto op = llvm::cast<DFTOp>(w.op);
  ArrayRef<int64_t> x = w.inShape(0), y = w.outShape(0);
  if (x.size() < 2 || y.size() != x.size() || y.back() != 2)
    return w.fail("input must be [..., 1 or 2] and the result [..., 2] of the same rank");
  auto axis = normalizeAxis(op.getAxis(), x.size() - 1);
  if (!axis)
    return w.fail("axis out of range");
  for (size_t d = 0; d + 1 < x.size(); ++d)
    if (d != *axis && x[d] != y[d])
      return w.fail("result differs from the input outside the axis");
  // The transform length: dft_length's value, fixed by the result size
  // (ambiguous only for onesided results, where a constant must say it).
  int64_t bins = y[*axis], length = bins;
  if (op.getOnesided()) {
    auto constant = getConstantInts(op.getDftLength());
    if (constant)
      length = (*constant)[0];
    else if (!w.has(1))
      length = x[*axis];
    else
      return w.fail("onesided needs a constant dft_length");
    if (length < 1 || length / 2 + 1 != bins)
      return w.fail("onesided result size does not match the transform length");
  } else if (!w.has(1) && length != x[*axis]) {
    return w.fail("result size along the axis differs from the input's");
  }
  int64_t outer = ShapedType::getNumElements(x.take_front(*axis));
  int64_t inner = ShapedType::getNumElements(x.drop_front(*axis + 1).drop_back());
  w.checksInputs = w.has(1);
  w.os << "  " << (w.has(1) ? "if (!" : "") << "dft(" << w.in(0) << ", "
       << w.inOrNull(1, "int64_t") << ", " << w.out(0) << ", " << outer << ", " << x[*axis]
       << ", " << inner << ", " << x.back() << ", " << length << ", " << bins << ", "
       << (op.getInverse() ? "true" : "false") << ")" << (w.has(1) ? ")\n    return false" : "")
       << ";\n";
  return success();
}

LogicalResult emitSTFT(NodeWriter &w) {
  auto op = llvm::cast<STFTOp>(w.op);
  ArrayRef<int64_t> x = w.inShape(0), y = w.outShape(0);
  if (x.size() != 3 || y.size() != 4 || y[0] != x[0] || y[3] != 2)
    return w.fail("signal must be [batch, length, 1 or 2] and the result [batch, frames, bins, 2]");
  int64_t windowLen = w.has(2) ? w.inElements(2) : 0;
  w.checksInputs = true;
  w.os << "  if (!stft(" << w.in(0) << ", " << w.in(1) << ", " << w.inOrNull(2, w.inType(0))
       << ", " << windowLen << ", " << w.inOrNull(3, "int64_t") << ", " << w.out(0) << ", "
       << x[0] << ", " << x[1] << ", " << x[2] << ", " << y[1] << ", " << y[2] << ", "
       << (op.getOnesided() ? "true" : "false") << "))\n    return false;\n";
  return success();
}

} // namespace

void registerSignalEmitters(EmitterRegistry &r) {
  r.add("onnx.HannWindow", [](NodeWriter &w) {
    return emitWindow<HannWindowOp>(w, {"0.5", "0.5", "0.0"});
  });
  r.add("onnx.HammingWindow", [](NodeWriter &w) {
    return emitWindow<HammingWindowOp>(w, {"25.0 / 46", "21.0 / 46", "0.0"});
  });
  r.add("onnx.BlackmanWindow", [](NodeWriter &w) {
    return emitWindow<BlackmanWindowOp>(w, {"0.42", "0.5", "0.08"});
  });
  r.add("onnx.MelWeightMatrix", emitMelWeightMatrix);
  r.add("onnx.DFT", emitDFT);
  r.add("onnx.STFT", emitSTFT);
}

} // namespace onnxc::cpp
