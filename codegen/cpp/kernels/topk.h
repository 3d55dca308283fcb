// topk.h - TopK along one axis.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// x viewed as [outer, dim, inner]; values and indices as [outer, k, inner].
/// Each row keeps its best k so far in order (insertion), so equal values
/// keep their input order: the lower index comes first, as ONNX asks.
template <typename T>
inline void top_k(const T *x, T *values, int64_t *indices, int64_t outer, int64_t dim,
                  int64_t inner, int64_t k, bool largest) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const T *row = x + o * dim * inner + i;
      T *val = values + o * k * inner + i;
      int64_t *idx = indices + o * k * inner + i;
      int64_t count = 0;
      for (int64_t j = 0; j < dim; ++j) {
        T v = row[j * inner];
        int64_t pos;
        if (count < k)
          pos = count++;
        else if (k > 0 && (largest ? v > val[(k - 1) * inner] : v < val[(k - 1) * inner]))
          pos = k - 1;
        else
          continue;
        for (; pos > 0 && (largest ? v > val[(pos - 1) * inner] : v < val[(pos - 1) * inner]);
             --pos) {
          val[pos * inner] = val[(pos - 1) * inner];
          idx[pos * inner] = idx[(pos - 1) * inner];
        }
        val[pos * inner] = v;
        idx[pos * inner] = j;
      }
    }
}

} // namespace onnxc_kernels
