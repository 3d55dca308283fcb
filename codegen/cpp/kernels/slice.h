// slice.h - strided N-d slice (Slice): out[i] = in[base + sum(idx_d * stride_d)].
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// `stride` already folds each dim's step into the input stride (negative for
/// reversed dims); `base` is the offset of the first element read.
template <int R, typename T>
inline void slice(const T *in, T *out, int64_t base, const int64_t (&shape)[R],
                  const int64_t (&stride)[R]) {
  for_each_index(shape, stride, stride,
                 [&](int64_t i, int64_t offset, int64_t) { out[i] = in[base + offset]; });
}

} // namespace onnxc_kernels
