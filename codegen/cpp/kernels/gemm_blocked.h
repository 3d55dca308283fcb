// gemm_blocked.h - cache-blocked GEMM over a register-blocked micro-kernel.
//
// y[M, N] += alpha * a[M, K] * b[K, N]. b is consumed as panels of depth
// (K block) x columns (one micro-tile wide), read in place when b's rows are
// contiguous or else packed into a stack buffer by a "panel source": a strided
// matrix (StridedPanels below) or the im2col view of a convolution input
// (conv.h). Each panel is then swept by all rows of an M block of a, so it is
// read from L1 while a's rows stream from L2.
#pragma once
#include "simd_lanes.h"

// Unrolls the micro-tile's loops over rows and vectors completely: at -O2
// GCC keeps a rolled loop and spills the accumulators to the stack.
#if defined(__CUDACC__)
#define ONNXC_UNROLL _Pragma("unroll")
#else
#define ONNXC_UNROLL _Pragma("GCC unroll 32")
#endif

namespace onnxc_kernels {

/// Where a matrix operand keeps element (i, j): at i * row + j * col. A
/// transposed operand just swaps them; a broadcast axis has stride 0.
struct MatrixStrides {
  int64_t row, col;
};

/// c[Rows, NV * width] (rows ldc apart) += alpha * a[Rows, kc] * b[kc, NV * width]
/// (b's rows ldb apart): the Rows x NV accumulators stay in registers.
template <typename L, int Rows, int NV, typename T>
inline void micro_tile(const T *a, MatrixStrides sa, const T *b, int64_t ldb, int64_t kc, T *c,
                       int64_t ldc, T alpha) {
  using V = typename L::V;
  constexpr int W = L::width;
  V acc[Rows][NV];
  ONNXC_UNROLL
  for (int r = 0; r < Rows; ++r)
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      acc[r][v] = L::zero();
  for (int64_t k = 0; k < kc; ++k) {
    V bv[NV];
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      bv[v] = L::load(b + k * ldb + v * W);
    ONNXC_UNROLL
    for (int r = 0; r < Rows; ++r) {
      const V av = L::splat(a[r * sa.row + k * sa.col]);
      ONNXC_UNROLL
      for (int v = 0; v < NV; ++v)
        acc[r][v] = L::fma(av, bv[v], acc[r][v]);
    }
  }
  const V scale = L::splat(alpha);
  ONNXC_UNROLL
  for (int r = 0; r < Rows; ++r)
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      L::store(c + r * ldc + v * W, L::fma(scale, acc[r][v], L::load(c + r * ldc + v * W)));
}

/// Copies a rows x cols block between row-major buffers (rows `from_ld` and
/// `to_ld` apart): the partial tiles at the right edge go through a full tile.
template <typename T>
inline void copy_block(const T *from, int64_t from_ld, T *to, int64_t to_ld, int64_t rows,
                       int64_t cols) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < cols; ++j)
      to[r * to_ld + j] = from[r * from_ld + j];
}

/// Panels of a matrix b read through its strides.
template <typename T> struct StridedPanels {
  const T *b;
  MatrixStrides s;
  /// b[k0 .. k0 + depth, j0 .. j0 + cols) as rows `ld` apart: in place when
  /// b's rows are contiguous, the panel is full and few rows of a will read
  /// it, else packed into `scratch` (Width columns, zero past `cols`): rows
  /// of b a power of two apart would fight over the same L1 sets.
  template <int Width>
  const T *panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool reused, T *scratch,
                 int64_t &ld) const {
    if (s.col == 1 && cols == Width && !reused) {
      ld = s.row;
      return b + k0 * s.row + j0;
    }
    if (s.col == 1 && cols == Width) { // contiguous full rows: a plain copy the compiler vectorises
      for (int64_t k = 0; k < depth; ++k)
        for (int64_t j = 0; j < Width; ++j)
          scratch[k * Width + j] = b[(k0 + k) * s.row + j0 + j];
    } else {
      for (int64_t k = 0; k < depth; ++k)
        for (int64_t j = 0; j < Width; ++j)
          scratch[k * Width + j] = j < cols ? b[(k0 + k) * s.row + (j0 + j) * s.col] : T(0);
    }
    ld = Width;
    return scratch;
  }
};

/// y[M, N] (rows ldy apart) += alpha * a[M, K] * B[K, N], B given by `panels`.
template <typename T, typename Panels>
inline void gemm_blocked(const T *a, MatrixStrides sa, const Panels &panels, T *y, int64_t ldy,
                         int64_t M, int64_t N, int64_t K, T alpha) {
  using Shape = GemmShape<T>;
  using L = typename Shape::Lanes;
  constexpr int MR = Shape::rows, NV = Shape::vectors, NR = NV * L::width;
  constexpr int KC = Shape::depth, MC = MR * 24;
  alignas(64) T packed[KC * NR];
  T tile[MR * NR];
  for (int64_t i0 = 0; i0 < M; i0 += MC) {
    const int64_t i_end = min_of<int64_t>(M, i0 + MC);
    for (int64_t k0 = 0; k0 < K; k0 += KC) {
      const int64_t depth = min_of<int64_t>(KC, K - k0);
      for (int64_t j0 = 0; j0 < N; j0 += NR) {
        const int64_t cols = min_of<int64_t>(NR, N - j0);
        int64_t ldb;
        const T *bp = panels.template panel<NR>(k0, depth, j0, cols, i_end - i0 > 2 * MR,
                                                     packed, ldb);
        for (int64_t i = i0; i < i_end;) {
          const int64_t rows = i + MR <= i_end ? MR : 1; // leftover rows one by one
          const T *ap = a + i * sa.row + k0 * sa.col;
          T *yp = y + i * ldy + j0, *c = yp;
          int64_t ldc = ldy;
          if (cols < NR) {
            for (int64_t t = 0; t < MR * NR; ++t)
              tile[t] = T(0);
            copy_block(yp, ldy, tile, NR, rows, cols);
            c = tile;
            ldc = NR;
          }
          if (rows == MR)
            micro_tile<L, MR, NV>(ap, sa, bp, ldb, depth, c, ldc, alpha);
          else
            micro_tile<L, 1, NV>(ap, sa, bp, ldb, depth, c, ldc, alpha);
          if (cols < NR)
            copy_block(tile, NR, yp, ldy, rows, cols);
          i += rows;
        }
      }
    }
  }
}

} // namespace onnxc_kernels
