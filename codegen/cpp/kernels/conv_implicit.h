// conv_implicit.h - a 2-d convolution as an implicit GEMM over a zero-padded
// band of its input, split into stride phases.
//
// With the input zero-padded and split into its stride phases (phase
// (p, q) holds the padded positions (i * stride_h + p, j * stride_w + q)),
// each phase Wq columns wide, output (oh, ow) taken as the "virtual column"
// j = oh * Wq + ow reads, at im2col row (c, a, b), phase
// (a * dil_h % stride_h, b * dil_w % stride_w) of channel c at row
// oh + a * dil_h / stride_h and column ow + b * dil_w / stride_w: every
// im2col row is one contiguous run of a phase, at an offset per tap, so a
// full panel of B is read in place through a table of row offsets (a
// narrower one is copied) instead of im2col_panels.h's gather.
// Stride 1 has one phase: the padded input itself; a strided window (never
// dilated here) reads phases p < min(kernel_h, stride_h), q < min(kernel_w,
// stride_w) only. The columns with ow >= out width (Wq - out width per row)
// are waste, dropped when a band is written back.
//
// Output rows go in bands whose phases (for all channels) and virtual
// output fit one stack buffer of compile-time size; each band is written to y
// once, bias, addend and activation included. A stride-1 convolution without
// padding reads its input in place; without waste columns the GEMM writes y.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"

namespace onnxc_kernels {

/// Elements of the band buffer: 96 KiB, next to the GEMM's own stack
/// buffers, on targets with room on the stack (those that pack a); none
/// elsewhere (wasm32 and Cortex-M stacks are 64 KiB or less).
template <typename T>
constexpr int64_t kImplicitScratch = GemmShape<T>::pack_a ? 96 * 1024 / int64_t(sizeof(T)) : 0;
/// The most window taps the path takes (7x7 is 49).
constexpr int64_t kImplicitTaps = 64;

/// Rows of a panel read in place from a band: row k at base + offset[k].
template <typename T> struct BandRows {
  const T *base;
  int64_t offset[GemmShape<T>::depth];
  const T *row(int64_t k) const { return base + offset[k]; }
  /// The same rows from column j on.
  BandRows from(int64_t j) const {
    BandRows rows = *this;
    rows.base += j;
    return rows;
  }
};

/// The im2col matrix of a band: row (c, tap) is `cols` contiguous values
/// from band + c * channel + offsets[tap].
template <typename T> struct ShiftedRows {
  const T *band;
  int64_t channel, taps;
  const int64_t *offsets;

  /// Rows [k0, k0 + depth) (at most GemmShape<T>::depth) in place, from
  /// column 0.
  BandRows<T> rows_at(int64_t k0, int64_t depth) const {
    BandRows<T> rows;
    rows.base = band;
    int64_t tap = k0 % taps, from = k0 / taps * channel;
    for (int64_t k = 0; k < depth; ++k) {
      rows.offset[k] = from + offsets[tap];
      if (++tap == taps) {
        tap = 0;
        from += channel;
      }
    }
    return rows;
  }

  /// use(rows) on rows [k0, k0 + depth) and columns [j0, j0 + cols): a full
  /// panel is read in place (BandRows), a narrower one copied into `scratch`
  /// (PanelRows, zero past `cols`) so that no row reads past the band.
  template <int Width, typename F>
  void panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool, T *scratch,
             F &&use) const {
    const BandRows<T> rows = rows_at(k0, depth).from(j0);
    if (cols == Width)
      return use(rows);
    for (int64_t k = 0; k < depth; ++k) {
      const T *row = rows.row(k);
      T *to = scratch + k * Width;
      for (int64_t j = 0; j < cols; ++j)
        to[j] = row[j];
      for (int64_t j = cols; j < Width; ++j)
        to[j] = T(0);
    }
    use(PanelRows<T>{scratch, Width});
  }
};

/// True when the window reads x like a plain matrix: 1x1 taps, unit
/// strides, no padding.
template <int S> inline bool is_pointwise(const Window<S> &win) {
  for (int d = 0; d < S; ++d)
    if (win.kernel[d] != 1 || win.strides[d] != 1 || win.pad_begin[d] != 0 || win.pad_end[d] != 0)
      return false;
  return true;
}

/// The geometry of one convolution's bands.
struct ImplicitBands {
  int64_t wq;    ///< virtual row: out width + the kernel's reach in phase columns
  int64_t reach; ///< extra phase rows a band reads below its output rows
  int64_t ph, pw; ///< stride phases a band copies, per axis
  bool in_place; ///< stride 1, no padding: bands read x itself
  int64_t rows;  ///< output rows per band (0: the path does not apply)
};

