//===- DepthwiseConvTest.cpp - depthwise conv against a direct double loop -===//
//
// Compiled with -march=native, so it runs the vector path the host's
// generated code runs. The shapes cross every case of depthwise_padded.h:
// planes narrower and wider than a vector run, one band and several (tall
// planes, each band re-reading the rows above it), unit stride, stride 2 and
// 3, dilations, asymmetric padding, 1-row and tall kernels, two filters per
// group, a batch of two, a bias, a fused residual addend and a clip that
// bites at both ends; and the tap-by-tap fallback (planes wider than a
// band's buffer, kernels with more taps than it keeps). Reference: a
// double-precision loop over taps.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/conv.h"
#include "tests/unit/ReferenceConv.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

struct Case {
  int64_t height, width, kh, kw, stride, dilation, pad_begin, pad_end;
  int64_t multiplier = 1; // filters per group
};

void check(const Case &c, bool with_addend, int64_t batch = 1, int64_t channels = 3) {
  const int64_t filters = channels * c.multiplier;
  Window<2> win{};
  const int64_t k[2] = {c.kh, c.kw}, in[2] = {c.height, c.width};
  for (int d = 0; d < 2; ++d) {
    win.in[d] = in[d];
    win.kernel[d] = k[d];
    win.strides[d] = c.stride;
    win.dilations[d] = c.dilation;
    win.pad_begin[d] = c.pad_begin;
    win.pad_end[d] = c.pad_end;
    win.out[d] = (in[d] + c.pad_begin + c.pad_end - c.dilation * (k[d] - 1) - 1) / c.stride + 1;
  }
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const auto x = values(batch * channels * in_plane, 1), w = values(filters * c.kh * c.kw, 2),
             bias = values(filters, 3), addend = values(batch * filters * out_plane, 4);
  std::vector<float> y(batch * filters * out_plane);
  auto clip = [](float v) { return v < -0.5f ? -0.5f : v > 1.0f ? 1.0f : v; };
  conv(x.data(), w.data(), bias.data(), y.data(), batch, channels, filters, channels, win, clip,
       with_addend ? addend.data() : nullptr);
  for (int64_t n = 0; n < batch; ++n) {
    const auto ref = reference_conv(x.data() + n * channels * in_plane, w.data(), bias.data(),
                                    channels, filters, channels, win);
    for (int64_t i = 0; i < filters * out_plane; ++i) {
      const int64_t at = n * filters * out_plane + i;
      const double sum = ref[i] + (with_addend ? addend[at] : 0.0);
      ASSERT_NEAR(y[at], std::fmin(std::fmax(sum, -0.5), 1.0), 1e-5)
          << c.height << "x" << c.width << " kernel " << c.kh << "x" << c.kw << " stride "
          << c.stride << (with_addend ? " with addend" : "") << " batch " << batch << " at " << n
          << ", " << i / out_plane << ", " << i % out_plane / win.out[1] << ", " << i % win.out[1];
    }
  }
}

void checkAll(const Case &c) {
  check(c, false);
  check(c, true);
}

} // namespace

