// conv_implicit.h - a stride-1 2-d convolution as an implicit GEMM over a
// zero-padded band of its input.
//
// With the input zero-padded to Hp x Wp, output (oh, ow) taken as the
// "virtual column" j = oh * Wp + ow reads, at im2col row (c, a, b),
// xpad[c][oh + a * dil_h][ow + b * dil_w] = (xpad + c * Hp * Wp + a * dil_h * Wp
// + b * dil_w)[j]: every im2col row is one contiguous run of xpad, so a panel
// of B is a row of plain copies instead of im2col_panels.h's per-row gather.
// The columns with ow >= out width (kernel width - 1 per row, times the
// dilation) are waste, dropped when a band is written back.
//
// Output rows go in bands whose padded input (for all channels) and virtual
// output fit one stack buffer of compile-time size; each band is written to y
// once, bias, addend and activation included. A convolution without padding
// reads its input in place.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"

namespace onnxc_kernels {

/// Elements of the band buffer: 96 KiB, next to the GEMM's own stack
/// buffers, on targets with room on the stack (those that pack a); none
/// elsewhere (wasm32 and Cortex-M stacks are 64 KiB or less).
template <typename T>
constexpr int64_t kImplicitScratch = GemmShape<T>::pack_a ? 96 * 1024 / int64_t(sizeof(T)) : 0;

/// The im2col matrix of a band: row (c, a, b) is `cols` contiguous values
/// from band + c * channel + a * row + b * col.
template <typename T> struct ShiftedRows {
  const T *band;
  int64_t channel, row, col; // strides of an input channel, a kernel row, a kernel column
  int64_t kh, kw;

  template <int Width>
  const T *panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool, T *scratch,
                 int64_t &ld) const {
    const int64_t taps = kh * kw;
    int64_t a = k0 % taps / kw, b = k0 % taps % kw;
    const T *from = band + j0 + k0 / taps * channel + a * row + b * col;
    for (int64_t k = 0; k < depth; ++k) {
      T *to = scratch + k * Width;
      if (cols == Width) { // a fixed-length copy the compiler vectorises
        for (int64_t j = 0; j < Width; ++j)
          to[j] = from[j];
      } else {
        for (int64_t j = 0; j < cols; ++j)
          to[j] = from[j];
        for (int64_t j = cols; j < Width; ++j)
          to[j] = T(0);
      }
      // Next tap: along the kernel row, then down, then the next channel.
      from += col;
      if (++b == kw) {
        b = 0;
        from += row - kw * col;
        if (++a == kh) {
          a = 0;
          from += channel - kh * row;
        }
      }
    }
    ld = Width;
    return scratch;
  }
};

/// The geometry of one convolution's bands.
struct ImplicitBands {
  int64_t wp;      ///< padded input width: out width + the kernel's reach
  int64_t reach;   ///< extra input rows a band reads below its output rows
  bool in_place;   ///< no padding: bands read x itself
  int64_t rows;    ///< output rows per band (0: the path does not apply)
};

/// The bands of a 2-d `channels` -> `filters` convolution (one group), whose
/// padded input and virtual output fit kImplicitScratch<T> values; rows 0
/// when the window is strided or a single row does not fit.
template <typename T, int S>
inline ImplicitBands implicit_bands(int64_t channels, int64_t filters, const Window<S> &win) {
  ImplicitBands bands{0, 0, false, 0};
  if constexpr (S == 2) {
    if (win.strides[0] != 1 || win.strides[1] != 1)
      return bands;
    bands.wp = win.in[1] + win.pad_begin[1] + win.pad_end[1];
    bands.reach = (win.kernel[0] - 1) * win.dilations[0];
    // Negative pads would crop: only the plain geometry, where out + reach = padded in.
    if (win.pad_begin[0] < 0 || win.pad_begin[1] < 0 || win.pad_end[0] < 0 ||
        win.pad_end[1] < 0 ||
        win.out[1] + (win.kernel[1] - 1) * win.dilations[1] != bands.wp ||
        win.out[0] + bands.reach != win.in[0] + win.pad_begin[0] + win.pad_end[0])
      return bands;
    bands.in_place = bands.wp == win.in[1] && win.pad_begin[0] == 0 && win.pad_end[0] == 0;
    if (bands.in_place && win.kernel[0] == 1 && win.kernel[1] == 1)
      return bands; // 1x1: the GEMM reads x in place already
    // A band's scratch: its padded input unless in place, its virtual
    // output unless the kernel is one column wide (no waste: written in y).
    const int64_t fixed = bands.in_place ? 0 : channels * bands.reach * bands.wp;
    const int64_t per_row = (bands.in_place ? 0 : channels * bands.wp) +
                            (win.kernel[1] == 1 ? 0 : filters * bands.wp);
    if (per_row == 0)
      bands.rows = win.out[0];
    else if (fixed < kImplicitScratch<T>)
      bands.rows = min_of((kImplicitScratch<T> - fixed) / per_row, win.out[0]);
  }
  return bands;
}

