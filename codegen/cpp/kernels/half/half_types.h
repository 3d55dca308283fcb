// half_types.h - float16 and bfloat16 as their 16-bit patterns (uint16_t).
//
// Embedded into the generated code only when a model has half tensors
// (EmbedKernels.cmake, kHalfKernelSource). Kernels compute in float: a half
// value is widened exactly with *_to_float and every stored result is
// rounded to nearest, ties to even, with to_f16 / to_bf16 (subnormals, inf
// and NaN included). From double, the value is first narrowed to float
// rounding to odd, which makes the second rounding exact (no double rounding).
#pragma once

#include <math.h>
#include <stdint.h>
#include <string.h>

namespace onnxc_kernels {

inline float f16_to_float(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu, x;
  if (e == 31)
    x = sign | 0x7f800000u | (m << 13);
  else if (e)
    x = sign | ((e + 112) << 23) | (m << 13);
  else if (!m)
    x = sign;
  else { // subnormal: normalize the mantissa
    e = 113;
    for (; !(m & 0x400u); m <<= 1)
      --e;
    x = sign | (e << 23) | ((m & 0x3ffu) << 13);
  }
  float f;
  memcpy(&f, &x, 4);
  return f;
}

inline float bf16_to_float(uint16_t b) {
  uint32_t x = uint32_t(b) << 16;
  float f;
  memcpy(&f, &x, 4);
  return f;
}

inline uint16_t to_f16(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000u, a = x & 0x7fffffffu;
  if (a >= 0x7f800000u) // inf, or NaN kept quiet with its top payload bits
    return uint16_t(sign | 0x7c00u | (a > 0x7f800000u ? 0x200u | ((a >> 13) & 0x3ffu) : 0));
  if (a >= 0x477ff000u) // 65520 and above round to inf
    return uint16_t(sign | 0x7c00u);
  if (a >= 0x38800000u) { // a normal half: rebias, round off 13 bits
    uint32_t m = a - 0x38000000u;
    return uint16_t(sign | ((m + 0xfffu + ((m >> 13) & 1)) >> 13));
  }
  if (a < 0x33000000u) // below half the smallest subnormal: zero
    return uint16_t(sign);
  // A subnormal half: the value in units of 2^-24, rounded.
  uint32_t shift = 126 - (a >> 23), mant = (a & 0x7fffffu) | 0x800000u;
  uint32_t q = mant >> shift, rest = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
  return uint16_t(sign | (q + (rest > half || (rest == half && (q & 1)))));
}

inline uint16_t to_bf16(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  if ((x & 0x7fffffffu) > 0x7f800000u) // NaN: keep it quiet
    return uint16_t((x >> 16) | 0x40u);
  return uint16_t((x + 0x7fffu + ((x >> 16) & 1)) >> 16);
}

/// `d` as a float rounded to odd: inexact results get their last bit set.
inline float narrow_to_odd(double d) {
  float f = float(d);
  if (double(f) != d && d == d) {
    uint32_t x;
    memcpy(&x, &f, 4);
    if (fabs(double(f)) > fabs(d)) // rounded away from zero: step back
      --x;
    x |= 1;
    memcpy(&f, &x, 4);
  }
  return f;
}

inline uint16_t to_f16(double d) { return to_f16(narrow_to_odd(d)); }
inline uint16_t to_bf16(double d) { return to_bf16(narrow_to_odd(d)); }

} // namespace onnxc_kernels
