// simd_transpose.h against element-by-element definitions: the square
// transposes at every edge size (the masked partial squares), and the
// four-row interleave and its inverse (conv_winograd.h's output and input
// tiles) at every length around the vector widths, in registers on x86 and
// element by element elsewhere. Values are distinct integers, so any
// misplaced one shows.
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/simd_transpose.h"
#include <gtest/gtest.h>
#include <vector>

using namespace onnxc_kernels;

TEST(SimdTranspose, BlockAtEveryEdge) {
  for (int64_t rows = 1; rows <= 35; rows += 1)
    for (int64_t cols : {1, 7, 8, 9, 15, 16, 17, 33}) {
      const int64_t ld_from = cols + 3, ld_to = rows + 5;
      std::vector<float> from(rows * ld_from), to(cols * ld_to, -1.0f);
      for (size_t i = 0; i < from.size(); ++i)
        from[i] = float(i);
      transpose_block(from.data(), ld_from, to.data(), ld_to, rows, cols);
      for (int64_t c = 0; c < cols; ++c)
        for (int64_t r = 0; r < ld_to; ++r)
          ASSERT_EQ(to[c * ld_to + r], r < rows ? from[r * ld_from + c] : -1.0f)
              << rows << "x" << cols << " at " << r << ", " << c;
    }
}

TEST(SimdTranspose, FourRowsInterleavedAndBack) {
  for (int64_t n = 1; n <= 50; ++n) {
    const int64_t ld = n + 16; // deinterleave_rows4 may write a vector past n
    std::vector<float> rows(4 * ld), line(4 * (n + 16), -1.0f), back(4 * ld, -1.0f);
    for (size_t i = 0; i < rows.size(); ++i)
      rows[i] = float(i);
    interleave_rows4(rows.data(), ld, line.data(), n);
    for (int64_t t = 0; t < n + 16; ++t)
      for (int64_t q = 0; q < 4; ++q)
        ASSERT_EQ(line[4 * t + q], t < n ? rows[q * ld + t] : -1.0f) << n << " at " << t;
    deinterleave_rows4(line.data(), back.data(), ld, n);
    for (int64_t t = 0; t < n; ++t)
      for (int64_t q = 0; q < 4; ++q)
        ASSERT_EQ(back[q * ld + t], rows[q * ld + t]) << n << " at " << t << ", " << q;
  }
}
