// prepacked_panels.h - a constant b operand of Gemm/MatMul stored by the
// compiler as the GEMM's panels (passes/PrepackWeights.cpp), read in place.
//
// gemm_blocked sweeps b one panel (micro-tile width) at a time; a plain b is
// copied into a stack buffer per panel and K block (StridedPanels), which
// costs a pass over b for every block of rows of a. Constant weights laid
// out as the panels once at compile time are read where they are.
#pragma once
#include "gemm_blocked.h"

namespace onnxc_kernels {

/// A constant b[K, N] stored as panels: the first N / Columns * Columns
/// columns panel by panel, each panel K rows of Columns contiguous floats
/// (so column j of a full panel starts at j * K), then the last N % Columns
/// columns row-major ([K, N % Columns]). Same size as b, no padding.
template <typename T, int Columns> struct PrepackedB {
  const T *b;
};

/// The panels of a PrepackedB for gemm_blocked: full panels in place, the
/// narrower last one through StridedPanels (copied into its zero-padded buffer).
template <typename T, int Columns> struct PrepackedPanels {
  const T *b;
  int64_t K, N;
  template <int Width, typename F>
  void panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool reused, T *scratch,
             F &&use) const {
    // sweep_panels starts every panel at a multiple of the full width.
    const int64_t full = N / Columns * Columns;
    if (j0 < full)
      return use(PanelRows<T>{b + j0 * K + k0 * Columns, Columns});
    // The row-major tail, addressed as columns full .. N of a [K, N - full] matrix.
    StridedPanels<T>{b + full * K - full, {N - full, 1}}.template panel<Width>(
        k0, depth, j0, cols, reused, scratch, use);
  }
};

/// b from column j on (j a multiple of Columns for a PrepackedB: its columns
/// from there keep the layout above), for splitting a product by columns.
template <typename T> inline const T *columns_from(const T *b, MatrixStrides sb, int64_t j, int64_t) {
  return b + j * sb.col;
}
template <typename T, int Columns>
inline PrepackedB<T, Columns> columns_from(PrepackedB<T, Columns> b, MatrixStrides, int64_t j,
                                           int64_t K) {
  return {b.b + j * K};
}

/// The multiple of columns a split by columns must keep to.
template <typename B> constexpr int64_t kColumnAlign = 1;
template <typename T, int Columns> constexpr int64_t kColumnAlign<PrepackedB<T, Columns>> = Columns;

/// y[M, N] += alpha * a[M, K] * b[K, N] with b prepacked.
template <typename T, int Columns>
inline void matmul_accumulate(const T *a, MatrixStrides sa, PrepackedB<T, Columns> b, MatrixStrides,
                              T *y, int64_t M, int64_t N, int64_t K, T alpha) {
  using Shape = GemmShape<T>;
  // The layout was fixed when onnxc ran (as PrepackedA's sliver height).
  static_assert(Columns == Shape::vectors * Shape::Lanes::width,
                "weights prepacked for another GEMM micro-tile width: compile the generated "
                "code for the target onnxc was given");
  gemm_blocked(a, sa, PrepackedPanels<T, Columns>{b.b, K, N}, y, N, M, N, K, alpha);
}

} // namespace onnxc_kernels
