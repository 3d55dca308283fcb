// dropout.h - Dropout.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Identity with an all-true mask unless training_mode is true and the ratio
/// (0.5 when absent) is not 0. Training with a nonzero ratio zeroes elements
/// at that rate and scales the rest by 1 / (1 - ratio), drawing from a
/// xorshift64 stream seeded by `seed`: ONNX leaves the random stream to the
/// implementation, so no other runtime's masks are reproduced. ratio,
/// training and mask may be null.
template <typename T, typename R>
inline void dropout(const T *x, const R *ratio, const bool *training, T *y, bool *mask, int64_t n,
                    uint64_t seed) {
  const double rate = ratio ? double(ratio[0]) : 0.5;
  if (!(training && training[0]) || rate == 0) {
    memcpy(y, x, size_t(n) * sizeof(T));
    for (int64_t i = 0; mask && i < n; ++i)
      mask[i] = true;
    return;
  }
  const T scale = T(1.0 / (1.0 - rate));
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
  for (int64_t i = 0; i < n; ++i) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    const bool keep = double(s >> 11) * (1.0 / 9007199254740992.0) >= rate;
    y[i] = keep ? x[i] * scale : T(0);
    if (mask)
      mask[i] = keep;
  }
}

} // namespace onnxc_kernels
