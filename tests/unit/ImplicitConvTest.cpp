//===- ImplicitConvTest.cpp - conv as an implicit GEMM vs a double loop -----===//
//
// conv_implicit.h computes a 2-d Conv band by band over a zero-padded copy
// of the input split into stride phases (or x in place), with waste
// columns past each output row that must never reach y (a kernel one
// column wide has none: the GEMM then writes y in place). Each case runs
// conv(), its thread split over three tasks (by bands of output rows), the
// same on weights prepacked as the compiler packs them, and
// conv_implicit_rows with bands of 1, 2 and 3 rows (not dividing the
// height), against a double-precision loop over the taps: kernels 3x3, 1x3,
// 3x1, 7x7, dilation 2, strides 2 and 3 (per axis, 1x1, 1x3, 2x2 with
// stride 3 and 7x7: kernels narrower than the stride copy fewer phases),
// asymmetric, wide and negative pads, widths 1 to 3, with and without bias,
// with a residual addend and Relu. Compiled with -march=native, as
// generated code for --target=x86-64 is.
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
constexpr int kColumns = GemmShape<float>::vectors * GemmShape<float>::Lanes::width;

struct Case {
  int64_t channels, filters, height, width, kh, kw, dilation;
  int64_t pad_top, pad_left, pad_bottom, pad_right;
  int64_t stride_h = 1, stride_w = 1;
};

struct Relu {
  float operator()(float v) const { return v > 0 ? v : 0.0f; }
};

void check(const Case &c, bool with_bias, bool with_addend, bool implicit = true) {
  Window<2> win{};
  const int64_t in[2] = {c.height, c.width}, k[2] = {c.kh, c.kw};
  const int64_t pb[2] = {c.pad_top, c.pad_left}, pe[2] = {c.pad_bottom, c.pad_right};
  const int64_t stride[2] = {c.stride_h, c.stride_w};
  for (int d = 0; d < 2; ++d) {
    win.in[d] = in[d];
    win.kernel[d] = k[d];
    win.strides[d] = stride[d];
    win.dilations[d] = c.dilation;
    win.pad_begin[d] = pb[d];
    win.pad_end[d] = pe[d];
    win.out[d] = (in[d] + pb[d] + pe[d] - c.dilation * (k[d] - 1) - 1) / stride[d] + 1;
  }
  const int64_t in_plane = c.height * c.width, out_plane = win.out[0] * win.out[1];
  const int64_t depth = c.channels * c.kh * c.kw, size = c.filters * out_plane;
  const auto x = values(c.channels * in_plane, 1), w = values(c.filters * depth, 2),
             bias_values = values(c.filters, 3), addend_values = values(size, 4);
  const float *bias = with_bias ? bias_values.data() : nullptr;
  const float *addend = with_addend ? addend_values.data() : nullptr;
  std::vector<double> wd(w.begin(), w.end()), packed_d(w.size());
  onnxc::packSlivers(wd, c.filters, depth, kRows, packed_d);
  const std::vector<float> packed(packed_d.begin(), packed_d.end());
  const PrepackedA<float, kRows> prepacked{packed.data()};
  // W^T[depth, filters] as the GEMM's panels (conv_filter_lanes.h).
  std::vector<double> wt(w.size()), panels_d(w.size());
  for (int64_t m = 0; m < c.filters; ++m)
    for (int64_t k = 0; k < depth; ++k)
      wt[k * c.filters + m] = w[m * depth + k];
  onnxc::packPanels(wt, depth, c.filters, kColumns, panels_d);
  const std::vector<float> panels(panels_d.begin(), panels_d.end());
  const PrepackedB<float, kColumns> transposed{panels.data()};

  std::vector<double> ref = reference_conv(x.data(), w.data(), bias, c.channels, c.filters, 1, win);
  if (addend)
    for (int64_t i = 0; i < size; ++i)
      ref[i] = std::fmax(ref[i] + addend[i], 0.0);

  const ImplicitBands bands = implicit_bands<float>(c.channels, c.filters, win);
  ASSERT_EQ(bands.rows > 0, implicit) << "the case does not take the path it tests";
  auto expect = [&](const std::vector<float> &y, const char *what) {
    for (int64_t i = 0; i < size; ++i)
      ASSERT_NEAR(y[i], ref[i], 1e-5 * depth)
          << what << ": " << c.height << "x" << c.width << " kernel " << c.kh << "x" << c.kw
          << " at filter " << i / out_plane << ", row " << i % out_plane / win.out[1]
          << ", column " << i % win.out[1];
  };
  const Threads th = {serial, 3, 1};
  std::vector<float> y(size);
  auto run = [&](auto weights, const char *what) {
    if (addend)
      conv(x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win, Relu{}, addend);
    else
      conv(x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win);
    expect(y, what);
    if (addend)
      conv_threads(th, x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win, Relu{},
                   addend);
    else
      conv_threads(th, x.data(), weights, bias, y.data(), 1, c.channels, c.filters, 1, win);
    expect(y, "three tasks");
  };
  run(w.data(), "plain weights");
  run(prepacked, "prepacked weights");
  run(transposed, "W^T panels (filters in lanes)");
  for (int64_t rows = 1; rows <= 3 && implicit; ++rows) {
    ImplicitBands narrow = bands;
    narrow.rows = rows;
    if (addend)
      conv_implicit_rows(x.data(), w.data(), bias, y.data(), addend, c.channels, c.filters, win,
                         narrow, Relu{}, 0, win.out[0]);
    else
      conv_implicit_rows(x.data(), prepacked, bias, y.data(), addend, c.channels, c.filters, win,
                         narrow, Identity{}, 0, win.out[0]);
    expect(y, rows == 1 ? "bands of 1 row" : rows == 2 ? "bands of 2 rows" : "bands of 3 rows");
  }
}

} // namespace

