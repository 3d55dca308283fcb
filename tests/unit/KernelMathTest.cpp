//===- KernelMathTest.cpp - the generated code's math against libm --------===//
//
// The kernels replace some libm calls with branch-free approximations that
// vectorise; each is swept over its whole useful range and compared with
// libm in double precision.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/kernels/fast_math.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace onnxc_kernels;

TEST(KernelMath, ErfAgainstLibm) {
  double maxAbs = 0, maxRel = 0;
  for (float x = -6.0f; x <= 6.0f; x += 1.0f / 4096) {
    const double ref = std::erf(double(x)), got = m_erf(x);
    maxAbs = std::fmax(maxAbs, std::fabs(got - ref));
    if (std::fabs(ref) > 1e-30)
      maxRel = std::fmax(maxRel, std::fabs(got - ref) / std::fabs(ref));
  }
  // Tiny arguments, where erf(x) ~ 2x / sqrt(pi): relative error matters.
  for (float x = 1e-30f; x < 1e-2f; x *= 1.5f)
    maxRel = std::fmax(maxRel, std::fabs(m_erf(x) - std::erf(double(x))) / std::erf(double(x)));
  RecordProperty("max_abs_error", std::to_string(maxAbs));
  RecordProperty("max_rel_error", std::to_string(maxRel));
  std::printf("m_erf vs libm erf: max abs error %.3g, max rel error %.3g\n", maxAbs, maxRel);
  EXPECT_LT(maxAbs, 1e-6);
  EXPECT_LT(maxRel, 1e-6);
}

TEST(KernelMath, PowOfTwoIsExact) {
  for (float x : {0.0f, -0.0f, 1.5f, -3.25f, 1e-20f, 3e19f, 1e30f})
    EXPECT_EQ(m_pow(x, 2.0f), std::pow(x, 2.0f)) << x;
  EXPECT_EQ(m_pow(2.0f, 0.5f), std::pow(2.0f, 0.5f));
}

/// Max abs and relative error of f against ref over [lo, hi] in steps.
template <typename F, typename Ref>
static void sweep(const char *name, F f, Ref ref, float lo, float hi, float step, double &maxAbs,
                  double &maxRel) {
  maxAbs = maxRel = 0;
  for (float x = lo; x <= hi; x += step) {
    const double want = ref(double(x)), got = f(x);
    maxAbs = std::fmax(maxAbs, std::fabs(got - want));
    if (std::fabs(want) > 1e-30)
      maxRel = std::fmax(maxRel, std::fabs(got - want) / std::fabs(want));
  }
  std::printf("%s vs libm: max abs error %.3g, max rel error %.3g\n", name, maxAbs, maxRel);
}

TEST(KernelMath, FastExpAgainstLibm) {
  double maxAbs, maxRel;
  sweep("fast_exp", [](float x) { return fast_exp(x); }, [](double x) { return std::exp(x); },
        -87.0f, 88.0f, 1.0f / 1024, maxAbs, maxRel);
  EXPECT_LT(maxRel, 1.5e-7); // 1.25 ulp at most
  // Outside the clamp: finite, and the clamp's value.
  EXPECT_EQ(fast_exp(-1000.0f), fast_exp(-87.0f));
  EXPECT_EQ(fast_exp(1000.0f), fast_exp(88.0f));
  EXPECT_TRUE(std::isnan(fast_exp(NAN)));
}

TEST(KernelMath, FastSigmoidAgainstLibm) {
  double maxAbs, maxRel;
  sweep("fast_sigmoid", [](float x) { return fast_sigmoid(x); },
        [](double x) { return 1.0 / (1.0 + std::exp(-x)); }, -90.0f, 90.0f, 1.0f / 1024, maxAbs,
        maxRel);
  EXPECT_LT(maxAbs, 1.5e-7);
  EXPECT_LT(maxRel, 2e-7);
  EXPECT_EQ(fast_sigmoid(1000.0f), 1.0f);
  EXPECT_GE(fast_sigmoid(-1000.0f), 0.0f);
  EXPECT_LT(fast_sigmoid(-1000.0f), 2e-38f);
}

TEST(KernelMath, FastTanhAgainstLibm) {
  double maxAbs, maxRel;
  sweep("fast_tanh", [](float x) { return fast_tanh(x); }, [](double x) { return std::tanh(x); },
        -20.0f, 20.0f, 1.0f / 4096, maxAbs, maxRel);
  EXPECT_LT(maxAbs, 1.5e-7);
  EXPECT_LT(maxRel, 4e-7);
  // Tiny arguments, where tanh(x) ~ x: relative error matters.
  double tinyRel = 0;
  for (float x = 1e-30f; x < 0.3f; x *= 1.01f)
    tinyRel = std::fmax(tinyRel, std::fabs(fast_tanh(x) - std::tanh(double(x))) / std::tanh(double(x)));
  std::printf("fast_tanh below 0.3: max rel error %.3g\n", tinyRel);
  EXPECT_LT(tinyRel, 4e-7);
  EXPECT_EQ(fast_tanh(100.0f), 1.0f);
  EXPECT_EQ(fast_tanh(-100.0f), -1.0f);
  EXPECT_EQ(fast_tanh(-0.0f), 0.0f);
}
