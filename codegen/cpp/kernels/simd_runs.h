// simd_runs.h - runs of values copied and split with the vector unit where
// there is one, for depthwise_padded.h's band copies: a row of a small plane
// is too short for a memmove call to pay (GCC turns a copy loop into one),
// and GCC at -O2 keeps a stride-2 loop scalar, one element a cycle.
#pragma once
#include "simd_lanes.h"

namespace onnxc_kernels {

/// to[i] = from[i] for i < n (the two do not overlap).
template <typename T> inline void copy_run(const T *from, T *to, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    to[i] = from[i];
}

/// even[i] = x[2 * i], odd[i] = x[2 * i + 1] for i < n.
template <typename T> inline void deinterleave(const T *x, T *even, T *odd, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    even[i] = x[2 * i];
    odd[i] = x[2 * i + 1];
  }
}

#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2) || defined(ONNXC_LANES_NEON) ||       \
    defined(ONNXC_LANES_WASM)
inline void copy_run(const float *from, float *to, int64_t n) {
  using L = FloatLanes;
#if defined(ONNXC_LANES_AVX512)
  // Masked moves throughout: GCC turns a loop of plain vector moves into a
  // memmove call too.
  for (int64_t i = 0; i < n; i += L::width) {
    const __mmask16 mask = n - i >= L::width ? __mmask16(0xffff) : __mmask16((1u << (n - i)) - 1);
    _mm512_mask_storeu_ps(to + i, mask, _mm512_maskz_loadu_ps(mask, from + i));
  }
#else
  if (n < L::width)
    return copy_run<float>(from, to, n);
  for (int64_t i = 0; i + L::width <= n; i += L::width)
    L::store(to + i, L::load(from + i));
  L::store(to + n - L::width, L::load(from + n - L::width)); // overlaps the one before
#endif
}

inline void deinterleave(const float *x, float *even, float *odd, int64_t n) {
  constexpr int64_t w = FloatLanes::width;
  int64_t i = 0;
  for (; i + w <= n; i += w) {
    const float *p = x + 2 * i;
#if defined(ONNXC_LANES_AVX512)
    const __m512 a = _mm512_loadu_ps(p), b = _mm512_loadu_ps(p + w);
    const __m512i evens =
        _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odds =
        _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    _mm512_storeu_ps(even + i, _mm512_permutex2var_ps(a, evens, b));
    _mm512_storeu_ps(odd + i, _mm512_permutex2var_ps(a, odds, b));
#elif defined(ONNXC_LANES_AVX2)
    // In-lane shuffles give a0 a2 b0 b2 | a4 a6 b4 b6; the 64-bit permute
    // puts the pairs in order.
    const __m256 a = _mm256_loadu_ps(p), b = _mm256_loadu_ps(p + w);
    const __m256d e = _mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
    const __m256d o = _mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
    _mm256_storeu_ps(even + i, _mm256_castpd_ps(_mm256_permute4x64_pd(e, _MM_SHUFFLE(3, 1, 2, 0))));
    _mm256_storeu_ps(odd + i, _mm256_castpd_ps(_mm256_permute4x64_pd(o, _MM_SHUFFLE(3, 1, 2, 0))));
#elif defined(ONNXC_LANES_NEON)
    const float32x4x2_t v = vld2q_f32(p);
    vst1q_f32(even + i, v.val[0]);
    vst1q_f32(odd + i, v.val[1]);
#elif defined(ONNXC_LANES_WASM)
    const v128_t a = wasm_v128_load(p), b = wasm_v128_load(p + w);
    wasm_v128_store(even + i, wasm_i32x4_shuffle(a, b, 0, 2, 4, 6));
    wasm_v128_store(odd + i, wasm_i32x4_shuffle(a, b, 1, 3, 5, 7));
#endif
  }
  deinterleave<float>(x + 2 * i, even + i, odd + i, n - i);
}
#endif

} // namespace onnxc_kernels
