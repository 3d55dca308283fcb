// conv_winograd.h - a 3x3, stride-1 convolution by Winograd's F(4x4, 3x3).
//
// Each 4x4 block of output (a tile) comes from a 6x6 block of input d as
// A^T [U . (B^T d B)] A, with U = G g G^T the filter transformed at compile
// time (passes/WinogradWeights.cpp): 36 multiplies per tile and channel pair
// instead of 144 (Lavin & Gray, "Fast Algorithms for Convolutional Neural
// Networks", 2015). Summed over channels, the 36 elementwise products of a
// tile are 36 independent GEMMs, one per element e of the 6x6 block:
// Mt[e][filters, tiles] = U[e][filters, channels] * V[e][channels, tiles].
//
// Tiles go in chunks of whole tile rows whose V and Mt fit one stack
// buffer, V stored as the GEMM's panels so that it is read in place. Each
// tile row has one waste tile past its last (as conv_implicit.h's waste
// columns), so that the tiles of a chunk are one run: the transforms then go
// over runs of vectors of tiles whatever the plane's width (rows of 7 or 14
// tiles left the vector loops mostly in their scalar tails), the stride-4
// gathers and scatters of the tiles' columns being plain moves.
#pragma once
#include "axis_window.h"
#include "gemm_blocked.h"
#include "simd_transpose.h"

