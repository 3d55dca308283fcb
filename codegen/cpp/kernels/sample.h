// sample.h - GridSample and RoiAlign: values of an image read at fractional
// positions (nearest, bilinear, bicubic).
#pragma once
#include "scalar_math.h"

namespace onnxc_kernels {

enum class GridPadding { Zeros, Border, Reflection };
enum class GridMode { Nearest, Bilinear, Bicubic };

/// Reflects x at the borders lo and hi until it lies between them.
template <typename T> inline T grid_reflect(T x, T lo, T hi) {
  const T range = hi - lo;
  if (x < lo) {
    const T dx = lo - x;
    const int64_t n = int64_t(dx / range);
    const T r = dx - T(n) * range;
    return n % 2 == 0 ? lo + r : hi - r;
  }
  if (x > hi) {
    const T dx = x - hi;
    const int64_t n = int64_t(dx / range);
    const T r = dx - T(n) * range;
    return n % 2 == 0 ? hi - r : lo + r;
  }
  return x;
}

/// The pixel (r, c) of an h x w image, outside it by the padding mode
/// (reflection between the borders lo/hi of each axis).
template <typename T>
inline T grid_pixel(const T *image, int64_t r, int64_t c, int64_t h, int64_t w,
                    GridPadding padding, const T (&lo)[2], const T (&hi)[2]) {
  if (padding == GridPadding::Zeros)
    return c >= 0 && c < w && r >= 0 && r < h ? image[r * w + c] : T(0);
  if (padding == GridPadding::Border) {
    c = min_of(max_of(c, int64_t(0)), w - 1);
    r = min_of(max_of(r, int64_t(0)), h - 1);
  } else {
    c = int64_t(grid_reflect(T(c), lo[0], hi[0]));
    r = int64_t(grid_reflect(T(r), lo[1], hi[1]));
  }
  return image[r * w + c];
}

/// Keys' cubic convolution weights (a = -0.75) of the 4 taps around a point
/// at distance x in [0, 1) after tap 1.
inline void grid_cubic_coeffs(float x, float (&c)[4]) {
  constexpr float a = -0.75f;
  x = x < 0 ? -x : x;
  c[0] = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a;
  c[1] = ((a + 2) * x - (a + 3)) * x * x + 1;
  c[2] = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1;
  c[3] = ((a * (2 - x) - 5 * a) * (2 - x) + 8 * a) * (2 - x) - 4 * a;
}

/// GridSample of X [n, c, h, w] at grid [n, ho, wo, 2] (x then y, -1..1 the
/// image's extent: its corner pixels' centres with align_corners, else its
/// edges) into y [n, c, ho, wo], as ONNX Runtime computes it: points outside
/// the image are clamped or reflected first (border, reflection), then every
/// tap is read through the padding mode.
template <typename T>
inline void grid_sample(const T *x, const T *grid, T *y, int64_t n, int64_t c, int64_t h,
                        int64_t w, int64_t ho, int64_t wo, GridMode mode, GridPadding padding,
                        bool align_corners) {
  const T lo[2] = {align_corners ? T(0) : T(-0.5), align_corners ? T(0) : T(-0.5)};
  const T hi[2] = {align_corners ? T(w - 1) : T(w) - T(0.5),
                   align_corners ? T(h - 1) : T(h) - T(0.5)};
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch) {
      const T *image = x + (b * c + ch) * h * w;
      T *out = y + (b * c + ch) * ho * wo;
      for (int64_t p = 0; p < ho * wo; ++p) {
        const T *g = grid + (b * ho * wo + p) * 2;
        T px = align_corners ? (g[0] + 1) / 2 * T(w - 1) : ((g[0] + 1) * T(w) - 1) / 2;
        T py = align_corners ? (g[1] + 1) / 2 * T(h - 1) : ((g[1] + 1) * T(h) - 1) / 2;
        if (mode == GridMode::Nearest) {
          px = m_round_even(px);
          py = m_round_even(py);
        }
        if (px < lo[0] || px > hi[0] || py < lo[1] || py > hi[1]) {
          if (padding == GridPadding::Border) {
            px = min_of(max_of(px, T(0)), T(w - 1));
            py = min_of(max_of(py, T(0)), T(h - 1));
          } else if (padding == GridPadding::Reflection) {
            px = grid_reflect(px, lo[0], hi[0]);
            py = grid_reflect(py, lo[1], hi[1]);
          }
        }
        if (mode == GridMode::Nearest) {
          out[p] = grid_pixel(image, int64_t(py), int64_t(px), h, w, padding, lo, hi);
        } else if (mode == GridMode::Bilinear) {
          const int64_t x1 = int64_t(m_floor(px)), y1 = int64_t(m_floor(py));
          const T p11 = grid_pixel(image, y1, x1, h, w, padding, lo, hi);
          const T p12 = grid_pixel(image, y1, x1 + 1, h, w, padding, lo, hi);
          const T p21 = grid_pixel(image, y1 + 1, x1, h, w, padding, lo, hi);
          const T p22 = grid_pixel(image, y1 + 1, x1 + 1, h, w, padding, lo, hi);
          const T dx2 = T(x1 + 1) - px, dx1 = px - T(x1), dy2 = T(y1 + 1) - py,
                  dy1 = py - T(y1);
          out[p] = dy2 * (dx2 * p11 + dx1 * p12) + dy1 * (dx2 * p21 + dx1 * p22);
        } else {
          const int64_t x0 = int64_t(m_floor(px)) - 1, y0 = int64_t(m_floor(py)) - 1;
          float cx[4], cy[4], rows[4];
          grid_cubic_coeffs(float(px - T(x0) - 1), cx);
          grid_cubic_coeffs(float(py - T(y0) - 1), cy);
          for (int64_t i = 0; i < 4; ++i) {
            rows[i] = 0;
            for (int64_t j = 0; j < 4; ++j)
              rows[i] += cx[j] * float(grid_pixel(image, y0 + i, x0 + j, h, w, padding, lo, hi));
          }
          out[p] = T(cy[0] * rows[0] + cy[1] * rows[1] + cy[2] * rows[2] + cy[3] * rows[3]);
        }
      }
    }
}

