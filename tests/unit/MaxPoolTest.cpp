//===- MaxPoolTest.cpp - 2-d MaxPool rows against a direct loop -----------===//
//
// Compiled with -march=native, so the row loops vectorise as in generated
// code. The shapes cross every case of max_pool_rows: each kernel shape it
// fixes at compile time and a run-time one (stride 3), inner and edge
// columns, rows reaching into the padding, no inner column,
// kernel rows wholly in the padding (ceil-mode-sized outputs), asymmetric
// and large padding. Reference: a loop over each window's taps inside the
// input; a window wholly in the padding is 0. A NaN in the input must give
// the same output as the generic N-d path (pool_planes over window_max).
//
//===----------------------------------------------------------------------===//
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
  };
  for (const Case &c : cases)
    check(c);
}

TEST(MaxPool, NaNAsTheGenericPath) {
  for (const Case &c : {Case{9, 21, 3, 3, 1, 1, 1, 1, 0}, Case{8, 20, 2, 2, 2, 2, 0, 0, 0}}) {
    const Window<2> win = window(c);
    const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
    auto x = values(in_plane, 11);
    for (int64_t i = 0; i < in_plane; i += 5) // first taps and later taps alike
      x[i] = NAN;
    std::vector<float> fast(out_plane), generic(out_plane);
    max_pool(x.data(), fast.data(), 1, win);
    pool_planes(x.data(), generic.data(), 1, win,
                [&](const float *xp, const WindowTaps<2> &t) { return window_max(xp, win, t); });
    ASSERT_EQ(std::memcmp(fast.data(), generic.data(), out_plane * sizeof(float)), 0);
  }
}
