//===- Flops.h - arithmetic cost of one node ---------------------*- C++ -*-===//
#ifndef ONNXC_COMPILER_REPORT_FLOPS_H
#define ONNXC_COMPILER_REPORT_FLOPS_H

#include "mlir/IR/Operation.h"

namespace onnxc {

/// Floating-point operations of one run of `op`, counting a multiply-add as
/// two: exact for Conv, Gemm and MatMul (the kernels that dominate), plus
/// one per output element for each step of a fused epilogue (bias, residual
/// addend, activation); one per output element for everything else.
int64_t estimateFlops(mlir::Operation *op);

} // namespace onnxc

#endif
