// einsum.h - Einsum as one strided loop nest (planned by the compiler).
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Loops over `shape` (the output dims, then the summed dims) in row-major
/// order; each of the N operands reads at its own strides per loop dim, and
/// out[i / summed] accumulates the product of the N values.
template <int N, int R, typename T>
inline void einsum(const T *const (&ops)[N], T *out, const int64_t (&shape)[R],
                   const int64_t (&strides)[N][R], int64_t out_count, int64_t summed) {
  for (int64_t i = 0; i < out_count; ++i)
    out[i] = T(0);
  int64_t total = product(shape);
  int64_t idx[R] = {}, off[N] = {};
  for (int64_t i = 0; i < total; ++i) {
    T p = T(1);
    for (int n = 0; n < N; ++n)
      p *= ops[n][off[n]];
    out[i / summed] += p;
    for (int d = R - 1; d >= 0; --d) {
      for (int n = 0; n < N; ++n)
        off[n] += strides[n][d];
      if (++idx[d] < shape[d])
        break;
      for (int n = 0; n < N; ++n)
        off[n] -= strides[n][d] * shape[d];
      idx[d] = 0;
    }
  }
}

} // namespace onnxc_kernels
