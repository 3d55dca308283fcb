// conv.h - direct N-d convolution: grouped, strided, dilated, padded.
#pragma once
#include "axis_window.h"

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

/// Y[N, M, out...] = X[N, C, in...] (*) W[M, C / group, kernel...] + B[M].
/// Output channel m sees the input channels of its group g = m / (M / group).
/// `bias` may be null; `act` is the fused activation (common.h).
template <int S, typename T, typename Act = Identity>
inline void conv(const T *x, const T *w, const T *bias, T *y, int64_t batch, int64_t channels,
                 int64_t filters, int64_t group, const Window<S> &win, Act act = {}) {
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
        const T *wp = w + (m * group_channels + c) * taps;
        for (int64_t t = 0; t < taps; ++t) {
          int64_t tap[S];
          for (int64_t d = S - 1, rest = t; d >= 0; --d) {
            tap[d] = rest % win.kernel[d];
            rest /= win.kernel[d];
          }
          conv_add_tap(xp, wp[t], yp, win, tap);
        }
      }
      apply_epilogue(yp, out_plane, act);
    }
  }
}

} // namespace onnxc_kernels
