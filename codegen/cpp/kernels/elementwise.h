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
/// Row by row along the last axis: where its strides are 1 or 0 (the usual
/// case: a tensor and a scalar, a row or a column) the inner loop has no
/// index arithmetic and vectorises, which an element-by-element walk does
/// not (the transformer's attention scores / sqrt(d) spent 3.6% there).
template <int R, typename TA, typename TB, typename TO, typename F>
inline void binary_broadcast(const TA *a, const TB *b, TO *out, const int64_t (&shape)[R],
                             const int64_t (&strideA)[R], const int64_t (&strideB)[R], F f) {
  const int64_t n = shape[R - 1], sa = strideA[R - 1], sb = strideB[R - 1];
  if (n == 0) // nothing to write, and *br below could lie past an empty b
    return;
  int64_t rows[R]; // shape with a last axis of 1: one index per row
  for (int d = 0; d < R; ++d)
    rows[d] = d == R - 1 ? 1 : shape[d];
  for_each_index(rows, strideA, strideB, [&](int64_t r, int64_t ia, int64_t ib) {
    const TA *ar = a + ia;
    const TB *br = b + ib;
    TO *o = out + r * n;
    if (sa == 1 && sb == 0) {
      const TB bv = *br;
      for (int64_t j = 0; j < n; ++j)
        o[j] = f(ar[j], bv);
    } else if (sa == 0 && sb == 1) {
      const TA av = *ar;
      for (int64_t j = 0; j < n; ++j)
        o[j] = f(av, br[j]);
    } else if (sa == 1 && sb == 1) {
      for (int64_t j = 0; j < n; ++j)
        o[j] = f(ar[j], br[j]);
    } else {
      for (int64_t j = 0; j < n; ++j)
        o[j] = f(ar[j * sa], br[j * sb]);
    }
  });
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
