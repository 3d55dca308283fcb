// scalar_math.h - per-element math for float and double, and type limits.
//
// Overloads pick the float (expf...) or double (exp...) libm function so that
// float models compute in float like ONNX Runtime and numpy do.
#pragma once
#include "common.h"

namespace onnxc_kernels {

// m_NAME(x): the float or the double libm function, by overload.
#define ONNXC_MATH_FN(name, fn)                                                \
  inline float m_##name(float x) { return fn##f(x); }                         \
  inline double m_##name(double x) { return fn(x); }
ONNXC_MATH_FN(exp, exp)
ONNXC_MATH_FN(log, log)
ONNXC_MATH_FN(log1p, log1p)
ONNXC_MATH_FN(sqrt, sqrt)
ONNXC_MATH_FN(tanh, tanh)
ONNXC_MATH_FN(erf, erf)
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

/// log(1 + e^x) without overflow for large x.
template <typename T> inline T m_softplus(T x) {
  return x > 0 ? x + m_log1p(m_exp(-x)) : m_log1p(m_exp(x));
}

/// 1 / (1 + e^-x) without overflow: e^-|x| never exceeds 1.
template <typename T> inline T m_sigmoid(T x) {
  T e = m_exp(x < 0 ? x : -x);
  return x >= 0 ? T(1) / (T(1) + e) : e / (T(1) + e);
}

/// Pow for every base/exponent type pair ONNX allows: float bases use
/// powf/pow; integer bases go through double and truncate, as numpy does.
template <typename A, typename B> inline A m_pow(A a, B b) {
  return A(pow(double(a), double(b)));
}
template <typename B> inline float m_pow(float a, B b) { return powf(a, float(b)); }

/// Integer division by zero traps on some CPUs; generated code must not, so
/// it yields 0 (ONNX leaves the value undefined).
template <typename T> inline T m_div(T a, T b) { return b == T(0) ? T(0) : T(a / b); }
inline float m_div(float a, float b) { return a / b; }
inline double m_div(double a, double b) { return a / b; }

/// The largest and smallest values of T (+inf/-inf for floating point).
template <typename T> constexpr T highest_of() {
  return T(-1) < T(0) ? T((uint64_t(1) << (sizeof(T) * 8 - 1)) - 1) : T(~T(0));
}
template <typename T> constexpr T lowest_of() {
  return T(-1) < T(0) ? T(-highest_of<T>() - 1) : T(0);
}
template <> constexpr float highest_of<float>() { return INFINITY; }
template <> constexpr double highest_of<double>() { return INFINITY; }
template <> constexpr float lowest_of<float>() { return -INFINITY; }
template <> constexpr double lowest_of<double>() { return -INFINITY; }

} // namespace onnxc_kernels
