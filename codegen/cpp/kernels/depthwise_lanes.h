// depthwise_lanes.h - 2-d depthwise convolution with the channels in the
// vector lanes.
//
// depthwise_padded.h works plane by plane: on the small planes of a
// MobileNet's later stages (20x20 down to 5x5) its copies, epilogue and
// tails cost more than its FMAs, and each tap is an unaligned load. Here a
// band of input rows of one vector of channels is first transposed (in
// registers, simd_transpose.h) into a zero-padded channels-last buffer, so
// that each tap of each output position is one aligned vector of channels
// against the tap's weights for them, with no edge cases; the band's output
// goes back to the channel planes the same way, the bias added in the sums
// and the addend and activation after. With one vector of channels (not a
// wider block) a 3x3 window's loads sit at constant offsets from its rows:
// with the block's width a runtime stride, GCC kept 36 tap addresses on the
// stack and reloaded one per FMA (96 channels at 40x40: 78 -> 56 us).
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"
#include "simd_transpose.h"

namespace onnxc_kernels {

/// Stack buffers, in elements: the channels-last input band, its output and
/// the block's weights (tap-major).
constexpr int64_t kDepthwiseLanesInput = 16384, kDepthwiseLanesOutput = 8192;
constexpr int64_t kDepthwiseLanesTaps = 9;

/// Output rows per band of a depthwise convolution through this path, one
/// vector of channels at a time (a block of channels the width of a
/// vector); 0 when it does not apply: targets without register transposes,
/// a window of more than 3x3 taps, channels not whole vectors, or no band
/// of one row fitting the buffers.
struct DepthwiseLanes {
  int64_t rows = 0;
};
template <typename T>
inline DepthwiseLanes depthwise_lanes(int64_t channels, const Window<2> &win) {
  constexpr int64_t W = kTransposeSquare<T>;
  if (W == 1 || channels % W != 0 || win.kernel[0] * win.kernel[1] > kDepthwiseLanesTaps ||
      win.pad_begin[0] < 0 || win.pad_begin[1] < 0 || win.pad_end[0] < 0 || win.pad_end[1] < 0)
    return {};
  const int64_t padded = win.in[1] + win.pad_begin[1] + win.pad_end[1];
  const int64_t reach = (win.kernel[0] - 1) * win.dilations[0] + 1;
  // R output rows read (R - 1) * stride + reach padded input rows.
  const int64_t fit = kDepthwiseLanesInput / (padded * W);
  const int64_t by_input = fit < reach ? 0 : (fit - reach) / win.strides[0] + 1;
  const int64_t by_output = kDepthwiseLanesOutput / (win.out[1] * W);
  return {min_of(min_of(by_input, by_output), win.out[0])};
}

/// Output rows [oh0, oh0 + rows) of one vector of channel planes (x, w,
/// bias, y and addend at its first channel): the band's padded input rows
/// transposed into `xt` (positions x channels), the sums into `yt`, then
/// back. KH x KW x SW: a compile-time 3x3 window of unit dilation and its
/// column stride (the taps' loads then sit at constant offsets from the
/// window's rows), else 0 x 0 x 0. Four output positions at a time keep
/// four FMA chains in flight; each sums its taps in row-major order, as
/// depthwise_padded.h does.
template <int KH, int KW, int SW, typename T, typename Act>
inline void depthwise_lanes_band(const T *x, const T *wt, const T *bias, T *y, const T *addend,
                                 const Window<2> &win, int64_t oh0, int64_t rows, Act act, T *xt,
                                 T *yt) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int W = L::width;
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t padded = win.in[1] + win.pad_begin[1] + win.pad_end[1];
  const int64_t sh = win.strides[0], sw = SW > 0 ? SW : win.strides[1];
  const int64_t kh = KH > 0 ? KH : win.kernel[0], kw = KW > 0 ? KW : win.kernel[1];
  const int64_t dh = KH > 0 ? 1 : win.dilations[0], dw = KW > 0 ? 1 : win.dilations[1];
  const int64_t in_rows = (rows - 1) * sh + (kh - 1) * dh + 1;
  for (int64_t r = 0; r < in_rows; ++r) {
    T *row = xt + r * padded * W;
    const int64_t ih = oh0 * sh - win.pad_begin[0] + r;
    if (ih < 0 || ih >= win.in[0]) {
      for (int64_t i = 0; i < padded * W; ++i)
        row[i] = T(0);
      continue;
    }
    for (int64_t i = 0; i < win.pad_begin[1] * W; ++i)
      row[i] = T(0);
    transpose_block(x + ih * win.in[1], in_plane, row + win.pad_begin[1] * W, W, W, win.in[1]);
    for (int64_t i = (win.pad_begin[1] + win.in[1]) * W; i < padded * W; ++i)
      row[i] = T(0);
  }
  typename L::V wv[kDepthwiseLanesTaps];
  for (int64_t t = 0; t < kh * kw; ++t)
    wv[t] = L::load(wt + t * W);
  const typename L::V b = bias ? L::load(bias) : L::zero();
  const int64_t out_w = win.out[1];
  auto outputs = [&](auto n, int64_t r, int64_t ow) {
    constexpr int N = decltype(n)::value;
    const T *from = xt + (r * sh * padded + ow * sw) * W;
    typename L::V acc[N];
    ONNXC_UNROLL
    for (int i = 0; i < N; ++i)
      acc[i] = b;
    // Taps t0.. of one window row: output i, its tap c reads `row` at
    // column i * sw + c * dw.
    auto taps = [&](int64_t t0, const T *row, auto cols) {
      ONNXC_UNROLL
      for (int c = 0; c < decltype(cols)::value; ++c)
        ONNXC_UNROLL
        for (int i = 0; i < N; ++i)
          acc[i] = L::fma(wv[t0 + c], L::load(row + (i * sw + c * dw) * W), acc[i]);
    };
    for (int64_t a = 0; a < kh; ++a) {
      const T *row = from + a * dh * padded * W;
      if constexpr (KW > 0) {
        taps(a * KW, row, RowCount<KW>{});
      } else {
        for (int64_t c = 0; c < kw; ++c)
          taps(a * kw + c, row + c * dw * W, RowCount<1>{});
      }
    }
    ONNXC_UNROLL
    for (int i = 0; i < N; ++i)
      L::store(yt + (r * out_w + ow + i) * W, acc[i]);
  };
  // The split point is computed, not left in ow (GCC warns of overflow).
  const int64_t fours = out_w - out_w % 4;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t ow = 0; ow < fours; ow += 4)
      outputs(RowCount<4>{}, r, ow);
    for (int64_t ow = fours; ow < out_w; ++ow)
      outputs(RowCount<1>{}, r, ow);
  }
  const int64_t first = oh0 * out_w;
  finish_transposed(yt, rows * out_w, int64_t(W), y + first, addend ? addend + first : addend,
                    out_plane, act);
}

