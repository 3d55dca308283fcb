//===- FusedEmitter.cpp - onnx.FusedElementwise as one loop ----------------===//
//
// The steps of the fused program become statements on scalars inside one
// loop over the result, so intermediates stay in registers and the loop
// vectorises like a single map. An operand that broadcasts along a run of
// axes (FusedElementwise.h) splits the loop into rows of L elements over
// which each such operand is either one value (read once per row) or a
// contiguous vector: L is the smallest of their runs, all suffix products
// of the result's dims, so each divides the others. element_runs (and its
// --threads split) hands out whole rows.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/ActivationWriter.h"
#include "codegen/cpp/ElementwiseFormulas.h"
#include "compiler/dialect/FusedElementwise.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// The formula of `step` over x (one arg) or a, b (two), or empty.
std::string stepFormula(const FusedStep &step) {
  if (step.args.size() == 2)
    return binaryFormula(step.op);
  if (step.args.size() != 1)
    return "";
  std::string unary = unaryFormula(step.op);
  if (!unary.empty())
    return unary;
  // The loop vectorises only if every step does: libm's expf/tanhf are
  // calls, fast_math.h's forms plain arithmetic (within 2.7e-7 relative,
  // saturating as libm does for Sigmoid and Tanh; Exp keeps libm, whose
  // overflow to inf fast_exp clamps away).
  if (step.op == "Sigmoid")
    return "fast_sigmoid(x)";
  if (step.op == "Tanh")
    return "fast_tanh(x)";
  return activationExpr(Activation{step.op, {step.params.begin(), step.params.end()}}, "float");
}

LogicalResult emitFused(NodeWriter &w) {
  auto op = llvm::cast<FusedElementwiseOp>(w.op);
  if (w.outType(0) != "float")
    return w.fail("supports only float32 tensors");
  const int64_t n = w.outElements(0);
  const unsigned inputs = op->getNumOperands();
  llvm::SmallVector<BroadcastRun> runs;
  int64_t row = n;
  for (unsigned i = 0; i < inputs; ++i) {
    std::optional<BroadcastRun> run = broadcastRun(w.inShape(i), w.outShape(0));
    if (!run)
      return w.fail("operand " + std::to_string(i) + " does not broadcast along one run of axes");
    if (run->count != 1 && run->count != n)
      row = std::min(row, run->inner > 1 ? run->inner : run->count);
    runs.push_back(*run);
  }
  const bool rows = row < n;
  std::string at = rows ? "base + j" : "i";
  w.os << "  auto run = [&](int64_t at, int64_t count) {\n";
  std::string pad = "    ";
  if (rows) {
    w.os << pad << "for (int64_t base = at; base < at + count; base += " << row << ") {\n";
    pad += "  ";
    for (unsigned i = 0; i < inputs; ++i) {
      const BroadcastRun &r = runs[i];
      if (r.count == 1 || r.count == n)
        continue;
      if (r.inner > 1) // one value per row
        w.os << pad << "const float r" << i << " = " << w.in(i) << "[(base / " << r.inner
             << ") % " << r.count << "];\n";
      else // a contiguous stretch of the operand
        w.os << pad << "const float *r" << i << " = " << w.in(i) << " + base % " << r.count
             << ";\n";
    }
    w.os << pad << "for (int64_t j = 0; j < " << row << "; ++j) {\n";
  } else {
    w.os << pad << "for (int64_t i = at; i < at + count; ++i) {\n";
  }
  pad += "  ";
  for (unsigned i = 0; i < inputs; ++i) {
    const BroadcastRun &r = runs[i];
    std::string read = r.count == n   ? w.in(i) + "[" + at + "]"
                       : r.count == 1 ? w.in(i) + "[0]"
                       : r.inner > 1  ? "r" + std::to_string(i)
                                      : "r" + std::to_string(i) + "[j]";
    w.os << pad << "const float v" << i << " = " << read << ";\n";
  }
  llvm::SmallVector<FusedStep> steps = op.getSteps();
  for (size_t k = 0; k < steps.size(); ++k) {
    const FusedStep &s = steps[k];
    std::string formula = stepFormula(s);
    if (formula.empty())
      return w.fail("has a step '" + s.op + "' with " + std::to_string(s.args.size()) +
                    " operands that the C++ backend cannot fuse");
    std::string v = "v" + std::to_string(inputs + k);
    w.os << pad << "float " << v << ";\n" << pad << "{\n";
    static const char *names[] = {"a", "b"};
    for (size_t a = 0; a < s.args.size(); ++a)
      w.os << pad << "  const float " << (s.args.size() == 1 ? "x" : names[a]) << " = v"
           << s.args[a] << ";\n";
    w.os << pad << "  " << v << " = float(" << formula << ");\n" << pad << "}\n";
  }
  w.os << pad << w.out(0) << "[" << at << "] = v" << inputs + steps.size() - 1 << ";\n";
  if (rows)
    w.os << "      }\n";
  // Without rows any split is fine (run 1).
  w.os << "    }\n  };\n  " << w.kernelCall("element_runs") << n << ", " << (rows ? row : 1)
       << ", run);\n";
  return success();
}

} // namespace

void registerFusedEmitters(EmitterRegistry &r) {
  r.add(FusedElementwiseOp::getOperationName(), emitFused);
}

} // namespace onnxc::cpp
