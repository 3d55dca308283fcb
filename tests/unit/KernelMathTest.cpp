//===- KernelMathTest.cpp - the generated code's math against libm --------===//
//
// The kernels replace some libm calls with branch-free approximations that
// vectorise; each is swept over its whole useful range and compared with
// libm in double precision.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/kernels/scalar_math.h"

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