/// y = act(bias + x (*) w + addend) for a depthwise convolution of `planes`
/// planes (batch items times `channels`, one filter each: w[channel * taps
/// ...], bias per channel, null when absent), a vector of channels at a
/// time, band by band as `lanes` says (depthwise_lanes, rows > 0).
template <typename T, typename Act>
inline void conv_depthwise_lanes(const T *x, const T *w, const T *bias, T *y, const T *addend,
                                 int64_t planes, int64_t channels, const Window<2> &win,
                                 const DepthwiseLanes &lanes, Act act) {
  constexpr int64_t W = GemmShape<T>::Lanes::width;
  alignas(64) T xt[kDepthwiseLanesInput];
  alignas(64) T yt[kDepthwiseLanesOutput];
  alignas(64) T wt[kDepthwiseLanesTaps * W];
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t taps = win.kernel[0] * win.kernel[1];
  const bool unit_dilation = win.dilations[0] == 1 && win.dilations[1] == 1;
  const bool three = win.kernel[0] == 3 && win.kernel[1] == 3 && unit_dilation;
  for (int64_t p0 = 0; p0 < planes; p0 += W) {
    const int64_t c0 = p0 % channels;
    // The block's weights tap-major: one vector of channels per tap.
    transpose_block(w + c0 * taps, taps, wt, W, W, taps);
    for (int64_t oh0 = 0; oh0 < win.out[0]; oh0 += lanes.rows) {
      const int64_t rows = min_of(lanes.rows, win.out[0] - oh0);
      auto band = [&](auto kernel, auto stride) {
        constexpr int K = decltype(kernel)::value;
        depthwise_lanes_band<K, K, decltype(stride)::value>(
            x + p0 * in_plane, wt, bias ? bias + c0 : bias, y + p0 * out_plane,
            addend ? addend + p0 * out_plane : addend, win, oh0, rows, act, xt, yt);
      };
      if (three && win.strides[1] == 1)
        band(RowCount<3>{}, RowCount<1>{});
      else if (three && win.strides[1] == 2)
        band(RowCount<3>{}, RowCount<2>{});
      else
        band(RowCount<0>{}, RowCount<0>{});
    }
  }
}

} // namespace onnxc_kernels
