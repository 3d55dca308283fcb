// reduce.h - reductions over any set of axes (ReduceSum, ReduceMax, ReduceMean).
//
// The compiler drops unit dimensions and merges adjacent dimensions that are
// all kept or all reduced, then splits off the last one. The input is walked
// once in memory order as rows of n elements: `shape` spans the rows, and
// outStride gives the output's stride along each of its dimensions (0 where
// reduced). A row either folds into one output element (rowReduced) or
// combines elementwise into n consecutive output elements.
#pragma once
#include "common.h"

namespace onnxc_kernels {

template <int R, typename T, typename F>
inline void reduce(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                   const int64_t (&outStride)[R], int64_t n, bool rowReduced, T init, F combine) {
  for (int64_t j = 0; j < outElements; ++j)
    y[j] = init;
  for_each_index(shape, outStride, outStride, [&](int64_t row, int64_t o, int64_t) {
    const T *xr = x + row * n;
    if (rowReduced) {
      T acc = y[o]; // in a register: no store/load per element
      for (int64_t j = 0; j < n; ++j)
        acc = combine(acc, xr[j]);
      y[o] = acc;
    } else {
      T *yr = y + o;
      for (int64_t j = 0; j < n; ++j)
        yr[j] = combine(yr[j], xr[j]);
    }
  });
}

template <int R, typename T>
inline void reduce_sum(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                       const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, T(0),
         [](T a, T b) { return T(a + b); });
}

/// `lowest` is the type's smallest value (-INFINITY for floating point).
template <int R, typename T>
inline void reduce_max(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                       const int64_t (&outStride)[R], int64_t n, bool rowReduced, T lowest) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, lowest,
         [](T a, T b) { return max_of(a, b); });
}

/// Sum, then divide by the number of inputs per output (integer types
/// truncate, as ONNX's reference casts the mean back to the input type).
/// An empty reduction keeps its sum, 0, rather than dividing by zero.
template <int R, typename T>
inline void reduce_mean(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                        const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce_sum(x, y, outElements, shape, outStride, n, rowReduced);
  const int64_t count = outElements ? product(shape) * n / outElements : 0;
  if (count == 0)
    return;
  for (int64_t j = 0; j < outElements; ++j)
    y[j] = T(y[j] / count);
}

} // namespace onnxc_kernels
