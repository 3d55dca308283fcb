// softmax.h - Softmax, LogSoftmax and Hardmax along one axis.
//
// The input is viewed as [outer, n, inner] with the softmax axis in the
// middle. Numerically stable: the per-row maximum is subtracted before exp.
#pragma once
#include "common.h"
#include "fast_math.h"

namespace onnxc_kernels {

/// e^d for d = x - max <= 0: fast_math's vectorisable exp for float, and
/// 0 below its clamp (e^-87 ~ 1.6e-38), as libm gives for a -inf score.
inline float softmax_exp(float d) { return d < -87.0f ? 0.0f : fast_exp(d); }
template <typename T> inline T softmax_exp(T d) { return m_exp(d); }

/// Softmax along contiguous rows of n (inner == 1, the last axis, as in
/// attention): max, exp and sum each one vectorised pass along the row.
template <bool Log, typename T>
inline void softmax_rows(const T *x, T *y, int64_t rows, int64_t n) {
  constexpr int64_t kLanes = 16;
  for (int64_t r = 0; r < rows; ++r) {
    const T *xr = x + r * n;
    T *yr = y + r * n;
    // The row's max in kLanes partial maxima, which vectorise as lane_sum's sums.
    T part[kLanes];
    for (int64_t l = 0; l < kLanes; ++l)
      part[l] = xr[0];
    const int64_t full = n - n % kLanes; // as in lane_sum
    for (int64_t j = 0; j < full; j += kLanes)
      for (int64_t l = 0; l < kLanes; ++l)
        part[l] = max_of(part[l], xr[j + l]);
    T mx = xr[0];
    for (int64_t j = full; j < n; ++j)
      mx = max_of(mx, xr[j]);
    for (int64_t l = 0; l < kLanes; ++l)
      mx = max_of(mx, part[l]);
    const T sum = lane_sum<T>(n, [&](int64_t k) {
      const T e = softmax_exp(xr[k] - mx);
      if (!Log)
        yr[k] = e;
      return e;
    });
    if (Log) {
      const T shift = mx + m_log(sum); // log(exp(x - m) / s) = x - (m + log s)
      for (int64_t k = 0; k < n; ++k)
        yr[k] = xr[k] - shift;
    } else {
      const T inv = T(1) / sum;
      for (int64_t k = 0; k < n; ++k)
        yr[k] *= inv;
    }
  }
}

/// Shared body of softmax and log_softmax. The `inner` rows are processed in
/// tiles of kTile columns with their max and sum on the stack, so that every
/// loop walks memory contiguously whatever the axis.
template <bool Log, typename T>
inline void softmax_along_axis(const T *x, T *y, int64_t outer, int64_t n, int64_t inner) {
  constexpr int64_t kTile = 64;
  T mx[kTile], sum[kTile];
  if (n == 0)
    return;
  if (inner == 1)
    return softmax_rows<Log>(x, y, outer, n);
  for (int64_t o = 0; o < outer; ++o) {
    const T *xo = x + o * n * inner;
    T *yo = y + o * n * inner;
    for (int64_t i0 = 0; i0 < inner; i0 += kTile) {
      const int64_t w = min_of(kTile, inner - i0);
      const T *xt = xo + i0;
      T *yt = yo + i0;
      for (int64_t j = 0; j < w; ++j) {
        mx[j] = xt[j];
        sum[j] = 0;
      }
      for (int64_t k = 1; k < n; ++k)
        for (int64_t j = 0; j < w; ++j)
          mx[j] = max_of(mx[j], xt[k * inner + j]);
      for (int64_t k = 0; k < n; ++k)
        for (int64_t j = 0; j < w; ++j) {
          T e = softmax_exp(xt[k * inner + j] - mx[j]);
          if (!Log)
            yt[k * inner + j] = e;
          sum[j] += e;
        }
      if (Log) {
        // log(exp(x - m) / s) = x - (m + log s)
        for (int64_t j = 0; j < w; ++j)
          mx[j] += m_log(sum[j]);
        for (int64_t k = 0; k < n; ++k)
          for (int64_t j = 0; j < w; ++j)
            yt[k * inner + j] = xt[k * inner + j] - mx[j];
      } else {
        for (int64_t j = 0; j < w; ++j)
          sum[j] = T(1) / sum[j];
        for (int64_t k = 0; k < n; ++k)
          for (int64_t j = 0; j < w; ++j)
            yt[k * inner + j] *= sum[j];
      }
    }
  }
}

template <typename T>
inline void softmax(const T *x, T *y, int64_t outer, int64_t n, int64_t inner) {
  softmax_along_axis<false>(x, y, outer, n, inner);
}

template <typename T>
inline void log_softmax(const T *x, T *y, int64_t outer, int64_t n, int64_t inner) {
  softmax_along_axis<true>(x, y, outer, n, inner);
}

/// 1 at the first maximum of each row along the axis, 0 elsewhere (ONNX's
/// Hardmax: ties go to the lowest index).
template <typename T>
inline void hardmax(const T *x, T *y, int64_t outer, int64_t n, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const T *xr = x + o * n * inner + i;
      T *yr = y + o * n * inner + i;
      int64_t best = 0;
      for (int64_t k = 1; k < n; ++k)
        if (xr[k * inner] > xr[best * inner])
          best = k;
      // x and y may share bytes: read the row fully before writing it.
      for (int64_t k = 0; k < n; ++k)
        yr[k * inner] = k == best ? T(1) : T(0);
    }
}

} // namespace onnxc_kernels
