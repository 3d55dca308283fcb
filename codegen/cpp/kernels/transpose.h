// transpose.h - permutes the dimensions of a tensor (Transpose).
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Writes y in memory order, as rows of n elements read from x with stride
/// innerStride; srcStride[d] is the input stride of the outer output
/// dimension d. The compiler drops unit dimensions and merges dimensions
/// that stay adjacent, so R is as small as the permutation allows.
template <int R, typename T>
inline void transpose(const T *x, T *y, const int64_t (&shape)[R], const int64_t (&srcStride)[R],
                      int64_t n, int64_t innerStride) {
  for_each_index(shape, srcStride, srcStride, [&](int64_t row, int64_t src, int64_t) {
    T *yr = y + row * n;
    const T *xr = x + src;
    for (int64_t j = 0; j < n; ++j)
      yr[j] = xr[j * innerStride];
  });
}

} // namespace onnxc_kernels
