// concat.h - joins N tensors along one axis (Concat).
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Views every input as [outer, chunk[k]] (chunk = its size along the axis
/// times the size of the dimensions after it) and the output as
/// [outer, sum(chunk)]: each output row is the inputs' rows one after another.
template <int N, typename T>
inline void concat(const T *const (&src)[N], const int64_t (&chunk)[N], int64_t outer, T *y) {
  for (int64_t o = 0; o < outer; ++o)
    for (int k = 0; k < N; ++k) {
      memcpy(y, src[k] + o * chunk[k], (size_t)chunk[k] * sizeof(T));
      y += chunk[k];
    }
}

} // namespace onnxc_kernels
