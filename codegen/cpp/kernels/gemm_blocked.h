// gemm_blocked.h - cache-blocked GEMM over a register-blocked micro-kernel.
//
// y[M, N] += alpha * a[M, K] * b[K, N]. b is consumed as panels of depth
// (K block) x columns (one micro-tile wide), read in place where its rows are
// contiguous or else packed into a stack buffer by a "panel source": a strided
// matrix (StridedPanels below), the im2col view of a convolution input
// (im2col_panels.h) or the shifted rows of a padded band (conv_implicit.h).
// Each panel is then swept by all rows of an M block of a, so it is read
// from L1 while a streams from L2: on targets with room on the stack,
// a's block is first packed into slivers of micro-tile rows, column-major, so
// the micro-kernel broadcasts from one contiguous stream (BLIS's A packing).
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

/// Rows of a read in place through its strides: row r, column k of the block
/// that starts at `a`.
template <typename T> struct StridedRows {
  const T *a;
  MatrixStrides s;
  template <int Rows> T at(int r, int64_t k) const { return a[r * s.row + k * s.col]; }
  StridedRows from(int64_t i) const { return {a + i * s.row, s}; }
};

/// Rows of a packed as slivers (pack_sliver below, or PrepackedA): the
/// micro-kernel broadcasts from one contiguous stream. The sliver holding row
/// i starts at i * depth whatever its height, since every sliver before it is
/// full; reading starts at its column k0.
template <typename T> struct PackedSlivers {
  const T *a;
  int64_t depth;  ///< of every sliver: the K block when packed at run time, K when prepacked
  int64_t k0 = 0; ///< the first column read
  template <int Rows> T at(int r, int64_t k) const { return a[(k0 + k) * Rows + r]; }
  PackedSlivers from(int64_t i) const { return {a + i * depth, depth, k0}; }
};

/// A constant a[M, K] that the compiler stored as slivers of Rows rows
/// (passes/PrepackWeights.cpp): rows in for_each_row_group's groups, each
/// column-major over all of K, so the group holding row i starts at a + i * K.
/// An offset to the start of a sliver (a group's or a thread's first row
/// times K) leaves the same layout for the rows from there.
template <typename T, int Rows> struct PrepackedA {
  const T *a;
  PrepackedA operator+(int64_t offset) const { return {a + offset}; }
};
template <typename W> constexpr bool kPrepacked = false;
template <typename T, int Rows> constexpr bool kPrepacked<PrepackedA<T, Rows>> = true;

/// pack_sliver's vector part where the target has one: the columns it
/// packed, from the first (none here).
template <int Rows, typename T>
inline int64_t pack_sliver_vectors(const T *, MatrixStrides, int64_t, T *) {
  return 0;
}

#if defined(ONNXC_LANES_AVX512)
/// For each 16-float vector j of a 6-row sliver's 96-float stretch and each
/// pair p of rows (2p, 2p + 1): the permutex2var index of every lane (the
/// element 16 j + l is row (16 j + l) % 6 at column (16 j + l) / 6) and the
/// mask of the lanes that pair fills.
struct Sliver6Lanes {
  int idx[6][3][16];
  unsigned short mask[6][3];
};
constexpr Sliver6Lanes sliver6_lanes() {
  Sliver6Lanes t{};
  for (int j = 0; j < 6; ++j)
    for (int l = 0; l < 16; ++l) {
      const int e = 16 * j + l, r = e % 6;
      t.idx[j][r / 2][l] = (r % 2) * 16 + e / 6;
      t.mask[j][r / 2] = (unsigned short)(t.mask[j][r / 2] | (1u << l));
    }
  return t;
}

/// Six rows of contiguous floats, 16 columns at a time: three two-row
/// permutes blended per output vector instead of 96 scalar moves (a 256 x 128
/// block of a with rows 4 KiB apart: 9.7 -> 4.8 us, best of 200).
template <int Rows>
inline int64_t pack_sliver_vectors(const float *a, MatrixStrides sa, int64_t depth, float *to) {
  if (Rows != 6 || sa.col != 1)
    return 0;
  static constexpr Sliver6Lanes lanes = sliver6_lanes();
  int64_t k = 0;
  for (; k + 16 <= depth; k += 16) {
    __m512 row[6];
    for (int r = 0; r < 6; ++r)
      row[r] = _mm512_loadu_ps(a + r * sa.row + k);
    for (int j = 0; j < 6; ++j) {
      __m512 v = row[0];
      for (int p = 0; p < 3; ++p)
        v = _mm512_mask_mov_ps(
            v, __mmask16(lanes.mask[j][p]),
            _mm512_permutex2var_ps(row[2 * p], _mm512_loadu_si512(lanes.idx[j][p]),
                                   row[2 * p + 1]));
      _mm512_storeu_ps(to + k * 6 + 16 * j, v);
    }
  }
  return k;
}
#endif

