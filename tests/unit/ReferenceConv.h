//===- ReferenceConv.h - a direct 2-d convolution for the conv tests -*- C++ -*-===//
//
// The kernel tests' reference: a double-precision sum over the taps inside
// the input, shared by the Winograd, implicit-GEMM and depthwise tests.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_TESTS_UNIT_REFERENCECONV_H
#define ONNXC_TESTS_UNIT_REFERENCECONV_H

#include "codegen/cpp/kernels/axis_window.h"

#include <cstdint>
#include <vector>

/// y[filters, out] of one batch item: bias[m] (none when null) plus, over
/// the channels of filter m's group and the taps of `win` inside the input,
/// x * w. x is [channels, in], w [filters, channels / groups, kernel].
inline std::vector<double> reference_conv(const float *x, const float *w, const float *bias,
                                          int64_t channels, int64_t filters, int64_t groups,
                                          const onnxc_kernels::Window<2> &win) {
  const int64_t in_plane = win.in[0] * win.in[1], out_plane = win.out[0] * win.out[1];
  const int64_t group_channels = channels / groups, group_filters = filters / groups;
  const int64_t kh = win.kernel[0], kw = win.kernel[1];
  std::vector<double> y(filters * out_plane);
  for (int64_t m = 0; m < filters; ++m)
    for (int64_t oh = 0; oh < win.out[0]; ++oh)
      for (int64_t ow = 0; ow < win.out[1]; ++ow) {
        double sum = bias ? bias[m] : 0.0;
        for (int64_t c = 0; c < group_channels; ++c) {
          const float *xc = x + (m / group_filters * group_channels + c) * in_plane;
          const float *wc = w + (m * group_channels + c) * kh * kw;
          for (int64_t a = 0; a < kh; ++a)
            for (int64_t b = 0; b < kw; ++b) {
              const int64_t ih = oh * win.strides[0] - win.pad_begin[0] + a * win.dilations[0];
              const int64_t iw = ow * win.strides[1] - win.pad_begin[1] + b * win.dilations[1];
              if (ih >= 0 && ih < win.in[0] && iw >= 0 && iw < win.in[1])
                sum += double(xc[ih * win.in[1] + iw]) * wc[a * kw + b];
            }
        }
        y[m * out_plane + oh * win.out[1] + ow] = sum;
      }
  return y;
}

#endif
