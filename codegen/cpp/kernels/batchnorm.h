// batchnorm.h - inference-mode batch normalization.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// y = scale * (x - mean) / sqrt(var + epsilon) + bias, per channel (axis 1)
/// of x[batch, channels, plane...], folded into one multiply-add per element.
/// The per-channel factors are computed in double: cheap, and closer to the
/// exact formula than float.
template <typename T, typename TS, typename TM>
inline void batch_norm(const T *x, const TS *scale, const TS *bias, const TM *mean, const TM *var,
                       T *y, int64_t batch, int64_t channels, int64_t plane, double epsilon) {
  for (int64_t c = 0; c < channels; ++c) {
    const double factor = double(scale[c]) / sqrt(double(var[c]) + epsilon);
    const T mul = T(factor), add = T(double(bias[c]) - double(mean[c]) * factor);
    for (int64_t n = 0; n < batch; ++n) {
      const T *xp = x + (n * channels + c) * plane;
      T *yp = y + (n * channels + c) * plane;
      for (int64_t i = 0; i < plane; ++i)
        yp[i] = xp[i] * mul + add;
    }
  }
}

} // namespace onnxc_kernels
