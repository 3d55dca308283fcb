// det.h - Det: determinants of square matrices.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// x as [count, M, M], y as [count]. Gaussian elimination with partial
/// pivoting in double precision on a copy of each matrix (on the stack:
/// M * M doubles).
template <int M, typename T> inline void det(const T *x, T *y, int64_t count) {
  double a[M * M > 0 ? M * M : 1];
  for (int64_t c = 0; c < count; ++c) {
    for (int i = 0; i < M * M; ++i)
      a[i] = double(x[c * M * M + i]);
    double d = 1;
    for (int k = 0; k < M && d != 0; ++k) {
      int pivot = k;
      for (int r = k + 1; r < M; ++r)
        if (fabs(a[r * M + k]) > fabs(a[pivot * M + k]))
          pivot = r;
      if (pivot != k) {
        for (int j = 0; j < M; ++j) {
          double t = a[k * M + j];
          a[k * M + j] = a[pivot * M + j];
          a[pivot * M + j] = t;
        }
        d = -d;
      }
      d *= a[k * M + k];
      if (a[k * M + k] == 0)
        break;
      for (int r = k + 1; r < M; ++r) {
        double f = a[r * M + k] / a[k * M + k];
        for (int j = k; j < M; ++j)
          a[r * M + j] -= f * a[k * M + j];
      }
    }
    y[c] = T(d);
  }
}

} // namespace onnxc_kernels
