// conv_filter_lanes.h - a 2-d convolution with its filters in the vector
// lanes, for weights that the compiler stored as W^T's GEMM panels.
//
// conv.h's GEMMs put output positions in the lanes: small planes leave lanes
// idle (a 7x7 plane fills 49 of 64 columns) and the implicit GEMM's bands
// add waste columns to every row. With W^T[depth, filters] prepacked as the
// panels of a GEMM's b (PrepackedB, passes/PrepackWeights.cpp) the product
// turns around, y^T[positions, filters] = X'^T[positions, depth] * W^T: a
// micro-tile broadcasts six output positions' inputs straight from the band
// or x (a row of X' read in place holds consecutive positions) against
// vectors of filters, as ONNX Runtime's NCHWc kernels do, and each block of
// y^T is turned back into y's rows on its way out.
#pragma once
#include "conv_implicit.h"
#include "im2col_panels.h"
#include "prepacked_panels.h"
#include "simd_transpose.h"

namespace onnxc_kernels {

/// X'^T read through rows of X' (BandRows or PanelRows): element (i, k) is
/// row k's column cols[i] (a band's real positions skip its waste columns).
template <typename Rows> struct PositionRows {
  Rows rows;
  const int64_t *cols;
  template <int R> auto at(int i, int64_t k) const { return rows.row(k)[cols[i]]; }
  PositionRows from(int64_t i) const { return {rows, cols + i}; }
};
template <typename Rows>
PositionRows<Rows> position_rows(const Rows &rows, const int64_t *cols) {
  return {rows, cols};
}

/// The most positions and filters of one block of y^T (kept in L1 while it
/// is computed and turned into y's rows).
constexpr int64_t kFilterLanesPositions = 96, kFilterLanesFilters = 256;
constexpr int64_t kFilterLanesBlock = 4096;

/// Output positions per tile for NV vectors of filters: the micro-kernel's
/// accumulators (rows x vectors of the GEMM's tile), so that few filters
/// still keep enough FMAs in flight (16 filters: 24 positions).
template <typename Shape> constexpr int lanes_positions(int NV) {
  return Shape::rows * Shape::vectors / NV;
}

/// The positions of the widest tile lanes_product runs for `count` filters
/// (its narrowest panel's): a block with fewer would go in half tiles or one
/// position at a time.
template <typename Shape> inline int64_t lanes_widest_tile(int64_t count) {
  constexpr int64_t W = Shape::Lanes::width, NR = Shape::vectors * W;
  const int64_t tail = count % NR;
  return lanes_positions<Shape>(tail == 0 ? Shape::vectors : int((tail + W - 1) / W));
}

/// yt[P, NV * width] (rows ldt apart) = bias + X'^T[P positions, depth] * w
/// (a: X''s rows in place, ShiftedRows; position p is their column cols[p],
/// cols[0] + p unless Gathered), w being depth rows (ld apart) of NV vectors
/// of filters: the whole depth accumulates in registers, each input
/// broadcast once per tap against the vectors.
template <typename L, int P, int NV, bool Gathered, typename T>
inline void lanes_tile(const ShiftedRows<T> &a, const int64_t *cols, int64_t channels,
                       const T *w, int64_t ld, const T *bias, T *yt, int64_t ldt) {
  using V = typename L::V;
  constexpr int W = L::width;
  // Gathered columns take a register each: wide tiles of contiguous ones
  // (most, where rows are wider than a tile) address them from the first.
  int64_t col[P];
  ONNXC_UNROLL
  for (int p = 0; p < P; ++p)
    col[p] = Gathered ? cols[p] - cols[0] : p;
  V acc[P][NV];
  ONNXC_UNROLL
  for (int v = 0; v < NV; ++v) {
    const V b = bias ? L::load(bias + v * W) : L::zero();
    ONNXC_UNROLL
    for (int p = 0; p < P; ++p)
      acc[p][v] = b;
  }
  for (int64_t c = 0; c < channels; ++c) {
    const T *ac = a.band + cols[0] + c * a.channel;
    for (int64_t t = 0; t < a.taps; ++t, w += ld) {
      const T *at = ac + a.offsets[t];
      V bv[NV];
      ONNXC_UNROLL
      for (int v = 0; v < NV; ++v)
        bv[v] = L::load(w + v * W);
      ONNXC_UNROLL
      for (int p = 0; p < P; ++p) {
        const V av = L::splat(at[col[p]]);
        ONNXC_UNROLL
        for (int v = 0; v < NV; ++v)
          acc[p][v] = L::fma(av, bv[v], acc[p][v]);
      }
    }
  }
  ONNXC_UNROLL
  for (int p = 0; p < P; ++p)
    ONNXC_UNROLL
    for (int v = 0; v < NV; ++v)
      L::store(yt + p * ldt + v * W, acc[p][v]);
}

/// lanes_tile over the n positions at columns cols[0, n) of a: tiles of
/// lanes_positions, then what is left in a tile of half as many (or a full
/// one) moved back to end at n, recomputing a few positions; fewer
/// positions than a half tile go one at a time.
template <typename Shape, int NV, typename T>
inline void lanes_tiles(const ShiftedRows<T> &a, const int64_t *cols, int64_t channels,
                        const T *w, int64_t ld, const T *bias, int64_t n, T *yt, int64_t ldt) {
  using L = typename Shape::Lanes;
  constexpr int P = lanes_positions<Shape>(NV), Half = P > 1 ? P / 2 : 1;
  auto tile = [&](auto positions, int64_t j) {
    constexpr int Q = decltype(positions)::value;
    if (cols[j + Q - 1] - cols[j] == Q - 1)
      lanes_tile<L, Q, NV, false>(a, cols + j, channels, w, ld, bias, yt + j * ldt, ldt);
    else
      lanes_tile<L, Q, NV, true>(a, cols + j, channels, w, ld, bias, yt + j * ldt, ldt);
  };
  if (n < Half) {
    for (int64_t j = 0; j < n; ++j)
      tile(RowCount<1>{}, j);
    return;
  }
  int64_t j = 0;
  for (; j + P <= n; j += P)
    tile(RowCount<P>{}, j);
  // 25 positions in tiles of 6: four and one of 3 (27 computed), not five.
  if (j == n)
    return;
  if (n - j > Half && n >= P)
    return tile(RowCount<P>{}, n - P);
  if (n - j > Half) // Half < n < P: two half tiles, overlapping
    tile(RowCount<Half>{}, j);
  tile(RowCount<Half>{}, n - Half);
}

/// yt[n, filters] (rows `filters` apart) = bias + X'^T[n, depth] * W^T read
/// in place from `a` at columns cols[0, n), for at most kFilterLanesFilters
/// filters, w their first panel, each panel a whole number of vectors wide.
template <typename T, int Columns>
inline void lanes_product(const ShiftedRows<T> &a, const int64_t *cols, int64_t channels,
                          PrepackedB<T, Columns> w, const T *bias, int64_t filters, int64_t depth,
                          int64_t n, T *yt) {
  using Shape = GemmShape<T>;
  constexpr int W = Shape::Lanes::width, NV = Shape::vectors;
  const int64_t full = filters / Columns * Columns, tail = filters - full;
  for (int64_t f0 = 0; f0 < full; f0 += Columns)
    lanes_tiles<Shape, NV>(a, cols, channels, w.b + f0 * depth, Columns, bias ? bias + f0 : bias,
                           n, yt + f0, filters);
  const T *wt = w.b + full * depth, *bt = bias ? bias + full : bias;
  if (tail == W)
    lanes_tiles<Shape, 1>(a, cols, channels, wt, tail, bt, n, yt + full, filters);
  else if (tail == 2 * W)
    lanes_tiles<Shape, NV < 2 ? NV : 2>(a, cols, channels, wt, tail, bt, n, yt + full, filters);
  else if (tail == 3 * W)
    lanes_tiles<Shape, NV < 3 ? NV : 3>(a, cols, channels, wt, tail, bt, n, yt + full, filters);
}

/// yt[n, filters] (rows `filters` apart) = bias + X'^T[n, depth] * W^T
/// through the GEMM's sweep (any panel width, rows of X' from any source),
/// for at most kFilterLanesFilters filters, w their first panel: rows_of(k0,
/// kc, use) calls use(rows) with X''s rows [k0, k0 + kc) (BandRows or
/// PanelRows), whose columns cols[0, n) are the block's positions.
template <typename T, int Columns, typename RowsOf>
inline void filter_lanes_product(const RowsOf &rows_of, const int64_t *cols,
                                 PrepackedB<T, Columns> w, const T *bias, int64_t filters,
                                 int64_t depth, int64_t n, T *yt) {
  using Shape = GemmShape<T>;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t m = 0; m < filters; ++m)
      yt[i * filters + m] = bias ? bias[m] : T(0);
  const PrepackedPanels<T, Columns> panels{w.b, depth, filters};
  // K blocks of even depth: a short last block would pay a full pass of
  // read-modify-writes of yt's tiles for few FMAs (depth 144: 72 + 72, not
  // 128 + 16).
  const int64_t blocks = (depth + Shape::depth - 1) / Shape::depth;
  const int64_t step = (depth + blocks - 1) / blocks;
  for (int64_t k0 = 0; k0 < depth; k0 += step) {
    const int64_t kc = min_of(step, depth - k0);
    rows_of(k0, kc, [&](const auto &rows) {
      sweep_panels<Shape>(position_rows(rows, cols), n, panels, k0, kc, yt, filters, filters,
                          T(1), true);
    });
  }
}

