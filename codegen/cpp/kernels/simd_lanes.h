// simd_lanes.h - the vector registers the GEMM micro-kernel computes with.
//
// One "lanes" type per instruction set, chosen by the target compiler's own
// predefined macros (so -march picks the code path): AVX-512, AVX2 + FMA,
// aarch64 NEON and wasm SIMD128 for float, and a portable scalar type for every other element
// type and target (cortex-m, wasm32, CUDA device code). The intrinsic headers
// are included by the generated file's preamble under the same conditions
// (CppEmitter.cpp), outside the kernels' namespace.
#pragma once
#include "common.h"

#if !defined(__CUDACC__) && defined(__AVX512F__)
#define ONNXC_LANES_AVX512 1
#elif !defined(__CUDACC__) && defined(__AVX2__) && defined(__FMA__)
#define ONNXC_LANES_AVX2 1
#elif !defined(__CUDACC__) && defined(__ARM_NEON) && defined(__aarch64__)
#define ONNXC_LANES_NEON 1
#elif !defined(__CUDACC__) && defined(__wasm_simd128__)
#define ONNXC_LANES_WASM 1
#endif

namespace onnxc_kernels {

/// A "vector" of one T: correct for any arithmetic type, on any target.
template <typename T> struct ScalarLanes {
  using V = T;
  static constexpr int width = 1;
  static V zero() { return T(0); }
  static V splat(T x) { return x; }
  static V load(const T *p) { return *p; }
  static void store(T *p, V v) { *p = v; }
  static V fma(V a, V b, V c) { return a * b + c; }
  static void prefetch_for_write(const T *) {}
};

/// The micro-kernel shape for element type T: a tile of `rows` output rows by
/// `vectors` vectors of Lanes::width columns, `depth` (the K block) sized so
/// that a packed depth x columns panel of b stays in L1, `block_rows` rows of
/// a swept per panel, and whether a block of a is packed into a stack buffer
/// (block_rows x depth) or read in place (targets with a small stack).
template <typename T> struct GemmShape {
  using Lanes = ScalarLanes<T>;
  static constexpr int rows = 4, vectors = 4, depth = 128, block_rows = rows * 24;
  static constexpr bool pack_a = false;
};

/// A float lanes type: its vector type and width, and the expressions of its
/// six operations (arguments x, p, v, a, b, c as in ScalarLanes).
/// prefetch_for_write is a hint, a no-op where it was not measured (NEON, wasm).
#define ONNXC_FLOAT_LANES(NAME, VEC, WIDTH, ZERO, SPLAT, LOAD, STORE, FMA, PREFETCH)               \
  struct NAME {                                                                                    \
    using V = VEC;                                                                                 \
    static constexpr int width = WIDTH;                                                            \
    static V zero() { return ZERO; }                                                               \
    static V splat(float x) { return SPLAT; }                                                      \
    static V load(const float *p) { return LOAD; }                                                 \
    static void store(float *p, V v) { STORE; }                                                    \
    static V fma(V a, V b, V c) { return FMA; }                                                    \
    static void prefetch_for_write(const float *p) { PREFETCH; }                                   \
  };

#if defined(ONNXC_LANES_AVX512)
ONNXC_FLOAT_LANES(FloatLanes, __m512, 16, _mm512_setzero_ps(), _mm512_set1_ps(x),
                  _mm512_loadu_ps(p), _mm512_storeu_ps(p, v), _mm512_fmadd_ps(a, b, c),
                  __builtin_prefetch(p, 1, 3))
// 24 of 32 zmm accumulate (enough independent FMA chains for two FMA units)
// with 4 loads and 6 broadcasts per 24 FMAs; a 128 x 64 panel of b (32 KiB)
// stays in L1, a 512 x 128 block of a (256 KiB) in L2. Measured best of 12x2,
// 8x3, 7x4 and 6x4 on an Ice Lake Xeon. Every row block packs all the
// panels of b again (0.46 ms for a 1024 x 1024 b in L3, against 12 ms for
// the 1024^3 product at peak): 512 rows rather than 256 halve that.
// Prefetching each micro-tile's c lines before its K loop (prefetch_tile):
// 1024^3 plain median 0.51-0.65 -> 0.55-0.70 of peak over 5 interleaved
// sets, 256^3 and 512^3 even within the noise (load 5-12 on 2 vCPUs); MC 256,
// prefetching the next tile's c instead, or into L2 only measured no better.
// On an idle machine it was mixed: 1024^3 0.656 -> 0.702 but 0.725 -> 0.686,
// 512^3 0.831 -> 0.759 (prefetching only when c outgrows L2 is untried).
constexpr int kFloatRows = 6, kFloatVectors = 4, kFloatDepth = 128;
constexpr int kFloatBlockRows = 512;
constexpr bool kFloatPackA = true;
#elif defined(ONNXC_LANES_AVX2)
ONNXC_FLOAT_LANES(FloatLanes, __m256, 8, _mm256_setzero_ps(), _mm256_set1_ps(x),
                  _mm256_loadu_ps(p), _mm256_storeu_ps(p, v), _mm256_fmadd_ps(a, b, c),
                  __builtin_prefetch(p, 1, 3))
// 12 of 16 ymm accumulate. Prefetching the c tile (one line a row, which the
// hardware prefetchers do not guess) took 512^3 and 1024^3 from 0.45-0.65 to
// 0.58-0.80 of the AVX2 FMA peak (medians of interleaved sets, load 5-8;
// idle: 1024^3 0.60 -> 0.70, 512^3 0.80 -> 0.71 plain, 0.65 -> 0.78 prepacked);
// 4 x 3 ymm and K block 512 measured slower. 512-row blocks (a 512 KiB block
// of a in a 1 MiB L2) re-read b half as often: on a Zen 4, 1024^3 0.84-0.85
// -> 0.86-0.88 of peak plain and prepacked, smaller sizes unchanged (K block
// 128 with them: 0.83-0.86).
constexpr int kFloatRows = 6, kFloatVectors = 2, kFloatDepth = 256;
constexpr int kFloatBlockRows = 512;
constexpr bool kFloatPackA = true;
#elif defined(ONNXC_LANES_NEON)
ONNXC_FLOAT_LANES(FloatLanes, float32x4_t, 4, vdupq_n_f32(0.0f), vdupq_n_f32(x), vld1q_f32(p),
                  vst1q_f32(p, v), vfmaq_f32(c, a, b), (void)p)
constexpr int kFloatRows = 6, kFloatVectors = 4, kFloatDepth = 256; // 24 of 32 q registers
constexpr int kFloatBlockRows = kFloatRows * 24;
constexpr bool kFloatPackA = false;
#elif defined(ONNXC_LANES_WASM)
// SIMD128 has no fused multiply-add: two roundings, like the scalar path.
ONNXC_FLOAT_LANES(FloatLanes, v128_t, 4, wasm_f32x4_splat(0.0f), wasm_f32x4_splat(x),
                  wasm_v128_load(p), wasm_v128_store(p, v),
                  wasm_f32x4_add(wasm_f32x4_mul(a, b), c), (void)p)
constexpr int kFloatRows = 4, kFloatVectors = 3, kFloatDepth = 256; // 12 of 16 vectors
constexpr int kFloatBlockRows = kFloatRows * 24;
constexpr bool kFloatPackA = false; // wasm-ld gives 64 KiB of stack by default
#endif

#if defined(ONNXC_LANES_AVX512) || defined(ONNXC_LANES_AVX2) || defined(ONNXC_LANES_NEON) ||     \
    defined(ONNXC_LANES_WASM)
template <> struct GemmShape<float> {
  using Lanes = FloatLanes;
  static constexpr int rows = kFloatRows, vectors = kFloatVectors, depth = kFloatDepth;
  static constexpr int block_rows = kFloatBlockRows;
  static constexpr bool pack_a = kFloatPackA;
};
#endif

} // namespace onnxc_kernels