TEST(ImplicitConv, MatchesDirectLoop) {
  const Case cases[] = {
      {5, 13, 9, 11, 3, 3, 1, 1, 1, 1, 1},   // 3x3, pad 1
      {16, 20, 30, 30, 3, 3, 1, 1, 1, 1, 1}, // several default bands
      {7, 9, 6, 10, 1, 3, 1, 0, 1, 0, 1},    // 1x3, pads 0,1,0,1
      {6, 8, 10, 5, 3, 1, 1, 0, 0, 0, 0},    // 3x1, read in place
      {32, 40, 40, 48, 3, 1, 1, 0, 0, 0, 0}, // in place and no waste: one band, no scratch
      {5, 7, 8, 6, 3, 1, 1, 1, 0, 1, 0},     // 3x1 padded: the GEMM still writes y in place
      {4, 6, 7, 5, 3, 1, 1, 1, 2, 0, 1},     // 3x1, pads on both axes
      {40, 48, 48, 40, 3, 3, 1, 1, 1, 1, 1}, // several default bands, copied input and output
      {3, 16, 12, 12, 7, 7, 1, 3, 3, 3, 3},  // 7x7
      {6, 96, 9, 8, 3, 3, 1, 1, 1, 1, 1},    // a two-vector panel tail after a full panel
      {5, 64, 7, 7, 3, 3, 1, 1, 1, 1, 1},    // a 7x7 plane
      {4, 7, 10, 9, 3, 3, 2, 2, 2, 2, 2},    // dilation 2
      {5, 6, 8, 7, 3, 3, 1, 0, 2, 1, 0},     // asymmetric pads
      {3, 5, 6, 6, 3, 3, 1, 2, 3, 3, 2},     // pads wider than the kernel's reach
      {4, 6, 7, 1, 3, 3, 1, 1, 1, 1, 1},     // width 1
      {4, 6, 5, 2, 1, 3, 1, 0, 1, 0, 1},     // width 2
      {4, 6, 5, 3, 3, 3, 1, 1, 1, 1, 1},     // width 3
      {3, 16, 40, 38, 7, 7, 1, 3, 3, 3, 3, 2, 2}, // 7x7 stride 2 (a ResNet stem)
      {16, 24, 29, 28, 3, 3, 1, 1, 1, 1, 1, 2, 2}, // 3x3 stride 2, odd height
      {16, 24, 14, 15, 1, 1, 1, 0, 0, 0, 0, 2, 2}, // 1x1 stride 2: no waste, y written in place
      {5, 7, 13, 17, 3, 3, 1, 2, 1, 0, 2, 2, 2},   // stride 2, asymmetric pads
      {8, 10, 9, 12, 1, 1, 1, 1, 0, 0, 1, 2, 2},   // 1x1 stride 2, padded: phase (0, 0) only
      {5, 9, 12, 13, 1, 3, 1, 0, 1, 1, 2, 2, 2},   // 1x3 stride 2: one phase row, two columns
      {4, 6, 13, 11, 2, 2, 1, 1, 0, 0, 1, 3, 3},   // 2x2 stride 3: 2 of 3 phases per axis
      {6, 8, 11, 10, 3, 3, 1, 1, 1, 1, 1, 3, 3},   // stride 3
      {6, 8, 11, 10, 3, 3, 1, 1, 1, 1, 1, 2, 1},   // stride 2 down, 1 across
      {4, 6, 9, 2, 3, 3, 1, 1, 1, 1, 1, 1, 2},     // stride 2 across a width of 2
      {4, 6, 10, 11, 3, 3, 1, -1, 1, 0, -1},       // negative pads crop the input
      {4, 6, 12, 11, 3, 3, 1, -1, 0, 1, -1, 2, 2}, // negative pads, stride 2
  };
  for (const Case &c : cases)
    for (int variant = 0; variant < 3; ++variant)
      check(c, variant != 1, variant == 2);
}

