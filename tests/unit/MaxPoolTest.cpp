//===- MaxPoolTest.cpp - 2-d MaxPool rows against a direct loop -----------===//
//
// Compiled with -march=native, so the row loops vectorise as in generated
// code. The shapes cross every case of max_pool_rows: each kernel shape it
// fixes at compile time and run-time ones (column stride 1, 2 or 3), inner
// and edge columns, rows reaching into the padding, no inner column, kernel
// rows wholly in the padding (ceil-mode-sized outputs), asymmetric and large
// padding, vector columns (1 or 2 elements apart) with a last block
// overlapping the one before. Reference: a loop over each window's taps
// inside the input; a window wholly in the padding is 0. NaNs, signed zeros
// and infinities must give the same bits as the generic N-d path
// (pool_planes over window_max).
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"

#include "codegen/cpp/kernels/pool.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

using namespace onnxc_kernels;

namespace {

struct Case {
  int64_t height, width, kh, kw, stride_h, stride_w, pad_begin, pad_end, extra_out;
};

Window<2> window(const Case &c) {
  Window<2> win{};
  const int64_t k[2] = {c.kh, c.kw}, in[2] = {c.height, c.width},
                stride[2] = {c.stride_h, c.stride_w};
  for (int d = 0; d < 2; ++d) {
    win.in[d] = in[d];
    win.kernel[d] = k[d];
    win.strides[d] = stride[d];
    win.dilations[d] = 1;
    win.pad_begin[d] = c.pad_begin;
    win.pad_end[d] = c.pad_end;
    // extra_out: more outputs than the padding covers, as ceil_mode can give.
    win.out[d] = (in[d] + c.pad_begin + c.pad_end - k[d]) / stride[d] + 1 + c.extra_out;
  }
  return win;
}

void check(const Case &c) {
  constexpr int64_t planes = 3;
  const Window<2> win = window(c);
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const auto x = values(planes * in_plane, 7);
  std::vector<float> y(planes * out_plane, 99.0f);
  max_pool(x.data(), y.data(), planes, win);
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t oh = 0; oh < win.out[0]; ++oh)
      for (int64_t ow = 0; ow < win.out[1]; ++ow) {
        float ref = 0;
        bool any = false;
        for (int64_t a = 0; a < c.kh; ++a)
          for (int64_t b = 0; b < c.kw; ++b) {
            const int64_t ih = oh * c.stride_h - c.pad_begin + a;
            const int64_t iw = ow * c.stride_w - c.pad_begin + b;
            if (ih >= 0 && ih < c.height && iw >= 0 && iw < c.width) {
              const float v = x[p * in_plane + ih * c.width + iw];
              ref = any ? std::fmax(ref, v) : v;
              any = true;
            }
          }
        ASSERT_EQ(y[p * out_plane + oh * win.out[1] + ow], ref)
            << c.height << "x" << c.width << " kernel " << c.kh << "x" << c.kw << " stride "
            << c.stride_h << "x" << c.stride_w << " at " << p << ", " << oh << ", " << ow;
      }
}

} // namespace

TEST(MaxPool, EveryRowPath) {
  const Case cases[] = {
      {72, 32, 2, 2, 2, 2, 0, 0, 0}, // 2x2/2, no padding (oww embedding)
      {32, 16, 1, 2, 1, 2, 0, 0, 0}, // 1x2 with strides 1x2
      {56, 56, 3, 3, 2, 2, 1, 1, 0}, // 3x3/2 pad 1 (ResNet): edge columns
      {15, 16, 3, 3, 2, 2, 0, 0, 0}, // 3x3/2 without padding: a last column left over
      {17, 40, 3, 3, 1, 1, 1, 1, 0}, // unit stride
      {13, 29, 3, 5, 3, 3, 2, 2, 0}, // stride 3: the run-time stride
      {9, 11, 3, 3, 2, 2, 0, 2, 1},  // asymmetric padding, one output past it
      {5, 3, 5, 5, 1, 1, 3, 3, 0},   // kernel wider than the input: no inner column
      {4, 1, 2, 2, 1, 1, 1, 1, 0},   // one input column
      {6, 6, 2, 2, 2, 2, 0, 0, 2},   // windows wholly outside the input give 0
      {23, 37, 3, 3, 2, 2, 1, 1, 0}, // odd width: vector blocks, the last overlapping
      {7, 35, 3, 3, 2, 2, 0, 0, 0},  // inner columns to the last element of the input
      {11, 66, 3, 3, 2, 2, 2, 2, 1}, // kernel rows in the padding, vector columns
      {12, 51, 2, 2, 2, 2, 0, 0, 0}, // 2x2/2, a column left over
      {3, 70, 1, 2, 1, 2, 1, 1, 0},  // 1x2/2 with padding
      {10, 33, 3, 3, 1, 1, 0, 0, 0}, // unit stride, the last block overlapping
      {8, 40, 2, 3, 2, 1, 1, 0, 0},  // 2x3/1: a run-time kernel, vector columns
      {9, 45, 4, 5, 1, 2, 2, 2, 0},  // 4x5/2: an unpaired fifth tap per row
  };
  for (const Case &c : cases)
    check(c);
}

// The vector columns must match window_max bit for bit: NaNs (a NaN wins only
// as a window's first tap), signed zeros (of equal values the first stays),
// infinities. Inputs drawn from those alone make such taps meet often.
TEST(MaxPool, SpecialValuesAsTheGenericPath) {
  const float special[] = {NAN, 0.0f, -0.0f, -INFINITY, INFINITY, 1.0f, -1.0f};
  const Case cases[] = {
      {9, 21, 3, 3, 1, 1, 1, 1, 0},  {8, 20, 2, 2, 2, 2, 0, 0, 0}, {19, 41, 3, 3, 2, 2, 1, 1, 0},
      {7, 35, 3, 3, 2, 2, 0, 0, 0},  {6, 70, 1, 2, 1, 2, 0, 0, 0}, {12, 33, 3, 3, 1, 1, 1, 1, 0},
      {11, 66, 3, 3, 2, 2, 2, 2, 1}, {9, 45, 4, 5, 1, 2, 2, 2, 0},
  };
  for (const Case &c : cases)
    for (uint32_t seed : {3u, 4u, 5u}) {
      const Window<2> win = window(c);
      const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
      std::vector<float> x(in_plane);
      uint32_t state = seed;
      for (float &v : x) {
        state = state * 1664525u + 1013904223u;
        v = special[(state >> 16) % 7];
      }
      std::vector<float> fast(out_plane), generic(out_plane);
      max_pool(x.data(), fast.data(), 1, win);
      pool_planes(x.data(), generic.data(), 1, win,
                  [&](const float *xp, const WindowTaps<2> &t) { return window_max(xp, win, t); });
      ASSERT_EQ(std::memcmp(fast.data(), generic.data(), out_plane * sizeof(float)), 0)
          << c.height << "x" << c.width << " kernel " << c.kh << "x" << c.kw << " seed " << seed;
    }
}
