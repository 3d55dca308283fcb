// batchnorm.h - batch normalization, inference and training mode.
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

/// training_mode=1: each channel normalized by the batch's mean and
/// (population) variance; running_mean/var (null when not asked for) =
/// input * momentum + batch statistic * (1 - momentum), as the spec's function.
template <typename T, typename TS, typename TM>
inline void batch_norm_training(const T *x, const TS *scale, const TS *bias, const TM *mean,
                                const TM *var, T *y, TM *running_mean, TM *running_var,
                                int64_t batch, int64_t channels, int64_t plane, double epsilon,
                                double momentum) {
  const double count = double(batch * plane);
  for (int64_t c = 0; c < channels; ++c) {
    double sum = 0, sq = 0;
    for (int64_t n = 0; n < batch; ++n)
      for (int64_t i = 0; i < plane; ++i)
        sum += double(x[(n * channels + c) * plane + i]);
    const double m = count > 0 ? sum / count : 0.0;
    for (int64_t n = 0; n < batch; ++n)
      for (int64_t i = 0; i < plane; ++i) {
        const double d = double(x[(n * channels + c) * plane + i]) - m;
        sq += d * d;
      }
    const double v = count > 0 ? sq / count : 0.0;
    const double factor = double(scale[c]) / sqrt(v + epsilon);
    for (int64_t n = 0; n < batch; ++n)
      for (int64_t i = 0; i < plane; ++i) {
        const int64_t at = (n * channels + c) * plane + i;
        y[at] = T((double(x[at]) - m) * factor + double(bias[c]));
      }
    if (running_mean)
      running_mean[c] = TM(double(mean[c]) * momentum + m * (1 - momentum));
    if (running_var)
      running_var[c] = TM(double(var[c]) * momentum + v * (1 - momentum));
  }
}

} // namespace onnxc_kernels
