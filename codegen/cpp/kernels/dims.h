// dims.h - arithmetic of symbolic dims (--max-dim): the rounding divisions
// of the affine expressions onnxc derives them with (SymbolicDims.h).
#pragma once
#include "common.h"

namespace onnxc_kernels {

inline int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline int64_t ceil_div(int64_t a, int64_t b) {
  return a / b + ((a % b != 0) && ((a < 0) == (b < 0)));
}
inline int64_t floor_mod(int64_t a, int64_t b) { return ((a % b) + b) % b; }

} // namespace onnxc_kernels
