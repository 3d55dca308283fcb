// fast_math.h - branch-free float exp, sigmoid and tanh that loops vectorise.
//
// libm's expf/tanhf are calls the compiler cannot vectorise; these are plain
// arithmetic (a polynomial, a division, exponent bits built by integer
// arithmetic, selects instead of branches), so a loop over them becomes SIMD
// code on every target. tests/unit/KernelMathTest.cpp sweeps them against
// libm. Double keeps libm: no model we run computes recurrences in double
// for speed.
#pragma once
#include "scalar_math.h"

namespace onnxc_kernels {

/// e^x for float within 1.25 ulp. x = n ln2 + r with |r| <= ln2/2 (n rounded
/// by the 1.5 * 2^23 trick, ln2 split in two so n ln2 is exact enough),
/// e^r by its Taylor polynomial of degree 7 (remainder below 6e-9), 2^n
/// written into the exponent field. x is clamped to [-87, 88], where e^x
/// stays a normal float: e^-87 ~ 1.6e-38 stands for anything smaller.
[[maybe_unused]] inline float fast_exp(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  const float round = 12582912.0f; // 1.5 * 2^23: adding it rounds to an integer
  const float n = (x * 1.44269504088896341f + round) - round;
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  // n is an integer in [-126, 127], or NaN with x (then so is p).
  const int32_t bits = (int32_t(n == n ? n : 0.0f) + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}
[[maybe_unused]] inline double fast_exp(double x) { return exp(x); }

/// 1 / (1 + e^-x); e^-x is clamped by fast_exp, so large |x| give 1 or
/// about 1.6e-38 rather than inf or NaN.
[[maybe_unused]] inline float fast_sigmoid(float x) { return 1.0f / (1.0f + fast_exp(-x)); }
[[maybe_unused]] inline double fast_sigmoid(double x) { return m_sigmoid(x); }

/// tanh(x) = 1 - 2 / (e^2|x| + 1) with x's sign; below |x| = 0.25, where
/// that loses relative precision, its Taylor polynomial of degree 9
/// (remainder below 2e-8 relative).
[[maybe_unused]] inline float fast_tanh(float x) {
  const float a = x < 0 ? -x : x;
  const float big = 1.0f - 2.0f / (fast_exp(2.0f * a) + 1.0f);
  const float a2 = a * a;
  float p = 62.0f / 2835;
  p = p * a2 - 17.0f / 315;
  p = p * a2 + 2.0f / 15;
  p = p * a2 - 1.0f / 3;
  const float small = a + a * a2 * p;
  const float t = a < 0.25f ? small : big;
  return x < 0 ? -t : t;
}
[[maybe_unused]] inline double fast_tanh(double x) { return m_tanh(x); }

} // namespace onnxc_kernels