TEST(DepthwiseConv, PaddedBands) {
  const int64_t run = GemmShape<float>::Lanes::width;
  const Case cases[] = {
      {5, 1, 3, 3, 1, 1, 1, 1},              // one column
      {4, run - 1, 3, 3, 1, 1, 1, 1},        // narrower than a run
      {5, 5, 3, 3, 1, 1, 1, 1},              // MobileNet's 5x5 and 10x10 planes
      {10, 10, 3, 3, 1, 1, 1, 1},            //
      {10, 10, 3, 3, 2, 1, 1, 1},            // ... at stride 2
      {4, run + 5, 3, 3, 1, 1, 1, 1},        // one run and a partial one
      {3, 6 * run + 7, 3, 3, 1, 1, 1, 1},    // blocks of four runs and single runs
      {80, 80, 3, 3, 1, 1, 1, 1},            // several bands
      {80, 80, 3, 3, 2, 1, 1, 1},            // several bands, stride 2
      {81, 81, 3, 3, 2, 1, 0, 1},            // stride 2, odd size, padding at the end only
      {6, 5 * run + 3, 5, 5, 1, 1, 2, 2},    // 5x5
      {6, 3 * run + 1, 3, 3, 1, 2, 2, 2},    // dilation 2
      {9, 17, 3, 3, 2, 2, 2, 2},             // dilation 2 at stride 2
      {5, 3 * run, 3, 3, 1, 1, 0, 2},        // asymmetric padding
      {2, 4 * run, 1, 7, 1, 1, 3, 3},        // a 1-row kernel
      {9, 2 * run + 1, 7, 1, 1, 1, 3, 3},    // a 1-column kernel
      {7, 3 * run + 2, 3, 3, 3, 1, 1, 0},    // stride 3
      {3, 2, 5, 5, 1, 1, 2, 2},              // kernel wider than the input
      {12, 12, 3, 3, 1, 1, 1, 1, 2},         // two filters per group
      {40, 40, 3, 3, 2, 1, 1, 1, 2},         // ... in several bands at stride 2
      {5, 4 * run + 3, 3, 3, 2, 1, 3, 3},    // stride 2, odd padding wider than 1
      {4, 4 * run + 6, 3, 3, 2, 1, 2, 0},    // stride 2, even padding, an input column unread
  };
  for (const Case &c : cases)
    checkAll(c);
  // A batch of two: one pass over both items' planes.
  check({10, 10, 3, 3, 2, 1, 1, 1, 2}, false, 2);
  check({7, run + 3, 3, 3, 1, 1, 1, 1}, true, 2);
}

TEST(DepthwiseConv, TapByTapFallback) {
  // Wider than a band's output buffer; more taps than a band keeps.
  ASSERT_EQ(depthwise_bands<float>(Window<2>{{3, 2100}, {3, 2100}, {3, 3}, {1, 1}, {1, 1},
                                             {1, 1}, {1, 1}})
                .rows,
            0);
  checkAll({3, 2100, 3, 3, 1, 1, 1, 1});
  checkAll({12, 12, 9, 9, 1, 1, 4, 4});
  checkAll({12, 12, 9, 9, 2, 1, 4, 4});
}

// Channels in whole vectors take depthwise_lanes.h (channels-last bands in
// registers): MobileNet's shapes, strides 1 and 2, padding at one end only,
// a dilated and a 1x3 window, 1 to 18 vectors of channels, several
// bands, a batch of two.
TEST(DepthwiseConv, ChannelsInLanes) {
  const Case cases[] = {
      {5, 5, 3, 3, 1, 1, 1, 1},   {10, 10, 3, 3, 1, 1, 1, 1}, {10, 10, 3, 3, 2, 1, 1, 1},
      {20, 20, 3, 3, 1, 1, 1, 1}, {81, 81, 3, 3, 2, 1, 0, 1}, {9, 17, 3, 3, 2, 2, 2, 2},
      {7, 11, 1, 3, 1, 1, 0, 1},  {6, 3, 3, 3, 1, 1, 2, 2},
  };
  for (const int64_t channels : {16, 48, 288})
    for (const Case &c : cases) {
      const Window<2> win{{c.height, c.width}, {1, 1}, {c.kh, c.kw}, {c.stride, c.stride},
                          {c.dilation, c.dilation}, {c.pad_begin, c.pad_begin},
                          {c.pad_end, c.pad_end}};
      ASSERT_GT(depthwise_lanes<float>(channels, win).rows, 0) << channels << " channels";
      check(c, false, 1, channels);
      check(c, true, 1, channels);
    }
  check({10, 10, 3, 3, 2, 1, 1, 1}, true, 2, 32);
  // Not whole vectors, or wider than 3x3: the plane-by-plane path.
  const Window<2> win{{5, 5}, {5, 5}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}};
  EXPECT_EQ(depthwise_lanes<float>(20, win).rows, 0);
  const Window<2> wide{{5, 5}, {5, 5}, {5, 5}, {1, 1}, {1, 1}, {2, 2}, {2, 2}};
  EXPECT_EQ(depthwise_lanes<float>(16, wide).rows, 0);
}
