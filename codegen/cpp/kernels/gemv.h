// gemv.h - matrix-vector products: one row of a against b, bound by reading
// b once (a classifier's Gemm, a recurrent step's x * W^T). The one-sum dot
// product waits on the FMA latency at every step and a blocked GEMM packs b
// for a single row; these keep several independent vector sums instead.
#pragma once
#include "gemm_blocked.h"

namespace onnxc_kernels {

/// sum over k < n of a[k * sa] * b[k * sb]. Eight interleaved partial sums let
/// the compiler vectorise it: it may not reorder a single running float sum.
template <typename T> inline T dot(const T *a, int64_t sa, const T *b, int64_t sb, int64_t n) {
  constexpr int lanes = 8;
  T part[lanes] = {};
  int64_t k = 0;
  for (; k + lanes <= n; k += lanes)
    for (int l = 0; l < lanes; ++l)
      part[l] += a[(k + l) * sa] * b[(k + l) * sb];
  T sum = T(0);
  for (; k < n; ++k)
    sum += a[k * sa] * b[k * sb];
  for (int l = 0; l < lanes; ++l)
    sum += part[l];
  return sum;
}

/// y[j] += alpha * sum_k a[k] * b[j * ldb + k] for j < N: each output a dot
/// product of two contiguous rows (b transposed). Four rows of b at a time,
/// two vector sums each: eight independent FMA chains, each vector of a
/// loaded once for the four.
template <typename T>
inline void gemv_transposed(const T *a, const T *b, int64_t ldb, T *y, int64_t N, int64_t K,
                            T alpha) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t W = L::width;
  const int64_t kv = K - K % W; // the part of K that fills vectors
  auto rows = [&](auto count, int64_t j) {
    constexpr int R = decltype(count)::value;
    const T *bj = b + j * ldb;
    typename L::V acc[R][2];
    ONNXC_UNROLL
    for (int r = 0; r < R; ++r)
      acc[r][0] = acc[r][1] = L::zero();
    int64_t k = 0;
    for (; k + 2 * W <= kv; k += 2 * W) {
      const typename L::V a0 = L::load(a + k), a1 = L::load(a + k + W);
      ONNXC_UNROLL
      for (int r = 0; r < R; ++r) {
        acc[r][0] = L::fma(a0, L::load(bj + r * ldb + k), acc[r][0]);
        acc[r][1] = L::fma(a1, L::load(bj + r * ldb + k + W), acc[r][1]);
      }
    }
    if (k < kv) {
      const typename L::V a0 = L::load(a + k);
      ONNXC_UNROLL
      for (int r = 0; r < R; ++r)
        acc[r][0] = L::fma(a0, L::load(bj + r * ldb + k), acc[r][0]);
    }
    // Each row's lanes summed by halving (a tree the compiler vectorises): a
    // running sum over them was a chain of 2W dependent adds per row.
    T part[R][W];
    ONNXC_UNROLL
    for (int r = 0; r < R; ++r)
      L::store(part[r], L::fma(L::splat(T(1)), acc[r][0], acc[r][1]));
    for (int64_t h = W / 2; h >= 1; h /= 2)
      for (int r = 0; r < R; ++r)
        for (int64_t l = 0; l < h; ++l)
          part[r][l] += part[r][l + h];
    for (int r = 0; r < R; ++r) {
      T sum = part[r][0];
      for (int64_t t = kv; t < K; ++t)
        sum += a[t] * bj[r * ldb + t];
      y[j + r] += alpha * sum;
    }
  };
  // The split point is computed, not left in j: GCC then warns of overflow
  // in the second loop (as lane_sum in common.h).
  const int64_t fours = N - N % 4;
  for (int64_t j = 0; j < fours; j += 4)
    rows(RowCount<4>{}, j);
  for (int64_t j = fours; j < N; ++j)
    rows(RowCount<1>{}, j);
}

/// y[j] += alpha * sum_k a[k * sa] * b[k * ldb + j] for j < N (b not
/// transposed): a tile of up to eight vectors of y held in registers while k
/// runs down b's rows, one load of b per FMA and no horizontal sums.
template <typename T>
inline void gemv_columns(const T *a, int64_t sa, const T *b, int64_t ldb, T *y, int64_t N,
                         int64_t K, T alpha) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t W = L::width;
  auto tile = [&](auto vectors, int64_t j) {
    constexpr int C = decltype(vectors)::value;
    typename L::V acc[C];
    ONNXC_UNROLL
    for (int c = 0; c < C; ++c)
      acc[c] = L::zero();
    for (int64_t k = 0; k < K; ++k) {
      const typename L::V ak = L::splat(a[k * sa]);
      const T *bk = b + k * ldb + j;
      ONNXC_UNROLL
      for (int c = 0; c < C; ++c)
        acc[c] = L::fma(ak, L::load(bk + c * W), acc[c]);
    }
    const typename L::V av = L::splat(alpha);
    ONNXC_UNROLL
    for (int c = 0; c < C; ++c)
      L::store(y + j + c * W, L::fma(av, acc[c], L::load(y + j + c * W)));
  };
  int64_t j = 0;
  for (; j + 8 * W <= N; j += 8 * W)
    tile(RowCount<8>{}, j);
  if (j + 4 * W <= N) {
    tile(RowCount<4>{}, j);
    j += 4 * W;
  }
  if (j + 2 * W <= N) {
    tile(RowCount<2>{}, j);
    j += 2 * W;
  }
  if (j + W <= N) {
    tile(RowCount<1>{}, j);
    j += W;
  }
  for (; j < N; ++j) // fewer columns than a vector
    y[j] += alpha * dot(a, sa, b + j, ldb, K);
}

} // namespace onnxc_kernels
