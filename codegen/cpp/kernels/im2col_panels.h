// im2col_panels.h - a convolution input seen as the b matrix of a GEMM.
//
// Convolution is W[M, C * taps] * X'[C * taps, out positions], where row
// (c, tap) of X' holds channel c read at that window tap for each output
// position (the "im2col" matrix). X' is never stored: the GEMM driver asks
// for one depth x Width panel at a time and this source gathers it from x,
// writing zeros where the tap lands in the padding.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"

namespace onnxc_kernels {

template <int S, typename T> struct Im2colPanels {
  const T *x; // the first input channel of the group
  const Window<S> &win;
  int64_t in_plane, taps;
  int64_t first_column = 0; // the output position of the GEMM's column 0

  template <int Width, typename F>
  void panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool, T *scratch,
             F &&use) const {
    constexpr int L = S - 1;
    int64_t o[S], rest = j0 + first_column;
    for (int d = L; d >= 0; --d) {
      o[d] = rest % win.out[d];
      rest /= win.out[d];
    }
    // The panel's columns split into runs along the output's last axis: run r
    // is columns [start, start + len) of one output row (origin: the input
    // coordinates of tap 0 on the leading axes) from last-axis position
    // `first`, so a tap's row of the panel is one strided read of x per run.
    int64_t origin[S][Width], first[Width], start[Width], len[Width];
    int runs = 0;
    for (int64_t j = 0; j < cols; ++runs) {
      const int64_t n = min_of(cols - j, win.out[L] - o[L]);
      for (int d = 0; d < L; ++d)
        origin[d][runs] = o[d] * win.strides[d] - win.pad_begin[d];
      first[runs] = o[L];
      start[runs] = j;
      len[runs] = n;
      j += n;
      o[L] += n;
      for (int d = L; d > 0 && o[d] == win.out[d]; --d) {
        o[d] = 0;
        ++o[d - 1];
      }
    }
    // Row k0 + k of the im2col matrix is channel * taps + tap; both advance
    // by counting (integer division costs as much as copying a row).
    const int64_t step = win.strides[L];
    int64_t channel = k0 / taps, tap[S];
    tap_index(k0 % taps, win.kernel, tap);
    for (int64_t k = 0; k < depth; ++k) {
      const T *xc = x + channel * in_plane;
      T *row = scratch + k * Width;
      for (int r = 0; r < runs; ++r) {
        T *dst = row + start[r];
        int64_t base = 0, lo = 0, hi = 0;
        bool inside = true;
        for (int d = 0; d < L; ++d) {
          const int64_t c = origin[d][r] + tap[d] * win.dilations[d];
          inside = inside && c >= 0 && c < win.in[d];
          base = base * win.in[d] + c;
        }
        // Last-axis coordinate of position t of the run: c0 + t * step.
        const int64_t c0 = first[r] * step - win.pad_begin[L] + tap[L] * win.dilations[L];
        if (inside && step == 1) {
          lo = min_of(len[r], max_of<int64_t>(0, -c0));
          hi = max_of(lo, min_of(len[r], win.in[L] - c0));
        } else if (inside) {
          affine_range(c0, step, win.in[L], len[r], lo, hi);
        }
        const int64_t at = base * win.in[L] + c0;
        for (int64_t t = 0; t < lo; ++t)
          dst[t] = T(0);
        if (step == 1) {
          for (int64_t t = lo; t < hi; ++t)
            dst[t] = xc[at + t];
        } else {
          for (int64_t t = lo; t < hi; ++t)
            dst[t] = xc[at + t * step];
        }
        for (int64_t t = hi; t < len[r]; ++t)
          dst[t] = T(0);
      }
      for (int64_t j = cols; j < Width; ++j)
        row[j] = T(0);
      for (int d = L; d >= 0; --d) {
        if (++tap[d] < win.kernel[d])
          break;
        tap[d] = 0;
        channel += d == 0;
      }
    }
    use(PanelRows<T>{scratch, Width});
  }
};

} // namespace onnxc_kernels
