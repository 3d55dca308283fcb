// pool.h - max and average pooling over N-d windows (MaxPool's indices and
// MaxUnpool too); global pooling.
#pragma once
#include "axis_window.h"

namespace onnxc_kernels {

/// The taps of one output position's window: start[d] is the input coordinate
/// of tap 0 along axis d (negative inside the padding), [lo, hi) the taps that
/// fall inside the input.
template <int S> struct WindowTaps { int64_t start[S], lo[S], hi[S]; };

/// For each of `planes` input planes (N * C) and each output position, in
/// row-major order, stores reduce(plane, taps) into y.
template <int S, typename T, typename R>
inline void pool_planes(const T *x, T *y, int64_t planes, const Window<S> &win, R reduce) {
  static constexpr int64_t origin[S] = {};
  const int64_t in_plane = product(win.in);
  for (int64_t p = 0; p < planes; ++p) {
    const T *xp = x + p * in_plane;
    for_each_row(origin, win.out, [&](const int64_t(&row)[S]) {
      WindowTaps<S> taps;
      for (int64_t o = 0; o < win.out[S - 1]; ++o) {
        for (int d = 0; d < S; ++d) {
          taps.start[d] = (d == S - 1 ? o : row[d]) * win.strides[d] - win.pad_begin[d];
          affine_range(taps.start[d], win.dilations[d], win.in[d], win.kernel[d], taps.lo[d],
                       taps.hi[d]);
        }
        *y++ = reduce(xp, taps);
      }
    });
  }
}

/// Calls f(value) for each tap of `taps` that lies inside the input.
template <int S, typename T, typename F>
inline void for_each_tap(const T *xp, const Window<S> &win, const WindowTaps<S> &taps, F f) {
  const int64_t dilation = win.dilations[S - 1], n = taps.hi[S - 1] - taps.lo[S - 1];
  for_each_row(taps.lo, taps.hi, [&](const int64_t(&k)[S]) {
    int64_t at[S];
    for (int d = 0; d < S; ++d)
      at[d] = taps.start[d] + k[d] * win.dilations[d];
    const T *xr = xp + flat_offset(at, win.in);
    for (int64_t t = 0; t < n; ++t)
      f(xr[t * dilation]);
  });
}

/// MaxPool's Y. Padding never wins; a window wholly inside the padding gives 0.
template <int S, typename T>
inline void max_pool(const T *x, T *y, int64_t planes, const Window<S> &win) {
  pool_planes(x, y, planes, win, [&](const T *xp, const WindowTaps<S> &taps) {
    // Seeded with the first tap: no per-type "lowest value" needed.
    int64_t first[S];
    for (int d = 0; d < S; ++d) {
      if (taps.lo[d] >= taps.hi[d])
        return T(0);
      first[d] = taps.start[d] + taps.lo[d] * win.dilations[d];
    }
    T best = xp[flat_offset(first, win.in)];
    for_each_tap(xp, win, taps, [&](T v) { best = v > best ? v : best; });
    return best;
  });
}

/// MaxPool with Indices: y as max_pool, and each maximum's flat offset in x
/// (the first maximum in window order), its spatial part row-major or, with
/// `column_major` (storage_order 1), column-major.
template <int S, typename T>
inline void max_pool_indices(const T *x, T *y, int64_t *indices, int64_t planes,
                             const Window<S> &win, bool column_major) {
  pool_planes(x, y, planes, win, [&](const T *xp, const WindowTaps<S> &taps) {
    T best = T(0);
    int64_t best_at[S] = {};
    bool found = false;
    for_each_row(taps.lo, taps.hi, [&](const int64_t(&k)[S]) {
      int64_t at[S];
      for (int d = 0; d < S; ++d)
        at[d] = taps.start[d] + k[d] * win.dilations[d];
      for (int64_t t = taps.lo[S - 1]; t < taps.hi[S - 1]; ++t) {
        at[S - 1] = taps.start[S - 1] + t * win.dilations[S - 1];
        const T v = xp[flat_offset(at, win.in)];
        if (!found || v > best) {
          found = true;
          best = v;
          for (int d = 0; d < S; ++d)
            best_at[d] = at[d];
        }
      }
    });
    int64_t pos = 0;
    if (column_major)
      for (int d = S - 1; d >= 0; --d)
        pos = pos * win.in[d] + best_at[d];
    else
      pos = flat_offset(best_at, win.in);
    *indices++ = (xp - x) + pos;
    return best;
  });
}

/// MaxUnpool: y (planes of extents `to`) is zero but where x[i] goes:
/// indices[i] is a flat offset in planes of extents `from` (as MaxPool's
/// Indices), whose spatial coordinates are kept in y. False, with y partly
/// written, when an index is outside.
template <int S, typename T>
inline bool max_unpool(const T *x, const int64_t *indices, T *y, int64_t n, int64_t planes,
                       const int64_t (&from)[S], const int64_t (&to)[S]) {
  const int64_t from_plane = product(from), to_plane = product(to);
  for (int64_t i = 0; i < planes * to_plane; ++i)
    y[i] = T(0);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t index = indices[i];
    if (index < 0 || index >= planes * from_plane)
      return false;
    int64_t rest = index % from_plane, at[S];
    for (int d = S - 1; d >= 0; --d) {
      at[d] = rest % from[d];
      rest /= from[d];
    }
    y[index / from_plane * to_plane + flat_offset(at, to)] = x[i];
  }
  return true;
}

/// AveragePool. The divisor counts the taps inside the input or, with
/// count_include_pad, those inside the padded input [-pad_begin, in + pad_end):
/// taps that ceil_mode pushes past the end padding never count (as in ONNX
/// Runtime and the ONNX test data).
template <int S, typename T>
inline void average_pool(const T *x, T *y, int64_t planes, const Window<S> &win,
                         bool count_include_pad) {
  pool_planes(x, y, planes, win, [&](const T *xp, const WindowTaps<S> &taps) {
    T sum = T(0);
    for_each_tap(xp, win, taps, [&](T v) { sum += v; });
    int64_t count = 1;
    for (int d = 0; d < S; ++d) {
      int64_t lo = taps.lo[d], hi = taps.hi[d];
      if (count_include_pad)
        affine_range(taps.start[d] + win.pad_begin[d], win.dilations[d],
                     win.in[d] + win.pad_begin[d] + win.pad_end[d], win.kernel[d], lo, hi);
      count *= hi - lo;
    }
    return count ? sum / T(count) : T(0);
  });
}

/// GlobalAveragePool: the mean of each of `planes` planes of `plane_size`.
template <typename T>
inline void global_average_pool(const T *x, T *y, int64_t planes, int64_t plane_size) {
  for (int64_t p = 0; p < planes; ++p) {
    const T *xp = x + p * plane_size;
    T sum = T(0);
    for (int64_t i = 0; i < plane_size; ++i)
      sum += xp[i];
    y[p] = sum / T(plane_size);
  }
}

/// GlobalMaxPool: the maximum of each of `planes` planes of `plane_size`.
template <typename T>
inline void global_max_pool(const T *x, T *y, int64_t planes, int64_t plane_size) {
  for (int64_t p = 0; p < planes; ++p) {
    const T *xp = x + p * plane_size;
    T best = xp[0];
    for (int64_t i = 1; i < plane_size; ++i)
      best = xp[i] > best ? xp[i] : best;
    y[p] = best;
  }
}

} // namespace onnxc_kernels
