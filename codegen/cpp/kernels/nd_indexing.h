// nd_indexing.h - GatherND and ScatterND.
//
// An index tuple of length m names a slice of `slice` contiguous elements of
// data: its offset is the sum of each (wrapped) index times `strides`, the
// row-major strides of the m addressed dims.
#pragma once
#include "common.h"
#include "elements_indexing.h"

namespace onnxc_kernels {

/// The offset of the slice that `tuple` names; false when an index is out of
/// range.
inline bool tuple_offset(const int64_t *tuple, int64_t m, const int64_t *dims,
                         const int64_t *strides, int64_t &offset) {
  offset = 0;
  for (int64_t j = 0; j < m; ++j) {
    int64_t k;
    if (!wrap_index(tuple[j], dims[j], k))
      return false;
    offset += k * strides[j];
  }
  return true;
}

/// data as [batches, batch_elements], indices as [batches, tuples, m], out
/// as [batches, tuples, slice]. A tuple out of range (undefined in ONNX)
/// yields zeros instead of reading out of bounds.
template <typename T>
inline void gather_nd(const T *data, const int64_t *indices, T *out, int64_t batches,
                      int64_t batch_elements, int64_t tuples, int64_t m, const int64_t *dims,
                      const int64_t *strides, int64_t slice) {
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t t = 0; t < tuples; ++t) {
      int64_t n = b * tuples + t, offset;
      T *dst = out + n * slice;
      if (tuple_offset(indices + n * m, m, dims, strides, offset))
        memcpy(dst, data + b * batch_elements + offset, (size_t)slice * sizeof(T));
      else
        memset(dst, 0, (size_t)slice * sizeof(T));
    }
}

/// out = data, then each slice of updates combined into the slice its tuple
/// names, in tuple order. Tuples out of range are skipped.
template <typename T>
inline void scatter_nd(const T *data, const int64_t *indices, const T *updates, T *out,
                       int64_t data_elements, int64_t tuples, int64_t m, const int64_t *dims,
                       const int64_t *strides, int64_t slice, ScatterReduction reduction) {
  if (out != data)
    memcpy(out, data, (size_t)data_elements * sizeof(T));
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t offset;
    if (!tuple_offset(indices + t * m, m, dims, strides, offset))
      continue;
    for (int64_t e = 0; e < slice; ++e)
      out[offset + e] = scatter_combine(reduction, out[offset + e], updates[t * slice + e]);
  }
}

} // namespace onnxc_kernels
