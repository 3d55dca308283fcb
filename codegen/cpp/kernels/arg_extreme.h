// arg_extreme.h - ArgMax / ArgMin along one axis.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// x viewed as [outer, n, inner], y as [outer, inner]: the index along n of
/// the largest (is_max) or smallest value; ties go to the first index, or to
/// the last one with `last` (select_last_index).
template <typename T>
inline void arg_extreme(const T *x, int64_t *y, int64_t outer, int64_t n, int64_t inner,
                        bool is_max, bool last) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const T *p = x + o * n * inner + i;
      int64_t best = 0;
      for (int64_t k = 1; k < n; ++k) {
        T c = p[k * inner], b = p[best * inner];
        if (is_max ? (c > b || (last && c == b)) : (c < b || (last && c == b)))
          best = k;
      }
      y[o * inner + i] = best;
    }
}

} // namespace onnxc_kernels
