//===- SoftmaxNormTest.cpp - softmax and layer_norm against double loops --===//
//
// Compiled with -march=native (as generated code is), so the vectorised row
// paths run as they do in a model: softmax along contiguous rows (fast_exp)
// and along a strided axis, log_softmax, and layer_norm's moments summed in
// lane-wise partial sums. Row lengths cross the 16-lane blocks (1, 15, 16,
// 17, 32, 100); scores span the whole range where e^(x - max) matters and
// include -inf (a masked score, exactly 0 after softmax). Reference: the
// definitions evaluated in double with libm.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/kernels/normalize.h"
#include "codegen/cpp/kernels/softmax.h"

#include "tests/unit/Values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

using namespace onnxc_kernels;

namespace {

/// Scores of `rows` rows of n, spread over [-scale, scale].
std::vector<float> scores(int64_t rows, int64_t n, float scale, uint32_t seed) {
  std::vector<float> x = values(rows * n, seed);
  for (float &v : x)
    v *= scale;
  return x;
}

/// softmax (or log_softmax) of x viewed as [outer, n, inner] along n, in double.
std::vector<double> reference(const std::vector<float> &x, int64_t outer, int64_t n,
                              int64_t inner, bool log) {
  std::vector<double> y(x.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      auto at = [&](int64_t k) { return o * n * inner + k * inner + i; };
      double mx = -INFINITY, sum = 0;
      for (int64_t k = 0; k < n; ++k)
        mx = std::fmax(mx, double(x[at(k)]));
      for (int64_t k = 0; k < n; ++k)
        sum += std::exp(double(x[at(k)]) - mx);
      for (int64_t k = 0; k < n; ++k)
        y[at(k)] = log ? double(x[at(k)]) - mx - std::log(sum) : std::exp(double(x[at(k)]) - mx) / sum;
    }
  return y;
}

/// Max abs error and max error relative to the reference (where it exceeds 1e-30).
void compare(const std::vector<float> &got, const std::vector<double> &want, double &maxAbs,
             double &maxRel) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const double d = std::fabs(double(got[i]) - want[i]);
    maxAbs = std::fmax(maxAbs, d);
    if (std::fabs(want[i]) > 1e-30)
      maxRel = std::fmax(maxRel, d / std::fabs(want[i]));
  }
}

TEST(Softmax, ContiguousRowsAgainstDouble) {
  double maxAbs = 0, maxRel = 0;
  for (int64_t n : {1, 15, 16, 17, 32, 100})
    for (float scale : {1.0f, 30.0f, 200.0f}) { // 200: differences down to -400, e^ underflows
      const int64_t rows = 5;
      std::vector<float> x = scores(rows, n, scale, uint32_t(n * 7 + int(scale)));
      std::vector<float> y(x.size());
      softmax(x.data(), y.data(), rows, n, 1);
      compare(y, reference(x, rows, n, 1, false), maxAbs, maxRel);
    }
  std::printf("softmax rows vs double: max abs error %.3g, max rel error %.3g\n", maxAbs, maxRel);
  EXPECT_LT(maxAbs, 1e-6);
  // e^d (fast_exp: 1.25 ulp) times 1 / (a float sum of up to 100 such):
  // the sum's rounding dominates, as it did with libm's expf.
  EXPECT_LT(maxRel, 1e-5);
}

TEST(Softmax, MaskedScoresGiveZero) {
  // Attention masks add -inf: those entries are exactly 0, the rest sum to 1.
  std::vector<float> x = scores(2, 20, 3.0f, 11), y(x.size());
  for (int64_t j = 0; j < 20; j += 3)
    x[j] = x[20 + j] = -INFINITY;
  x[21] = -100.0f; // below fast_exp's clamp (-87) as well
  softmax(x.data(), y.data(), 2, 20, 1);
  for (int64_t r = 0; r < 2; ++r) {
    double sum = 0;
    for (int64_t j = 0; j < 20; ++j) {
      if (j % 3 == 0 || (r == 1 && j == 1))
        EXPECT_EQ(y[r * 20 + j], 0.0f) << r << "," << j;
      sum += y[r * 20 + j];
    }
    EXPECT_NEAR(sum, 1.0, 1e-6);
  }
}

TEST(Softmax, InPlaceStridedAndLogAgainstDouble) {
  double maxAbs = 0, maxRel = 0;
  for (int64_t inner : {1, 3, 70}) // 70: one full tile of 64 columns and a partial one
    for (bool log : {false, true}) {
      const int64_t outer = 2, n = 19;
      std::vector<float> x = scores(outer * inner, n, 20.0f, uint32_t(inner + log));
      std::vector<double> want = reference(x, outer, n, inner, log);
      std::vector<float> y = x; // in place, as the memory planner may place it
      if (log)
        log_softmax(y.data(), y.data(), outer, n, inner);
      else
        softmax(y.data(), y.data(), outer, n, inner);
      double a = 0, r = 0;
      compare(y, want, a, r);
      maxAbs = std::fmax(maxAbs, a);
      if (!log)
        maxRel = std::fmax(maxRel, r);
    }
  std::printf("softmax/log_softmax (strided, in place) vs double: max abs error %.3g, softmax "
              "max rel error %.3g\n",
              maxAbs, maxRel);
  EXPECT_LT(maxAbs, 1e-5); // log_softmax values reach -40: 1e-5 is a few ulps there
  EXPECT_LT(maxRel, 1e-5);
}

TEST(LayerNorm, AgainstDouble) {
  for (int64_t n : {1, 7, 16, 33, 128}) {
    const int64_t rows = 3;
    // An offset much larger than the spread: the two-pass variance keeps it.
    std::vector<float> x = values(rows * n, uint32_t(n)), scale = values(n, 5),
                       bias = values(n, 6), y(x.size()), mean(rows), invStd(rows);
    for (float &v : x)
      v = 1000.0f + v;
    layer_norm<float, float>(x.data(), scale.data(), 1, bias.data(), 1, y.data(), mean.data(),
                             invStd.data(), rows, n, 1e-5);
    for (int64_t r = 0; r < rows; ++r) {
      double m = 0, var = 0;
      for (int64_t j = 0; j < n; ++j)
        m += x[r * n + j];
      m /= double(n);
      for (int64_t j = 0; j < n; ++j)
        var += (x[r * n + j] - m) * (x[r * n + j] - m);
      const double is = 1.0 / std::sqrt(var / double(n) + 1e-5);
      EXPECT_NEAR(mean[r], m, 1e-4 * std::fabs(m)) << n;
      EXPECT_NEAR(invStd[r], is, 1e-5 * is) << n;
      for (int64_t j = 0; j < n; ++j)
        EXPECT_NEAR(y[r * n + j], (x[r * n + j] - m) * is * scale[j] + bias[j], 1e-4)
            << n << " " << r << " " << j;
    }
  }
}

} // namespace
