// gemm.h - dense matrix products: the 2-d kernel under Gemm and MatMul.
#pragma once
#include "gemv.h"
#include "prepacked_panels.h"

namespace onnxc_kernels {

/// y[M, N] (row-major) += alpha * a[M, K] * b[K, N].
template <typename T>
inline void matmul_accumulate(const T *a, MatrixStrides sa, const T *b, MatrixStrides sb, T *y,
                              int64_t M, int64_t N, int64_t K, T alpha) {
  if (sb.row == 1 && M < GemmShape<T>::rows) {
    // A few rows against a transposed b (the recurrent ops' x * W^T): dot
    // products of contiguous vectors beat packing b.
    for (int64_t i = 0; i < M; ++i) {
      if (sa.col == 1) {
        gemv_transposed(a + i * sa.row, b, sb.col, y + i * N, N, K, alpha);
        continue;
      }
      for (int64_t j = 0; j < N; ++j)
        y[i * N + j] += alpha * dot(a + i * sa.row, sa.col, b + j * sb.col, sb.row, K);
    }
    return;
  }
  if (M == 1 && sb.col == 1) // one row: a tile of y stays in registers
    return gemv_columns(a, sa.col, b, sb.row, y, N, K, alpha);
  gemm_blocked(a, sa, StridedPanels<T>{b, sb}, y, N, M, N, K, alpha);
}

/// Gemm: y[M, N] = alpha * a * b + beta * c, where c (null when absent) is
/// broadcast to [M, N] through its strides; `act` is the fused activation and
/// `addend` (null when absent) a fused residual Add of [M, N], added before it.
/// b is a plain pointer (strides sb) or a PrepackedB (sb unused).
template <typename T, typename B, typename Act = Identity>
inline void gemm(const T *a, MatrixStrides sa, B b, MatrixStrides sb, const T *c,
                 MatrixStrides sc, T *y, int64_t M, int64_t N, int64_t K, T alpha, T beta,
                 Act act = {}, const T *addend = nullptr) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j)
      y[i * N + j] = c ? beta * c[i * sc.row + j * sc.col] : T(0);
  matmul_accumulate(a, sa, b, sb, y, M, N, K, alpha);
  apply_epilogue(y, addend, M * N, act);
}

} // namespace onnxc_kernels
