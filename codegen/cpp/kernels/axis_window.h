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

/// Pairs the positions p of a box of extents `count` with their images
/// p * step + shift in a box of extents `limit`, keeping those whose image is
/// inside: f(from, to, n) gets the flat offsets of a row's first position in
/// each box and the row's length (along the last axis the image advances by
/// step[S-1] per position). Convolution reads through this map, transposed
/// convolution writes through it.
template <int S, typename F>
inline void for_each_strided_row(const int64_t (&shift)[S], const int64_t (&step)[S],
                                 const int64_t (&count)[S], const int64_t (&limit)[S], F f) {
  int64_t lo[S], hi[S];
  for (int d = 0; d < S; ++d)
    affine_range(shift[d], step[d], limit[d], count[d], lo[d], hi[d]);
  const int64_t n = hi[S - 1] - lo[S - 1];
  for_each_row(lo, hi, [&](const int64_t(&p)[S]) {
    int64_t at[S];
    for (int d = 0; d < S; ++d)
      at[d] = p[d] * step[d] + shift[d];
    f(flat_offset(p, count), flat_offset(at, limit), n);
  });
}

/// The S-d index of window tap number t (row-major over `kernel`).
template <int S> inline void tap_index(int64_t t, const int64_t (&kernel)[S], int64_t (&tap)[S]) {
  for (int d = S - 1; d >= 0; --d) {
    tap[d] = t % kernel[d];
    t /= kernel[d];
  }
}


} // namespace onnxc_kernels