/// Output positions [p0, p1) of y[filters, positions] = act(w * x + bias +
/// addend), block by block: product(j0, n, count, wf, bias, yt) computes
/// yt[n, count] for positions [j0, j0 + n) and `count` filters (wf their
/// first panel).
template <typename T, int Columns, typename Product, typename Act>
inline void filter_lanes_positions(const Product &product, PrepackedB<T, Columns> w,
                                   const T *bias, T *y, const T *addend, Act act, int64_t filters,
                                   int64_t depth, int64_t out_plane, int64_t p0, int64_t p1) {
  alignas(64) T yt[kFilterLanesBlock];
  for (int64_t f0 = 0; f0 < filters; f0 += kFilterLanesFilters) {
    const int64_t count = min_of(kFilterLanesFilters, filters - f0);
    const PrepackedB<T, Columns> wf = columns_from(w, MatrixStrides{}, f0, depth);
    // Even blocks, rounded up to whole tiles where that fits: only the
    // range's last tile moves back.
    const int64_t tile = lanes_widest_tile<GemmShape<T>>(count);
    const int64_t most = min_of(kFilterLanesPositions, kFilterLanesBlock / count);
    const int64_t blocks = (p1 - p0 + most - 1) / most;
    const int64_t even = (p1 - p0 + blocks - 1) / blocks, whole = (even + tile - 1) / tile * tile;
    const int64_t block = whole <= most ? whole : even;
    const int64_t least = min_of(p1 - p0, tile);
    for (int64_t j0 = p0; j0 < p1; j0 += block) {
      int64_t n = min_of(block, p1 - j0);
      if (n < least) { // a short last block ends where it would, starting earlier
        j0 = p1 - least;
        n = least;
      }
      product(j0, n, count, wf, bias ? bias + f0 : bias, yt);
      finish_transposed(yt, n, count, y + f0 * out_plane + j0,
                        addend ? addend + f0 * out_plane + j0 : addend, out_plane, act);
    }
  }
}

