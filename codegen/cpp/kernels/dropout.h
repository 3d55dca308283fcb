// dropout.h - Dropout.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Identity with an all-true mask. Training with a nonzero ratio (0.5 when
/// absent) would draw a random mask that no other runtime reproduces: the
/// compiler refuses it when training_mode and ratio are constants, and this
/// returns false (invalid input) when graph inputs ask for it. ratio,
/// training and mask may be null.
template <typename T, typename R>
inline bool dropout(const T *x, const R *ratio, const bool *training, T *y, bool *mask,
                    int64_t n) {
  const double rate = ratio ? double(ratio[0]) : 0.5;
  if (training && training[0] && rate != 0)
    return false;
  memcpy(y, x, size_t(n) * sizeof(T));
  for (int64_t i = 0; mask && i < n; ++i)
    mask[i] = true;
  return true;
}

} // namespace onnxc_kernels
