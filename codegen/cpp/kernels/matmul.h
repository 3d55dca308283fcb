// matmul.h - numpy.matmul: a stack of matrix products with broadcast batch axes.
#pragma once
#include "gemm.h"

namespace onnxc_kernels {

/// The b of one product of a stack: at `offset` from a plain b; a
/// PrepackedB is 2-d, so every product reads all of it.
template <typename T> inline const T *batch_item(const T *b, int64_t offset) { return b + offset; }
template <typename T, int Columns>
inline PrepackedB<T, Columns> batch_item(PrepackedB<T, Columns> b, int64_t) {
  return b;
}

/// y[batch..., M, N] = a[..., M, K] * b[..., K, N] for every index of `batch`;
/// stride_a / stride_b give each operand's matrix offset per batch axis (0
/// where that operand is broadcast). 1-d operands arrive already promoted.
/// `act` is the fused activation, `bias` (null when absent) a fused [N]
/// vector added to every row. b is a plain pointer or a 2-d PrepackedB
/// (stride_b all zero: every product reads it whole).
template <int R, typename T, typename B, typename Act = Identity>
inline void matmul(const T *a, B b, T *y, const int64_t (&batch)[R],
                   const int64_t (&stride_a)[R], const int64_t (&stride_b)[R], int64_t M, int64_t N,
                   int64_t K, Act act = {}, const T *bias = nullptr) {
  for_each_index(batch, stride_a, stride_b, [&](int64_t i, int64_t offset_a, int64_t offset_b) {
    T *yi = y + i * M * N;
    for (int64_t r = 0; r < M; ++r)
      for (int64_t j = 0; j < N; ++j)
        yi[r * N + j] = bias ? bias[j] : T(0);
    matmul_accumulate(a + offset_a, MatrixStrides{K, 1}, batch_item(b, offset_b),
                      MatrixStrides{N, 1}, yi, M, N, K, T(1));
    apply_epilogue(yi, M * N, act);
  });
}

} // namespace onnxc_kernels
