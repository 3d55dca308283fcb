// max_lanes.h - the float vector steps of pool.h's inner MaxPool columns:
// a maximum taken tap by tap exactly as window_max takes it, over a vector of
// output columns whose taps lie 1 or 2 elements apart.
#pragma once
#include "simd_lanes.h"

namespace onnxc_kernels {

#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2) || defined(ONNXC_LANES_NEON) ||       \
    defined(ONNXC_LANES_WASM)
#define ONNXC_MAX_LANES 1

struct MaxLanes {
#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2)
  // 256 bits with AVX-512 too: 512-bit loads split a cache line at almost
  // every tap and the two-source permutes cost more (resnet18's stem shape,
  // BM_maxpool3x3s2 on a Zen 4: 152 us with zmm, 121 with ymm).
  using V = __m256;
  static constexpr int width = 8;
  static V load(const float *p) { return _mm256_loadu_ps(p); }
#else
  using V = FloatLanes::V;
  static constexpr int width = FloatLanes::width;
  static V load(const float *p) { return FloatLanes::load(p); }
#endif

  /// `v > best ? v : best` lane by lane, bit for bit: a NaN v never wins, a
  /// NaN best stays, and of +0 and -0 best stays (x86 MAXPS and wasm's pmax
  /// are this comparison; NEON's FMAX would let a NaN v win).
  static V later_max(V v, V best) {
#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2)
    return _mm256_max_ps(v, best);
#elif defined(ONNXC_LANES_NEON)
    return vbslq_f32(vcgtq_f32(v, best), v, best);
#else
    return wasm_f32x4_pmax(best, v);
#endif
  }

  /// p[0], p[2], ..., p[2 * (width - 1)], reading no element past the last
  /// (the last column of a plane's last row ends the input), in the lane
  /// order of evens_odds: two loads overlapping by one element, one shuffle.
  static V evens(const float *p) {
#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2)
    // In 128-bit halves: p0 p2 p8 p10 | p4 p6 p12 p14.
    return _mm256_shuffle_ps(load(p), load(p + width - 1), _MM_SHUFFLE(3, 1, 2, 0));
#elif defined(ONNXC_LANES_NEON)
    const float32x4_t b = vld1q_f32(p + width - 1); // p3 p4 p5 p6
    return vuzp1q_f32(vld1q_f32(p), vextq_f32(b, b, 1));
#else
    return wasm_i32x4_shuffle(wasm_v128_load(p), wasm_v128_load(p + width - 1), 0, 2, 5, 7);
#endif
  }

  /// evens(p) and p[1], p[3], ..., p[2 * width - 1] from two loads, in the
  /// lane order that store<2> puts right: lane-wise maxima need not reorder
  /// every tap.
  static void evens_odds(const float *p, V &even, V &odd) {
#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2)
    const V a = load(p), b = load(p + width);
    even = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)); // p0 p2 p8 p10 | p4 p6 p12 p14
    odd = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
#elif defined(ONNXC_LANES_NEON)
    const float32x4x2_t v = vld2q_f32(p);
    even = v.val[0];
    odd = v.val[1];
#else
    const v128_t a = wasm_v128_load(p), b = wasm_v128_load(p + width);
    even = wasm_i32x4_shuffle(a, b, 0, 2, 4, 6);
    odd = wasm_i32x4_shuffle(a, b, 1, 3, 5, 7);
#endif
  }

  /// f(tap) for each of the kw taps of one kernel row, in order, for `width`
  /// columns Step (1 or 2) elements apart from p, reading no element past
  /// the last tap.
  template <int Step, typename F> static void row_taps(const float *p, int64_t kw, F f) {
    static_assert(Step == 1 || Step == 2, "columns 1 or 2 elements apart");
    int64_t b = 0;
    if constexpr (Step == 2)
      for (; b + 2 <= kw; b += 2) {
        V even, odd;
        evens_odds(p + b, even, odd);
        f(even);
        f(odd);
      }
    for (; b < kw; ++b)
      f(Step == 1 ? load(p + b) : evens(p + b));
  }

  /// Stores v, gathered by row_taps<Step>, in column order.
  template <int Step> static void store(float *y, V v) {
#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2)
    if constexpr (Step == 2)
      v = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), _MM_SHUFFLE(3, 1, 2, 0)));
    _mm256_storeu_ps(y, v);
#else
    FloatLanes::store(y, v);
#endif
  }
};
#endif

} // namespace onnxc_kernels
