//===- PrepackedGemmTest.cpp - weights prepacked by the compiler, read by the kernel ===//
//
// The contract between passes/PrepackWeights.cpp (packSlivers, compiler side)
// and the kernels that read its layout (PrepackedA in gemm_blocked.h): a GEMM
// whose a is packed by packSlivers for the host's micro-tile must equal a
// double-precision triple loop over the plain a, across every edge of the
// blocking; a Conv (one GEMM per group) and its thread split by output
// channels must equal the same Conv on the plain weights. Compiled with
// -march=native, as generated code for --target=x86-64 is.
//
//===----------------------------------------------------------------------===//
#include "tests/unit/SimdIntrinsics.h"
#include "codegen/cpp/kernels/parallel.h"
#include "passes/Passes.h"

#include "tests/unit/SerialTasks.h"
#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace onnxc_kernels;

namespace {

constexpr int kRows = GemmShape<float>::rows;

/// w[groups * rows, depth] packed group by group as the compiler does.
std::vector<float> prepack(const std::vector<float> &w, int64_t groups, int64_t rows,
                           int64_t depth) {
  std::vector<double> from(w.begin(), w.end()), to(w.size());
  for (int64_t g = 0; g < groups; ++g)
    onnxc::packSlivers(llvm::ArrayRef(from).slice(g * rows * depth, rows * depth), rows, depth,
                       kRows, llvm::MutableArrayRef(to).slice(g * rows * depth, rows * depth));
  return std::vector<float>(to.begin(), to.end());
}

void checkGemm(int64_t M, int64_t N, int64_t K) {
  const auto a = values(M * K, 1), b = values(K * N, 2), y0 = values(M * N, 3);
  const auto packed = prepack(a, 1, M, K);
  const float alpha = 0.75f;
  std::vector<float> y = y0;
  gemm_blocked(PrepackedA<float, kRows>{packed.data()}, MatrixStrides{K, 1},
               StridedPanels<float>{b.data(), {N, 1}}, y.data(), N, M, N, K, alpha);
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double ref = 0;
      for (int64_t k = 0; k < K; ++k)
        ref += double(a[i * K + k]) * double(b[k * N + j]);
      ref = y0[i * N + j] + alpha * ref;
      ASSERT_NEAR(y[i * N + j], ref, 1e-4 + 1e-5 * K)
          << M << "x" << N << "x" << K << " at " << i << ", " << j;
    }
}

/// A 3x3, stride 1, pad 1 Conv of 9x9 planes (and a pointwise one) on
/// plain and prepacked weights, serial and split over three tasks.
void checkConv(int64_t channels, int64_t filters, int64_t group, int64_t kernel) {
  const int64_t depth = channels / group * kernel * kernel, pad = kernel / 2;
  const Window<2> win = {{9, 9}, {9, 9}, {kernel, kernel}, {1, 1}, {1, 1}, {pad, pad}, {pad, pad}};
  const auto x = values(channels * 81, 4), w = values(filters * depth, 5), bias = values(filters, 6);
  const auto packed = prepack(w, group, filters / group, depth);
  std::vector<float> plain(filters * 81), fast(filters * 81), split(filters * 81);
  conv(x.data(), w.data(), bias.data(), plain.data(), 1, channels, filters, group, win);
  conv(x.data(), PrepackedA<float, kRows>{packed.data()}, bias.data(), fast.data(), 1, channels,
       filters, group, win);
  const Threads th = {serial, 3, 1};
  conv_threads(th, x.data(), PrepackedA<float, kRows>{packed.data()}, bias.data(), split.data(), 1,
               channels, filters, group, win);
  for (int64_t i = 0; i < filters * 81; ++i) {
    ASSERT_NEAR(fast[i], plain[i], 1e-5 + 1e-6 * depth) << "serial, at " << i;
    ASSERT_NEAR(split[i], plain[i], 1e-5 + 1e-6 * depth) << "three tasks, at " << i;
  }
}

} // namespace

TEST(PrepackedGemm, EdgesOfEveryBlock) {
  using Shape = GemmShape<float>;
  const int64_t mr = Shape::rows, nr = Shape::vectors * Shape::Lanes::width;
  const int64_t mc = Shape::block_rows, kc = Shape::depth;
  checkGemm(1, 1, 1);
  checkGemm(mr, nr, 7);
  checkGemm(mr + 4 + 1, 3 * nr + 1, kc + 3);    // row groups rows, 4, 1; packed b panels
  checkGemm(2 * mr + 3, nr / 2 + 1, 33);        // few panels (read in place otherwise)
  checkGemm(mc + mr + 5, 3 * nr - 3, 2 * kc + 5); // two row blocks, three depth blocks
  checkGemm(2 * mc + 1, 2 * nr, kc);
}

TEST(PrepackedGemm, ConvAndItsThreadSplit) {
  checkConv(3, 70, 1, 3);   // 11 slivers and a 4-row one; split at multiples of the sliver
  checkConv(16, 45, 1, 1);  // pointwise
  checkConv(8, 24, 2, 3);   // grouped: each group packed on its own
  checkConv(12, 15, 3, 3);  // groups of 5 filters: 4 + 1 rows
}
