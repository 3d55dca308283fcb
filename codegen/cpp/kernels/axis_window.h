// axis_window.h - geometry of a sliding window (convolution, pooling).
//
// Shared by conv.h and pool.h; the file name sorts before theirs, so the
// embedded kernel library defines it first (EmbedKernels.cmake orders by name).
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// A window of S spatial axes as resolved at compile time: input and output
/// sizes, window taps, strides, dilations and the explicit padding.
/// Tap k of output position o reads input coordinate
///   o * strides[d] - pad_begin[d] + k * dilations[d]   (outside [0, in) = padding).
template <int S> struct Window {
  int64_t in[S], out[S], kernel[S], strides[S], dilations[S], pad_begin[S], pad_end[S];
};

/// [lo, hi): the t in [0, count) with 0 <= base + step * t < limit (step > 0).
/// Clipping a loop to this range removes the bounds test from its body.
[[maybe_unused]] inline void affine_range(int64_t base, int64_t step, int64_t limit, int64_t count,
                                          int64_t &lo, int64_t &hi) {
  lo = base >= 0 ? 0 : (-base + step - 1) / step;
  hi = base >= limit ? 0 : min_of(count, (limit - base + step - 1) / step);
  if (lo > hi)
    lo = hi;
}

/// Visits the rows of the S-d box [lo, hi) in row-major order: f(idx) gets the
/// index of each row's first element (idx[S-1] == lo[S-1]) and walks the last
/// axis itself, so the innermost loop stays a plain, vectorisable loop.
template <int S, typename F>
inline void for_each_row(const int64_t (&lo)[S], const int64_t (&hi)[S], F f) {
  for (int d = 0; d < S; ++d)
    if (lo[d] >= hi[d])
      return;
  int64_t idx[S];
  for (int d = 0; d < S; ++d)
    idx[d] = lo[d];
  for (;;) {
    f(idx);
    int d = S - 2;
    for (; d >= 0; --d) {
      if (++idx[d] < hi[d])
        break;
      idx[d] = lo[d];
    }
    if (d < 0)
      return;
  }
}

/// Flat row-major offset of `idx` in a box of extents `dims`.
template <int S> inline int64_t flat_offset(const int64_t (&idx)[S], const int64_t (&dims)[S]) {
  int64_t off = 0;
  for (int d = 0; d < S; ++d)
    off = off * dims[d] + idx[d];
  return off;
}

} // namespace onnxc_kernels
