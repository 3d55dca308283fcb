//===- RecognizeGelu.cpp - decomposed Gelu back to one op ------------------===//
//
// Models exported before ONNX had Gelu (opset 20) spell it out:
//   erf form:   x * 0.5 * (1 + Erf(x / sqrt(2)))          (x * 0.7071... also)
//   tanh form:  x * 0.5 * (1 + Tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))
//                                                          (x^3 as Pow(x, 3) or x * x * x)
// with the three factors multiplied in any order and grouping. The chain
// becomes one onnx.Gelu (approximate = "none" or "tanh"), which
// onnx-fuse-activation can then move into the producer of x. Every op of
// the chain except the last must have no user outside it.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

#include <cmath>

namespace onnxc {
#define GEN_PASS_DEF_RECOGNIZEGELU
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// The chain's ops found so far (erased once the match succeeds).
using Chain = llvm::SmallVector<Operation *>;

/// `v`'s defining op when it is an OpT with `v` its only use elsewhere.
template <typename OpT> OpT singleUse(Value v) {
  auto op = v.getDefiningOp<OpT>();
  return op && v.hasOneUse() ? op : OpT();
}

/// The operand of the binary `op` that is not a one-element constant equal
/// to `c`; null when neither operand is that constant.
Value operandBeside(Operation *op, double c) {
  for (int i = 0; i < 2; ++i)
    if (isScalarConstant(op->getOperand(i), c))
      return op->getOperand(1 - i);
  return {};
}

/// x when `s` is x / sqrt(2) or x * (1/sqrt(2)).
Value erfArgument(Value s, Chain &chain) {
  Value x;
  if (auto div = singleUse<DivOp>(s); div && isScalarConstant(div.getB(), M_SQRT2))
    x = div.getA();
  else if (auto mul = singleUse<MulOp>(s))
    x = operandBeside(mul, M_SQRT1_2);
  if (x)
    chain.push_back(s.getDefiningOp());
  return x;
}

/// x when `cube` is Pow(x, 3) or (x * x) * x in either order.
bool isCube(Value cube, Value x, Chain &chain) {
  if (auto pow = singleUse<PowOp>(cube); pow && pow.getA() == x && isScalarConstant(pow.getB(), 3)) {
    chain.push_back(pow);
    return true;
  }
  auto outer = singleUse<MulOp>(cube);
  if (!outer)
    return false;
  for (int i = 0; i < 2; ++i) {
    auto square = singleUse<MulOp>(outer->getOperand(i));
    if (outer->getOperand(1 - i) == x && square && square.getA() == x && square.getB() == x) {
      chain.append({outer, square});
      return true;
    }
  }
  return false;
}

/// x when `s` is sqrt(2/pi) * (x + 0.044715 * x^3).
Value tanhArgument(Value s, Chain &chain) {
  auto scale = singleUse<MulOp>(s);
  if (!scale)
    return {};
  auto sum = singleUse<AddOp>(operandBeside(scale, std::sqrt(2.0 / M_PI)));
  if (!sum)
    return {};
  for (int i = 0; i < 2; ++i) {
    Value x = sum->getOperand(i);
    auto term = singleUse<MulOp>(sum->getOperand(1 - i));
    if (term && isCube(operandBeside(term, 0.044715), x, chain)) {
      chain.append({scale, sum, term});
      return x;
    }
  }
  return {};
}

/// The factors of the product `root` through Muls that only it uses.
void factors(Value v, bool isRoot, llvm::SmallVectorImpl<Value> &out, Chain &chain) {
  auto mul = v.getDefiningOp<MulOp>();
  if (mul && (isRoot || v.hasOneUse())) {
    if (!isRoot)
      chain.push_back(mul);
    factors(mul.getA(), false, out, chain);
    factors(mul.getB(), false, out, chain);
    return;
  }
  out.push_back(v);
}

/// Replaces the Gelu ending in `root` (a Mul) by one onnx.Gelu.
bool recognize(MulOp root) {
  llvm::SmallVector<Value> f;
  Chain chain;
  factors(root.getC(), true, f, chain);
  if (f.size() != 3)
    return false;
  for (int half = 0; half < 3; ++half) {
    if (!isScalarConstant(f[half], 0.5))
      continue;
    for (int onePlus = 0; onePlus < 3; ++onePlus) {
      Value x = f[3 - half - onePlus];
      auto add = onePlus == half ? AddOp() : singleUse<AddOp>(f[onePlus]);
      Value inner = add ? operandBeside(add, 1.0) : Value();
      if (!inner || !inner.hasOneUse())
        continue;
      Chain matched = chain;
      matched.append({add, inner.getDefiningOp()});
      StringRef approximate;
      if (auto erf = inner.getDefiningOp<ErfOp>(); erf && erfArgument(erf.getX(), matched) == x)
        approximate = "none";
      else if (auto tanh = inner.getDefiningOp<TanhOp>(); tanh && tanhArgument(tanh.getX(), matched) == x)
        approximate = "tanh";
      else
        continue;
      if (x.getType() != root.getType())
        return false;
      OpBuilder builder(root);
      auto gelu = builder.create<GeluOp>(root.getLoc(), root.getType(), x,
                                         builder.getStringAttr(approximate));
      root.getC().replaceAllUsesWith(gelu.getY());
      root.erase();
      // Users before producers: each op's result is used only inside the chain.
      llvm::sort(matched, [](Operation *a, Operation *b) { return b->isBeforeInBlock(a); });
      for (Operation *op : matched)
        op->erase();
      return true;
    }
  }
  return false;
}

struct RecognizeGelu : onnxc::impl::RecognizeGeluBase<RecognizeGelu> {
  void runOnOperation() override {
    // A match erases Muls the list still holds: collect again after each.
    for (bool changed = true; changed;) {
      changed = false;
      llvm::SmallVector<MulOp> muls;
      getOperation().walk([&](MulOp mul) { muls.push_back(mul); });
      for (MulOp mul : muls)
        if ((changed = recognize(mul)))
          break;
    }
  }
};

} // namespace