/// Packs a[rows, depth] (strides sa) into `to` as slivers of Rows rows,
/// column-major within each: to[k * Rows + r] = a[r, k].
template <int Rows, typename T>
inline void pack_sliver(const T *a, MatrixStrides sa, int64_t depth, T *to) {
  for (int64_t k = pack_sliver_vectors<Rows>(a, sa, depth, to); k < depth; ++k)
    ONNXC_UNROLL
    for (int r = 0; r < Rows; ++r)
      to[k * Rows + r] = a[r * sa.row + k * sa.col];
}

/// Rows of a panel of b: row k at b + k * ld (the panel in place, or packed).
template <typename T> struct PanelRows {
  const T *b;
  int64_t ld;
  const T *row(int64_t k) const { return b + k * ld; }
  /// The same rows from column j on.
  PanelRows from(int64_t j) const { return {b + j, ld}; }
};

/// Asks for the cache lines of c[Rows, NV * width] (rows ldc apart) ahead of
/// the micro-tile's read-modify-write at its end: loaded only then, behind a
/// K block of FMAs that fill the reorder buffer, rows far apart that are not
/// in L2 once c outgrows it stall each tile (simd_lanes.h has the figures).
template <typename L, int Rows, int NV, typename T> inline void prefetch_tile(T *c, int64_t ldc) {
  constexpr int Line = 64 / int(sizeof(T)), Cols = NV * L::width;
  ONNXC_UNROLL
  for (int r = 0; r < Rows; ++r) {
    ONNXC_UNROLL
    for (int j = 0; j < Cols; j += Line)
      L::prefetch_for_write(c + r * ldc + j);
    L::prefetch_for_write(c + r * ldc + Cols - 1); // rows need not start a line
  }
}

