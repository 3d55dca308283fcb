//===- GemmBlockedTest.cpp - the blocked GEMM against a plain triple loop -===//
//
// Compiled with -march=native, so it runs the micro-kernel the host's
// generated code runs (AVX-512, AVX2, NEON or scalar). The shapes cross every
// edge of the blocking: leftover row groups (rows, 4, 1), narrow last panels
// (1, 2 or all vectors), several row blocks (block_rows) and depth blocks
// (depth), transposed and broadcast operands. Reference: a double-precision
// triple loop.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/gemm.h"

#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

struct Case {
  int64_t M, N, K;
  bool transA, transB;
};

void check(const Case &c) {
  const auto a = values(c.M * c.K, 1), b = values(c.K * c.N, 2), y0 = values(c.M * c.N, 3);
  const MatrixStrides sa = c.transA ? MatrixStrides{1, c.M} : MatrixStrides{c.K, 1};
  const MatrixStrides sb = c.transB ? MatrixStrides{1, c.K} : MatrixStrides{c.N, 1};
  const float alpha = 0.75f;
  std::vector<float> y = y0;
  matmul_accumulate(a.data(), sa, b.data(), sb, y.data(), c.M, c.N, c.K, alpha);
  double worst = 0;
  for (int64_t i = 0; i < c.M; ++i)
    for (int64_t j = 0; j < c.N; ++j) {
      double ref = 0;
      for (int64_t k = 0; k < c.K; ++k)
        ref += double(a[i * sa.row + k * sa.col]) * double(b[k * sb.row + j * sb.col]);
      ref = y0[i * c.N + j] + alpha * ref;
      worst = std::fmax(worst, std::fabs(y[i * c.N + j] - ref) / (1e-4 + std::fabs(ref)));
      ASSERT_NEAR(y[i * c.N + j], ref, 1e-4 + 1e-5 * c.K) << "at " << i << ", " << j;
    }
  std::printf("%lldx%lldx%lld%s%s: worst relative error %.2g\n", (long long)c.M, (long long)c.N,
              (long long)c.K, c.transA ? " A^T" : "", c.transB ? " B^T" : "", worst);
}

} // namespace

TEST(GemmBlocked, EdgesOfEveryBlock) {
  using Shape = GemmShape<float>;
  const int64_t mr = Shape::rows, nr = Shape::vectors * Shape::Lanes::width;
  const int64_t mc = Shape::block_rows, kc = Shape::depth;
  const Case cases[] = {
      {1, 1, 1, false, false},
      {mr, nr, 7, false, false},
      {mr + 4 + 1, nr + 1, kc + 3, false, false},        // row groups rows, 4, 1; 1-vector edge
      {2 * mr + 3, 2 * nr + nr / 2 + 1, 33, false, false}, // wider edge panels
      {mc + mr + 5, 3 * nr - 3, 2 * kc + 5, false, false}, // two row blocks, three depth blocks
      {mc + 2, nr * 4, kc, false, false},                  // b read in place and packed
      {37, 45, 53, true, false},
      {29, 61, 2 * kc + 1, false, true}, // the recurrent ops' x * W^T, many rows
      {3, 61, 40, false, true},           // few rows: dot products
  };
  for (const Case &c : cases)
    check(c);
}

TEST(GemmBlocked, MatrixVectorProducts) {
  // gemv.h: column tiles of 8, 4, 2 and 1 vectors and single columns; dot
  // products four rows of b at a time and one, over vector pairs, a single
  // vector and leftover elements of K; a strided (transposed) a.
  const int64_t w = GemmShape<float>::Lanes::width;
  const Case cases[] = {
      {1, 15 * w + 3, 77, false, false},
      {1, 2, 5, false, false},
      {1, 7, 7 * w + 5, false, true},
      {1, 4, 2 * w, false, true},
      {2, 9, 33, true, true},
  };
  for (const Case &c : cases)
    check(c);
}

TEST(GemmBlocked, BroadcastRowOfA) {
  // rnn.h multiplies a single row given with row stride 0.
  const int64_t N = 70, K = 300;
  const auto a = values(K, 4), b = values(K * N, 5);
  std::vector<float> y(N, 0.0f);
  matmul_accumulate(a.data(), MatrixStrides{0, 1}, b.data(), MatrixStrides{N, 1}, y.data(), 1, N,
                    K, 1.0f);
  for (int64_t j = 0; j < N; ++j) {
    double ref = 0;
    for (int64_t k = 0; k < K; ++k)
      ref += double(a[k]) * double(b[k * N + j]);
    EXPECT_NEAR(y[j], ref, 1e-4 + 1e-5 * K) << j;
  }
}
