//===- PrepackedPanelsTest.cpp - a constant B stored as the GEMM's panels ===//
//
// The contract between passes/PrepackWeights.cpp (packPanels, compiler side)
// and kernels/prepacked_panels.h: Gemm and MatMul on a B packed for the
// host's micro-tile width must equal a double-precision triple loop over the
// plain B, with a narrower last panel or none, serial and split over three
// tasks by rows (many rows) and by columns (few rows). Compiled with
// -march=native, as generated code for --target=x86-64 is.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/parallel.h"
#include "passes/Passes.h"

#include "tests/unit/SerialTasks.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <vector>

using namespace onnxc_kernels;

namespace {

constexpr int kColumns = GemmShape<float>::vectors * GemmShape<float>::Lanes::width;
using Packed = PrepackedB<float, kColumns>;

/// b[K, N] (row-major) packed as the compiler does.
std::vector<float> prepack(const std::vector<float> &b, int64_t K, int64_t N) {
  std::vector<double> from(b.begin(), b.end()), to(b.size());
  onnxc::packPanels(from, K, N, kColumns, to);
  return std::vector<float>(to.begin(), to.end());
}

/// y = a[M, K] * b[K, N] + bias (per column), in double.
std::vector<double> reference(const std::vector<float> &a, const std::vector<float> &b,
                              const std::vector<float> &bias, int64_t M, int64_t N, int64_t K) {
  std::vector<double> y(M * N);
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double sum = bias[j];
      for (int64_t k = 0; k < K; ++k)
        sum += double(a[i * K + k]) * double(b[k * N + j]);
      y[i * N + j] = sum;
    }
  return y;
}

void expectNear(const std::vector<float> &y, const std::vector<double> &ref, int64_t K,
                const char *what) {
  for (size_t i = 0; i < y.size(); ++i)
    ASSERT_NEAR(y[i], ref[i], 1e-4 + 1e-5 * K) << what << " at " << i;
}

void check(int64_t M, int64_t N, int64_t K) {
  SCOPED_TRACE(testing::Message() << M << "x" << N << "x" << K);
  const auto a = values(M * K, 1), b = values(K * N, 2), bias = values(N, 3);
  const auto packed = prepack(b, K, N);
  const auto ref = reference(a, b, bias, M, N, K);
  const Threads th = {serial, 3, 1};
  const MatrixStrides rowMajor{K, 1}, unused{0, 0}, biasRow{0, 1};
  std::vector<float> y(M * N);
  gemm(a.data(), rowMajor, Packed{packed.data()}, unused, bias.data(), biasRow, y.data(), M, N, K,
       1.0f, 1.0f);
  expectNear(y, ref, K, "gemm");
  gemm_threads(th, a.data(), rowMajor, Packed{packed.data()}, unused, bias.data(), biasRow,
               y.data(), M, N, K, 1.0f, 1.0f);
  expectNear(y, ref, K, "gemm, three tasks");
  const int64_t batch[] = {1}, stride_a[] = {0}, stride_b[] = {0};
  matmul(a.data(), Packed{packed.data()}, y.data(), batch, stride_a, stride_b, M, N, K, Identity{},
         bias.data());
  expectNear(y, ref, K, "matmul");
  matmul_threads(th, a.data(), Packed{packed.data()}, y.data(), batch, stride_a, stride_b, M, N, K,
                 Identity{}, bias.data());
  expectNear(y, ref, K, "matmul, three tasks");
}

} // namespace

TEST(PrepackedPanels, EdgesOfEveryBlock) {
  using Shape = GemmShape<float>;
  const int64_t mr = Shape::rows, nr = kColumns, kc = Shape::depth;
  check(mr, nr, 7);                        // one full panel, no tail
  check(mr + 5, 3 * nr + 5, kc + 3);       // few rows (split by columns); a narrow tail
  check(4 * mr + 1, 2 * nr + nr / 2, 2 * kc + 1); // split by rows; a wider tail
  check(2 * mr, nr - 1, 33);               // only the tail
}
