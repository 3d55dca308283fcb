// depthwise_padded.h - one 2-d depthwise output plane through a zero-padded
// copy of its input, so that every output is a vector lane.
//
// The input rows a band of output rows reads are copied into a stack buffer,
// the padding written as zeros, split into stride phases: phase (p, q) holds
// padded element (sh * r + p, sw * c + q) at r * width + c. Output (oh, ow)
// reads tap (a, b) from phase (a * dh % sh, b * dw % sw) at
// j + a * dh / sh * width + b * dw / sw, where j = oh * width + ow: each tap
// is one contiguous run over all of the band's outputs, whatever the plane's
// width or stride, with no edge columns. The `width - out` outputs past each
// row's end (they read the next row) are computed and dropped when the band
// is written back with the bias, the addend and the activation.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"

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

/// y = act(bias + x (*) w + addend) for one plane (addend null when absent),
/// band by band as described above; `band` from depthwise_bands (rows > 0).
/// Step is the column stride when it is a compile-time 1 or 2 (so that the
/// copy vectorises), else 0. Every output sums its taps in row-major order.
template <int Step, typename T, typename Act>
inline void conv_depthwise_padded(const T *x, const T *w, T bias, T *y, const T *addend,
                                  const Window<2> &win, const DepthwiseBands &band, Act act) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t run = L::width;
  alignas(64) T in[kDepthwiseInput];
  alignas(64) T out[kDepthwiseOutput];
  const int64_t sh = win.strides[0], sw = Step > 0 ? Step : win.strides[1];
  const int64_t width = band.width, kw = win.kernel[1], taps = win.kernel[0] * kw;
  int64_t at[kDepthwiseMaxTaps]; // tap t of output j reads in[at[t] + j]
  for (int64_t a = 0; a < win.kernel[0]; ++a)
    for (int64_t b = 0; b < kw; ++b) {
      const int64_t r = a * win.dilations[0], c = b * win.dilations[1];
      at[a * kw + b] = (r % sh * sw + c % sw) * band.pitch + r / sh * width + c / sw;
    }
  for (int64_t oh0 = 0; oh0 < win.out[0]; oh0 += band.rows) {
    const int64_t rows = min_of(band.rows, win.out[0] - oh0), n = rows * width;
    for (int64_t i = 0; i < sh * sw * band.pitch; ++i)
      in[i] = T(0);
    for (int64_t pr = 0; pr < (rows + band.reach) * sh; ++pr) { // padded rows
      const int64_t ih = oh0 * sh - win.pad_begin[0] + pr;
      if (ih < 0 || ih >= win.in[0])
        continue;
      const T *xr = x + ih * win.in[1];
      for (int64_t q = 0; q < sw; ++q) {
        T *to = in + (pr % sh * sw + q) * band.pitch + pr / sh * width;
        const int64_t shift = q - win.pad_begin[1];
        int64_t lo, hi;
        affine_range(shift, sw, win.in[1], width, lo, hi);
        for (int64_t c = lo; c < hi; ++c)
          to[c] = xr[c * sw + shift];
      }
    }
    // V runs of outputs from j: V independent sums, so the FMA latency overlaps.
    auto runs = [&](auto vectors, int64_t j) {
      constexpr int V = decltype(vectors)::value;
      typename L::V acc[V];
      for (int v = 0; v < V; ++v)
        acc[v] = L::splat(bias);
      for (int64_t t = 0; t < taps; ++t) {
        const typename L::V wv = L::splat(w[t]);
        const T *from = in + at[t] + j;
        for (int v = 0; v < V; ++v)
          acc[v] = L::fma(wv, L::load(from + v * run), acc[v]);
      }
      for (int v = 0; v < V; ++v)
        L::store(out + j + v * run, acc[v]);
    };
    int64_t j = 0;
    for (; j + 4 * run <= n; j += 4 * run)
      runs(RowCount<4>{}, j);
    for (; j < n; j += run)
      runs(RowCount<1>{}, j);
    for (int64_t o = 0; o < rows; ++o) {
      const int64_t first = (oh0 + o) * win.out[1];
      T *yr = y + first;
      for (int64_t c = 0; c < win.out[1]; ++c)
        yr[c] = out[o * width + c];
      apply_epilogue(yr, addend ? addend + first : addend, win.out[1], act);
    }
  }
}

/// conv_depthwise_padded with the column stride as a constant where it helps.
template <typename T, typename Act>
inline void conv_depthwise_padded_plane(const T *x, const T *w, T bias, T *y, const T *addend,
                                        const Window<2> &win, const DepthwiseBands &band,
                                        Act act) {
  if (win.strides[1] == 1)
    return conv_depthwise_padded<1>(x, w, bias, y, addend, win, band, act);
  if (win.strides[1] == 2)
    return conv_depthwise_padded<2>(x, w, bias, y, addend, win, band, act);
  conv_depthwise_padded<0>(x, w, bias, y, addend, win, band, act);
}

} // namespace onnxc_kernels
