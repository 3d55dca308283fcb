// conv.h - N-d convolution and transposed convolution: grouped, strided,
// dilated, padded.
//
// Groups run as a GEMM per group (1x1 windows read x in place, others
// through the im2col view of im2col_panels.h), except depthwise groups (one
// input channel, fewer filters than a micro-tile's rows) that add tap by
// tap, which stays in the vector unit without a GEMM's M = 1 waste. ConvTranspose scatters each
// input row into the output tap by tap (direct, no GEMM yet).
#pragma once
#include "conv_filter_lanes.h"
#include "conv_implicit.h"
#include "conv_winograd.h"
#include "depthwise_lanes.h"
#include "depthwise_padded.h"
#include "im2col_panels.h"

namespace onnxc_kernels {

/// y += wv * x read through window tap `tap`: one weight of one input channel
/// added into one output plane, over the output positions where that tap lands
/// inside the input (so padding costs nothing and the inner loop has no test).
template <int S, typename T>
inline void conv_add_tap(const T *x, T wv, T *y, const Window<S> &win, const int64_t (&tap)[S]) {
  int64_t lo[S], hi[S], shift[S];
  for (int d = 0; d < S; ++d) {
    // Output position o reads input coordinate o * stride + shift.
    shift[d] = tap[d] * win.dilations[d] - win.pad_begin[d];
    affine_range(shift[d], win.strides[d], win.in[d], win.out[d], lo[d], hi[d]);
  }
  const int64_t stride = win.strides[S - 1], n = hi[S - 1] - lo[S - 1];
  for_each_row(lo, hi, [&](const int64_t(&o)[S]) {
    int64_t at[S];
    for (int d = 0; d < S; ++d)
      at[d] = o[d] * win.strides[d] + shift[d];
    const T *xr = x + flat_offset(at, win.in);
    T *yr = y + flat_offset(o, win.out);
    for (int64_t t = 0; t < n; ++t)
      yr[t] += wv * xr[t * stride];
  });
}

/// One depthwise output plane: y += x (*) w for a single input channel, tap
/// by tap (2-d planes that fit depthwise_padded.h's buffers go there instead).
template <int S, typename T>
inline void conv_depthwise_plane(const T *x, const T *w, T *y, const Window<S> &win) {
  for (int64_t t = 0; t < product(win.kernel); ++t) {
    int64_t tap[S];
    tap_index(t, win.kernel, tap);
    conv_add_tap(x, w[t], y, win, tap);
  }
}

/// True when one group of conv adds tap by tap rather than through a GEMM:
/// one input channel and fewer filters than a micro-tile's rows (no GEMM
/// with M = 1 waste).
template <typename T> inline bool conv_is_depthwise(int64_t group_channels, int64_t group_filters) {
  return group_channels == 1 && group_filters < GemmShape<T>::rows;
}

/// Output positions [lo, hi) of one group of one batch item, as a GEMM:
/// yg[filters, lo .. hi) += wg[filters, depth] * X'[depth, lo .. hi), the
/// im2col matrix X' read in place for 1x1 windows (rows of y out_plane apart).
template <int S, typename T, typename W>
inline void conv_gemm_columns(const T *xg, W wg, T *yg, int64_t group_filters,
                              int64_t depth, const Window<S> &win, int64_t lo, int64_t hi) {
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  if (is_pointwise(win))
    gemm_blocked(wg, MatrixStrides{depth, 1}, StridedPanels<T>{xg + lo, {in_plane, 1}}, yg + lo,
                 out_plane, group_filters, hi - lo, depth, T(1));
  else
    gemm_blocked(wg, MatrixStrides{depth, 1},
                 Im2colPanels<S, T>{xg, win, in_plane, product(win.kernel), lo}, yg + lo,
                 out_plane, group_filters, hi - lo, depth, T(1));
}

/// Columns [lo, hi) of the rows of y[filters, plane]: set to the bias (zero
/// when null) before the GEMMs add into them ...
template <typename T>
inline void conv_fill_bias(T *y, const T *bias, int64_t filters, int64_t plane, int64_t lo,
                           int64_t hi) {
  for (int64_t m = 0; m < filters; ++m)
    for (int64_t i = lo; i < hi; ++i)
      y[m * plane + i] = bias ? bias[m] : T(0);
}

/// ... and finished by the epilogue (the addend, then the activation) after.
template <typename T, typename Act>
inline void conv_epilogue(T *y, const T *addend, int64_t filters, int64_t plane, int64_t lo,
                          int64_t hi, Act act) {
  if (lo == 0 && hi == plane) // one contiguous run
    return apply_epilogue(y, addend, filters * plane, act);
  for (int64_t m = 0; m < filters; ++m)
    apply_epilogue(y + m * plane + lo, addend ? addend + m * plane + lo : addend, hi - lo, act);
}

/// Output positions [lo, hi) of one group (filters rows of y, addend as y,
/// bias per row; both may be null), finished in chunks of about kConvChunk
/// outputs so that one stays in cache from the bias through the GEMM's sums
/// to the epilogue (whole 80x80 planes went out to L3 between the passes).
constexpr int64_t kConvChunk = 16384;
template <int S, typename T, typename W, typename Act>
inline void conv_columns(const T *xg, W wg, const T *bias, T *yg, const T *addend,
                         int64_t filters, int64_t depth, const Window<S> &win, int64_t lo,
                         int64_t hi, Act act) {
  constexpr int64_t NR = GemmShape<T>::vectors * GemmShape<T>::Lanes::width;
  const int64_t out_plane = product(win.out);
  const int64_t chunk = max_of<int64_t>(NR, kConvChunk / filters / NR * NR);
  for (int64_t c0 = lo; c0 < hi; c0 += chunk) {
    const int64_t c1 = min_of(hi, c0 + chunk);
    conv_fill_bias(yg, bias, filters, out_plane, c0, c1);
    conv_gemm_columns(xg, wg, yg, filters, depth, win, c0, c1);
    conv_epilogue(yg, addend, filters, out_plane, c0, c1, act);
  }
}

/// One depthwise group: its filters' planes from its one input channel, tap
/// by tap, each finished with the bias and the epilogue (as conv_columns).
template <int S, typename T, typename Act>
inline void conv_depthwise_group(const T *xg, const T *wg, const T *bias, T *yg,
                                 const T *addend, int64_t filters, const Window<S> &win,
                                 Act act) {
  const int64_t taps = product(win.kernel), out_plane = product(win.out);
  conv_fill_bias(yg, bias, filters, out_plane, 0, out_plane);
  for (int64_t m = 0; m < filters; ++m)
    conv_depthwise_plane(xg, wg + m * taps, yg + m * out_plane, win);
  conv_epilogue(yg, addend, filters, out_plane, 0, out_plane, act);
}

/// Y[N, M, out...] = X[N, C, in...] (*) W[M, C / group, kernel...] + B[M].
/// Output channel m sees the input channels of its group g = m / (M / group).
/// `w` is a plain pointer, or PrepackedA (each group's W prepacked by the
/// compiler, never with one input channel per group). `bias` may be null;
/// `act` is the fused activation and `addend` (null when absent) a fused
/// residual Add of Y's shape, added before it (common.h).
template <int S, typename T, typename W, typename Act = Identity>
inline void conv(const T *x, W w, const T *bias, T *y, int64_t batch, int64_t channels,
                 int64_t filters, int64_t group, const Window<S> &win, Act act = {},
                 const T *addend = nullptr) {
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  const int64_t group_channels = channels / group, group_filters = filters / group;
  const int64_t depth = group_channels * product(win.kernel); // the GEMM's K
  if constexpr (S == 2 && !kPrepacked<W>) {
    // 2-d depthwise planes that fit depthwise_padded.h's buffers: all at once.
    if (conv_is_depthwise<T>(group_channels, group_filters)) {
      const DepthwiseLanes lanes = depthwise_lanes<T>(channels, win);
      if (group_filters == 1 && lanes.rows > 0)
        return conv_depthwise_lanes(x, w, bias, y, addend, batch * channels, channels, win, lanes,
                                    act);
      const DepthwiseBands band = depthwise_bands<T>(win);
      if (band.rows > 0)
        return conv_depthwise_planes(x, w, bias, y, addend, batch * channels, channels,
                                     group_filters, win, band, act);
    }
  }
  // Each group's output is finished (bias, sums, epilogue) while it is in
  // cache: a depthwise plane is one group.
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t g = 0; g < group; ++g) {
      const T *xg = x + (n * channels + g * group_channels) * in_plane;
      const W wg = w + g * group_filters * depth;
      const T *bg = bias ? bias + g * group_filters : bias;
      const int64_t first = (n * filters + g * group_filters) * out_plane; // of yg in y
      const T *ag = addend ? addend + first : addend;
      if constexpr (S == 2) {
        const ImplicitBands bands = implicit_bands<T>(group_channels, group_filters, win);
        if (bands.rows > 0 && (kPrepacked<W> || !conv_is_depthwise<T>(group_channels, group_filters))) {
          conv_implicit_rows(xg, wg, bg, y + first, ag, group_channels, group_filters, win, bands,
                             act, 0, win.out[0]);
          continue;
        }
      }
      if constexpr (!kPrepacked<W>) {
        if (conv_is_depthwise<T>(group_channels, group_filters)) {
          conv_depthwise_group(xg, wg, bg, y + first, ag, group_filters, win, act);
          continue;
        }
      }
      conv_columns(xg, wg, bg, y + first, ag, group_filters, depth, win, 0, out_plane, act);
    }
  }
}

