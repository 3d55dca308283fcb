// simd_transpose.h - transposes a block of a float matrix, square by square
// in vector registers (16 x 16 with AVX-512, 8 x 8 with AVX2; partial ones
// at the edges masked), else element by element: conv_filter_lanes.h turns its y^T blocks into y's
// rows with it (a strided element loop took 13% of a 16-filter conv).
#pragma once
#include "simd_lanes.h"

namespace onnxc_kernels {

/// The vector width of the squares transpose_square moves (1: none).
template <typename T> constexpr int kTransposeSquare = 1;

#if defined(ONNXC_LANES_AVX512)
template <> constexpr int kTransposeSquare<float> = 16;

/// Four rows r[0..3] turned lane by lane (unpacking pairs of rows, then
/// pairs of pairs): r[j] then holds, in its 128-bit lane L, column 4L + j of
/// the four rows.
inline void transpose_quads(__m512 *r) {
  const __m512 t0 = _mm512_unpacklo_ps(r[0], r[1]), t1 = _mm512_unpackhi_ps(r[0], r[1]);
  const __m512 t2 = _mm512_unpacklo_ps(r[2], r[3]), t3 = _mm512_unpackhi_ps(r[2], r[3]);
  auto pairs = [](__m512 a, __m512 b, bool high) {
    const __m512d x = _mm512_castps_pd(a), y = _mm512_castps_pd(b);
    return _mm512_castpd_ps(high ? _mm512_unpackhi_pd(x, y) : _mm512_unpacklo_pd(x, y));
  };
  r[0] = pairs(t0, t2, false);
  r[1] = pairs(t0, t2, true);
  r[2] = pairs(t1, t3, false);
  r[3] = pairs(t1, t3, true);
}

/// The 4 x 4 transpose of four vectors' 128-bit lanes: r[m] gets lane m of
/// r[0], r[1], r[2] and r[3].
inline void transpose_lanes(__m512 *r) {
  const __m512 low = _mm512_shuffle_f32x4(r[0], r[1], 0x44);
  const __m512 low2 = _mm512_shuffle_f32x4(r[2], r[3], 0x44);
  const __m512 high = _mm512_shuffle_f32x4(r[0], r[1], 0xEE);
  const __m512 high2 = _mm512_shuffle_f32x4(r[2], r[3], 0xEE);
  r[0] = _mm512_shuffle_f32x4(low, low2, 0x88);
  r[1] = _mm512_shuffle_f32x4(low, low2, 0xDD);
  r[2] = _mm512_shuffle_f32x4(high, high2, 0x88);
  r[3] = _mm512_shuffle_f32x4(high, high2, 0xDD);
}

/// to[c, r] = from[r, c] for r < rows, c < cols of a 16 x 16 square (masked
/// loads and stores at the edges). transpose_quads leaves vector 4g + j
/// holding rows 4g .. 4g + 3 at column 4L + j in its 128-bit lane L;
/// transpose_lanes of vectors j, 4 + j, 8 + j and 12 + j then moves lane L
/// of those four vectors into output row 4L + j.
inline void transpose_square(const float *from, int64_t ld_from, float *to, int64_t ld_to,
                             int rows, int cols) {
  const __mmask16 in = __mmask16((1u << cols) - 1), out = __mmask16((1u << rows) - 1);
  __m512 r[16];
  for (int i = 0; i < 16; ++i)
    r[i] = i < rows ? _mm512_maskz_loadu_ps(in, from + i * ld_from) : _mm512_setzero_ps();
  for (int i = 0; i < 16; i += 4)
    transpose_quads(r + i);
  for (int j = 0; j < 4; ++j) {
    __m512 o[4] = {r[j], r[4 + j], r[8 + j], r[12 + j]};
    transpose_lanes(o);
    for (int q = 0; q < 4; ++q)
      if (4 * q + j < cols)
        _mm512_mask_storeu_ps(to + (4 * q + j) * ld_to, out, o[q]);
  }
}

/// to[4 t + q] = from[q * ld + t] for q < 4 and t below the largest multiple
/// of 16 in n (returned): transpose_quads, then transpose_lanes.
inline int64_t interleave_rows4_vectors(const float *from, int64_t ld, float *to, int64_t n) {
  int64_t t = 0;
  for (; t + 16 <= n; t += 16) {
    __m512 r[4];
    for (int q = 0; q < 4; ++q)
      r[q] = _mm512_loadu_ps(from + q * ld + t);
    transpose_quads(r);
    transpose_lanes(r);
    for (int m = 0; m < 4; ++m)
      _mm512_storeu_ps(to + 4 * t + 16 * m, r[m]);
  }
  return t;
}

/// to[q * ld + t] = from[4 t + q] for q < 4 and t < n rounded up to 16
/// (returned): the inverse steps in the inverse order.
inline int64_t deinterleave_rows4_vectors(const float *from, float *to, int64_t ld, int64_t n) {
  int64_t t = 0;
  for (; t < n; t += 16) {
    __m512 r[4];
    for (int m = 0; m < 4; ++m)
      r[m] = _mm512_loadu_ps(from + 4 * t + 16 * m);
    transpose_lanes(r);
    transpose_quads(r);
    for (int q = 0; q < 4; ++q)
      _mm512_storeu_ps(to + q * ld + t, r[q]);
  }
  return t;
}
#elif defined(ONNXC_LANES_AVX2)
template <> constexpr int kTransposeSquare<float> = 8;

/// As the AVX-512 transpose_quads, for the two 128-bit lanes of ymm rows.
inline void transpose_quads(__m256 *r) {
  const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
  const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
  auto pairs = [](__m256 a, __m256 b, bool high) {
    const __m256d x = _mm256_castps_pd(a), y = _mm256_castps_pd(b);
    return _mm256_castpd_ps(high ? _mm256_unpackhi_pd(x, y) : _mm256_unpacklo_pd(x, y));
  };
  r[0] = pairs(t0, t2, false);
  r[1] = pairs(t0, t2, true);
  r[2] = pairs(t1, t3, false);
  r[3] = pairs(t1, t3, true);
}

/// The lanes below n of an 8-float mask.
inline __m256i first_lanes(int n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/// to[c, r] = from[r, c] for r < rows, c < cols of an 8 x 8 square: as the
/// AVX-512 one, with one round of lane swaps for the two 128-bit lanes.
inline void transpose_square(const float *from, int64_t ld_from, float *to, int64_t ld_to,
                             int rows, int cols) {
  // Masked moves only at the edges: AMD runs VMASKMOVPS slowly (a full
  // square through them made a depthwise conv 3x slower).
  const bool full = rows == 8 && cols == 8;
  const __m256i in = first_lanes(cols), out = first_lanes(rows);
  __m256 r[8];
  for (int i = 0; i < 8; ++i)
    r[i] = full       ? _mm256_loadu_ps(from + i * ld_from)
           : i < rows ? _mm256_maskload_ps(from + i * ld_from, in)
                      : _mm256_setzero_ps();
  for (int i = 0; i < 8; i += 4)
    transpose_quads(r + i);
  auto store = [&](float *p, __m256 v) {
    if (full)
      _mm256_storeu_ps(p, v);
    else
      _mm256_maskstore_ps(p, out, v);
  };
  for (int j = 0; j < 4; ++j) {
    if (j < cols)
      store(to + j * ld_to, _mm256_permute2f128_ps(r[j], r[4 + j], 0x20));
    if (4 + j < cols)
      store(to + (4 + j) * ld_to, _mm256_permute2f128_ps(r[j], r[4 + j], 0x31));
  }
}

/// As the AVX-512 one, 8 values of t at a time.
inline int64_t interleave_rows4_vectors(const float *from, int64_t ld, float *to, int64_t n) {
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    __m256 r[4];
    for (int q = 0; q < 4; ++q)
      r[q] = _mm256_loadu_ps(from + q * ld + t);
    transpose_quads(r);
    _mm256_storeu_ps(to + 4 * t, _mm256_permute2f128_ps(r[0], r[1], 0x20));
    _mm256_storeu_ps(to + 4 * t + 8, _mm256_permute2f128_ps(r[2], r[3], 0x20));
    _mm256_storeu_ps(to + 4 * t + 16, _mm256_permute2f128_ps(r[0], r[1], 0x31));
    _mm256_storeu_ps(to + 4 * t + 24, _mm256_permute2f128_ps(r[2], r[3], 0x31));
  }
  return t;
}

/// As the AVX-512 one, 8 values of t at a time: vector m holds values t + 2m
/// and t + 2m + 1, so row j of the lane-wise transpose pairs the lanes of t
/// + j and t + 4 + j.
inline int64_t deinterleave_rows4_vectors(const float *from, float *to, int64_t ld, int64_t n) {
  int64_t t = 0;
  for (; t < n; t += 8) {
    __m256 v[4];
    for (int m = 0; m < 4; ++m)
      v[m] = _mm256_loadu_ps(from + 4 * t + 8 * m);
    __m256 r[4] = {_mm256_permute2f128_ps(v[0], v[2], 0x20), _mm256_permute2f128_ps(v[0], v[2], 0x31),
                   _mm256_permute2f128_ps(v[1], v[3], 0x20), _mm256_permute2f128_ps(v[1], v[3], 0x31)};
    transpose_quads(r);
    for (int q = 0; q < 4; ++q)
      _mm256_storeu_ps(to + q * ld + t, r[q]);
  }
  return t;
}
#endif

/// No vectors of (de)interleaved rows where the target has no register
/// transposes (the float overloads above take them).
template <typename T> inline int64_t interleave_rows4_vectors(const T *, int64_t, T *, int64_t) {
  return 0;
}
template <typename T>
inline int64_t deinterleave_rows4_vectors(const T *, T *, int64_t, int64_t) {
  return 0;
}

/// to[4 t + q] = from[q * ld + t] for q < 4, t < n: four rows interleaved,
/// in registers where the target has transposes (conv_winograd.h's output
/// tiles: a strided loop became gathers, slow on AMD).
template <typename T>
inline void interleave_rows4(const T *from, int64_t ld, T *to, int64_t n) {
  for (int64_t t = interleave_rows4_vectors(from, ld, to, n); t < n; ++t)
    for (int q = 0; q < 4; ++q)
      to[4 * t + q] = from[q * ld + t];
}

/// to[c, r] = from[r, c] for r < rows, c < cols (rows ld_from and ld_to
/// apart): square by square in registers where the target has them (the
/// edges' partial squares masked), else element by element.
template <typename T>
inline void transpose_block(const T *from, int64_t ld_from, T *to, int64_t ld_to, int64_t rows,
                            int64_t cols) {
  constexpr int Q = kTransposeSquare<T>;
  if constexpr (Q > 1) {
    for (int64_t r = 0; r < rows; r += Q)
      for (int64_t c = 0; c < cols; c += Q)
        transpose_square(from + r * ld_from + c, ld_from, to + c * ld_to + r, ld_to,
                         int(min_of<int64_t>(Q, rows - r)), int(min_of<int64_t>(Q, cols - c)));
  } else {
    for (int64_t c = 0; c < cols; ++c)
      for (int64_t r = 0; r < rows; ++r)
        to[c * ld_to + r] = from[r * ld_from + c];
  }
}

/// y[count, n] (rows ld_y apart) = act(yt^T + addend), addend as y or
/// null, from yt[n, count]: without an addend the activation goes over yt
/// while it is in L1, before the transpose; with one, over y after it.
template <typename T, typename Act>
inline void finish_transposed(T *yt, int64_t n, int64_t count, T *y, const T *addend,
                              int64_t ld_y, Act act) {
  if (!addend)
    apply_epilogue(yt, n * count, act);
  transpose_block(yt, count, y, ld_y, n, count);
  for (int64_t m = 0; addend && m < count; ++m)
    apply_epilogue(y + m * ld_y, addend + m * ld_y, n, act);
}

/// to[q * ld + t] = from[4 t + q] for q < 4, t < n: interleave_rows4
/// undone. Where the target has transposes this goes a whole vector of t at
/// a time: up to a vector's width - 1 values of t past n are read from
/// `from` and written to each row of `to`, which must hold them.
template <typename T>
inline void deinterleave_rows4(const T *from, T *to, int64_t ld, int64_t n) {
  for (int64_t t = deinterleave_rows4_vectors(from, to, ld, n); t < n; ++t)
    for (int q = 0; q < 4; ++q)
      to[q * ld + t] = from[4 * t + q];
}

} // namespace onnxc_kernels
