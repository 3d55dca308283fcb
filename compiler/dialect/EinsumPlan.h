//===- EinsumPlan.h - Einsum subscripts as one strided loop nest -*- C++ -*-===//
//
// An Einsum equation over static operand shapes becomes one loop nest: the
// output's dims first (in output order), then the summed dims. Each operand
// reads at a stride per loop dim: a label repeated within an operand adds
// its dims' strides (a diagonal), an ellipsis dim of size 1 broadcasts
// (stride 0). Shape inference and the C++ backend share this plan.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_EINSUMPLAN_H
#define ONNXC_DIALECT_EINSUMPLAN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace onnxc {

struct EinsumPlan {
  llvm::SmallVector<int64_t> loops;                   ///< output dims, then summed dims
  size_t outputRank = 0;                              ///< how many of `loops` are output dims
  llvm::SmallVector<llvm::SmallVector<int64_t>> strides; ///< per operand, per loop
};

/// Plans `equation` over operands of shapes `inputs` (numpy's rules:
/// implicit output = the labels seen once, sorted, after the ellipsis dims).
/// Returns an error message, empty on success.
std::string planEinsum(llvm::StringRef equation, llvm::ArrayRef<llvm::SmallVector<int64_t>> inputs,
                       EinsumPlan &plan);

/// The number of operands the equation's left side names, or -1 when it
/// cannot be read.
int64_t einsumOperandCount(llvm::StringRef equation);

} // namespace onnxc

#endif
