// gather.h - Gather along one axis with run-time indices.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// data viewed as [outer, axis_dim, inner]; out as [outer, count, inner].
/// Negative indices count from the end; an index out of range (undefined in
/// ONNX) yields zeros instead of reading out of bounds.
template <typename T, typename I>
inline void gather(const T *data, const I *indices, T *out, int64_t outer, int64_t axis_dim,
                   int64_t inner, int64_t count) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < count; ++k) {
      int64_t idx = int64_t(indices[k]);
      if (idx < 0)
        idx += axis_dim;
      T *dst = out + (o * count + k) * inner;
      if (idx < 0 || idx >= axis_dim) {
        memset(dst, 0, inner * sizeof(T));
        continue;
      }
      memcpy(dst, data + (o * axis_dim + idx) * inner, inner * sizeof(T));
    }
}

} // namespace onnxc_kernels
