// resize.h - Resize (nearest, linear, cubic) over N-d tensors.
//
// Follows the ONNX reference implementation (onnx/backend/test/case/node/
// resize.py): per axis, output coordinate o maps to an input coordinate; its
// n nearest input indices (2, or 4 for cubic; the lower ones on ties) get
// the mode's coefficients; indices past the edge read the edge value unless
// exclude_outside drops them. Scales and roi are read at run time (they may
// be graph inputs); absent scales mean out / in.
#pragma once
#include "common.h"

namespace onnxc_kernels {

enum ResizeMode { kResizeNearest, kResizeLinear, kResizeCubic };
enum ResizeNearest { kRoundPreferFloor, kRoundPreferCeil, kNearestFloor, kNearestCeil };
enum ResizeCoord {
  kHalfPixel, kPytorchHalfPixel, kAlignCorners, kAsymmetric, kTfHalfPixelForNn, kTfCropAndResize
};

struct ResizeParams {
  ResizeMode mode;
  ResizeNearest nearest;
  ResizeCoord coord;
  double cubic_a;
  bool exclude_outside;
};

/// Taps of output coordinate o along one axis: indices (clamped to the
/// input) and weights; returns their count, or -1 outside the crop.
inline int resize_taps(const ResizeParams &p, int64_t o, int64_t in, double scale,
                       double roi_start, double roi_end, int64_t (&idx)[4], double (&wt)[4]) {
  const double out_width = scale * double(in), x = double(o);
  double src;
  switch (p.coord) {
  case kAlignCorners:
    src = out_width == 1 ? 0.0 : x * double(in - 1) / (out_width - 1);
    break;
  case kAsymmetric:
    src = x / scale;
    break;
  case kTfHalfPixelForNn:
    src = (x + 0.5) / scale;
    break;
  case kTfCropAndResize:
    src = out_width == 1 ? (roi_end - roi_start) * double(in - 1) / 2
                         : x * (roi_end - roi_start) * double(in - 1) / (out_width - 1);
    src += roi_start * double(in - 1);
    if (src < 0 || src > double(in - 1))
      return -1;
    break;
  case kPytorchHalfPixel:
    src = out_width == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
    break;
  default:
    src = (x + 0.5) / scale - 0.5;
  }
  // An integral coordinate is the upper middle tap (ratio 1), as the
  // reference's lower-first tie break makes it.
  double low = floor(src), r = src - low;
  if (r == 0) {
    low -= 1;
    r = 1;
  }
  int n = 2;
  double c[4];
  if (p.mode == kResizeLinear) {
    c[0] = 1 - r;
    c[1] = r;
  } else if (p.mode == kResizeCubic) {
    const double a = p.cubic_a, s = 1 - r;
    c[0] = ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a;
    c[1] = ((a + 2) * r - (a + 3)) * r * r + 1;
    c[2] = ((a + 2) * s - (a + 3)) * s * s + 1;
    c[3] = ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a;
    n = 4;
  } else {
    const bool upper = r == 1 || p.nearest == kNearestCeil ||
                       (p.nearest == kRoundPreferFloor && r > 0.5) ||
                       (p.nearest == kRoundPreferCeil && r >= 0.5);
    c[0] = upper ? 0.0 : 1.0;
    c[1] = upper ? 1.0 : 0.0;
  }
  const int64_t first = int64_t(low) - (n / 2 - 1);
  double sum = 0;
  for (int t = 0; t < n; ++t) {
    if (p.exclude_outside && (first + t < 0 || first + t >= in))
      c[t] = 0;
    sum += c[t];
  }
  int taps = 0;
  for (int t = 0; t < n; ++t) {
    const double w = p.exclude_outside ? c[t] / sum : c[t];
    if (w == 0)
      continue;
    idx[taps] = min_of(max_of<int64_t>(first + t, 0), in - 1);
    wt[taps++] = w;
  }
  return taps;
}

/// scales (R values) and roi (2 * R values: starts, then ends) may be null.
template <int R, typename T, typename S, typename Q>
inline void resize(const T *x, T *y, const int64_t (&in)[R], const int64_t (&out)[R],
                   const S *scales, const Q *roi, const ResizeParams &p, T extrapolation) {
  int64_t stride[R];
  for (int d = R - 1, s = 1; d >= 0; s *= in[d--])
    stride[d] = s;
  const int64_t total = product(out);
  int64_t o[R] = {};
  for (int64_t i = 0; i < total; ++i) {
    int64_t idx[R][4];
    double wt[R][4];
    int taps[R];
    bool outside = false;
    for (int d = 0; d < R; ++d) {
      const double scale = scales ? double(scales[d]) : double(out[d]) / double(in[d]);
      taps[d] = resize_taps(p, o[d], in[d], scale, roi ? double(roi[d]) : 0.0,
                            roi ? double(roi[R + d]) : 1.0, idx[d], wt[d]);
      outside = outside || taps[d] <= 0;
    }
    if (outside) {
      y[i] = extrapolation;
    } else {
      double acc = 0;
      int t[R] = {};
      for (;;) {
        double w = 1;
        int64_t at = 0;
        for (int d = 0; d < R; ++d) {
          w *= wt[d][t[d]];
          at += idx[d][t[d]] * stride[d];
        }
        acc += w * double(x[at]);
        int d = R - 1;
        for (; d >= 0; --d) {
          if (++t[d] < taps[d])
            break;
          t[d] = 0;
        }
        if (d < 0)
          break;
      }
      y[i] = T(acc);
    }
    for (int d = R - 1; d >= 0; --d) {
      if (++o[d] < out[d])
        break;
      o[d] = 0;
    }
  }
}

} // namespace onnxc_kernels
