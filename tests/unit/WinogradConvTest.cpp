//===- WinogradConvTest.cpp - conv by Winograd F(4,3) vs a double loop -----===//
//
// conv_winograd.h computes a 3x3, stride-1 Conv from weights transformed as
// WinogradWeights stores them (winogradF43Weights): 4x4 output tiles, the
// edge ones partial, one waste tile per tile row, chunks of tile rows, V in
// the GEMM's panels (the last one 1, 2 or 4 vectors wide). Each case runs
// conv() and its thread split over three tasks against a double-precision
// loop over the taps: planes whose sides are and are not multiples of 4,
// pads 0, 1 and asymmetric, channel and filter counts off the micro-tile's
// rows and vectors, one chunk and many, with and without bias, with a
// residual addend and Relu. Compiled with -march=native, as generated code
// for --target=x86-64 is. Besides: WinogradWeights' bound on the buffer
// (winogradTileRowFits) always leaves the kernel a chunk, and a conv without
// one gives NaNs rather than hanging.
//
// Tolerance: F(4,3)'s transforms multiply by up to 8 (A^T) and add six
// terms per row (B^T, with factors up to 5) before and after the GEMM, and
// G's 1/6 and 1/24 are inexact in float: fp32 rounding errors grow several
// times over the direct sum's (Lavin & Gray
// 2015). Inputs and weights in [-1, 1): 1e-5 per term of the depth C * 9,
// as the implicit GEMM's test; the largest error seen over these cases is
// 7e-7 per term (16 channels), against ~1e-7 for the direct sum.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/parallel.h"
#include "passes/Passes.h"

#include "tests/unit/ReferenceConv.h"
#include "tests/unit/SerialTasks.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

constexpr int kRows = GemmShape<float>::rows;

struct Case {
  int64_t channels, filters, height, width;
  int64_t pad_top, pad_left, pad_bottom, pad_right;
};

struct Relu {
  float operator()(float v) const { return v > 0 ? v : 0.0f; }
};

void check(const Case &c, bool with_bias, bool with_addend) {
  Window<2> win{};
  const int64_t in[2] = {c.height, c.width};
  const int64_t pb[2] = {c.pad_top, c.pad_left}, pe[2] = {c.pad_bottom, c.pad_right};
  for (int d = 0; d < 2; ++d) {
    win.in[d] = in[d];
    win.kernel[d] = 3;
    win.strides[d] = win.dilations[d] = 1;
    win.pad_begin[d] = pb[d];
    win.pad_end[d] = pe[d];
    win.out[d] = in[d] + pb[d] + pe[d] - 2;
  }
  const int64_t in_plane = c.height * c.width, out_plane = win.out[0] * win.out[1];
  const int64_t depth = c.channels * 9, size = c.filters * out_plane;
  const auto x = values(c.channels * in_plane, 1), w = values(c.filters * depth, 2),
             bias_values = values(c.filters, 3), addend_values = values(size, 4);
  const float *bias = with_bias ? bias_values.data() : nullptr;
  const float *addend = with_addend ? addend_values.data() : nullptr;
  const std::vector<double> wd(w.begin(), w.end());
  const auto u_d = onnxc::winogradF43Weights(wd, c.filters, c.channels, kRows);
  const std::vector<float> u(u_d.begin(), u_d.end());
  const WinogradF43<float, kRows> weights{u.data()};

  std::vector<double> ref = reference_conv(x.data(), w.data(), bias, c.channels, c.filters, 1, win);
  if (addend)
    for (int64_t i = 0; i < size; ++i)
      ref[i] = std::fmax(ref[i] + addend[i], 0.0);

  auto expect = [&](const std::vector<float> &y, const char *what) {
    for (int64_t i = 0; i < size; ++i)
      ASSERT_NEAR(y[i], ref[i], 1e-5 * depth)
          << what << ": " << c.channels << " -> " << c.filters << " at " << c.height << "x"
          << c.width << ", filter " << i / out_plane << ", row " << i % out_plane / win.out[1]
          << ", column " << i % win.out[1];
  };
  const Threads th = {serial, 3, 1};
  std::vector<float> y(size);
  if (addend)
    conv(x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win, Relu{}, addend);
  else
    conv(x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win);
  expect(y, "serial");
  if (addend)
    conv_threads(th, x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win,
                 Relu{}, addend);
  else
    conv_threads(th, x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win);
  expect(y, "three tasks");
}

} // namespace

TEST(WinogradConv, MatchesDirectLoop) {
  const Case cases[] = {
      {16, 16, 56, 56, 1, 1, 1, 1}, // resnet18 at width 16: 15 tiles a row with the waste one
      {32, 32, 28, 28, 1, 1, 1, 1}, // 8 tiles a row
      {64, 64, 14, 14, 1, 1, 1, 1}, // 5 tiles a row, chunks of 3 rows
      {64, 64, 56, 56, 1, 1, 1, 1}, // one tile row a chunk
      {5, 13, 9, 11, 1, 1, 1, 1},   // partial tiles on both axes, odd counts
      {7, 9, 18, 17, 0, 0, 0, 0},   // unpadded, 16x15 out
      {3, 20, 13, 30, 2, 0, 0, 1},  // asymmetric pads
      {24, 6, 6, 6, 1, 1, 1, 1},    // one tile row, 2 tiles
      {1, 1, 10, 10, 1, 1, 1, 1},   // one channel, one filter
      {8, 40, 70, 70, 1, 1, 1, 1},  // 19 tiles a row: panels of 64 and a partial one
  };
  for (const Case &c : cases)
    for (int variant = 0; variant < 3; ++variant)
      check(c, variant != 1, variant == 2);
}

// WinogradWeights transforms a conv only when its bound says one tile row
// fits the kernel's stack buffer: the kernel must then find a chunk of at
// least one row, for this host's vectors.
TEST(WinogradConv, PassBoundLeavesAChunk) {
  static_assert(onnxc::kWinogradScratchFloats == kWinogradScratch<float>,
                "passes/Passes.h and conv_winograd.h size the buffer alike");
  int64_t fitting = 0;
  for (int64_t channels : {1, 3, 16, 64, 96, 128, 256, 512, 1024})
    for (int64_t filters : {1, 16, 64, 128, 256, 512, 1024, 2048})
      for (int64_t out_w = 4; out_w <= 300; out_w += 3) {
        if (!onnxc::winogradTileRowFits(channels, filters, out_w))
          continue;
        ++fitting;
        Window<2> win{};
        win.out[0] = 8;
        win.out[1] = out_w;
        ASSERT_GE(winograd_tiles<float>(channels, filters, win).chunk_rows, 1)
            << channels << " -> " << filters << ", " << out_w << " columns";
      }
  EXPECT_GT(fitting, 500); // the sweep reaches both sides of the bound
}

// Were the two to disagree, the tile rows come out NaN: no chunk loop that
// never advances.
TEST(WinogradConv, NoChunkGivesNaN) {
  Window<2> win{{10, 10}, {8, 8}, {3, 3}, {1, 1}, {1, 1}, {0, 0}, {0, 0}};
  const WinogradTiles tiles{2, 3, 0};
  std::vector<float> x(2 * 100, 1.0f), y(3 * 64, 0.0f);
  const float *none = nullptr;
  conv_winograd_rows(x.data(), WinogradF43<float, kRows>{none}, none, y.data(), none,
                     int64_t(2), int64_t(3), win, tiles, Identity{}, int64_t(1), int64_t(2));
  for (int64_t i = 0; i < 3 * 64; ++i)
    ASSERT_EQ(std::isnan(y[i]), i % 64 >= 32) << i; // tile row 1: output rows 4-7
}
