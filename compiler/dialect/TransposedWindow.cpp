//===- TransposedWindow.cpp - geometry of ConvTranspose -------------------===//
//
// The rules of the ONNX ConvTranspose spec: without output_shape or auto_pad
//   out = stride * (in - 1) + output_padding + (kernel - 1) * dilation + 1
//         - pad_begin - pad_end;
// with output_shape (or SAME_* auto_pad, whose output is in * stride) the
// total padding is what makes that formula give the requested output, split
// with the odd unit at the end for SAME_UPPER and at the beginning otherwise
// (floor division, so a negative total extends the output at the end).
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/TransposedWindow.h"
#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {

namespace {

int64_t floorDiv2(int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

/// `attr` with `n` entries, or `fill` repeated when it is absent.
std::optional<llvm::SmallVector<int64_t>> sized(std::optional<mlir::ArrayAttr> attr, size_t n,
                                                int64_t fill) {
  auto v = toInts(attr);
  if (!v)
    return llvm::SmallVector<int64_t>(n, fill);
  if (v->size() != n)
    return std::nullopt;
  return v;
}

} // namespace

std::string computeTransposedWindow(ConvTransposeOp op, llvm::ArrayRef<int64_t> in,
                                    llvm::ArrayRef<int64_t> kernel, TransposedWindow &win) {
  size_t n = in.size();
  if (kernel.size() != n)
    return "W has " + std::to_string(kernel.size()) + " spatial dims but X has " +
           std::to_string(n);
  if (auto ks = toInts(op.getKernelShape()); ks && llvm::ArrayRef<int64_t>(*ks) != kernel)
    return "kernel_shape does not match W";
  auto strides = sized(op.getStrides(), n, 1), dilations = sized(op.getDilations(), n, 1);
  auto outPad = sized(op.getOutputPadding(), n, 0);
  if (!strides || !dilations || !outPad)
    return "strides, dilations and output_padding must have one entry per spatial dim";
  auto pads = toInts(op.getPads());
  if (pads && pads->size() != 2 * n)
    return "pads must have 2 * spatial-rank entries";
  auto outShape = toInts(op.getOutputShape());
  if (outShape && outShape->size() == n + 2) // some exporters give N and C too
    outShape->erase(outShape->begin(), outShape->begin() + 2);
  if (outShape && outShape->size() != n)
    return "output_shape must have one entry per spatial dim";
  llvm::StringRef autoPad = op.getAutoPad();
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (!same && autoPad != "NOTSET" && autoPad != "VALID")
    return ("unknown auto_pad '" + autoPad + "'").str();

  win.kernel.assign(kernel.begin(), kernel.end());
  win.strides = *strides;
  win.dilations = *dilations;
  win.padBegin.assign(n, 0);
  win.out.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int64_t s = win.strides[i], d = win.dilations[i], k = kernel[i], extra = (*outPad)[i];
    if (s <= 0 || d <= 0 || k <= 0)
      return "kernel, strides and dilations must be positive";
    if (extra < 0)
      return "output_padding must not be negative";
    int64_t full = s * (in[i] - 1) + extra + (k - 1) * d + 1;
    if (outShape || same) {
      win.out[i] = outShape ? (*outShape)[i] : in[i] * s;
      int64_t total = full - win.out[i];
      win.padBegin[i] = autoPad == "SAME_UPPER" ? floorDiv2(total) : total - floorDiv2(total);
    } else if (autoPad == "VALID" || !pads) {
      win.out[i] = full;
    } else {
      win.padBegin[i] = (*pads)[i];
      win.out[i] = full - (*pads)[i] - (*pads)[i + n];
    }
    if (win.out[i] <= 0)
      return "the output would be empty";
  }
  return "";
}

} // namespace onnxc
