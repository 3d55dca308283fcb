// elements_indexing.h - GatherElements and ScatterElements.
//
// Both walk the index tensor in row-major order. `data_stride` holds data's
// row-major strides with 0 along the axis, so the walk's offset addresses
// data at the index's own coordinates except along the axis, where the index
// value (times axis_stride) is added.
#pragma once
#include "common.h"

namespace onnxc_kernels {

enum ScatterReduction { SCATTER_NONE, SCATTER_ADD, SCATTER_MUL };

template <typename T> inline T scatter_combine(ScatterReduction r, T old, T update) {
  switch (r) {
  case SCATTER_ADD:
    return T(old + update);
  case SCATTER_MUL:
    return T(old * update);
  default:
    return update;
  }
}

/// Negative indices count from the end; false when out of [0, dim).
template <typename I> inline bool wrap_index(I value, int64_t dim, int64_t &k) {
  k = int64_t(value);
  if (k < 0)
    k += dim;
  return k >= 0 && k < dim;
}

/// out has the shape of indices. An index out of range (undefined in ONNX)
/// yields 0 instead of reading out of bounds.
template <int R, typename T, typename I>
inline void gather_elements(const T *data, const I *indices, T *out, const int64_t (&shape)[R],
                            const int64_t (&data_stride)[R], int64_t axis_dim,
                            int64_t axis_stride) {
  for_each_index(shape, data_stride, data_stride, [&](int64_t i, int64_t off, int64_t) {
    int64_t k;
    out[i] = wrap_index(indices[i], axis_dim, k) ? data[off + k * axis_stride] : T(0);
  });
}

/// out = data, then each update combined into the element its index names,
/// in index order (later duplicates win with SCATTER_NONE). Indices out of
/// range are skipped.
template <int R, typename T, typename I>
inline void scatter_elements(const T *data, const I *indices, const T *updates, T *out,
                             int64_t data_elements, const int64_t (&shape)[R],
                             const int64_t (&data_stride)[R], int64_t axis_dim,
                             int64_t axis_stride, ScatterReduction reduction) {
  if (out != data)
    memcpy(out, data, (size_t)data_elements * sizeof(T));
  for_each_index(shape, data_stride, data_stride, [&](int64_t i, int64_t off, int64_t) {
    int64_t k;
    if (wrap_index(indices[i], axis_dim, k)) {
      T &dst = out[off + k * axis_stride];
      dst = scatter_combine(reduction, dst, updates[i]);
    }
  });
}

} // namespace onnxc_kernels
