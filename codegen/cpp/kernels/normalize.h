// normalize.h - LayerNormalization, InstanceNormalization, MeanVarianceNormalization, LRN.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Mean and 1 / sqrt(variance + eps) of the n values at x (two passes, in
/// double so that long rows lose nothing to cancellation).
template <typename T>
inline void row_moments(const T *x, int64_t n, double eps, double &mean, double &inv_std) {
  const double sum = lane_sum<double>(n, [&](int64_t j) { return double(x[j]); });
  mean = n ? sum / double(n) : 0.0;
  const double sq = lane_sum<double>(n, [&](int64_t j) {
    const double d = double(x[j]) - mean;
    return d * d;
  });
  inv_std = 1.0 / sqrt((n ? sq / double(n) : 0.0) + eps);
}

/// LayerNormalization over rows of n elements: y = (x - mean) * inv_std *
/// scale + bias, with scale and bias read at step 1 (shaped like a row) or 0
/// (one value). bias, mean_out and inv_std_out may be null.
template <typename T, typename U>
inline void layer_norm(const T *x, const T *scale, int64_t scale_step, const T *bias,
                       int64_t bias_step, T *y, U *mean_out, U *inv_std_out, int64_t rows,
                       int64_t n, double eps) {
  for (int64_t r = 0; r < rows; ++r) {
    const T *xr = x + r * n;
    T *yr = y + r * n;
    double mean, inv_std;
    row_moments(xr, n, eps, mean, inv_std);
    for (int64_t j = 0; j < n; ++j) {
      const T v = T((double(xr[j]) - mean) * inv_std) * scale[j * scale_step];
      yr[j] = bias ? v + bias[j * bias_step] : v;
    }
    if (mean_out)
      mean_out[r] = U(mean);
    if (inv_std_out)
      inv_std_out[r] = U(inv_std);
  }
}

/// InstanceNormalization: each of the batch * channels planes of plane_size
/// elements normalized, then scale[c] * y + bias[c].
template <typename T>
inline void instance_norm(const T *x, const T *scale, const T *bias, T *y, int64_t batch,
                          int64_t channels, int64_t plane_size, double eps) {
  for (int64_t p = 0; p < batch * channels; ++p) {
    const T *xp = x + p * plane_size;
    T *yp = y + p * plane_size;
    const int64_t c = p % channels;
    double mean, inv_std;
    row_moments(xp, plane_size, eps, mean, inv_std);
    for (int64_t j = 0; j < plane_size; ++j)
      yp[j] = T((double(xp[j]) - mean) * inv_std) * scale[c] + bias[c];
  }
}

/// LRN: y = x / (bias + alpha / size * sum of x^2 over the channels
/// [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)]) ^ beta.
template <typename T>
inline void lrn(const T *x, T *y, int64_t batch, int64_t channels, int64_t plane_size,
                int64_t size, double alpha, double beta, double bias) {
  const int64_t before = (size - 1) / 2, after = size - 1 - before;
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t lo = max_of<int64_t>(0, c - before), hi = min_of(channels - 1, c + after);
      const T *xc = x + (n * channels + c) * plane_size;
      T *yc = y + (n * channels + c) * plane_size;
      for (int64_t i = 0; i < plane_size; ++i) {
        double sq = 0;
        for (int64_t k = lo; k <= hi; ++k) {
          const double v = double(x[(n * channels + k) * plane_size + i]);
          sq += v * v;
        }
        yc[i] = T(double(xc[i]) / pow(bias + alpha / double(size) * sq, beta));
      }
    }
}

/// Offset of the i-th element (row-major) of the n dims `dims` laid out at
/// `strides`.
inline int64_t strided_offset(int64_t i, int64_t n, const int64_t *dims, const int64_t *strides) {
  int64_t offset = 0;
  for (int64_t d = n - 1; d >= 0; --d) {
    offset += (i % dims[d]) * strides[d];
    i /= dims[d];
  }
  return offset;
}

/// MeanVarianceNormalization: for each index of the kept dims, the elements
/// of the reduced dims become (x - mean) / (sqrt(E[x^2] - mean^2) + 1e-9), as
/// the spec's function body (variance computed in two passes, in double).
/// Each group is read fully before it is written, so y may be x.
template <typename T>
inline void mean_variance_norm(const T *x, T *y, int64_t n_kept, const int64_t *kept_dims,
                               const int64_t *kept_strides, int64_t n_red, const int64_t *red_dims,
                               const int64_t *red_strides) {
  int64_t groups = 1, count = 1;
  for (int64_t d = 0; d < n_kept; ++d)
    groups *= kept_dims[d];
  for (int64_t d = 0; d < n_red; ++d)
    count *= red_dims[d];
  for (int64_t g = 0; g < groups; ++g) {
    const int64_t base = strided_offset(g, n_kept, kept_dims, kept_strides);
    double sum = 0, sq = 0;
    for (int64_t i = 0; i < count; ++i)
      sum += double(x[base + strided_offset(i, n_red, red_dims, red_strides)]);
    const double mean = count ? sum / double(count) : 0.0;
    for (int64_t i = 0; i < count; ++i) {
      const double d = double(x[base + strided_offset(i, n_red, red_dims, red_strides)]) - mean;
      sq += d * d;
    }
    const double denom = sqrt(count ? sq / double(count) : 0.0) + 1e-9;
    for (int64_t i = 0; i < count; ++i) {
      const int64_t o = base + strided_offset(i, n_red, red_dims, red_strides);
      y[o] = T((double(x[o]) - mean) / denom);
    }
  }
}

} // namespace onnxc_kernels