// Strided windows keep the gather when dilated, and when a band would hold
// one output row (64 -> 128 channels, 3x3/2 at 56x56: measured slower).
TEST(ImplicitConv, StridedCasesLeftToTheGather) {
  auto rows = [](int64_t channels, int64_t filters, int64_t size, int64_t dilation) {
    const int64_t out = (size + 2 - 2 * dilation - 1) / 2 + 1;
    const Window<2> win{{size, size}, {out, out}, {3, 3}, {2, 2},
                        {dilation, dilation}, {1, 1}, {1, 1}};
    return implicit_bands<float>(channels, filters, win).rows;
  };
  EXPECT_GT(rows(16, 32, 56, 1), 1);
  EXPECT_EQ(rows(16, 32, 56, 2), 0);
  EXPECT_EQ(rows(64, 128, 56, 1), 0);
}

// W^T panels (conv_filter_lanes.h) outside the implicit GEMM's bands: 1x1
// windows read x as a matrix, dilated strided windows gather im2col panels;
// more filters than one block of y^T takes, and panel tails of every width.
TEST(ImplicitConv, FilterLanesOutsideBands) {
  const Case cases[] = {
      {16, 24, 10, 10, 1, 1, 1, 0, 0, 0, 0},       // pointwise, 24 filters: a 16 + 8 tail
      {5, 300, 7, 9, 1, 1, 1, 0, 0, 0, 0},         // pointwise, two blocks of filters
      {8, 70, 9, 9, 3, 3, 2, 2, 2, 2, 2, 2, 2},    // dilated and strided: gathered
      {64, 128, 56, 56, 3, 3, 1, 1, 1, 1, 1, 2, 2}, // one-row strided bands: gathered
      {6, 320, 6, 7, 1, 1, 1, 0, 0, 0, 0},         // pointwise in registers, two filter blocks
      {7, 80, 5, 6, 1, 1, 1, 0, 0, 0, 0},          // a one-vector panel tail
      {7, 112, 4, 5, 1, 1, 1, 0, 0, 0, 0},         // a three-vector tail, fewer positions than a tile
      {9, 16, 3, 3, 1, 1, 1, 0, 0, 0, 0},          // 9 positions: one at a time
      {7, 16, 2, 53, 1, 1, 1, 0, 0, 0, 0},         // a last block of 10 starts 14 earlier
  };
  for (const Case &c : cases)
    for (int variant = 0; variant < 3; ++variant)
      check(c, variant != 1, variant == 2, false);
}
