// reverse_sequence.h - ReverseSequence.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// x and y as [d0, d1, inner] with the batch axis first (batch_first) or
/// second: y[b, t] = x[b, lens[b] - 1 - t] for t < lens[b], x[b, t] after.
/// False when a length is outside [0, time dim].
template <typename T>
inline bool reverse_sequence(const T *x, const int64_t *lens, T *y, int64_t d0, int64_t d1,
                             int64_t inner, bool batch_first) {
  int64_t batch = batch_first ? d0 : d1, time = batch_first ? d1 : d0;
  int64_t batch_stride = batch_first ? d1 * inner : inner;
  int64_t time_stride = batch_first ? inner : d1 * inner;
  for (int64_t b = 0; b < batch; ++b)
    if (lens[b] < 0 || lens[b] > time)
      return false;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t t = 0; t < time; ++t) {
      int64_t from = t < lens[b] ? lens[b] - 1 - t : t;
      memcpy(y + b * batch_stride + t * time_stride, x + b * batch_stride + from * time_stride,
             (size_t)inner * sizeof(T));
    }
  return true;
}

} // namespace onnxc_kernels
