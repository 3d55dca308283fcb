//===- ShapeUtils.h - shape arithmetic shared by inference and codegen -===//
#ifndef ONNXC_DIALECT_SHAPEUTILS_H
#define ONNXC_DIALECT_SHAPEUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

namespace onnxc {

/// The static shape of `v`, or nullopt when it is not a ranked static tensor.
std::optional<llvm::SmallVector<int64_t>> getStaticShape(mlir::Value v);

/// Numpy-style multidirectional broadcast of two shapes; false if they clash.
bool broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b,
                     llvm::SmallVectorImpl<int64_t> &out);

/// Row-major strides (in elements) of a tensor of `shape`.
llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape);

/// The element of a tensor of shape `in` that element `n` of the broadcast
/// result of shape `out` reads (shapes aligned at the right, size-1 dims
/// repeat); the strides are both shapes' rowMajorStrides.
int64_t broadcastSource(int64_t n, llvm::ArrayRef<int64_t> out, llvm::ArrayRef<int64_t> outStrides,
                        llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> inStrides);

/// The integer contents of `v` when it is produced by onnx.Constant.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value v);

/// Maps a possibly negative axis into [0, rank); nullopt when out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Spatial geometry of a convolution or pooling window, with auto_pad and
/// ceil_mode resolved into explicit begin/end pads.
struct WindowGeometry {
  llvm::SmallVector<int64_t> kernel, strides, dilations, padBegin, padEnd, out;
};

/// Resolves the window attributes for input spatial dims `in`. Missing
/// strides/dilations default to 1, missing pads to 0. Returns an error message
/// (empty on success).
std::string computeWindow(llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> kernel,
                          std::optional<llvm::SmallVector<int64_t>> strides,
                          std::optional<llvm::SmallVector<int64_t>> dilations,
                          std::optional<llvm::SmallVector<int64_t>> pads, llvm::StringRef autoPad,
                          bool ceilMode, WindowGeometry &geo);

/// Shape's [start, end) over a tensor of rank `rank`: defaults, negative
/// values and clamping as ONNX Shape-15 defines them.
std::pair<int64_t, int64_t> shapeOpRange(int64_t rank, std::optional<int64_t> start,
                                         std::optional<int64_t> end);

/// A Slice resolved per input dim: first index, step and output size (dims
/// that are not sliced have start 0, step 1, the full size).
struct SliceGeometry {
  llvm::SmallVector<int64_t> start, step, out;
};

/// Resolves onnx.Slice `op` (starts, ends, axes, steps as constant operands)
/// over input shape `in`; emits an error on `op` and returns nullopt when the
/// operands are not constants or are invalid.
std::optional<SliceGeometry> resolveSlice(mlir::Operation *op, llvm::ArrayRef<int64_t> in);

/// Reads an optional I64ArrayAttr into a vector.
std::optional<llvm::SmallVector<int64_t>> toInts(std::optional<mlir::ArrayAttr> attr);

} // namespace onnxc

#endif
