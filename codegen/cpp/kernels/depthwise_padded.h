// depthwise_padded.h - 2-d depthwise convolution through a zero-padded copy
// of each input plane, so that every output is a vector lane.
//
// The input rows a band of output rows reads are copied into a stack buffer,
// the padding as zeros, split into stride phases: phase (p, q) holds padded
// element (sh * r + p, sw * c + q) at r * width + c. Output (oh, ow) reads
// tap (a, b) from phase (a * dh % sh, b * dw % sw) at
// j + a * dh / sh * width + b * dw / sw, where j = oh * width + ow: each tap
// is one contiguous run over all of the band's outputs, whatever the plane's
// width or stride, with no edge columns. The `width - out` outputs past each
// row's end (they read the next row) are computed and dropped when the band
// is written back.
//
// One buffer serves every plane of a Conv: it is zeroed once, copies write
// only the columns inside the input, and a band's rows above or below the
// input are zeroed as they come (an earlier band may have left data there).
// Rows past a band's last (and the slack after them) feed only dropped
// outputs, so they keep whatever they hold.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"
#include "simd_runs.h"

namespace onnxc_kernels {

// Stack buffers of one band, in elements (24 KiB of float: worker threads have
// small stacks), and the most taps a band keeps offsets for.
constexpr int64_t kDepthwiseInput = 4096, kDepthwiseOutput = 2048;
constexpr int kDepthwiseMaxTaps = 64;

/// How a plane splits into bands of output rows that fit the buffers.
struct DepthwiseBands {
  int64_t width = 0;  ///< columns of a phase: the outputs' row pitch in a band
  int64_t rows = 0;   ///< output rows per band; 0 when a row does not fit
  int64_t reach = 0;  ///< phase rows a band reads below its last output row
  int64_t pitch = 0;  ///< elements from one phase to the next
};

template <typename T> inline DepthwiseBands depthwise_bands(const Window<2> &win) {
  constexpr int64_t run = GemmShape<T>::Lanes::width;
  const int64_t sh = win.strides[0], sw = win.strides[1];
  DepthwiseBands b;
  if (win.kernel[0] * win.kernel[1] > kDepthwiseMaxTaps || win.out[0] <= 0 || win.out[1] <= 0)
    return b;
  b.reach = (win.kernel[0] - 1) * win.dilations[0] / sh;
  b.width = win.out[1] + (win.kernel[1] - 1) * win.dilations[1] / sw;
  // A band of R rows writes R * width outputs, rounded up to a run, and
  // reads each phase up to (R + reach + 1) * width + run (conv_depthwise_padded).
  const int64_t by_output = (kDepthwiseOutput - run) / b.width;
  const int64_t by_input = (kDepthwiseInput / (sh * sw) - run) / b.width - b.reach - 1;
  b.rows = max_of<int64_t>(0, min_of(min_of(by_output, by_input), win.out[0]));
  b.pitch = (b.rows + b.reach + 1) * b.width + run;
  return b;
}

/// Copies the padded rows [0, (rows + reach) * sh) of the band that starts at
/// output row oh0 from plane x into its phases in `in` (layout above); rows
/// outside the input are zeroed. Step: both strides when they are a
/// compile-time 1 or 2 (the copy then vectorises), else 0.
template <int Step, typename T>
inline void depthwise_copy_band(const T *x, T *in, const Window<2> &win, const DepthwiseBands &band,
                                int64_t oh0, int64_t rows) {
  const int64_t sh = Step > 0 ? Step : win.strides[0], sw = Step > 0 ? Step : win.strides[1];
  const int64_t pad = win.pad_begin[1], width = band.width;
  for (int64_t pr = 0; pr < (rows + band.reach) * sh; ++pr) { // padded rows
    T *to = in + pr % sh * sw * band.pitch + pr / sh * width; // phase (pr % sh, 0)
    const int64_t ih = oh0 * sh - win.pad_begin[0] + pr;
    if (ih < 0 || ih >= win.in[0]) {
      for (int64_t q = 0; q < sw; ++q)
        for (int64_t c = 0; c < width; ++c)
          to[q * band.pitch + c] = T(0);
      continue;
    }
    const T *xr = x + ih * win.in[1];
    if constexpr (Step == 2) {
      // Input column i lands in phase (i + pad) % 2 at column (i + pad) / 2:
      // pairs from the first i with i + pad even fill both phases at once.
      T *odd = to + band.pitch;
      int64_t i = pad % 2;
      if (i == 1 && pad / 2 < width)
        odd[pad / 2] = xr[0];
      const int64_t pairs = max_of<int64_t>(0, min_of((win.in[1] - i) / 2, width - (i + pad) / 2));
      deinterleave(xr + i, to + (i + pad) / 2, odd + (i + pad) / 2, pairs);
      i += 2 * pairs;
      if (i < win.in[1] && (i + pad) / 2 < width)
        to[(i + pad) / 2] = xr[i];
    } else {
      for (int64_t q = 0; q < sw; ++q) {
        int64_t lo, hi;
        affine_range(q - pad, sw, win.in[1], width, lo, hi);
        if (sw == 1) {
          copy_run(xr + lo - pad, to + lo, hi - lo);
          continue;
        }
        for (int64_t c = lo; c < hi; ++c)
          to[q * band.pitch + c] = xr[c * sw + q - pad];
      }
    }
  }
}

/// y = act(bias + x (*) w + addend) for `planes` input planes of x (batch
/// items times channels, in order), each with `multiplier` filters: plane p's
/// filter m is filter f = p % channels * multiplier + m, with weights
/// w[f * taps ...] and bias[f] (bias null when absent), and writes output
/// plane p * multiplier + m of y (and reads that plane of addend, null when
/// absent). Band by band as described above; `band` from depthwise_bands
/// (rows > 0). Step as in depthwise_copy_band; Taps: the tap count when it is
/// a compile-time 9 (3x3: the loop over taps unrolls), else 0. Every output
/// sums its taps in row-major order.
template <int Step, int Taps, typename T, typename Act>
inline void conv_depthwise_padded(const T *x, const T *w, const T *bias, T *y, const T *addend,
                                  int64_t planes, int64_t channels, int64_t multiplier,
                                  const Window<2> &win, const DepthwiseBands &band, Act act) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t run = L::width;
  alignas(64) T in[kDepthwiseInput];
  alignas(64) T out[kDepthwiseOutput];
  const int64_t sh = Step > 0 ? Step : win.strides[0], sw = Step > 0 ? Step : win.strides[1];
  const int64_t width = band.width, kw = win.kernel[1];
  const int64_t taps = Taps > 0 ? Taps : win.kernel[0] * kw;
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  int64_t at[kDepthwiseMaxTaps]; // tap t of output j reads in[at[t] + j]
  for (int64_t a = 0; a < win.kernel[0]; ++a)
    for (int64_t b = 0; b < kw; ++b) {
      const int64_t r = a * win.dilations[0], c = b * win.dilations[1];
      at[a * kw + b] = (r % sh * sw + c % sw) * band.pitch + r / sh * width + c / sw;
    }
  for (int64_t i = 0; i < sh * sw * band.pitch; ++i)
    in[i] = T(0);
  for (int64_t p = 0; p < planes; ++p) {
    for (int64_t oh0 = 0; oh0 < win.out[0]; oh0 += band.rows) {
      const int64_t rows = min_of(band.rows, win.out[0] - oh0), n = rows * width;
      depthwise_copy_band<Step>(x + p * in_plane, in, win, band, oh0, rows);
      for (int64_t m = 0; m < multiplier; ++m) {
        const int64_t f = p % channels * multiplier + m;
        const T *wf = w + f * taps;
        const T bias_f = bias ? bias[f] : T(0);
        // V runs of outputs from j: V independent sums, so the FMA latency overlaps.
        auto runs = [&](auto vectors, int64_t j) {
          constexpr int V = decltype(vectors)::value;
          typename L::V acc[V];
          ONNXC_UNROLL
          for (int v = 0; v < V; ++v)
            acc[v] = L::splat(bias_f);
          auto add_tap = [&](int64_t t) {
            const typename L::V wv = L::splat(wf[t]);
            const T *from = in + at[t] + j;
            ONNXC_UNROLL
            for (int v = 0; v < V; ++v)
              acc[v] = L::fma(wv, L::load(from + v * run), acc[v]);
          };
          if constexpr (Taps > 0) {
            ONNXC_UNROLL
            for (int t = 0; t < Taps; ++t)
              add_tap(t);
          } else {
            for (int64_t t = 0; t < taps; ++t)
              add_tap(t);
          }
          ONNXC_UNROLL
          for (int v = 0; v < V; ++v)
            L::store(out + j + v * run, acc[v]);
        };
        int64_t j = 0;
        for (; j + 4 * run <= n; j += 4 * run)
          runs(RowCount<4>{}, j);
        for (; j < n; j += run)
          runs(RowCount<1>{}, j);
        // Without an addend the activation runs once over the whole band
        // (one long loop, dropped outputs included) rather than row by row.
        if (!addend)
          apply_epilogue(out, j, act);
        const int64_t first = (p * multiplier + m) * out_plane + oh0 * win.out[1];
        for (int64_t o = 0; o < rows; ++o) {
          T *yr = y + first + o * win.out[1];
          copy_run(out + o * width, yr, win.out[1]);
          if (addend)
            apply_epilogue(yr, addend + first + o * win.out[1], win.out[1], act);
        }
      }
    }
  }
}

/// conv_depthwise_padded with the strides (both 1 or both 2) and a 3x3
/// window's tap count as constants where they help.
template <typename T, typename Act>
inline void conv_depthwise_planes(const T *x, const T *w, const T *bias, T *y, const T *addend,
                                  int64_t planes, int64_t channels, int64_t multiplier,
                                  const Window<2> &win, const DepthwiseBands &band, Act act) {
  auto with_step = [&](auto step) {
    constexpr int Step = decltype(step)::value;
    if constexpr (Step > 0)
      if (win.kernel[0] == 3 && win.kernel[1] == 3)
        return conv_depthwise_padded<Step, 9>(x, w, bias, y, addend, planes, channels, multiplier,
                                              win, band, act);
    conv_depthwise_padded<Step, 0>(x, w, bias, y, addend, planes, channels, multiplier, win, band,
                                   act);
  };
  if (win.strides[0] == 1 && win.strides[1] == 1)
    return with_step(RowCount<1>{});
  if (win.strides[0] == 2 && win.strides[1] == 2)
    return with_step(RowCount<2>{});
  with_step(RowCount<0>{});
}

} // namespace onnxc_kernels