namespace onnxc_kernels {

/// Weights transformed by passes/WinogradWeights.cpp: for each element e of
/// the 6x6 block, U[e] as a [filters, channels] matrix prepacked as slivers
/// of Rows rows (PrepackedA), the 36 matrices one after the other.
template <typename T, int Rows> struct WinogradF43 {
  const T *u;
};

/// Values of the stack buffer: 384 KiB, as the pool's threads have 1 MiB
/// stacks (parallel_for_pthreads.cpp) and gemm_blocked's frame takes 288
/// KiB more on AVX-512. WinogradWeights.cpp takes only convs of which one
/// tile row fits (winograd_tiles), by its own bound on WinogradBuffers::total
/// over every target (winogradTileRowFits; passes/Passes.h names this size
/// kWinogradScratchFloats, and WinogradConvTest checks both).
template <typename T> constexpr int64_t kWinogradScratch = 384 * 1024 / int64_t(sizeof(T));

/// The width the GEMM gives a last panel of `cols` columns (sweep_panels).
template <typename T> constexpr int64_t winograd_panel_width(int64_t cols) {
  return last_panel_vectors<GemmShape<T>>(cols) * GemmShape<T>::Lanes::width;
}

/// Rounds n up to a whole number of vectors.
template <typename T> constexpr int64_t round_to_vectors(int64_t n) {
  constexpr int64_t W = GemmShape<T>::Lanes::width;
  return (n + W - 1) / W * W;
}

/// The tile grid of an output plane (each row with its waste tile) and how
/// many tile rows a chunk holds.
struct WinogradTiles {
  int64_t rows, cols, chunk_rows;
};

/// Per chunk of n tiles (waste included): V (panels, the last padded), Mt
/// (plus a vector read past its end), the transforms' rows.
template <typename T> struct WinogradBuffers {
  int64_t n, padded, vsize;
  WinogradBuffers(int64_t channels, int64_t tiles) : n(tiles), padded(round_to_vectors<T>(tiles)) {
    constexpr int64_t NR = GemmShape<T>::vectors * GemmShape<T>::Lanes::width;
    vsize = channels * (n / NR * NR + (n % NR ? winograd_panel_width<T>(n % NR) : 0));
  }
  /// The transforms' row length: the vectors of tiles and one more, read at
  /// a one-tile offset.
  int64_t row() const { return padded + GemmShape<T>::Lanes::width; }
  int64_t total(int64_t filters) const {
    return 36 * vsize + 36 * filters * n + row() + 48 * row();
  }
};

template <typename T>
inline WinogradTiles winograd_tiles(int64_t channels, int64_t filters, const Window<2> &win) {
  WinogradTiles t{(win.out[0] + 3) / 4, (win.out[1] + 3) / 4 + 1, 0};
  while (t.chunk_rows < t.rows &&
         WinogradBuffers<T>(channels, (t.chunk_rows + 1) * t.cols).total(filters) <=
             kWinogradScratch<T>)
    ++t.chunk_rows;
  return t;
}

/// V[e] of a chunk as the GEMM's b: panels of NR tiles, the last one
/// winograd_panel_width wide, each [channels, width] row-major, read in place.
template <typename T> struct TilePanels {
  const T *v;
  int64_t channels;
  template <int Width, typename F>
  void panel(int64_t k0, int64_t, int64_t j0, int64_t, bool, T *, F &&use) const {
    use(PanelRows<T>{v + j0 * channels + k0 * Width, Width});
  }
};

/// B^T d for d0..d5 (values or vectors of them), with lanes L.
template <typename L> struct BtRows {
  typename L::V b[6];
  template <typename V> BtRows(V d0, V d1, V d2, V d3, V d4, V d5) {
    auto k = [](float c) { return L::splat(c); };
    b[0] = L::fma(k(4), d0, L::fma(k(-5), d2, d4));
    b[1] = L::fma(k(-4), d1, L::fma(k(-4), d2, L::fma(k(1), d3, d4)));
    b[2] = L::fma(k(4), d1, L::fma(k(-4), d2, L::fma(k(-1), d3, d4)));
    b[3] = L::fma(k(-2), d1, L::fma(k(-1), d2, L::fma(k(2), d3, d4)));
    b[4] = L::fma(k(2), d1, L::fma(k(-1), d2, L::fma(k(-2), d3, d4)));
    b[5] = L::fma(k(4), d1, L::fma(k(-5), d3, d5));
  }
};

/// A^T m for m0..m5.
template <typename L> struct AtRows {
  typename L::V o[4];
  template <typename V> AtRows(V m0, V m1, V m2, V m3, V m4, V m5) {
    auto k = [](float c) { return L::splat(c); };
    const V s12 = L::fma(k(1), m1, m2), d12 = L::fma(k(-1), m2, m1);
    const V s34 = L::fma(k(1), m3, m4), d34 = L::fma(k(-1), m4, m3);
    o[0] = L::fma(k(1), m0, L::fma(k(1), s12, s34));
    o[1] = L::fma(k(2), d34, d12);
    o[2] = L::fma(k(4), s34, s12);
    o[3] = L::fma(k(8), d34, L::fma(k(1), d12, m5));
  }
};

/// The input transform of channel c (its plane x) for tile rows
/// [r0, r0 + rows): B^T d B of every tile into V[e] (v + e * b.vsize).
/// `work` holds 48 rows of b.row() values.
template <typename T>
inline void winograd_input(const T *x, const Window<2> &win, const WinogradTiles &tiles,
                           int64_t r0, int64_t rows, const WinogradBuffers<T> &b,
                           int64_t channels, int64_t c, T *v, T *work) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t W = L::width, NR = GemmShape<T>::vectors * W;
  const int64_t ld = b.row();
  // p[j][q][t]: input row j of tile t at column 4 * (its column) + q, zero
  // outside the plane (columns q + 4 and q + 5 are tile t + 1's q). Each
  // input row is laid out padded in `line` (w's space, free until B^T
  // below), then split into its four columns (deinterleave_rows4: a strided
  // loop ran mostly in its scalar tail, 15 tiles a row at 56x56). Writes past
  // a row's tiles land in the next row's, written after, or past b.n, zeroed
  // after.
  T *p = work, *w = work + 24 * ld, *line = w;
  const int64_t wide = (tiles.cols + 15) / 16 * 64; // what the vectors read
  // line[k] is input column k - pad: inside for k in [begin, end).
  const int64_t begin = min_of(max_of<int64_t>(win.pad_begin[1], 0), wide);
  const int64_t end = max_of(min_of(win.pad_begin[1] + win.in[1], wide), begin);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < 6; ++j) {
      const int64_t ih = 4 * (r0 + r) - win.pad_begin[0] + j;
      const bool inside = ih >= 0 && ih < win.in[0];
      const int64_t lo = inside ? begin : wide, hi = inside ? end : wide;
      const T *from = x + (inside ? ih : 0) * win.in[1] - win.pad_begin[1];
      for (int64_t k = 0; k < lo; ++k)
        line[k] = T(0);
      for (int64_t k = lo; k < hi; ++k)
        line[k] = from[k];
      for (int64_t k = hi; k < wide; ++k)
        line[k] = T(0);
      deinterleave_rows4(line, p + j * 4 * ld + r * tiles.cols, ld, tiles.cols);
    }
  for (int64_t jq = 0; jq < 24; ++jq)
    for (int64_t i = b.n; i < ld; ++i)
      p[jq * ld + i] = T(0);
  // B^T down the rows: w[k][q][t].
  for (int64_t i = 0; i < 4 * ld; i += W) {
    const BtRows<L> bt(L::load(p + i), L::load(p + 4 * ld + i), L::load(p + 8 * ld + i),
                       L::load(p + 12 * ld + i), L::load(p + 16 * ld + i),
                       L::load(p + 20 * ld + i));
    for (int k = 0; k < 6; ++k)
      L::store(w + 4 * k * ld + i, bt.b[k]);
  }
  // Then across each tile's six columns, into V[6 k + l].
  const int64_t full = b.n / NR * NR, last = winograd_panel_width<T>(b.n - full);
  for (int64_t k = 0; k < 6; ++k) {
    const T *wk = w + 4 * k * ld;
    for (int64_t i = 0; i < b.padded; i += W) {
      const BtRows<L> bt(L::load(wk + i), L::load(wk + ld + i), L::load(wk + 2 * ld + i),
                         L::load(wk + 3 * ld + i), L::load(wk + i + 1), L::load(wk + ld + i + 1));
      // Tile i sits in panel i / NR, [channels, NR or `last` tiles].
      T *to = v + i / NR * NR * channels + c * (i < full ? NR : last) + i % NR;
      for (int l = 0; l < 6; ++l)
        L::store(to + (6 * k + l) * b.vsize, bt.b[l]);
    }
  }
}

