//===- TransposeWriter.h - a permutation of dims as a kernel call -*- C++ -*-===//
#ifndef ONNXC_CODEGEN_CPP_EMITTERS_TRANSPOSEWRITER_H
#define ONNXC_CODEGEN_CPP_EMITTERS_TRANSPOSEWRITER_H

#include "codegen/cpp/NodeWriter.h"

namespace onnxc::cpp {

/// Writes out0 = in0 viewed with dims `in` (symbolic or constant, see
/// SymbolicDims), dims permuted by `perm` (kernels/transpose.h, or a copy
/// when the order in memory is unchanged). `in` may be a reshaped view of
/// operand 0 (DepthToSpace's blocks).
void writeTranspose(NodeWriter &w, llvm::ArrayRef<mlir::AffineExpr> in,
                    llvm::ArrayRef<int64_t> perm);

} // namespace onnxc::cpp

#endif
