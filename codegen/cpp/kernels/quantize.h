// quantize.h - linear quantization: QuantizeLinear, DequantizeLinear,
// DynamicQuantizeLinear.
//
// A tensor is seen as [outer, channels, inner]: channel c uses scale[c] and
// zero[c] (one channel for per-tensor parameters). Quantizing rounds half to
// even (the default rounding mode), adds the zero point and saturates.
#pragma once
#include "scalar_math.h"

namespace onnxc_kernels {

/// f(c, at) for each run of `inner` elements of channel c, starting at `at`.
template <typename F>
inline void for_each_channel(int64_t outer, int64_t channels, int64_t inner, F f) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t c = 0; c < channels; ++c)
      f(c, (o * channels + c) * inner);
}

/// round_half_even(q) + zero, saturated to Q (NaN gives Q's lowest value).
template <typename Q> inline Q quantize_value(float q, int32_t zero) {
  const float v = m_round_even(q) + float(zero);
  return !(v > float(lowest_of<Q>())) ? lowest_of<Q>()
         : v >= float(highest_of<Q>()) ? highest_of<Q>()
                                       : Q(v);
}

/// y = saturate(round(x / scale) + zero); `zero` may be null (0).
template <typename X, typename Q>
inline void quantize_linear(const X *x, const float *scale, const Q *zero, Q *y, int64_t outer,
                            int64_t channels, int64_t inner) {
  for_each_channel(outer, channels, inner, [&](int64_t c, int64_t at) {
    const int32_t z = zero ? int32_t(zero[c]) : 0;
    for (int64_t i = 0; i < inner; ++i)
      y[at + i] = quantize_value<Q>(float(x[at + i]) / scale[c], z);
  });
}

/// y = (x - zero) * scale; `zero` may be null (0).
template <typename Q>
inline void dequantize_linear(const Q *x, const float *scale, const Q *zero, float *y,
                              int64_t outer, int64_t channels, int64_t inner) {
  for_each_channel(outer, channels, inner, [&](int64_t c, int64_t at) {
    const int64_t z = zero ? int64_t(zero[c]) : 0;
    for (int64_t i = 0; i < inner; ++i)
      y[at + i] = float(int64_t(x[at + i]) - z) * scale[c];
  });
}

/// uint8 quantization over the range of x widened to include 0:
/// scale = (max - min) / 255, zero = saturate(round(0 - min / scale)).
/// All-zero x (scale 0) gives zeros.
inline void dynamic_quantize_linear(const float *x, uint8_t *y, float *scale, uint8_t *zero,
                                    int64_t n) {
  float lo = 0, hi = 0;
  for (int64_t i = 0; i < n; ++i) {
    lo = x[i] < lo ? x[i] : lo;
    hi = x[i] > hi ? x[i] : hi;
  }
  const float s = (hi - lo) / 255.0f;
  const uint8_t z = s == 0 ? uint8_t(0) : quantize_value<uint8_t>(0 - lo / s, 0);
  *scale = s;
  *zero = z;
  for (int64_t i = 0; i < n; ++i)
    y[i] = s == 0 ? z : quantize_value<uint8_t>(x[i] / s, z);
}

} // namespace onnxc_kernels