/// The output transform of one filter for tile rows [r0, r0 + rows): A^T m
/// A of each tile's sums (element e at m[e * ld + tile]) plus the bias, then
/// the addend and the activation, into the output plane y (the parts of
/// edge tiles inside it). `work` holds 40 rows of b.row() values.
template <typename T, typename Act>
inline void winograd_output(const T *m, int64_t ld, T bias, T *y, const T *addend,
                            const Window<2> &win, const WinogradTiles &tiles, int64_t r0,
                            int64_t rows, const WinogradBuffers<T> &b, Act act, T *work) {
  using L = typename GemmShape<T>::Lanes;
  constexpr int64_t W = L::width;
  const int64_t row = b.row();
  T *s = work, *o = work + 24 * row; // s[k][l][t], then o[k][q][t]
  for (int64_t l = 0; l < 6; ++l)     // A^T down the rows of sums
    for (int64_t i = 0; i < b.padded; i += W) {
      const T *r = m + l * ld + i;
      const AtRows<L> at(L::load(r), L::load(r + 6 * ld), L::load(r + 12 * ld),
                         L::load(r + 18 * ld), L::load(r + 24 * ld), L::load(r + 30 * ld));
      for (int k = 0; k < 4; ++k)
        L::store(s + (6 * k + l) * row + i, at.o[k]);
    }
  const auto bv = L::splat(bias), one = L::splat(T(1));
  for (int64_t k = 0; k < 4; ++k) // then across
    for (int64_t i = 0; i < b.padded; i += W) {
      const T *r = s + 6 * k * row + i;
      const AtRows<L> at(L::load(r), L::load(r + row), L::load(r + 2 * row),
                         L::load(r + 3 * row), L::load(r + 4 * row), L::load(r + 5 * row));
      for (int q = 0; q < 4; ++q)
        L::store(o + (4 * k + q) * row + i, L::fma(one, at.o[q], bv));
    }
  const int64_t out_w = win.out[1];
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t k = 0; k < 4 && 4 * (r0 + r) + k < win.out[0]; ++k) {
      T *to = y + (4 * (r0 + r) + k) * out_w;
      const T *from = o + 4 * k * row + r * tiles.cols;
      const int64_t whole = out_w / 4; // whole tiles; a partial last one element by element
      interleave_rows4(from, row, to, whole);
      for (int64_t c = 4 * whole; c < out_w; ++c)
        to[c] = from[(c % 4) * row + c / 4];
      apply_epilogue(to, addend ? addend + (to - y) : addend, out_w, act);
    }
}