/// conv() with weights transformed for Winograd F(4,3) (group 1, 3x3,
/// stride 1: conv_winograd.h).
template <typename T, int Rows, typename Act = Identity>
inline void conv(const T *x, WinogradF43<T, Rows> w, const T *bias, T *y, int64_t batch,
                 int64_t channels, int64_t filters, int64_t, const Window<2> &win, Act act = {},
                 const T *addend = nullptr) {
  conv_winograd(x, w, bias, y, batch, channels, filters, win, act, addend);
}

/// conv() with W^T prepacked as a GEMM's panels (group 1, 2-d:
/// conv_filter_lanes.h).
template <typename T, int Columns, typename Act = Identity>
inline void conv(const T *x, PrepackedB<T, Columns> w, const T *bias, T *y, int64_t batch,
                 int64_t channels, int64_t filters, int64_t, const Window<2> &win, Act act = {},
                 const T *addend = nullptr) {
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  for (int64_t n = 0; n < batch; ++n)
    conv_filter_lanes_rows(x + n * channels * in_plane, w, bias, y + n * filters * out_plane,
                           addend ? addend + n * filters * out_plane : addend, channels, filters,
                           win, act, 0, win.out[0]);
}

/// y += wv * x scattered through window tap `tap` (ConvTranspose): input
/// position i lands on output position i * stride + tap * dilation - pad_begin;
/// only the input positions that land inside the output are visited.
template <int S, typename T>
inline void conv_transpose_add_tap(const T *x, T wv, T *y, const Window<S> &win,
                                   const int64_t (&tap)[S]) {
  int64_t shift[S]; // input position i writes output coordinate i * stride + shift
  for (int d = 0; d < S; ++d)
    shift[d] = tap[d] * win.dilations[d] - win.pad_begin[d];
  const int64_t stride = win.strides[S - 1];
  for_each_strided_row(shift, win.strides, win.in, win.out, [&](int64_t i, int64_t o, int64_t n) {
    for (int64_t t = 0; t < n; ++t)
      y[o + t * stride] += wv * x[i + t];
  });
}

