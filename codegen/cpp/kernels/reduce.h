// reduce.h - reductions over any set of axes (the Reduce* ops).
//
// The compiler drops unit dimensions and merges adjacent dimensions that are
// all kept or all reduced, then splits off the last one. The input is walked
// once in memory order as rows of n elements: `shape` spans the rows, and
// outStride gives the output's stride along each of its dimensions (0 where
// reduced). A row either folds into one output element (rowReduced) or
// combines elementwise into n consecutive output elements.
#pragma once
#include "scalar_math.h"

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

/// `highest` is the type's largest value (+INFINITY for floating point).
template <int R, typename T>
inline void reduce_min(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                       const int64_t (&outStride)[R], int64_t n, bool rowReduced, T highest) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, highest,
         [](T a, T b) { return min_of(a, b); });
}

template <int R, typename T>
inline void reduce_prod(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                        const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, T(1),
         [](T a, T b) { return T(a * b); });
}

template <int R, typename T>
inline void reduce_sum_square(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                              const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, T(0),
         [](T a, T b) { return T(a + b * b); });
}

template <int R, typename T>
inline void reduce_l1(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                      const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, T(0),
         [](T a, T b) { return T(a + m_abs(b)); });
}

/// y = f(y) over the n outputs: the last step of L2, LogSum, LogSumExp.
template <typename T, typename F> inline void reduce_finish(T *y, int64_t n, F f) {
  for (int64_t j = 0; j < n; ++j)
    y[j] = f(y[j]);
}

template <int R, typename T>
inline void reduce_l2(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                      const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce_sum_square(x, y, outElements, shape, outStride, n, rowReduced);
  reduce_finish(y, outElements, [](T v) { return m_sqrt(v); });
}

template <int R, typename T>
inline void reduce_log_sum(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                           const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce_sum(x, y, outElements, shape, outStride, n, rowReduced);
  reduce_finish(y, outElements, [](T v) { return m_log(v); });
}

template <int R, typename T>
inline void reduce_log_sum_exp(const T *x, T *y, int64_t outElements, const int64_t (&shape)[R],
                               const int64_t (&outStride)[R], int64_t n, bool rowReduced) {
  reduce(x, y, outElements, shape, outStride, n, rowReduced, T(0),
         [](T a, T b) { return T(a + m_exp(b)); });
  reduce_finish(y, outElements, [](T v) { return m_log(v); });
}

/// ReduceSum with axes read at run time (`naxes` of them). The output shape
/// was fixed at compile time: returns false, writing nothing, when the axes
/// are out of range or give another shape.
template <int R, typename T>
inline bool reduce_sum_runtime_axes(const T *x, T *y, const int64_t (&shape)[R],
                                    const int64_t *outShape, int64_t outRank,
                                    const int64_t *axes, int64_t naxes, bool keepdims,
                                    bool noopWithEmptyAxes) {
  bool reduced[R];
  for (int d = 0; d < R; ++d)
    reduced[d] = naxes == 0 && !noopWithEmptyAxes;
  for (int64_t i = 0; i < naxes; ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + R : axes[i];
    if (a < 0 || a >= R)
      return false;
    reduced[a] = true;
  }
  int64_t k = 0, outStride[R], outElements = 1;
  for (int d = 0; d < R; ++d)
    if (!reduced[d] || keepdims) {
      if (k >= outRank || outShape[k] != (reduced[d] ? 1 : shape[d]))
        return false;
      ++k;
    }
  if (k != outRank)
    return false;
  for (int d = R - 1; d >= 0; --d) {
    outStride[d] = reduced[d] ? 0 : outElements;
    outElements *= reduced[d] ? 1 : shape[d];
  }
  for (int64_t j = 0; j < outElements; ++j)
    y[j] = T(0);
  for_each_index(shape, outStride, outStride,
                 [&](int64_t i, int64_t o, int64_t) { y[o] = T(y[o] + x[i]); });
  return true;
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