/// Tile rows [lo, hi) of one batch item: y[filters, out] = act(w (*) x +
/// bias + addend), x its [channels, in] planes, chunk by chunk.
template <typename T, int Rows, typename Act>
inline void conv_winograd_rows(const T *x, WinogradF43<T, Rows> w, const T *bias, T *y,
                               const T *addend, int64_t channels, int64_t filters,
                               const Window<2> &win, const WinogradTiles &tiles, Act act,
                               int64_t lo, int64_t hi) {
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  if (tiles.chunk_rows < 1) {
    // Not one tile row fits the buffer: WinogradWeights' bound and
    // WinogradBuffers::total disagree. NaN outputs, loud in any test,
    // rather than a chunk loop that never advances.
    const int64_t first = 4 * lo * win.out[1], last = min_of(4 * hi, win.out[0]) * win.out[1];
    for (int64_t f = 0; f < filters; ++f)
      for (int64_t i = first; i < last; ++i)
        y[f * out_plane + i] = T(NAN);
    return;
  }
  alignas(64) T scratch[kWinogradScratch<T>];
  for (int64_t r0 = lo; r0 < hi; r0 += tiles.chunk_rows) {
    const int64_t rows = min_of(hi - r0, tiles.chunk_rows);
    const WinogradBuffers<T> b(channels, rows * tiles.cols);
    // V[e] at v + e * vsize; Mt[e] [filters, n] at m + e * filters * n.
    T *v = scratch, *m = v + 36 * b.vsize, *work = m + 36 * filters * b.n + b.row();
    for (int64_t c = 0; c < channels; ++c)
      winograd_input(x + c * in_plane, win, tiles, r0, rows, b, channels, c, v, work);
    for (int64_t e = 0; e < 36; ++e) // Mt[e] = U[e] * V[e], written, not added to
      gemm_blocked(PrepackedA<T, Rows>{w.u + e * filters * channels}, MatrixStrides{channels, 1},
                   TilePanels<T>{v + e * b.vsize, channels}, m + e * filters * b.n, b.n, filters,
                   b.n, channels, T(1), false);
    for (int64_t f = 0; f < filters; ++f)
      winograd_output(m + f * b.n, filters * b.n, bias ? bias[f] : T(0), y + f * out_plane,
                      addend ? addend + f * out_plane : addend, win, tiles, r0, rows, b, act,
                      work);
  }
}

/// conv() of 3x3, stride-1, undilated, ungrouped windows with transformed
/// weights.
template <typename T, int Rows, typename Act>
inline void conv_winograd(const T *x, WinogradF43<T, Rows> w, const T *bias, T *y,
                          int64_t batch, int64_t channels, int64_t filters,
                          const Window<2> &win, Act act, const T *addend) {
  const WinogradTiles tiles = winograd_tiles<T>(channels, filters, win);
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  for (int64_t b = 0; b < batch; ++b)
    conv_winograd_rows(x + b * channels * in_plane, w, bias, y + b * filters * out_plane,
                       addend ? addend + b * filters * out_plane : addend, channels, filters,
                       win, tiles, act, 0, tiles.rows);
}

} // namespace onnxc_kernels
