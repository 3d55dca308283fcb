// elementwise.h - unary maps and broadcasting binary maps.
#pragma once
#include "common.h"

namespace onnxc_kernels {

template <typename TI, typename TO, typename F>
inline void unary(const TI *x, TO *y, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = f(x[i]);
}

/// Runs a fused elementwise loop f(at, count) over all n elements of its
/// result (codegen/cpp/emitters/FusedEmitter.cpp). f reads its broadcast
/// operands once per `run` elements, so a split (element_runs_threads)
/// keeps runs whole.
template <typename F> inline void element_runs(int64_t n, int64_t run, F f) {
  (void)run;
  f(int64_t(0), n);
}

/// out = f(a, b) where a and b already have the output's shape.
template <typename TA, typename TB, typename TO, typename F>
inline void binary_same_shape(const TA *a, const TB *b, TO *out, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i)
    out[i] = f(a[i], b[i]);
}

/// out = f(a, b) with numpy broadcasting: strideA/strideB are the inputs'
/// strides in the output's index space (0 along broadcast dimensions).
template <int R, typename TA, typename TB, typename TO, typename F>
inline void binary_broadcast(const TA *a, const TB *b, TO *out, const int64_t (&shape)[R],
                             const int64_t (&strideA)[R], const int64_t (&strideB)[R], F f) {
  for_each_index(shape, strideA, strideB,
                 [&](int64_t i, int64_t ia, int64_t ib) { out[i] = f(a[ia], b[ib]); });
}

/// out = c ? x : y with all three broadcast to out's shape (Where).
template <int R, typename C, typename T>
inline void select_broadcast(const C *c, const T *x, const T *y, T *out,
                             const int64_t (&shape)[R], const int64_t (&strideC)[R],
                             const int64_t (&strideX)[R], const int64_t (&strideY)[R]) {
  // for_each_index keeps two offsets in step; the third is derived per index.
  for_each_index(shape, strideX, strideY, [&](int64_t i, int64_t ix, int64_t iy) {
    int64_t ic = 0, rest = i;
    for (int d = R - 1; d >= 0; --d) {
      ic += (rest % shape[d]) * strideC[d];
      rest /= shape[d];
    }
    out[i] = c[ic] ? x[ix] : y[iy];
  });
}

} // namespace onnxc_kernels
