//===- DepthwiseConvTest.cpp - depthwise conv against a direct double loop -===//
//
// Compiled with -march=native, so it runs the vector path the host's
// generated code runs. The shapes cross every case of conv_depthwise_rows:
// rows narrower and wider than a vector run (four-run blocks, single runs,
// the overlapping last run), no inner column at all, unit stride, stride 2
// and 3, dilations, asymmetric padding, 1-row and tall kernels, and a bias
// with a fused activation. Reference: a double-precision loop over taps.
//
//===----------------------------------------------------------------------===//
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#include <arm_neon.h>
#endif
#include "codegen/cpp/kernels/conv.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

struct Case {
  int64_t height, width, kh, kw, stride, dilation, pad_begin, pad_end;
};

void check(const Case &c) {
  constexpr int64_t channels = 3;
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
  const auto x = values(channels * in_plane, 1), w = values(channels * c.kh * c.kw, 2),
             bias = values(channels, 3);
  std::vector<float> y(channels * out_plane);
  auto relu = [](float v) { return v > 0 ? v : 0.0f; };
  conv(x.data(), w.data(), bias.data(), y.data(), 1, channels, channels, channels, win, relu);
  for (int64_t m = 0; m < channels; ++m)
    for (int64_t oh = 0; oh < win.out[0]; ++oh)
      for (int64_t ow = 0; ow < win.out[1]; ++ow) {
        double ref = bias[m];
        for (int64_t a = 0; a < c.kh; ++a)
          for (int64_t b = 0; b < c.kw; ++b) {
            const int64_t ih = oh * c.stride - c.pad_begin + a * c.dilation;
            const int64_t iw = ow * c.stride - c.pad_begin + b * c.dilation;
            if (ih >= 0 && ih < c.height && iw >= 0 && iw < c.width)
              ref += double(x[m * in_plane + ih * c.width + iw]) * w[(m * c.kh + a) * c.kw + b];
          }
        ASSERT_NEAR(y[m * out_plane + oh * win.out[1] + ow], std::fmax(ref, 0.0), 1e-5)
            << c.height << "x" << c.width << " kernel " << c.kh << "x" << c.kw << " stride "
            << c.stride << " at " << m << ", " << oh << ", " << ow;
      }
}

} // namespace

TEST(DepthwiseConv, EveryColumnPath) {
  const int64_t run = GemmShape<float>::Lanes::width;
  const Case cases[] = {
      {5, 1, 3, 3, 1, 1, 1, 1},                 // one column, all edges
      {4, run - 1, 3, 3, 1, 1, 1, 1},           // inner columns, fewer than a run
      {4, run + 2, 3, 3, 1, 1, 1, 1},           // exactly one run
      {4, run + 5, 3, 3, 1, 1, 1, 1},           // one run and an overlapping last run
      {3, 4 * run + 2, 3, 3, 1, 1, 1, 1},       // one block of four runs
      {3, 6 * run + 7, 3, 3, 1, 1, 1, 1},       // a block, single runs, a last run
      {6, 5 * run + 3, 5, 5, 1, 1, 2, 2},       // 5x5
      {6, 3 * run + 1, 3, 3, 1, 2, 2, 2},       // dilation 2
      {5, 3 * run, 3, 3, 1, 1, 0, 2},           // asymmetric padding
      {2, 4 * run, 1, 7, 1, 1, 3, 3},           // a 1-row kernel
      {9, 2 * run + 1, 7, 1, 1, 1, 3, 3},       // a 1-column kernel
      {7, 4 * run + 3, 3, 3, 2, 1, 1, 1},       // stride 2
      {7, 3 * run + 2, 3, 3, 3, 1, 1, 0},       // stride 3
      {3, 2, 5, 5, 1, 1, 2, 2},                 // kernel wider than the input
  };
  for (const Case &c : cases)
    check(c);
}