/// Bilinear weights and offsets of a point (y, x) of an h x w image, as
/// ONNX Runtime's RoiAlign takes them: points more than one pixel outside
/// weigh nothing, the others are clamped to the image.
template <typename T> struct RoiTap {
  int64_t pos[4];
  T weight[4];
};
template <typename T> inline RoiTap<T> roi_tap(T y, T x, int64_t h, int64_t w) {
  RoiTap<T> t = {{0, 0, 0, 0}, {0, 0, 0, 0}};
  if (y < T(-1) || y > T(h) || x < T(-1) || x > T(w))
    return t;
  y = max_of(y, T(0));
  x = max_of(x, T(0));
  int64_t y_lo = int64_t(y), x_lo = int64_t(x), y_hi = y_lo + 1, x_hi = x_lo + 1;
  if (y_lo >= h - 1) {
    y_hi = y_lo = h - 1;
    y = T(y_lo);
  }
  if (x_lo >= w - 1) {
    x_hi = x_lo = w - 1;
    x = T(x_lo);
  }
  const T ly = y - T(y_lo), lx = x - T(x_lo), hy = 1 - ly, hx = 1 - lx;
  t.pos[0] = y_lo * w + x_lo;
  t.pos[1] = y_lo * w + x_hi;
  t.pos[2] = y_hi * w + x_lo;
  t.pos[3] = y_hi * w + x_hi;
  t.weight[0] = hy * hx;
  t.weight[1] = hy * lx;
  t.weight[2] = ly * hx;
  t.weight[3] = ly * lx;
  return t;
}

/// RoiAlign of X [n, c, h, w] over rois [r, 4] (x1, y1, x2, y2) of images
/// batch_indices[r] into y [r, c, oh, ow]: each bin's mean (or, with
/// `max_mode`, the largest weighted tap) of a grid of bilinear samples.
/// `half_pixel` shifts coordinates by -0.5 (else regions are at least 1x1).
/// False when a batch index is outside [0, n).
template <typename T>
inline bool roi_align(const T *x, const T *rois, const int64_t *batch_indices, T *y, int64_t n,
                      int64_t c, int64_t h, int64_t w, int64_t r, int64_t oh, int64_t ow,
                      int64_t sampling_ratio, T spatial_scale, bool half_pixel, bool max_mode) {
  for (int64_t k = 0; k < r; ++k) {
    const int64_t b = batch_indices[k];
    if (b < 0 || b >= n)
      return false;
    const T *roi = rois + k * 4, offset = half_pixel ? T(0.5) : T(0);
    const T x0 = roi[0] * spatial_scale - offset, y0 = roi[1] * spatial_scale - offset;
    T rw = roi[2] * spatial_scale - offset - x0, rh = roi[3] * spatial_scale - offset - y0;
    if (!half_pixel) {
      rw = max_of(rw, T(1));
      rh = max_of(rh, T(1));
    }
    const T bin_h = rh / T(oh), bin_w = rw / T(ow);
    const int64_t grid_h = sampling_ratio > 0 ? sampling_ratio : int64_t(m_ceil(rh / T(oh)));
    const int64_t grid_w = sampling_ratio > 0 ? sampling_ratio : int64_t(m_ceil(rw / T(ow)));
    const T count = T(max_of(grid_h * grid_w, int64_t(1)));
    for (int64_t ch = 0; ch < c; ++ch) {
      const T *image = x + (b * c + ch) * h * w;
      T *out = y + (k * c + ch) * oh * ow;
      for (int64_t ph = 0; ph < oh; ++ph)
        for (int64_t pw = 0; pw < ow; ++pw) {
          T acc = 0;
          bool first = true;
          for (int64_t iy = 0; iy < grid_h; ++iy)
            for (int64_t ix = 0; ix < grid_w; ++ix) {
              const T sy = y0 + T(ph) * bin_h + (T(iy) + T(0.5)) * bin_h / T(grid_h);
              const T sx = x0 + T(pw) * bin_w + (T(ix) + T(0.5)) * bin_w / T(grid_w);
              const RoiTap<T> t = roi_tap(sy, sx, h, w);
              if (!max_mode) {
                for (int q = 0; q < 4; ++q)
                  acc += t.weight[q] * image[t.pos[q]];
                continue;
              }
              T v = t.weight[0] * image[t.pos[0]];
              for (int q = 1; q < 4; ++q)
                v = max_of(v, t.weight[q] * image[t.pos[q]]);
              acc = first ? v : max_of(acc, v);
              first = false;
            }
          out[ph * ow + pw] = max_mode ? acc : acc / count;
        }
    }
  }
  return true;
}

} // namespace onnxc_kernels