/// The bands of a 2-d `channels` -> `filters` convolution (one group), whose
/// phases and virtual output fit kImplicitScratch<T> values (filters 0: the
/// caller keeps its output elsewhere, phases only); rows 0 when a
/// single row does not fit, for windows of many taps, strided and dilated
/// windows, 1x1 windows that read x in place anyway, and strided ones whose
/// bands would hold one row.
template <typename T, int S>
inline ImplicitBands implicit_bands(int64_t channels, int64_t filters, const Window<S> &win) {
  ImplicitBands bands{0, 0, 1, 1, false, 0};
  if constexpr (S == 2) {
    const int64_t sh = win.strides[0], sw = win.strides[1];
    const bool strided = sh > 1 || sw > 1;
    if (win.kernel[0] * win.kernel[1] > kImplicitTaps ||
        (strided && (win.dilations[0] > 1 || win.dilations[1] > 1)))
      return bands;
    bands.ph = min_of(win.kernel[0], sh);
    bands.pw = min_of(win.kernel[1], sw);
    bands.wq = win.out[1] + (win.kernel[1] - 1) * win.dilations[1] / sw;
    bands.reach = (win.kernel[0] - 1) * win.dilations[0] / sh;
    const bool unpadded = win.pad_begin[0] == 0 && win.pad_begin[1] == 0 &&
                          win.pad_end[0] == 0 && win.pad_end[1] == 0;
    bands.in_place = sh == 1 && sw == 1 && unpadded && bands.wq == win.in[1] &&
                     win.out[0] + bands.reach == win.in[0];
    if (is_pointwise(win))
      return bands; // the GEMM reads x in place already
    // A band's scratch: its phases unless in place, its virtual output
    // unless it has no waste (then written in y).
    const int64_t phases = bands.in_place ? 0 : channels * bands.ph * bands.pw * bands.wq;
    const int64_t per_row = phases + (bands.wq == win.out[1] ? 0 : filters * bands.wq);
    if (per_row == 0)
      bands.rows = win.out[0];
    else if (phases * bands.reach < kImplicitScratch<T>)
      bands.rows = min_of((kImplicitScratch<T> - phases * bands.reach) / per_row, win.out[0]);
    // Strided one-row bands copy each phase row twice and run GEMMs one
    // output row wide: 64->128 3x3/2 at 56x56 took 1.7x the gather's time.
    if (strided && bands.rows < 2)
      bands.rows = 0;
  }
  return bands;
}

/// Copies padded rows [first, first + rows) of the stride phases a band
/// reads (bands.ph x bands.pw) of every channel of x into `to` (phase after
/// phase, each rows x wq): zero where a position falls in the padding or
/// past the input.
template <typename T>
inline void implicit_phases(const T *x, int64_t channels, const Window<2> &win,
                            const ImplicitBands &bands, int64_t first, int64_t rows, T *to) {
  const int64_t sh = win.strides[0], sw = win.strides[1], wq = bands.wq;
  const int64_t in_plane = win.in[0] * win.in[1];
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t p = 0; p < bands.ph; ++p)
      for (int64_t q = 0; q < bands.pw; ++q) {
        // Phase column t is input column t * sw + q - pad: inside for t in [lo, hi).
        int64_t lo, hi;
        affine_range(q - win.pad_begin[1], sw, win.in[1], wq, lo, hi);
        for (int64_t r = 0; r < rows; ++r, to += wq) {
          const int64_t ih = (first + r) * sh + p - win.pad_begin[0];
          const T *from = x + c * in_plane + ih * win.in[1] + q - win.pad_begin[1];
          const bool inside = ih >= 0 && ih < win.in[0];
          const int64_t t_lo = inside ? lo : wq, t_hi = inside ? hi : wq;
          if (wq <= 32) { // short rows: one loop, not three (each a call to memset or memcpy)
            for (int64_t t = 0; t < wq; ++t)
              to[t] = t >= t_lo && t < t_hi ? from[t * sw] : T(0);
            continue;
          }
          for (int64_t t = 0; t < t_lo; ++t)
            to[t] = T(0);
          if (sw == 1) {
            for (int64_t t = t_lo; t < t_hi; ++t)
              to[t] = from[t];
          } else if (sw == 2) { // a constant stride vectorises (1x1/2, 16->32 at 56: 27 -> 20 us)
            for (int64_t t = t_lo; t < t_hi; ++t)
              to[t] = from[2 * t];
          } else {
            for (int64_t t = t_lo; t < t_hi; ++t)
              to[t] = from[t * sw];
          }
          for (int64_t t = t_hi; t < wq; ++t)
            to[t] = T(0);
        }
      }
}

