// slice_runtime.h - Slice and Tile whose parameters are read at run time;
// the result shape is the compiled one, and a parameter that implies another
// makes the kernel return false.
#pragma once
#include "slice.h"

namespace onnxc_kernels {

/// Resolves count (start, end, axis, step) entries over input shape `in` as
/// ONNX Slice does (negative values count from the end, clamped to the dim;
/// axes default to 0.., steps to 1), then copies. axes/steps may be null.
template <int R, typename T, typename S, typename A, typename P>
inline bool slice_runtime(const T *x, T *y, const int64_t (&in)[R], const int64_t (&out)[R],
                          const S *starts, const S *ends, const A *axes, const P *steps,
                          int64_t count) {
  int64_t start[R], step[R];
  bool seen[R];
  for (int d = 0; d < R; ++d) {
    start[d] = 0;
    step[d] = 1;
    seen[d] = false;
  }
  for (int64_t i = 0; i < count; ++i) {
    int64_t axis = axes ? int64_t(axes[i]) : i;
    if (axis < 0)
      axis += R;
    int64_t st = steps ? int64_t(steps[i]) : 1;
    if (axis < 0 || axis >= R || seen[axis] || st == 0)
      return false;
    seen[axis] = true;
    int64_t dim = in[axis], b = int64_t(starts[i]), e = int64_t(ends[i]);
    if (b < 0)
      b += dim;
    if (e < 0)
      e += dim;
    // Positive steps clamp to [0, dim]; negative ones to [-1, dim - 1].
    int64_t lo = st > 0 ? 0 : -1, hi = st > 0 ? dim : dim - 1;
    b = min_of(max_of(b, st > 0 ? lo : int64_t(0)), hi);
    e = min_of(max_of(e, lo), hi);
    int64_t span = st > 0 ? e - b : b - e, stride = st > 0 ? st : -st;
    if (max_of(int64_t(0), (span + stride - 1) / stride) != out[axis])
      return false;
    start[axis] = b;
    step[axis] = st;
  }
  for (int d = 0; d < R; ++d)
    if (!seen[d] && in[d] != out[d])
      return false;
  int64_t stride[R], base = 0;
  for (int64_t d = R - 1, s = 1; d >= 0; s *= in[d--]) {
    stride[d] = s * step[d];
    base += s * start[d];
  }
  slice(x, y, base, out, stride);
  return true;
}

/// Tile: out dim d is in[d] * repeats[d]; y[idx] = x[idx mod in].
template <int R, typename T, typename I>
inline bool tile(const T *x, T *y, const int64_t (&in)[R], const int64_t (&out)[R],
                 const I *repeats) {
  for (int d = 0; d < R; ++d)
    if (int64_t(repeats[d]) * in[d] != out[d])
      return false;
  int64_t idx[R] = {}, n = product(out);
  for (int64_t i = 0; i < n; ++i) {
    int64_t off = 0;
    for (int d = 0; d < R; ++d)
      off = off * in[d] + idx[d] % in[d];
    y[i] = x[off];
    for (int d = R - 1; d >= 0 && ++idx[d] == out[d]; --d)
      idx[d] = 0;
  }
  return true;
}

} // namespace onnxc_kernels