/// c[Rows, NV * width] (rows ldc apart) += alpha * a[Rows, kc] * b[kc, NV * width]
/// (b.row(k) holding row k), or = without `add` (c is then not read): the
/// Rows x NV accumulators stay in registers.
template <typename L, int Rows, int NV, typename T, typename ARows, typename BRows>
inline void micro_tile(const ARows &a, const BRows &b, int64_t kc, T *c, int64_t ldc, T alpha,
                       bool add) {
  using V = typename L::V;
  constexpr int W = L::width;
  V acc[Rows][NV];
  prefetch_tile<L, Rows, NV>(c, ldc);
  ONNXC_UNROLL
  for (int r = 0; r < Rows; ++r)
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      acc[r][v] = L::zero();
  for (int64_t k = 0; k < kc; ++k) {
    V bv[NV];
    const T *bk = b.row(k);
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      bv[v] = L::load(bk + v * W);
    ONNXC_UNROLL
    for (int r = 0; r < Rows; ++r) {
      const V av = L::splat(a.template at<Rows>(r, k));
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
      L::store(c + r * ldc + v * W,
               L::fma(scale, acc[r][v], add ? L::load(c + r * ldc + v * W) : L::zero()));
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
  /// use(rows) on b[k0 .. k0 + depth, j0 .. j0 + cols) as PanelRows: in
  /// place when b's rows are contiguous, the panel is full and few rows of a
  /// will read it, else packed into `scratch` (Width columns, zero past
  /// `cols`): rows of b a power of two apart would fight over the same L1 sets.
  template <int Width, typename F>
  void panel(int64_t k0, int64_t depth, int64_t j0, int64_t cols, bool reused, T *scratch,
             F &&use) const {
    if (s.col == 1 && cols == Width && !reused)
      return use(PanelRows<T>{b + k0 * s.row + j0, s.row});
    if (s.col == 1 && cols == Width) { // contiguous full rows: a plain copy the compiler vectorises
      for (int64_t k = 0; k < depth; ++k) {
        const T *row = b + (k0 + k) * s.row + j0;
        for (int64_t j = 0; j < Width; ++j)
          scratch[k * Width + j] = row[j];
      }
    } else {
      for (int64_t k = 0; k < depth; ++k)
        for (int64_t j = 0; j < Width; ++j)
          scratch[k * Width + j] = j < cols ? b[(k0 + k) * s.row + (j0 + j) * s.col] : T(0);
    }
    use(PanelRows<T>{scratch, Width});
  }
};

/// A row count as a type, for generic lambdas that instantiate per count.
template <int N> struct RowCount {
  static constexpr int value = N;
};

/// Splits `rows` rows into groups in the order the GEMM sweeps (and packs)
/// them: MR at a time, the leftover four and then one at a time;
/// f(RowCount<n>, first row) per group.
template <int MR, typename F> inline void for_each_row_group(int64_t rows, F f) {
  constexpr int Mid = MR > 4 ? 4 : 1;
  int64_t i = 0;
  for (; i + MR <= rows; i += MR)
    f(RowCount<MR>{}, i);
  for (; i + Mid <= rows; i += Mid)
    f(RowCount<Mid>{}, i);
  for (; i < rows; ++i)
    f(RowCount<1>{}, i);
}

/// y[rows, cols] (rows ldy apart) += alpha * a[rows, depth] * panel[depth, cols]
/// (= without `add`) through one Rows x NR micro-tile; a right-edge tile
/// (cols < NR) goes through a full tile in `tile`.
template <typename L, int Rows, int NV, typename T, typename ARows, typename BRows>
inline void run_tile(const ARows &a, const BRows &b, int64_t depth, T *y, int64_t ldy,
                     int64_t cols, T alpha, bool add, T *tile) {
  constexpr int NR = NV * L::width;
  if (cols == NR)
    return micro_tile<L, Rows, NV>(a, b, depth, y, ldy, alpha, add);
  for (int64_t t = 0; t < Rows * NR; ++t)
    tile[t] = T(0);
  if (add)
    copy_block(y, ldy, tile, NR, Rows, cols);
  micro_tile<L, Rows, NV>(a, b, depth, tile, NR, alpha, add);
  copy_block(tile, NR, y, ldy, Rows, cols);
}

/// y[rows, j0 .. j0 + cols) += alpha * a[rows, k0 .. k0 + depth) * B[same, same]
/// (= without `add`) through one panel of NV vectors: fetched once (into `scratch` when packed)
/// and swept by all the rows, in the groups of for_each_row_group.
template <typename Shape, int NV, typename T, typename ARows, typename Panels>
inline void sweep_panel(const ARows &a, int64_t rows, const Panels &panels, int64_t k0,
                        int64_t depth, int64_t j0, int64_t cols, T *y, int64_t ldy, T alpha,
                        bool add, T *scratch) {
  using L = typename Shape::Lanes;
  constexpr int MR = Shape::rows, NR = NV * L::width;
  T tile[MR * NR];
  panels.template panel<NR>(k0, depth, j0, cols, rows > 2 * MR, scratch, [&](const auto &b) {
    for_each_row_group<MR>(rows, [&](auto n, int64_t i) {
      run_tile<L, decltype(n)::value, NV>(a.from(i), b, depth, y + i * ldy + j0, ldy, cols, alpha,
                                          add, tile);
    });
  });
}

/// The vectors of the panel that sweep_panels gives its last `cols` columns
/// (fewer than a full panel's): one, two or three when that covers them, so a
/// wide tile does not multiply mostly zeros (MobileNet's 10x10 planes: 64 +
/// 48 columns, not 64 + 64), else a full panel. Panel sources that lay panels
/// out themselves (conv_winograd.h) size the last one by it.
template <typename Shape> constexpr int last_panel_vectors(int64_t cols) {
  constexpr int W = Shape::Lanes::width, NV = Shape::vectors;
  const int64_t v = (cols + W - 1) / W;
  return v <= 3 && v <= NV ? int(v) : NV;
}

/// y[rows, N] (rows ldy apart) += alpha * a[rows, k0 .. k0 + depth) * B[same, N]
/// (= without `add`), panel by panel, the last one last_panel_vectors wide.
template <typename Shape, typename T, typename ARows, typename Panels>
inline void sweep_panels(const ARows &a, int64_t rows, const Panels &panels, int64_t k0,
                         int64_t depth, T *y, int64_t ldy, int64_t N, T alpha, bool add) {
  constexpr int W = Shape::Lanes::width, NV = Shape::vectors, NR = NV * W;
  alignas(64) T packed[Shape::depth * NR];
  int64_t j0 = 0;
  for (; j0 + NR <= N; j0 += NR)
    sweep_panel<Shape, NV>(a, rows, panels, k0, depth, j0, NR, y, ldy, alpha, add, packed);
  const int64_t cols = N - j0;
  if (cols == 0)
    return;
  const int last = last_panel_vectors<Shape>(cols);
  if (last == 1)
    sweep_panel<Shape, 1>(a, rows, panels, k0, depth, j0, cols, y, ldy, alpha, add, packed);
  else if (last == 2)
    sweep_panel<Shape, NV < 2 ? NV : 2>(a, rows, panels, k0, depth, j0, cols, y, ldy, alpha,
                                        add, packed);
  else if (last == 3)
    sweep_panel<Shape, NV < 3 ? NV : 3>(a, rows, panels, k0, depth, j0, cols, y, ldy, alpha,
                                        add, packed);
  else
    sweep_panel<Shape, NV>(a, rows, panels, k0, depth, j0, cols, y, ldy, alpha, add, packed);
}

/// y[M, N] (rows ldy apart) += alpha * a[M, K] * B[K, N], B given by `panels`;
/// without `accumulate`, y = alpha * a * B (y is not read: no zeroing first).
/// Where Shape::pack_a is set and N spans several panels, each block of a
/// (block_rows x depth) is first packed into slivers in the order
/// sweep_panels visits them, read from L2 while the panel of B stays in L1;
/// otherwise a is read in place.
template <typename T, typename Panels>
inline void gemm_blocked(const T *a, MatrixStrides sa, const Panels &panels, T *y, int64_t ldy,
                         int64_t M, int64_t N, int64_t K, T alpha, bool accumulate = true) {
  using Shape = GemmShape<T>;
  constexpr int KC = Shape::depth, MC = Shape::block_rows;
  for (int64_t i0 = 0; i0 < M; i0 += MC) {
    const int64_t rows = min_of<int64_t>(MC, M - i0);
    for (int64_t k0 = 0; k0 < K; k0 += KC) {
      const int64_t depth = min_of<int64_t>(KC, K - k0);
      const T *ab = a + i0 * sa.row + k0 * sa.col;
      const bool add = accumulate || k0 > 0;
      // Packing is one more pass over the block: it pays off when more than
      // two panels sweep it (64^3 and 32 x 128 x 512 measured slower packed).
      if constexpr (Shape::pack_a) {
        if (N > 2 * Shape::vectors * Shape::Lanes::width) {
          alignas(64) T block[MC * KC];
          for_each_row_group<Shape::rows>(rows, [&](auto n, int64_t i) {
            pack_sliver<decltype(n)::value>(ab + i * sa.row, sa, depth, block + i * depth);
          });
          sweep_panels<Shape>(PackedSlivers<T>{block, depth}, rows, panels, k0, depth,
                              y + i0 * ldy, ldy, N, alpha, add);
          continue;
        }
      }
      sweep_panels<Shape>(StridedRows<T>{ab, sa}, rows, panels, k0, depth, y + i0 * ldy, ldy, N,
                          alpha, add);
    }
  }
}

/// The same with a prepacked by the compiler: nothing is packed at run time,
/// and row blocks are a whole number of slivers so that each starts one. `sa`
/// is a's layout before packing (row stride K).
template <typename T, int Rows, typename Panels>
inline void gemm_blocked(PrepackedA<T, Rows> a, MatrixStrides, const Panels &panels, T *y,
                         int64_t ldy, int64_t M, int64_t N, int64_t K, T alpha,
                         bool accumulate = true) {
  using Shape = GemmShape<T>;
  // The layout was fixed when onnxc ran: compiling the generated code for
  // another micro-kernel would read the weights wrongly.
  static_assert(Rows == Shape::rows, "weights prepacked for another GEMM micro-tile height: "
                                     "compile the generated code for the target onnxc was given");
  constexpr int KC = Shape::depth, MC = Shape::block_rows / Rows * Rows;
  for (int64_t i0 = 0; i0 < M; i0 += MC) {
    const int64_t rows = min_of<int64_t>(MC, M - i0);
    for (int64_t k0 = 0; k0 < K; k0 += KC)
      sweep_panels<Shape>(PackedSlivers<T>{a.a + i0 * K, K, k0}, rows, panels, k0,
                          min_of<int64_t>(KC, K - k0), y + i0 * ldy, ldy, N, alpha,
                          accumulate || k0 > 0);
  }
}

} // namespace onnxc_kernels
