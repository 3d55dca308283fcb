// cumsum.h - CumSum along an axis read at run time.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Running sums of x along axis[0] (negative counts from the end), forward or
/// reversed, inclusive or exclusive (each sum leaves out its own element).
/// False when the axis is out of range.
template <int R, typename T, typename A>
inline bool cumsum(const T *x, T *y, const int64_t (&shape)[R], const A *axis_value,
                   bool exclusive, bool reverse) {
  int64_t axis = int64_t(axis_value[0]);
  if (axis < 0)
    axis += R;
  if (axis < 0 || axis >= R)
    return false;
  int64_t outer = 1, n = shape[axis], inner = 1;
  for (int d = 0; d < R; ++d)
    if (d < axis)
      outer *= shape[d];
    else if (d > axis)
      inner *= shape[d];
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      T acc = T(0);
      for (int64_t t = 0; t < n; ++t) {
        int64_t at = (o * n + (reverse ? n - 1 - t : t)) * inner + i;
        T v = x[at];
        y[at] = exclusive ? acc : T(acc + v);
        acc = T(acc + v);
      }
    }
  return true;
}

} // namespace onnxc_kernels
