// scalar_math.h - per-element math for float and double, and type limits.
//
// Overloads pick the float (expf...) or double (exp...) libm function so that
// float models compute in float like ONNX Runtime and numpy do.
#pragma once
#include "common.h"

namespace onnxc_kernels {

inline float m_exp(float x) { return expf(x); }
inline double m_exp(double x) { return exp(x); }
inline float m_log(float x) { return logf(x); }
inline double m_log(double x) { return log(x); }
inline float m_sqrt(float x) { return sqrtf(x); }
inline double m_sqrt(double x) { return sqrt(x); }
inline float m_tanh(float x) { return tanhf(x); }
inline double m_tanh(double x) { return tanh(x); }

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