/// For each band of output rows [oh0, oh0 + rows) in [lo, hi), bands.rows
/// at a time: band(oh0, rows, source, rest) with `source` the band's im2col
/// matrix (ShiftedRows: output (r, c) of the band is its virtual column
/// r * bands.wq + c) and `rest` the part of `scratch` (kImplicitScratch<T>
/// values) after the band's phases.
template <typename T, typename F>
inline void for_each_band(const T *x, int64_t channels, const Window<2> &win,
                          const ImplicitBands &bands, int64_t lo, int64_t hi, T *scratch,
                          F band) {
  const int64_t sh = win.strides[0], sw = win.strides[1], wq = bands.wq;
  const int64_t in_plane = win.in[0] * win.in[1], taps = win.kernel[0] * win.kernel[1];
  for (int64_t oh0 = lo; oh0 < hi; oh0 += bands.rows) {
    const int64_t rows = min_of(bands.rows, hi - oh0), in_rows = rows + bands.reach;
    // Where tap (a, b) starts in a channel's phases.
    const int64_t phase = bands.in_place ? 0 : in_rows * wq;
    int64_t offsets[kImplicitTaps];
    for (int64_t a = 0; a < win.kernel[0]; ++a)
      for (int64_t b = 0; b < win.kernel[1]; ++b) {
        const int64_t da = a * win.dilations[0], db = b * win.dilations[1];
        offsets[a * win.kernel[1] + b] =
            (da % sh * bands.pw + db % sw) * phase + da / sh * wq + db / sw;
      }
    if (bands.in_place) {
      band(oh0, rows, ShiftedRows<T>{x + oh0 * wq, in_plane, taps, offsets}, scratch);
    } else {
      implicit_phases(x, channels, win, bands, oh0, in_rows, scratch);
      const int64_t channel = bands.ph * bands.pw * phase;
      band(oh0, rows, ShiftedRows<T>{scratch, channel, taps, offsets},
           scratch + channels * channel);
    }
  }
}

/// Output rows [lo, hi) of y[filters, out] = act(w * x + bias + addend) for
/// one group (x its first input channel, y and addend its first output
/// plane), band by band as `bands` says (implicit_bands, rows > 0).
template <typename T, typename W, typename Act>
inline void conv_implicit_rows(const T *x, W w, const T *bias, T *y, const T *addend,
                               int64_t channels, int64_t filters, const Window<2> &win,
                               const ImplicitBands &bands, Act act, int64_t lo, int64_t hi) {
  alignas(64) T scratch[kImplicitScratch<T> > 0 ? kImplicitScratch<T> : 1];
  const int64_t wq = bands.wq, out_plane = win.out[0] * win.out[1];
  const int64_t depth = channels * win.kernel[0] * win.kernel[1];
  const bool direct = wq == win.out[1];
  for_each_band(x, channels, win, bands, lo, hi, scratch,
                [&](int64_t oh0, int64_t rows, const ShiftedRows<T> &source, T *rest) {
    // Virtual columns up to the last real one: the waste after it would read
    // past the band. Without waste they are y's own columns: the GEMM adds
    // into y in place.
    const int64_t n = (rows - 1) * wq + win.out[1], first = oh0 * win.out[1];
    const int64_t ld = direct ? out_plane : n;
    T *out = direct ? y + first : rest;
    for (int64_t m = 0; m < filters; ++m)
      for (int64_t j = 0; j < n; ++j)
        out[m * ld + j] = bias ? bias[m] : T(0);
    gemm_blocked(w, MatrixStrides{depth, 1}, source, out, ld, filters, n, depth, T(1));
    // Each filter's rows of the band are one run of y: the epilogue goes over
    // it whole (the vector loop needs the length).
    for (int64_t m = 0; m < filters; ++m) {
      T *to = y + m * out_plane + first;
      for (int64_t r = 0; r < rows && !direct; ++r)
        for (int64_t j = 0; j < win.out[1]; ++j)
          to[r * win.out[1] + j] = out[m * n + r * wq + j];
      apply_epilogue(to, addend ? addend + m * out_plane + first : addend, rows * win.out[1], act);
    }
  });
}

} // namespace onnxc_kernels
