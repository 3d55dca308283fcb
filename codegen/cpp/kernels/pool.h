// pool.h - max and average pooling over N-d windows (MaxPool's indices and
// MaxUnpool too); global pooling.
#pragma once
#include "axis_window.h"
#include "max_lanes.h"

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

/// window_max of a 2-d window without dilation whose taps inside the input
/// are `rows` x [b_lo, b_hi) from w (row pitch `width`): the same fold, tap
/// by tap in row-major order (so NaNs and signed zeros come out the same);
/// 0 when there is none. KH and KW, when not 0, fix rows and b_hi at compile
/// time so that the taps unroll.
template <int KH, int KW, typename T>
inline T rect_max(const T *w, int64_t rows, int64_t b_lo, int64_t b_hi, int64_t width) {
  if constexpr (KH > 0)
    rows = KH;
  if constexpr (KW > 0)
    b_hi = KW;
  if (rows <= 0 || b_lo >= b_hi)
    return T(0);
  T best = w[b_lo];
  for (int64_t a = 0; a < rows; ++a)
    for (int64_t b = a == 0 ? b_lo + 1 : b_lo; b < b_hi; ++b) {
      const T v = w[a * width + b];
      best = v > best ? v : best;
    }
  return best;
}

/// The maxima of n output columns `step` elements apart whose windows lie
/// wholly inside the input, `rows` x kw taps from w + t * step for column t:
/// rect_max of each. KH, KW and Step fix rows, kw and step at compile time
/// when not 0.
template <int KH, int KW, int Step, typename T>
inline void max_columns(const T *w, T *y, int64_t n, int64_t rows, int64_t kw, int64_t step,
                        int64_t width) {
  if constexpr (Step > 0)
    step = Step;
  for (int64_t t = 0; t < n; ++t)
    y[t] = rect_max<KH, KW>(w + t * step, rows, 0, kw, width);
}

#if defined(ONNXC_MAX_LANES)
/// max_columns over a vector of columns at a time where the columns are 1 or
/// 2 elements apart: the same fold, lane by lane. GCC keeps the stride-2
/// loop scalar (resnet18's stem MaxPool took 5x ONNX Runtime's time).
template <int KH, int KW, int Step>
inline void max_columns(const float *w, float *y, int64_t n, int64_t rows, int64_t kw, int64_t step,
                        int64_t width) {
  using M = MaxLanes;
  if constexpr (Step == 1 || Step == 2) {
    if (n >= M::width) {
      if constexpr (KH > 0)
        rows = KH;
      if constexpr (KW > 0)
        kw = KW;
      for (int64_t t = 0;; t += M::width) {
        t = min_of(t, n - M::width); // the last block overlaps the one before
        const float *w0 = w + t * Step;
        M::V best;
        bool first = true;
        for (int64_t a = 0; a < rows; ++a)
          M::row_taps<Step>(w0 + a * width, kw, [&](M::V v) {
            best = first ? v : M::later_max(v, best);
            first = false;
          });
        M::store<Step>(y + t, best);
        if (t + M::width == n)
          return;
      }
    }
  }
  max_columns<KH, KW, Step, float>(w, y, n, rows, kw, step, width);
}
#endif

/// 2-d MaxPool planes without dilation, output row by output row. The inner
/// columns of each row (their taps all inside the input but for whole kernel
/// rows in the padding) go through max_columns, with the kernel KH x KW and
/// the column stride Step fixed at compile time for the common shapes (0:
/// read from win); the edge columns through rect_max.
template <int KH, int KW, int Step, typename T>
inline void max_pool_rows(const T *x, T *y, int64_t planes, const Window<2> &win) {
  const int64_t kh = KH > 0 ? KH : win.kernel[0], kw = KW > 0 ? KW : win.kernel[1];
  const int64_t step = Step > 0 ? Step : win.strides[1], width = win.in[1], out = win.out[1];
  const int64_t pad = win.pad_begin[1];
  int64_t inner_lo, inner_hi; // columns with tap 0 and tap kw - 1 inside
  affine_range(-pad, step, width - kw + 1, out, inner_lo, inner_hi);
  // One loop over the output rows of all planes: measured 1.5-2x faster
  // than a loop per plane on the openWakeWord embedding's short rows (GCC 12).
  const T *xp = x;
  for (int64_t r = 0, oh = 0; r < planes * win.out[0]; ++r, y += out) {
    const int64_t top = oh * win.strides[0] - win.pad_begin[0];
    const int64_t a_lo = max_of<int64_t>(0, -top), a_hi = min_of(kh, win.in[0] - top);
    const T *w = xp + (top + a_lo) * width - pad; // tap (a_lo, 0) of column 0
    const int64_t rows = a_hi - a_lo;
    const int64_t lo = rows > 0 ? inner_lo : out, hi = rows > 0 ? inner_hi : out;
    if (rows == kh) // all kernel rows inside: KH fixed (edge rows too few to pay)
      max_columns<KH, KW, Step>(w + lo * step, y + lo, hi - lo, kh, kw, step, width);
    else
      max_columns<0, KW, Step>(w + lo * step, y + lo, hi - lo, rows, kw, step, width);
    auto edge = [&](int64_t t) {
      const int64_t left = t * step - pad;
      y[t] = rect_max<0, 0>(w + t * step, rows, max_of<int64_t>(0, -left), min_of(kw, width - left),
                            width);
    };
    for (int64_t t = 0; t < lo; ++t)
      edge(t);
    for (int64_t t = hi; t < out; ++t)
      edge(t);
    if (++oh == win.out[0]) {
      oh = 0;
      xp += product(win.in);
    }
  }
}

/// max_pool_rows when win's kernel is KH x KW with column
/// stride Step (each 0 matches any); false, doing nothing, otherwise.
template <int KH, int KW, int Step, typename T>
inline bool max_pool_shaped(const T *x, T *y, int64_t planes, const Window<2> &win) {
  if ((KH > 0 && win.kernel[0] != KH) || (KW > 0 && win.kernel[1] != KW) ||
      (Step > 0 && win.strides[1] != Step))
    return false;
  max_pool_rows<KH, KW, Step>(x, y, planes, win);
  return true;
}

/// MaxPool's Y.
template <int S, typename T>
inline void max_pool(const T *x, T *y, int64_t planes, const Window<S> &win) {
  if constexpr (S == 2) {
    // CNN stems (3x3 / 2), ResNet-style stride 1, halvings (2x2 / 2) and the
    // openWakeWord embedding's 1x2 / 2; other kernels with column stride 1
    // (YOLO's 5x5 SPP) or 2 still take vector columns.
    if (win.dilations[0] == 1 && win.dilations[1] == 1)
      if (max_pool_shaped<3, 3, 2>(x, y, planes, win) ||
          max_pool_shaped<3, 3, 1>(x, y, planes, win) ||
          max_pool_shaped<2, 2, 2>(x, y, planes, win) ||
          max_pool_shaped<1, 2, 2>(x, y, planes, win) ||
          max_pool_shaped<0, 0, 1>(x, y, planes, win) ||
          max_pool_shaped<0, 0, 2>(x, y, planes, win) ||
          max_pool_shaped<0, 0, 0>(x, y, planes, win))
        return;
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
