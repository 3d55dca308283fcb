// trilu.h - Trilu (upper/lower triangle) and EyeLike (one diagonal of ones).
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// x and y viewed as [batch, rows, cols]: element (i, j) is kept when it lies
/// on or above (upper) / on or below the k-th diagonal (j - i == k), else 0.
template <typename T>
inline void trilu(const T *x, T *y, int64_t batch, int64_t rows, int64_t cols, int64_t k,
                  bool upper) {
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j, ++x, ++y)
        *y = (upper ? j - i >= k : j - i <= k) ? *x : T(0);
}

/// y[i][j] = 1 on the k-th diagonal (j - i == k), 0 elsewhere.
template <typename T> inline void eye_like(T *y, int64_t rows, int64_t cols, int64_t k) {
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      y[i * cols + j] = T(j - i == k ? 1 : 0);
}

} // namespace onnxc_kernels
