// split.h - Split: the inverse of concat.h.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Views the input as [outer, sum(chunk)] and output k as [outer, chunk[k]]
/// (chunk = its size along the axis times the size of the dims after it).
template <int N, typename T>
inline void split(const T *x, T *const (&dst)[N], const int64_t (&chunk)[N], int64_t outer) {
  for (int64_t o = 0; o < outer; ++o)
    for (int k = 0; k < N; ++k) {
      memcpy(dst[k] + o * chunk[k], x, (size_t)chunk[k] * sizeof(T));
      x += chunk[k];
    }
}

} // namespace onnxc_kernels
