// select.h - NonZero and Compress, whose result size the compiled model
// fixes and the data must agree with.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// y as [R, count]: the coordinates of x's nonzero elements in row-major
/// order. False when x does not have exactly `count` nonzeros.
template <int R, typename T>
inline bool non_zero(const T *x, int64_t *y, const int64_t (&shape)[R], int64_t count) {
  int64_t n = product(shape), found = 0;
  for (int64_t i = 0; i < n; ++i)
    found += x[i] != T(0);
  if (found != count)
    return false;
  int64_t idx[R] = {};
  for (int64_t i = 0, p = 0; i < n; ++i) {
    if (x[i] != T(0)) {
      for (int d = 0; d < R; ++d)
        y[d * count + p] = idx[d];
      ++p;
    }
    for (int d = R - 1; d >= 0 && ++idx[d] == shape[d]; --d)
      idx[d] = 0;
  }
  return true;
}

/// x as [outer, dim, inner], y as [outer, kept, inner]: the slices j <
/// cond_len with cond[j] true. False when that is not `kept` slices.
template <typename T>
inline bool compress(const T *x, const bool *cond, T *y, int64_t outer, int64_t dim, int64_t inner,
                     int64_t cond_len, int64_t kept) {
  int64_t found = 0;
  for (int64_t j = 0; j < cond_len; ++j)
    found += cond[j];
  if (found != kept)
    return false;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < cond_len; ++j)
      if (cond[j]) {
        memcpy(y, x + (o * dim + j) * inner, (size_t)inner * sizeof(T));
        y += inner;
      }
  return true;
}

} // namespace onnxc_kernels
