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

  template <int Width>
  const T *panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool, T *scratch,
                 int64_t &ld) const {
    // Input coordinate of tap 0 for each column's output position.
    int64_t origin[S][Width], o[S];
    for (int d = S - 1, rest = j0; d >= 0; --d) {
      o[d] = rest % win.out[d];
      rest /= win.out[d];
    }
    for (int64_t j = 0; j < cols; ++j) {
      for (int d = 0; d < S; ++d)
        origin[d][j] = o[d] * win.strides[d] - win.pad_begin[d];
      for (int d = S - 1; d >= 0 && ++o[d] == win.out[d]; --d)
        o[d] = 0;
    }
    for (int64_t k = 0; k < depth; ++k) {
      const int64_t channel = (k0 + k) / taps;
      int64_t shift[S];
      for (int d = S - 1, rest = (k0 + k) % taps; d >= 0; --d) {
        shift[d] = rest % win.kernel[d] * win.dilations[d];
        rest /= win.kernel[d];
      }
      const T *xc = x + channel * in_plane;
      T *row = scratch + k * Width;
      for (int64_t j = 0; j < cols; ++j) {
        int64_t at = 0;
        bool inside = true;
        for (int d = 0; d < S; ++d) {
          const int64_t c = origin[d][j] + shift[d];
          inside = inside && c >= 0 && c < win.in[d];
          at = at * win.in[d] + c;
        }
        row[j] = inside ? xc[at] : T(0);
      }
      for (int64_t j = cols; j < Width; ++j)
        row[j] = T(0);
    }
    ld = Width;
    return scratch;
  }
};

} // namespace onnxc_kernels
