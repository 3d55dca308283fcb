//===- ElementwiseFormulas.cpp - per-element formulas of simple ops ------===//
#include "codegen/cpp/ElementwiseFormulas.h"

#include "llvm/ADT/StringSwitch.h"

namespace onnxc::cpp {

std::string unaryFormula(llvm::StringRef opType) {
  return llvm::StringSwitch<std::string>(opType)
      .Case("Neg", "-x")
      .Case("Abs", "m_abs(x)")
      .Case("Sqrt", "m_sqrt(x)")
      .Case("Exp", "m_exp(x)")
      .Case("Log", "m_log(x)")
      .Case("Erf", "m_erf(x)")
      .Case("Floor", "m_floor(x)")
      .Case("Ceil", "m_ceil(x)")
      .Case("Round", "m_round_even(x)")
      .Case("Reciprocal", "1 / x")
      .Case("Sin", "m_sin(x)")
      .Case("Cos", "m_cos(x)")
      .Case("Softplus", "m_softplus(x)")
      .Case("Softsign", "x / (1 + (x < 0 ? -x : x))")
      .Default("");
}

std::string binaryFormula(llvm::StringRef opType) {
  return llvm::StringSwitch<std::string>(opType)
      .Case("Add", "a + b")
      .Case("Sub", "a - b")
      .Case("Mul", "a * b")
      .Case("Div", "m_div(a, b)")
      .Case("Pow", "m_pow(a, b)")
      .Case("Max", "m_max(a, b)")
      .Case("Min", "m_min(a, b)")
      .Case("PRelu", "a < 0 ? b * a : a")
      .Default("");
}

} // namespace onnxc::cpp