/// yt[n, count] = bias + X'^T * W^T for positions [j0, j0 + n) of the rows
/// of X' that `source` holds in place, rows of out_w positions wq columns
/// apart: in registers over the whole depth when the filters are whole
/// vectors, else through the GEMM's sweep (filter_lanes_product's arguments
/// otherwise).
template <typename T, int Columns>
inline void in_place_product(const ShiftedRows<T> &source, int64_t channels, int64_t out_w,
                             int64_t wq, int64_t j0, int64_t n, int64_t count,
                             PrepackedB<T, Columns> w, const T *bias, int64_t depth, T *yt) {
  int64_t cols[kFilterLanesPositions];
  for (int64_t i = 0, r = j0 / out_w, c = j0 % out_w; i < n; ++i) { // one division, not one each
    cols[i] = r * wq + c;
    if (++c == out_w) {
      c = 0;
      ++r;
    }
  }
  if (count % GemmShape<T>::Lanes::width == 0)
    return lanes_product(source, cols, channels, w, bias, count, depth, n, yt);
  filter_lanes_product([&](int64_t k0, int64_t kc, const auto &use) { use(source.rows_at(k0, kc)); },
                       cols, w, bias, count, depth, n, yt);
}

/// Output rows [lo, hi) of y[filters, out] = act(w * x + bias + addend) for
/// a group-1 convolution (x, y and addend one batch item) with W^T
/// prepacked: in bands of the implicit GEMM (conv_implicit.h) where it
/// applies, x itself for 1x1 windows that read it as a matrix (both read in
/// place: in_place_product), else the gathered im2col panels
/// (im2col_panels.h) through the GEMM's sweep.
template <typename T, int Columns, typename Act>
inline void conv_filter_lanes_rows(const T *x, PrepackedB<T, Columns> w, const T *bias, T *y,
                                   const T *addend, int64_t channels, int64_t filters,
                                   const Window<2> &win, Act act, int64_t lo, int64_t hi) {
  const int64_t in_plane = win.in[0] * win.in[1], out_w = win.out[1];
  const int64_t out_plane = win.out[0] * out_w, taps = win.kernel[0] * win.kernel[1];
  const int64_t depth = channels * taps;
  // No filters in the band's scratch: blocks of y^T hold the output (more
  // rows per band, fewer input rows copied twice).
  const ImplicitBands bands = implicit_bands<T>(channels, 0, win);
  if (bands.rows > 0) {
    alignas(64) T scratch[kImplicitScratch<T>];
    for_each_band(x, channels, win, bands, lo, hi, scratch,
                  [&](int64_t oh0, int64_t rows, const ShiftedRows<T> &source, T *) {
      // Output (oh0 + r, c) is the band's column r * wq + c: the waste
      // columns in between are never computed.
      auto product = [&](int64_t j0, int64_t n, int64_t count, PrepackedB<T, Columns> wf,
                         const T *bf, T *yt) {
        in_place_product(source, channels, out_w, bands.wq, j0, n, count, wf, bf, depth, yt);
      };
      const int64_t first = oh0 * out_w;
      filter_lanes_positions(product, w, bias, y + first, addend ? addend + first : addend, act,
                             filters, depth, out_plane, 0, rows * out_w);
    });
    return;
  }
  if (is_pointwise(win)) {
    // x is X' itself: row c (one tap, at offset 0) is channel c's plane.
    static constexpr int64_t no_offset[1] = {0};
    const ShiftedRows<T> source{x, in_plane, 1, no_offset};
    auto product = [&](int64_t j0, int64_t n, int64_t count, PrepackedB<T, Columns> wf,
                       const T *bf, T *yt) {
      in_place_product(source, channels, out_w, out_w, j0, n, count, wf, bf, depth, yt);
    };
    filter_lanes_positions(product, w, bias, y, addend, act, filters, depth, out_plane,
                           lo * out_w, hi * out_w);
  } else {
    alignas(64) T scratch[GemmShape<T>::depth * kFilterLanesPositions];
    const Im2colPanels<2, T> im2col{x, win, in_plane, taps};
    int64_t cols[kFilterLanesPositions];
    for (int64_t i = 0; i < kFilterLanesPositions; ++i)
      cols[i] = i;
    auto product = [&](int64_t j0, int64_t n, int64_t count, PrepackedB<T, Columns> wf,
                       const T *bf, T *yt) {
      filter_lanes_product(
          [&](int64_t k0, int64_t kc, const auto &use) {
            im2col.template panel<kFilterLanesPositions>(k0, kc, j0, n, true, scratch, use);
          },
          cols, wf, bf, count, depth, n, yt);
    };
    filter_lanes_positions(product, w, bias, y, addend, act, filters, depth, out_plane,
                           lo * out_w, hi * out_w);
  }
}

} // namespace onnxc_kernels
