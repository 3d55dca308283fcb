//===- ActivationWriter.cpp - activation formulas as C++ ------------------===//
#include "codegen/cpp/ActivationWriter.h"

#include "llvm/ADT/StringSwitch.h"

namespace onnxc::cpp {

std::string activationExpr(const Activation &act, llvm::StringRef type) {
  // P0, P1: the params, as literals of the element type.
  std::string expr = llvm::StringSwitch<std::string>(act.name)
                         .Case("Relu", "x < 0 ? 0 : x") // NaN stays NaN, as numpy's max
                         .Case("LeakyRelu", "x >= 0 ? x : P0 * x")
                         .Case("Sigmoid", "m_sigmoid(x)")
                         .Case("Tanh", "m_tanh(x)")
                         .Case("HardSwish", "m_hard_swish(x)")
                         .Case("HardSigmoid", "m_hard_sigmoid(x, P0, P1)")
                         .Case("Clip", "m_clip(x, P0, P1)");
  for (size_t i = 0; i < act.params.size(); ++i)
    expr = replaceAll(expr, "P" + std::to_string(i), "(" + literal(act.params[i], type) + ")");
  return expr;
}

std::string epilogueArg(const NodeWriter &w) {
  std::optional<Activation> act = fusedActivation(w.op);
  if (!act)
    return "Identity{}";
  std::string t = w.outType(0);
  return "[](" + t + " x) { return " + t + "(" + activationExpr(*act, t) + "); }";
}

} // namespace onnxc::cpp
