// depthwise_lanes.h - 2-d depthwise convolution with the channels in the
// vector lanes.
//
// depthwise_padded.h works plane by plane: on the small planes of a
// MobileNet's later stages (20x20 down to 5x5) its copies, epilogue and
// tails cost more than its FMAs, and each tap is an unaligned load. Here a
// band of input rows of a block of channels is first transposed (in
// registers, simd_transpose.h) into a zero-padded channels-last buffer, so
// that each tap of each output position is one aligned vector of channels
// against the tap's weights for them, with no edge cases; the band's output
// goes back to the channel planes the same way, the bias added in the sums
// and the addend and activation after.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"
#include "simd_transpose.h"

namespace onnxc_kernels {

/// Stack buffers, in elements: the channels-last input band, its output and
/// the block's weights (tap-major), and the most channels of one block.
constexpr int64_t kDepthwiseLanesInput = 16384, kDepthwiseLanesOutput = 8192;
constexpr int64_t kDepthwiseLanesChannels = 256, kDepthwiseLanesTaps = 9;

/// Channels per block and output rows per band of a depthwise convolution
/// of `channels` planes through this path; rows 0 when it does not apply:
/// targets without register transposes, a window of more than 3x3 taps,
/// channels not whole vectors, or no band of one row fitting the buffers.
struct DepthwiseLanes {
  int64_t channels = 0, rows = 0;
};
template <typename T>
inline DepthwiseLanes depthwise_lanes(int64_t channels, const Window<2> &win) {
  constexpr int64_t W = kTransposeSquare<T>;
  DepthwiseLanes lanes;
  if (W == 1 || channels % W != 0 || win.kernel[0] * win.kernel[1] > kDepthwiseLanesTaps ||
      win.pad_begin[0] < 0 || win.pad_begin[1] < 0 || win.pad_end[0] < 0 || win.pad_end[1] < 0)
    return lanes;
  const int64_t padded = win.in[1] + win.pad_begin[1] + win.pad_end[1];
  const int64_t reach = (win.kernel[0] - 1) * win.dilations[0] + 1;
  // The widest block of channels whose bands hold 4 output rows (the
  // window's input rows overlap between bands: with one row per band, a 3x3
  // window transposed each input row 3 times), else 1.
  const int64_t leasts[2] = {min_of<int64_t>(4, win.out[0]), 1};
  for (const int64_t least : leasts)
    for (int64_t block = min_of(channels, kDepthwiseLanesChannels); block >= W; block -= W) {
      // R output rows read (R - 1) * stride + reach padded input rows.
      const int64_t fit = kDepthwiseLanesInput / (padded * block);
      const int64_t by_input = fit < reach ? 0 : (fit - reach) / win.strides[0] + 1;
      const int64_t by_output = kDepthwiseLanesOutput / (win.out[1] * block);
      const int64_t rows = min_of(min_of(by_input, by_output), win.out[0]);
      if (channels % block == 0 && rows >= least)
        return {block, rows};
    }
  return lanes;
}

/// Output rows [oh0, oh0 + rows) of `count` channel planes (x, w, bias, y
/// and addend at the block's first channel): the band's padded input rows
/// transposed into `xt` (positions x count), the sums into `yt`, then back.
/// KH x KW: the window when it is a compile-time 3x3 (the taps unroll), else
/// 0 x 0. Four output positions at a time keep four FMA chains in flight;
/// each sums its taps in row-major order, as depthwise_padded.h does.
template <int KH, int KW, typename T, typename Act>
inline void depthwise_lanes_band(const T *x, const T *wt, const T *bias, T *y, const T *addend,
                                 int64_t count, const Window<2> &win, int64_t oh0, int64_t rows,
                                 Act act, T *xt, T *yt) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int W = L::width;
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t padded = win.in[1] + win.pad_begin[1] + win.pad_end[1];
  const int64_t sh = win.strides[0], sw = win.strides[1];
  const int64_t kh = KH > 0 ? KH : win.kernel[0], kw = KW > 0 ? KW : win.kernel[1];
  const int64_t in_rows = (rows - 1) * sh + (kh - 1) * win.dilations[0] + 1;
  for (int64_t r = 0; r < in_rows; ++r) {
    T *row = xt + r * padded * count;
    const int64_t ih = oh0 * sh - win.pad_begin[0] + r;
    if (ih < 0 || ih >= win.in[0]) {
      for (int64_t i = 0; i < padded * count; ++i)
        row[i] = T(0);
      continue;
    }
    for (int64_t i = 0; i < win.pad_begin[1] * count; ++i)
      row[i] = T(0);
    transpose_block(x + ih * win.in[1], in_plane, row + win.pad_begin[1] * count, count, count,
                    win.in[1]);
    for (int64_t i = (win.pad_begin[1] + win.in[1]) * count; i < padded * count; ++i)
      row[i] = T(0);
  }
  const int64_t out_w = win.out[1], taps = kh * kw;
  for (int64_t c = 0; c < count; c += W) {
    typename L::V wv[kDepthwiseLanesTaps];
    for (int64_t t = 0; t < taps; ++t)
      wv[t] = L::load(wt + t * count + c);
    const typename L::V b = bias ? L::load(bias + c) : L::zero();
    int64_t tap_at[kDepthwiseLanesTaps]; // of each tap in xt, from the output's first
    for (int64_t a = 0; a < kh; ++a)
      for (int64_t t = 0; t < kw; ++t)
        tap_at[a * kw + t] = (a * win.dilations[0] * padded + t * win.dilations[1]) * count;
    auto outputs = [&](auto n, int64_t r, int64_t ow) {
      constexpr int N = decltype(n)::value;
      const T *from = xt + (r * sh * padded + ow * sw) * count + c;
      typename L::V acc[N];
      ONNXC_UNROLL
      for (int i = 0; i < N; ++i)
        acc[i] = b;
      auto tap = [&](int64_t t) {
        ONNXC_UNROLL
        for (int i = 0; i < N; ++i)
          acc[i] = L::fma(wv[t], L::load(from + i * sw * count + tap_at[t]), acc[i]);
      };
      if constexpr (KH > 0) {
        ONNXC_UNROLL
        for (int t = 0; t < KH * KW; ++t)
          tap(t);
      } else {
        for (int64_t t = 0; t < taps; ++t)
          tap(t);
      }
      ONNXC_UNROLL
      for (int i = 0; i < N; ++i)
        L::store(yt + (r * out_w + ow + i) * count + c, acc[i]);
    };
    // The split point is computed, not left in ow (GCC warns of overflow).
    const int64_t fours = out_w - out_w % 4;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t ow = 0; ow < fours; ow += 4)
        outputs(RowCount<4>{}, r, ow);
      for (int64_t ow = fours; ow < out_w; ++ow)
        outputs(RowCount<1>{}, r, ow);
    }
  }
  const int64_t first = oh0 * out_w;
  finish_transposed(yt, rows * out_w, count, y + first, addend ? addend + first : addend,
                    out_plane, act);
}

