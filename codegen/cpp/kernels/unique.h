// unique.h - Unique over the slices of an axis (or the elements).
//
// No scratch memory: quadratic comparisons, with the `indices` output (one
// entry per distinct slice, the compiled count) holding the work list.
#pragma once
#include "common.h"

namespace onnxc_kernels {

/// Slices a and b of x viewed as [outer, dim, inner], compared
/// lexicographically in row-major order: -1, 0 or 1.
template <typename T>
inline int compare_slices(const T *x, int64_t outer, int64_t dim, int64_t inner, int64_t a,
                          int64_t b) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      T u = x[(o * dim + a) * inner + i], v = x[(o * dim + b) * inner + i];
      if (u < v)
        return -1;
      if (v < u)
        return 1;
    }
  return 0;
}

/// y as [outer, distinct, inner]: the distinct slices in first-occurrence
/// order, or ascending with `sorted`; indices: each one's first occurrence;
/// inverse (dim entries): which distinct slice each input slice is; counts:
/// how often each occurs. False when there are not exactly `distinct`.
template <typename T>
inline bool unique(const T *x, T *y, int64_t *indices, int64_t *inverse, int64_t *counts,
                   int64_t outer, int64_t dim, int64_t inner, int64_t distinct, bool sorted) {
  int64_t found = 0;
  for (int64_t j = 0; j < dim; ++j) {
    bool first = true;
    for (int64_t p = 0; p < j && first; ++p)
      first = compare_slices(x, outer, dim, inner, p, j) != 0;
    if (!first)
      continue;
    if (found == distinct)
      return false;
    indices[found++] = j;
  }
  if (found != distinct)
    return false;
  for (int64_t u = 1; sorted && u < distinct; ++u)
    for (int64_t v = u; v > 0 && compare_slices(x, outer, dim, inner, indices[v], indices[v - 1]) < 0;
         --v) {
      int64_t t = indices[v];
      indices[v] = indices[v - 1];
      indices[v - 1] = t;
    }
  for (int64_t u = 0; u < distinct; ++u) {
    counts[u] = 0;
    for (int64_t o = 0; o < outer; ++o)
      memcpy(y + (o * distinct + u) * inner, x + (o * dim + indices[u]) * inner,
             (size_t)inner * sizeof(T));
  }
  for (int64_t j = 0; j < dim; ++j)
    for (int64_t u = 0; u < distinct; ++u)
      if (compare_slices(x, outer, dim, inner, j, indices[u]) == 0) {
        inverse[j] = u;
        ++counts[u];
        break;
      }
  return true;
}

} // namespace onnxc_kernels
