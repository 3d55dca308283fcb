// generators.h - Range and OneHot, whose result size the compiled model fixes
// and whose run-time inputs must agree with it.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// out[i] = start + i * delta for the n = max(ceil((limit - start) / delta), 0)
/// values ONNX defines; false when that count is not the compiled n.
template <typename T>
inline bool range(const T *start, const T *limit, const T *delta, T *out, int64_t n) {
  if (delta[0] == T(0))
    return false;
  double count = ceil((double(limit[0]) - double(start[0])) / double(delta[0]));
  if ((count < 0 ? 0 : count) != double(n))
    return false;
  for (int64_t i = 0; i < n; ++i)
    out[i] = T(start[0] + T(i) * delta[0]);
  return true;
}

/// indices viewed as [outer, inner], y as [outer, depth, inner]: values[1]
/// where the depth coordinate equals the index (negative ones count from the
/// end), values[0] elsewhere. False when depth[0] is not the compiled depth.
template <typename I, typename D, typename T>
inline bool one_hot(const I *indices, const D *depth_value, const T *values, T *y,
                    int64_t outer, int64_t depth, int64_t inner) {
  if (int64_t(depth_value[0]) != depth)
    return false;
  for (int64_t j = 0; j < outer * depth * inner; ++j)
    y[j] = values[0];
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      int64_t k = int64_t(indices[o * inner + i]);
      if (k < 0)
        k += depth;
      if (k >= 0 && k < depth)
        y[(o * depth + k) * inner + i] = values[1];
    }
  return true;
}

} // namespace onnxc_kernels
