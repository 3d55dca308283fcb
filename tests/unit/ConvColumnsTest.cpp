//===- ConvColumnsTest.cpp - GEMM convs finished chunk by chunk ----------===//
//
// conv_columns (conv.h) sets each chunk of output positions to the bias, adds
// the GEMM's sums and applies the epilogue before it moves on. Planes here
// span several chunks and end in a partial one, pointwise and 3x3 (im2col),
// with a bias, a fused residual addend and a clip that bites at both ends,
// serial and split by columns over three tasks (conv_threads), against a
// double-precision loop.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/parallel.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

void serial(int64_t count, void (*task)(void *, int64_t), void *context) {
  for (int64_t i = 0; i < count; ++i)
    task(context, i);
}

void check(int64_t side, int64_t channels, int64_t filters, int64_t kernel) {
  const int64_t pad = kernel / 2, plane = side * side, depth = channels * kernel * kernel;
  // Several chunks, and a plane that is not a whole number of them.
  ASSERT_GT(filters * plane, 2 * kConvChunk);
  const Window<2> win = {{side, side}, {side, side}, {kernel, kernel}, {1, 1},
                         {1, 1},       {pad, pad},   {pad, pad}};
  const auto x = values(channels * plane, 1), w = values(filters * depth, 2),
             bias = values(filters, 3), addend = values(filters * plane, 4);
  auto clip = [](float v) { return v < -0.5f ? -0.5f : v > 1.0f ? 1.0f : v; };
  std::vector<float> serial_y(filters * plane), split_y(filters * plane);
  conv(x.data(), w.data(), bias.data(), serial_y.data(), 1, channels, filters, 1, win, clip,
       addend.data());
  const Threads th = {serial, 3, 1};
  conv_threads(th, x.data(), w.data(), bias.data(), split_y.data(), 1, channels, filters, 1, win,
               clip, addend.data());
  for (int64_t m = 0; m < filters; ++m)
    for (int64_t oh = 0; oh < side; ++oh)
      for (int64_t ow = 0; ow < side; ++ow) {
        const int64_t at = m * plane + oh * side + ow;
        double ref = double(bias[m]) + addend[at];
        for (int64_t c = 0; c < channels; ++c)
          for (int64_t a = 0; a < kernel; ++a)
            for (int64_t b = 0; b < kernel; ++b) {
              const int64_t ih = oh - pad + a, iw = ow - pad + b;
              if (ih >= 0 && ih < side && iw >= 0 && iw < side)
                ref += double(x[c * plane + ih * side + iw]) *
                       w[((m * channels + c) * kernel + a) * kernel + b];
            }
        ref = std::fmin(std::fmax(ref, -0.5), 1.0);
        ASSERT_NEAR(serial_y[at], ref, 1e-5 + 1e-6 * depth) << "serial at " << m << ", " << at;
        ASSERT_NEAR(split_y[at], ref, 1e-5 + 1e-6 * depth) << "three tasks at " << m << ", " << at;
      }
}

} // namespace

TEST(ConvColumns, ChunksWithBiasAddendAndClip) {
  check(45, 8, 48, 1);  // pointwise, 8 -> 48 as MobileNetV2's first expansion
  check(45, 5, 20, 3);  // 3x3 through the im2col panels
  check(30, 4, 300, 1); // so many filters that a chunk is one panel wide
}
