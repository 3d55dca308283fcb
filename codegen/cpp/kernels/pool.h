// pool.h - max and average pooling over N-d windows (MaxPool's indices and
// MaxUnpool too); global pooling.
#pragma once
#include "axis_window.h"

namespace onnxc_kernels {

/// The taps of one output position's window: start[d] is the input coordinate
/// of tap 0 along axis d (negative inside the padding), [lo, hi) the taps that
/// fall inside the input.
template <int S> struct WindowTaps { int64_t start[S], lo[S], hi[S]; };

/// The taps of the window of output position `o`.
template <int S> inline WindowTaps<S> window_taps(const Window<S> &win, const int64_t (&o)[S]) {
  WindowTaps<S> taps;
  for (int d = 0; d < S; ++d) {
    taps.start[d] = o[d] * win.strides[d] - win.pad_begin[d];
    affine_range(taps.start[d], win.dilations[d], win.in[d], win.kernel[d], taps.lo[d], taps.hi[d]);
  }
  return taps;
}

/// For each of `planes` input planes (N * C) and each output position, in
/// row-major order, stores reduce(plane, taps) into y.
template <int S, typename T, typename R>
inline void pool_planes(const T *x, T *y, int64_t planes, const Window<S> &win, R reduce) {
  static constexpr int64_t origin[S] = {};
  const int64_t in_plane = product(win.in);
  for (int64_t p = 0; p < planes; ++p) {
    const T *xp = x + p * in_plane;
    for_each_row(origin, win.out, [&](const int64_t(&row)[S]) {
      int64_t o[S];
      for (int d = 0; d < S; ++d)
        o[d] = row[d];
      for (; o[S - 1] < win.out[S - 1]; ++o[S - 1])
        *y++ = reduce(xp, window_taps(win, o));
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

/// MaxPool's value for one window: padding never wins; a window wholly
/// inside the padding gives 0. Seeded with the first tap (no per-type
/// "lowest value" needed), then taps in row-major order: a NaN tap wins only
/// as the first.
template <int S, typename T>
inline T window_max(const T *xp, const Window<S> &win, const WindowTaps<S> &taps) {
  int64_t first[S];
  for (int d = 0; d < S; ++d) {
    if (taps.lo[d] >= taps.hi[d])
      return T(0);
    first[d] = taps.start[d] + taps.lo[d] * win.dilations[d];
  }
  T best = xp[flat_offset(first, win.in)];
  for_each_tap(xp, win, taps, [&](T v) { best = v > best ? v : best; });
  return best;
}

/// One 2-d MaxPool plane without dilation, output row by output row, with
/// column stride Step when it is a compile-time 1 or 2 (so the reads
/// vectorise), else 0. The inner columns, whose column taps all land inside
/// the input, take the maximum tap by tap over the whole row, in window_max's
/// order (so NaNs come out the same); the few edge columns go one window at
/// a time.
template <int Step, typename T>
inline void max_pool_rows(const T *xp, T *yp, const Window<2> &win) {
  const int64_t kw = win.kernel[1], step = Step > 0 ? Step : win.strides[1];
  int64_t inner_lo, inner_hi; // tap 0 inside and tap kw - 1 inside
  affine_range(-win.pad_begin[1], step, win.in[1] - kw + 1, win.out[1], inner_lo, inner_hi);
  const int64_t first_column = inner_lo * step - win.pad_begin[1];
  for (int64_t oh = 0; oh < win.out[0]; ++oh) {
    T *yr = yp + oh * win.out[1];
    const int64_t top = oh * win.strides[0] - win.pad_begin[0];
    int64_t a_lo, a_hi; // the kernel rows inside the input
    affine_range(top, 1, win.in[0], win.kernel[0], a_lo, a_hi);
    for (int64_t a = a_lo; a < a_hi; ++a) {
      const T *xs = xp + (top + a) * win.in[1] + first_column;
      for (int64_t b = 0; b < kw; ++b) {
        if (a == a_lo && b == 0) {
          for (int64_t t = inner_lo; t < inner_hi; ++t)
            yr[t] = xs[(t - inner_lo) * step];
          continue;
        }
        for (int64_t t = inner_lo; t < inner_hi; ++t) {
          const T v = xs[(t - inner_lo) * step + b];
          yr[t] = v > yr[t] ? v : yr[t];
        }
      }
    }
    auto edge = [&](int64_t t) { yr[t] = window_max(xp, win, window_taps<2>(win, {oh, t})); };
    for (int64_t t = 0; t < win.out[1]; ++t) // all edges when every kernel row is padding
      if (t < inner_lo || t >= inner_hi || a_lo >= a_hi)
        edge(t);
  }
}

/// MaxPool's Y.
template <int S, typename T>
inline void max_pool(const T *x, T *y, int64_t planes, const Window<S> &win) {
  if constexpr (S == 2) {
    if (win.dilations[0] == 1 && win.dilations[1] == 1) {
      const int64_t in_plane = product(win.in), out_plane = product(win.out);
      for (int64_t p = 0; p < planes; ++p) {
        const T *xp = x + p * in_plane;
        T *yp = y + p * out_plane;
        if (win.strides[1] == 1)
          max_pool_rows<1>(xp, yp, win);
        else if (win.strides[1] == 2)
          max_pool_rows<2>(xp, yp, win);
        else
          max_pool_rows<0>(xp, yp, win);
      }
      return;
    }
  }
  pool_planes(x, y, planes, win,
              [&](const T *xp, const WindowTaps<S> &taps) { return window_max(xp, win, taps); });
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
