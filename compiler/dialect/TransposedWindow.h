//===- TransposedWindow.h - geometry of ConvTranspose ---------*- C++ -*-===//
//
// Shared by ConvTranspose's shape inference and its emitter, so that both
// resolve output_shape, output_padding and auto_pad the same way.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_TRANSPOSEDWINDOW_H
#define ONNXC_DIALECT_TRANSPOSEDWINDOW_H

#include "compiler/dialect/ShapeUtils.h"

namespace onnxc {

class ConvTransposeOp;

/// Input position i and tap k of a ConvTranspose write output position
///   i * strides[d] + k * dilations[d] - padBegin[d]
/// when it lies in [0, out[d]). padBegin may be negative (output_shape larger
/// than the full result), padEnd is implied by out.
struct TransposedWindow {
  llvm::SmallVector<int64_t> kernel, strides, dilations, padBegin, out;
};

/// Resolves `op`'s window over the spatial dims `in` of X for the taps
/// `kernel` (W's spatial dims); returns an error message (empty on success).
std::string computeTransposedWindow(ConvTransposeOp op, llvm::ArrayRef<int64_t> in,
                                    llvm::ArrayRef<int64_t> kernel, TransposedWindow &win);

} // namespace onnxc

#endif