/// y = act(bias + x (*) w + addend) for a depthwise convolution of `planes`
/// planes (batch items times `channels`, one filter each: w[channel * taps
/// ...], bias per channel, null when absent), block of channels by block,
/// band by band as `lanes` says (depthwise_lanes, rows > 0).
template <typename T, typename Act>
inline void conv_depthwise_lanes(const T *x, const T *w, const T *bias, T *y, const T *addend,
                                 int64_t planes, int64_t channels, const Window<2> &win,
                                 const DepthwiseLanes &lanes, Act act) {
  alignas(64) T xt[kDepthwiseLanesInput];
  alignas(64) T yt[kDepthwiseLanesOutput];
  alignas(64) T wt[kDepthwiseLanesTaps * kDepthwiseLanesChannels];
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t taps = win.kernel[0] * win.kernel[1], count = lanes.channels;
  for (int64_t p0 = 0; p0 < planes; p0 += count) {
    const int64_t c0 = p0 % channels;
    // The block's weights tap-major: one vector of channels per tap.
    transpose_block(w + c0 * taps, taps, wt, count, count, taps);
    for (int64_t oh0 = 0; oh0 < win.out[0]; oh0 += lanes.rows) {
      const int64_t rows = min_of(lanes.rows, win.out[0] - oh0);
      auto band = [&](auto kernel) {
        constexpr int K = decltype(kernel)::value;
        depthwise_lanes_band<K, K>(x + p0 * in_plane, wt, bias ? bias + c0 : bias,
                                   y + p0 * out_plane, addend ? addend + p0 * out_plane : addend,
                                   count, win, oh0, rows, act, xt, yt);
      };
      if (win.kernel[0] == 3 && win.kernel[1] == 3)
        band(RowCount<3>{});
      else
        band(RowCount<0>{});
    }
  }
}

} // namespace onnxc_kernels
