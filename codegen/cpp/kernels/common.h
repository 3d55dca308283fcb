// common.h - shared by every kernel of the generated code.
//
// The kernel library is plain C++17 without the STL, exceptions or heap:
// the compiler embeds these headers (in the order of EmbedKernels.cmake, with
// #include lines removed) into each generated NAME.cpp, inside an anonymous
// namespace. Shapes and attributes arrive as compile-time constants.
#pragma once
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace onnxc_kernels {

template <typename T> inline T min_of(T a, T b) { return b < a ? b : a; }
template <typename T> inline T max_of(T a, T b) { return a < b ? b : a; }

/// The epilogue of a kernel that has no activation fused into it.
struct Identity {};

/// y[i] = act(y[i]) for the n values a kernel just finished (still in cache).
template <typename T, typename Act> inline void apply_epilogue(T *y, int64_t n, Act act) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = act(y[i]);
}
template <typename T> inline void apply_epilogue(T *, int64_t, Identity) {}

/// y[i] = act(y[i] + addend[i]): a residual Add fused into the kernel, added
/// before the activation; a null addend adds nothing.
template <typename T, typename Act>
inline void apply_epilogue(T *y, const T *addend, int64_t n, Act act) {
  if (!addend)
    return apply_epilogue(y, n, act);
  for (int64_t i = 0; i < n; ++i)
    y[i] = act(y[i] + addend[i]);
}
template <typename T> inline void apply_epilogue(T *y, const T *addend, int64_t n, Identity) {
  for (int64_t i = 0; addend && i < n; ++i)
    y[i] += addend[i];
}

/// The sum of f(j) over j < n, as Acc, kept in kLanes interleaved partial
/// sums: those vectorise, where one running sum is a serial chain the
/// compiler may not reorder (no -ffast-math). f may also store (softmax
/// writes each e^x as it sums them).
template <typename Acc, typename F> inline Acc lane_sum(int64_t n, F f) {
  constexpr int64_t kLanes = 16;
  // The split point is computed, not left in j: GCC then warns of overflow
  // ("iteration ... invokes undefined behavior") in the tail loop.
  const int64_t full = n - n % kLanes;
  Acc part[kLanes] = {};
  for (int64_t j = 0; j < full; j += kLanes)
    for (int64_t l = 0; l < kLanes; ++l)
      part[l] += Acc(f(j + l));
  Acc sum = 0;
  for (int64_t j = full; j < n; ++j)
    sum += Acc(f(j));
  for (int64_t l = 0; l < kLanes; ++l)
    sum += part[l];
  return sum;
}

template <int R> constexpr int64_t product(const int64_t (&dims)[R]) {
  int64_t n = 1;
  for (int i = 0; i < R; ++i)
    n *= dims[i];
  return n;
}

/// Visits every index of an R-d iteration space in row-major order, keeping
/// two strided offsets (for inputs a and b) in step. f(i, offsetA, offsetB)
/// receives the flat output index and the two input offsets.
template <int R, typename F>
inline void for_each_index(const int64_t (&shape)[R], const int64_t (&strideA)[R],
                           const int64_t (&strideB)[R], F f) {
  int64_t n = product(shape);
  if (n == 0)
    return;
  int64_t idx[R] = {};
  int64_t a = 0, b = 0;
  for (int64_t i = 0; i < n; ++i) {
    f(i, a, b);
    for (int d = R - 1; d >= 0; --d) {
      a += strideA[d];
      b += strideB[d];
      if (++idx[d] < shape[d])
        break;
      a -= strideA[d] * shape[d];
      b -= strideB[d] * shape[d];
      idx[d] = 0;
    }
  }
}

} // namespace onnxc_kernels
