// pad.h - Pad: constant, reflect, edge and wrap modes, pads read at run time.
#pragma once
#include "common.h"

namespace onnxc_kernels {

enum PadMode { PAD_CONSTANT, PAD_REFLECT, PAD_EDGE, PAD_WRAP };

/// The input coordinate that coordinate i (relative to the input's start,
/// possibly outside [0, n)) reads along an axis of n > 0 elements, or -1 for
/// the constant. Reflect and wrap repeat as far as the pads reach.
inline int64_t pad_source(int64_t i, int64_t n, PadMode mode) {
  if (i >= 0 && i < n)
    return i;
  if (mode == PAD_CONSTANT)
    return -1;
  if (mode == PAD_EDGE)
    return i < 0 ? 0 : n - 1;
  const int64_t period = mode == PAD_WRAP ? n : 2 * (n - 1);
  if (period == 0) // reflecting a single element
    return 0;
  i %= period;
  if (i < 0)
    i += period;
  return i < n ? i : period - i;
}

/// y (shape out) = x (shape in) with pads[d] elements added before axis d and
/// pads[d + R] after it (negative pads crop). Returns false, writing nothing,
/// when the pads do not give `out`. `value` (the constant) may be null.
template <int R, typename T>
inline bool pad(const T *x, T *y, const int64_t (&in)[R], const int64_t (&out)[R],
                const int64_t *pads, const T *value, PadMode mode) {
  for (int d = 0; d < R; ++d)
    if (in[d] + pads[d] + pads[d + R] != out[d])
      return false;
  if (product(out) == 0)
    return true;
  const int64_t cols = out[R - 1], rows = product(out) / cols;
  const T fill = value ? value[0] : T(0);
  int64_t idx[R] = {}; // the current output row (idx[R - 1] stays 0)
  for (int64_t row = 0; row < rows; ++row) {
    int64_t src = 0;
    bool blank = false;
    for (int d = 0; d < R - 1; ++d) {
      const int64_t s = pad_source(idx[d] - pads[d], in[d], mode);
      blank = blank || s < 0;
      src = src * in[d] + s;
    }
    T *yr = y + row * cols;
    for (int64_t o = 0; o < cols; ++o) {
      const int64_t s = blank ? -1 : pad_source(o - pads[R - 1], in[R - 1], mode);
      yr[o] = s < 0 ? fill : x[src * in[R - 1] + s];
    }
    for (int d = R - 2; d >= 0; --d) {
      if (++idx[d] < out[d])
        break;
      idx[d] = 0;
    }
  }
  return true;
}

} // namespace onnxc_kernels
