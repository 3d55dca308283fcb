// scalar_math.h - per-element math of the elementwise ops, and type limits.
//
// Overloads pick the float (expf...) or double (exp...) libm function so that
// float models compute in float like ONNX Runtime and numpy do. Integer
// helpers give defined results where plain C++ would trap or be undefined.
#pragma once
#include "common.h"

namespace onnxc_kernels {

// m_NAME(x): the float or the double libm function, by overload. The kernels
// live in an anonymous namespace, where clang's -Wunused-function would flag
// every one a model does not use.
#define ONNXC_MATH_FN(name, fn)                                                \
  [[maybe_unused]] inline float m_##name(float x) { return fn##f(x); }        \
  [[maybe_unused]] inline double m_##name(double x) { return fn(x); }
ONNXC_MATH_FN(exp, exp)
ONNXC_MATH_FN(log, log)
ONNXC_MATH_FN(log1p, log1p)
ONNXC_MATH_FN(sqrt, sqrt)
ONNXC_MATH_FN(tanh, tanh)
ONNXC_MATH_FN(floor, floor)
ONNXC_MATH_FN(ceil, ceil)
ONNXC_MATH_FN(round_even, nearbyint) // default rounding: half to even, as ONNX Round
ONNXC_MATH_FN(sin, sin)
ONNXC_MATH_FN(cos, cos)
ONNXC_MATH_FN(tan, tan)
ONNXC_MATH_FN(asin, asin)
ONNXC_MATH_FN(acos, acos)
ONNXC_MATH_FN(atan, atan)
ONNXC_MATH_FN(sinh, sinh)
ONNXC_MATH_FN(cosh, cosh)
ONNXC_MATH_FN(asinh, asinh)
ONNXC_MATH_FN(acosh, acosh)
ONNXC_MATH_FN(atanh, atanh)
#undef ONNXC_MATH_FN

/// erf(x) for float as a rational function of x (odd numerator of degree 13
/// over an even denominator of degree 8, clamped to |x| <= 4 where
/// erf rounds to +-1 in float): the coefficients of Eigen's float erf.
/// Branch-free, so elementwise loops over it vectorise (libm's erff does
/// not); tests/unit/KernelMathTest.cpp measures it against libm.
[[maybe_unused]] inline float m_erf(float x) {
  x = x < -4.0f ? -4.0f : (x > 4.0f ? 4.0f : x);
  const float x2 = x * x;
  float p = -2.72614225801306e-10f;
  p = p * x2 + 2.77068142495902e-08f;
  p = p * x2 + -2.10102402082508e-06f;
  p = p * x2 + -5.69250639462346e-05f;
  p = p * x2 + -7.34990630326855e-04f;
  p = p * x2 + -2.95459980854025e-03f;
  p = p * x2 + -1.60960333262415e-02f;
  float q = -1.45660718464996e-05f;
  q = q * x2 + -2.13374055278905e-04f;
  q = q * x2 + -1.68282697438203e-03f;
  q = q * x2 + -7.37332916720468e-03f;
  q = q * x2 + -1.42647390514189e-02f;
  return x * p / q;
}
[[maybe_unused]] inline double m_erf(double x) { return erf(x); }

/// log(1 + e^x) without overflow for large x.
template <typename T> inline T m_softplus(T x) {
  return x > 0 ? x + m_log1p(m_exp(-x)) : m_log1p(m_exp(x));
}

/// 1 / (1 + e^-x) without overflow: e^-|x| never exceeds 1.
template <typename T> inline T m_sigmoid(T x) {
  T e = m_exp(x < 0 ? x : -x);
  return x >= 0 ? T(1) / (T(1) + e) : e / (T(1) + e);
}

/// True for the integer element types, false for float and double.
template <typename T> constexpr bool is_integer() { return T(1) / T(2) == T(0); }

/// x < 0, without "always false" warnings for unsigned types.
template <typename T> constexpr bool is_negative(T x) {
  if constexpr (T(-1) < T(0))
    return x < T(0);
  else
    return false;
}

/// x is NaN; integers never are (and x != x would warn for them).
template <typename T> constexpr bool is_nan(T x) {
  if constexpr (is_integer<T>())
    return false;
  else
    return x != x;
}

/// a^n for integers by squaring: exact (through double, int64 would lose bits
/// above 2^53) and wrapping on overflow. Negative n gives 1/a^n truncated
/// toward zero: 0 unless |a| == 1.
template <typename A, typename B> inline A int_pow(A a, B n) {
  if (is_negative(n)) {
    if (is_negative(a) && a == A(-1))
      return A(n % 2 == 0 ? 1 : -1);
    return A(a == A(1));
  }
  uint64_t result = 1, base = uint64_t(a); // unsigned: wrap-around is defined
  for (uint64_t e = uint64_t(n); e != 0; e >>= 1, base *= base)
    if (e & 1)
      result *= base;
  return A(result);
}

/// Pow for every base/exponent type pair ONNX allows: float bases use
/// powf/pow; integer^integer is exact; integer^float goes through double and
/// truncates toward zero (a C cast).
template <typename A, typename B> inline A m_pow(A a, B b) {
  if constexpr (is_integer<A>() && is_integer<B>())
    return int_pow(a, b);
  else
    return A(pow(double(a), double(b)));
}
/// x^2 (LayerNorm's variance) is one multiply, exactly what powf rounds to.
template <typename B> inline float m_pow(float a, B b) {
  return float(b) == 2.0f ? a * a : powf(a, float(b));
}

/// Integer division truncates toward zero. The two cases that trap on x86
/// (and are undefined in C++) get defined results instead, since generated
/// code must never abort: x / 0 is 0 (ONNX leaves it undefined) and
/// INT_MIN / -1 wraps to INT_MIN.
template <typename T> inline T m_div(T a, T b) {
  if constexpr (is_integer<T>()) {
    if (b == T(0))
      return T(0);
    if (is_negative(b) && b == T(-1))
      return T(uint64_t(0) - uint64_t(a)); // -a, wrapping
  }
  return T(a / b);
}

/// Remainder with the sign of the dividend (C fmod, ONNX Mod fmod=1). For
/// integers x % 0 is 0 (ONNX leaves it undefined) and x % -1 is 0 (INT_MIN
/// % -1 traps on x86).
template <typename T> inline T m_fmod(T a, T b) {
  if constexpr (is_integer<T>()) {
    if (b == T(0) || (is_negative(b) && b == T(-1)))
      return T(0);
    return T(a % b);
  } else {
    return T(fmod(double(a), double(b)));
  }
}
[[maybe_unused]] inline float m_fmod(float a, float b) { return fmodf(a, b); }

/// Remainder with the sign of the divisor (Python's %, ONNX Mod fmod=0).
template <typename T> inline T m_mod(T a, T b) {
  T r = m_fmod(a, b);
  return r != T(0) && is_negative(r) != is_negative(b) ? T(r + b) : r;
}

/// Shifts of unsigned integers; shifting by the width or more gives 0
/// (undefined in C++).
template <typename T> inline T m_shift_left(T a, T b) {
  return b >= T(sizeof(T) * 8) ? T(0) : T(a << b);
}
template <typename T> inline T m_shift_right(T a, T b) {
  return b >= T(sizeof(T) * 8) ? T(0) : T(a >> b);
}

/// |x|; unsigned values are their own absolute value.
template <typename T> inline T m_abs(T x) { return is_negative(x) ? T(-x) : x; }

// Max, Min and clamping that propagate NaN like numpy (np.maximum, np.clip)
// from either operand: `a` is kept unless `b` beats it or is NaN, and a NaN
// `a` is never beaten since every comparison with NaN is false.
template <typename T> inline T m_max(T a, T b) { return b > a || is_nan(b) ? b : a; }
template <typename T> inline T m_min(T a, T b) { return b < a || is_nan(b) ? b : a; }
/// min(max(x, lo), hi): lo > hi gives hi, as numpy.clip and ONNX Clip.
/// With ordered bounds (always, for the constants of a fused Relu6) both
/// tests read x, which GCC vectorises to 3 compares and 2 blends per vector;
/// nested, it merged them into a chain of 12 instructions per 8 floats (10%
/// of MobileNetV2). NaN x fails both tests and stays NaN either way.
template <typename T> inline T m_clip(T x, T lo, T hi) {
  if (is_nan(lo) || is_nan(hi) || hi < lo)
    return m_min(m_max(x, lo), hi);
  return x < lo ? lo : (x > hi ? hi : x);
}

/// max(0, min(1, alpha * x + beta)), NaN staying NaN.
template <typename T> inline T m_hard_sigmoid(T x, T alpha, T beta) {
  return m_clip(alpha * x + beta, T(0), T(1));
}
/// x * HardSigmoid(x) with ONNX's fixed alpha = 1/6, beta = 1/2.
template <typename T> inline T m_hard_swish(T x) {
  return x * m_hard_sigmoid(x, T(1) / T(6), T(0.5));
}

/// The largest and smallest values of T (+inf/-inf for floating point).
template <typename T> constexpr T highest_of() {
  if constexpr (!is_integer<T>())
    return T(INFINITY);
  else if constexpr (T(-1) < T(0))
    return T((uint64_t(1) << (sizeof(T) * 8 - 1)) - 1);
  else
    return T(~T(0));
}
template <typename T> constexpr T lowest_of() {
  if constexpr (!is_integer<T>())
    return T(-INFINITY);
  else if constexpr (T(-1) < T(0))
    return T(-highest_of<T>() - 1);
  else
    return T(0);
}

} // namespace onnxc_kernels