/// Output rows [lo, hi) of y[filters, out] = act(w * x + bias + addend) for
/// one group (x its first input channel, y and addend its first output
/// plane), band by band as `bands` says (implicit_bands, rows > 0).
template <typename T, typename W, typename Act>
inline void conv_implicit_rows(const T *x, W w, const T *bias, T *y, const T *addend,
                               int64_t channels, int64_t filters, const Window<2> &win,
                               const ImplicitBands &bands, Act act, int64_t lo, int64_t hi) {
  alignas(64) T scratch[kImplicitScratch<T> > 0 ? kImplicitScratch<T> : 1];
  const int64_t wp = bands.wp, in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t depth = channels * win.kernel[0] * win.kernel[1];
  for (int64_t oh0 = lo; oh0 < hi; oh0 += bands.rows) {
    const int64_t rows = min_of(bands.rows, hi - oh0), in_rows = rows + bands.reach;
    // The band's input: padded rows oh0 .. oh0 + in_rows of every channel.
    const T *band = x + oh0 * wp;
    int64_t channel = in_plane;
    T *out = scratch;
    if (!bands.in_place) {
      T *to = scratch;
      for (int64_t c = 0; c < channels; ++c)
        for (int64_t r = 0; r < in_rows; ++r, to += wp) {
          const int64_t ih = oh0 + r - win.pad_begin[0];
          if (ih < 0 || ih >= win.in[0]) {
            for (int64_t j = 0; j < wp; ++j)
              to[j] = T(0);
            continue;
          }
          const T *from = x + c * in_plane + ih * win.in[1];
          T *row = to + win.pad_begin[1];
          for (int64_t j = 0; j < win.pad_begin[1]; ++j)
            to[j] = T(0);
          for (int64_t j = 0; j < win.in[1]; ++j)
            row[j] = from[j];
          for (int64_t j = win.in[1]; j < win.in[1] + win.pad_end[1]; ++j)
            row[j] = T(0);
        }
      band = scratch;
      channel = in_rows * wp;
      out = to;
    }
    // Virtual columns up to the last real one: the waste after it would read
    // past the band. Without waste they are y's own columns: the GEMM adds
    // into y in place.
    const int64_t n = (rows - 1) * wp + win.out[1], first = oh0 * win.out[1];
    const bool direct = wp == win.out[1];
    const int64_t ld = direct ? out_plane : n;
    if (direct)
      out = y + first;
    for (int64_t m = 0; m < filters; ++m)
      for (int64_t j = 0; j < n; ++j)
        out[m * ld + j] = bias ? bias[m] : T(0);
    gemm_blocked(w, MatrixStrides{depth, 1},
                 ShiftedRows<T>{band, channel, win.dilations[0] * wp, win.dilations[1],
                                win.kernel[0], win.kernel[1]},
                 out, ld, filters, n, depth, T(1));
    // Each filter's rows of the band are one run of y: the epilogue goes over
    // it whole (the vector loop needs the length).
    for (int64_t m = 0; m < filters; ++m) {
      T *to = y + m * out_plane + first;
      for (int64_t r = 0; r < rows && !direct; ++r)
        for (int64_t j = 0; j < win.out[1]; ++j)
          to[r * win.out[1] + j] = out[m * n + r * wp + j];
      apply_epilogue(to, addend ? addend + m * out_plane + first : addend, rows * win.out[1], act);
    }
  }
}

} // namespace onnxc_kernels
