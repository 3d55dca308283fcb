//===- ActivationWriter.cpp - activation formulas as C++ ------------------===//
#include "codegen/cpp/ActivationWriter.h"

#include "llvm/ADT/StringSwitch.h"

namespace onnxc::cpp {

// Gelu's two forms as ONNX defines them (in the element type: a double
// constant would make float models compute in double); 0.7071... is
// 1/sqrt(2), 0.7978... sqrt(2/pi).
constexpr const char *kGeluErf =
    "decltype(x)(0.5) * x * (1 + m_erf(x * decltype(x)(0.7071067811865476)))";
constexpr const char *kGeluTanh =
    "decltype(x)(0.5) * x * (1 + m_tanh(decltype(x)(0.7978845608028654) * "
    "(x + decltype(x)(0.044715) * x * x * x)))";

std::string activationExpr(const Activation &act, llvm::StringRef type) {
  bool tanhGelu = act.name == "Gelu" && !act.params.empty() && act.params[0] != 0;
  // P0, P1: the params, as literals of the element type.
  std::string expr = llvm::StringSwitch<std::string>(act.name)
                         .Case("Relu", "x < 0 ? 0 : x") // NaN stays NaN, as numpy's max
                         .Case("LeakyRelu", "x >= 0 ? x : P0 * x")
                         .Case("Sigmoid", "m_sigmoid(x)")
                         .Case("Tanh", "m_tanh(x)")
                         .Case("HardSwish", "m_hard_swish(x)")
                         .Case("HardSigmoid", "m_hard_sigmoid(x, P0, P1)")
                         .Case("Clip", "m_clip(x, P0, P1)")
                         .Case("Gelu", tanhGelu ? kGeluTanh : kGeluErf)
                         .Default(""); // not an activation
  for (size_t i = 0; i < act.params.size(); ++i)
    expr = replaceAll(expr, "P" + std::to_string(i), "(" + literal(act.params[i], type) + ")");
  return expr;
}

std::string epilogueArg(const NodeWriter &w) {
  llvm::SmallVector<Activation, 1> acts = fusedActivations(w.op);
  if (acts.empty())
    return "Identity{}";
  std::string t = w.outType(0), body;
  for (size_t i = 0; i + 1 < acts.size(); ++i) // each step rounds to the type, as the ops did
    body += "x = " + t + "(" + activationExpr(acts[i], t) + "); ";
  return "[](" + t + " x) { " + body + "return " + t + "(" + activationExpr(acts.back(), t) +
         "); }";
}

} // namespace onnxc::cpp