/// ConvTranspose: Y[N, M, out...] = X[N, C, in...] (*)^T W[C, M / group, kernel...] + B[M].
/// Output channel m works with the input channels of its group
/// g = m / (M / group). `bias` may be null; `act` is the fused activation
/// (common.h). win.in / win.out are X's and Y's spatial dims.
template <int S, typename T, typename Act = Identity>
inline void conv_transpose(const T *x, const T *w, const T *bias, T *y, int64_t batch,
                           int64_t channels, int64_t filters, int64_t group, const Window<S> &win,
                           Act act = {}) {
  const int64_t in_plane = product(win.in), out_plane = product(win.out);
  const int64_t taps = product(win.kernel);
  const int64_t group_channels = channels / group, group_filters = filters / group;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < filters; ++m) {
      T *yp = y + (n * filters + m) * out_plane;
      const T b = bias ? bias[m] : T(0);
      for (int64_t i = 0; i < out_plane; ++i)
        yp[i] = b;
      const int64_t first_channel = m / group_filters * group_channels;
      for (int64_t c = 0; c < group_channels; ++c) {
        const T *xp = x + (n * channels + first_channel + c) * in_plane;
        const T *wp = w + ((first_channel + c) * group_filters + m % group_filters) * taps;
        for (int64_t t = 0; t < taps; ++t) {
          int64_t tap[S];
          tap_index(t, win.kernel, tap);
          conv_transpose_add_tap(xp, wp[t], yp, win, tap);
        }
      }
      apply_epilogue(yp, out_plane, act);
    }
  }
}

} // namespace onnxc_kernels
