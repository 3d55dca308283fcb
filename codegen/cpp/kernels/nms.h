// nms.h - NonMaxSuppression.
//
// No scratch memory: each class visits its candidates best first by
// repeatedly taking the best one ranked after the last visited (quadratic),
// and the boxes kept so far are read back from the output rows.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Box corners with y1 <= y2 and x1 <= x2.
struct NmsBox {
  double y1, x1, y2, x2;
};

/// From corners (y1, x1, y2, x2) in any order, or from (x_center,
/// y_center, width, height).
template <typename T> inline NmsBox nms_box(const T *b, bool center) {
  if (center)
    return {double(b[1]) - double(b[3]) / 2, double(b[0]) - double(b[2]) / 2,
            double(b[1]) + double(b[3]) / 2, double(b[0]) + double(b[2]) / 2};
  return {min_of(double(b[0]), double(b[2])), min_of(double(b[1]), double(b[3])),
          max_of(double(b[0]), double(b[2])), max_of(double(b[1]), double(b[3]))};
}

inline double nms_area(const NmsBox &a) { return (a.y2 - a.y1) * (a.x2 - a.x1); }

/// Intersection over union; 0 when either box is empty.
inline double nms_iou(const NmsBox &a, const NmsBox &b) {
  double h = min_of(a.y2, b.y2) - max_of(a.y1, b.y1), w = min_of(a.x2, b.x2) - max_of(a.x1, b.x1);
  if (h <= 0 || w <= 0 || nms_area(a) <= 0 || nms_area(b) <= 0)
    return 0;
  double inter = h * w;
  return inter / (nms_area(a) + nms_area(b) - inter);
}

/// Whether candidate a ranks before b: higher score, then lower index.
template <typename T> inline bool nms_before(const T *scores, int64_t a, int64_t b) {
  return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
}

/// boxes [batches, n, 4], scores [batches, classes, n]; out [rows, 3] of
/// (batch, class, box). max_out, iou and score thresholds may be null
/// (0 boxes, 0, none). False when the selection is not exactly `rows` boxes.
template <typename T, typename F>
inline bool non_max_suppression(const T *boxes, const T *scores, const int64_t *max_out,
                                const F *iou_threshold, const F *score_threshold, int64_t *out,
                                int64_t batches, int64_t classes, int64_t n, int64_t rows,
                                bool center) {
  int64_t limit = max_out ? max_out[0] : 0;
  double iou_max = iou_threshold ? double(iou_threshold[0]) : 0;
  int64_t count = 0;
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t c = 0; c < classes; ++c) {
      const T *s = scores + (b * classes + c) * n;
      const T *bx = boxes + b * n * 4;
      int64_t first = count, last = -1;
      while (count - first < limit) {
        int64_t next = -1;
        for (int64_t i = 0; i < n; ++i) {
          if (score_threshold && !(double(s[i]) > double(score_threshold[0])))
            continue;
          if ((last < 0 || nms_before(s, last, i)) && (next < 0 || nms_before(s, i, next)))
            next = i;
        }
        if (next < 0)
          break;
        last = next;
        NmsBox candidate = nms_box(bx + next * 4, center);
        bool keep = true;
        for (int64_t r = first; r < count && keep; ++r)
          keep = !(nms_iou(candidate, nms_box(bx + out[r * 3 + 2] * 4, center)) > iou_max);
        if (!keep)
          continue;
        if (count == rows)
          return false;
        out[count * 3] = b;
        out[count * 3 + 1] = c;
        out[count * 3 + 2] = next;
        ++count;
      }
    }
  return count == rows;
}

} // namespace onnxc_kernels
