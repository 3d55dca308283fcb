//===- FoldAffineChain.cpp - Mul/Add/Sub/Div by constants as one affine map ===//
//
// A chain of float Mul, Add, Sub and Div, each by a constant (x * c, x + c,
// x - c, c - x, x / c), each inner result used only by the next, computes
// x * a + b with a and b of the broadcast shape of the constants; (x * a + b)
// * c + d is x * (a * c) + (b * c + d). It becomes:
//   - nothing at all when x comes from a Conv, ConvTranspose or Gemm used
//     only by the chain, a and b are per output channel ([1, M, 1, ..] or
//     less) and the producer's weights and bias are constants: they absorb the
//     map as they absorb a BatchNormalization (ChannelAffine.h);
//   - otherwise Mul(x, a) then Add(.., b), without the Mul when a is all ones
//     and without the Add when b is all zeros, when that is fewer ops.
// The constants are combined in double and stored in the element type; a
// constant whose elements are all equal is stored as a scalar.
//
//===----------------------------------------------------------------------===//
#include "passes/Activation.h"
#include "passes/ChannelAffine.h"
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

namespace onnxc {
#define GEN_PASS_DEF_FOLDAFFINECHAIN
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// y = x * a + b, a and b of `shape`.
struct Affine {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<double> a{1.0}, b{0.0};
};

/// One op of a chain: `var` combined with the constant `c` of `shape`.
struct Step {
  Operation *op;
  Value var;
  llvm::SmallVector<double> c;
  llvm::SmallVector<int64_t> shape;
  bool constantFirst; ///< c - x rather than x - c
};

std::optional<Step> affineStep(Operation *op) {
  if (!op || !llvm::isa<AddOp, SubOp, MulOp, DivOp>(op))
    return std::nullopt;
  auto type = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || !type.hasStaticShape() ||
      !(type.getElementType().isF32() || type.getElementType().isF64()))
    return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    Value cst = op->getOperand(side), var = op->getOperand(1 - side);
    auto c = constantValues(cst);
    // c / x is no affine map; x / 0 is left to run (x * inf differs at x = 0).
    if (!c || var.getDefiningOp<ConstantOp>() ||
        (llvm::isa<DivOp>(op) && (side == 0 || llvm::is_contained(*c, 0.0))))
      continue;
    auto shape = llvm::cast<RankedTensorType>(cst.getType()).getShape();
    return Step{op, var, *c, llvm::SmallVector<int64_t>(shape), side == 0};
  }
  return std::nullopt;
}

/// `values` of shape `from` broadcast (numpy rules) to `to`.
llvm::SmallVector<double> expand(llvm::ArrayRef<double> values, llvm::ArrayRef<int64_t> from,
                                 llvm::ArrayRef<int64_t> to) {
  size_t lead = to.size() - from.size();
  llvm::SmallVector<int64_t> strides(to.size(), 0);
  for (int64_t i = int64_t(from.size()) - 1, s = 1; i >= 0; s *= from[i], --i)
    strides[lead + i] = from[i] == 1 ? 0 : s;
  int64_t count = 1;
  for (int64_t d : to)
    count *= d;
  llvm::SmallVector<double> out;
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat, offset = 0;
    for (int64_t i = int64_t(to.size()) - 1; i >= 0; --i) {
      offset += rest % to[i] * strides[i];
      rest /= to[i];
    }
    out.push_back(values[offset]);
  }
  return out;
}

/// The map after applying `step` to `m`; nullopt if the shapes do not broadcast.
std::optional<Affine> compose(const Affine &m, const Step &step) {
  Affine r;
  if (!broadcastShapes(m.shape, step.shape, r.shape))
    return std::nullopt;
  auto a = expand(m.a, m.shape, r.shape), b = expand(m.b, m.shape, r.shape);
  auto c = expand(step.c, step.shape, r.shape);
  for (size_t i = 0; i < c.size(); ++i) {
    if (llvm::isa<MulOp>(step.op))
      a[i] *= c[i], b[i] *= c[i];
    else if (llvm::isa<DivOp>(step.op))
      a[i] /= c[i], b[i] /= c[i];
    else if (llvm::isa<AddOp>(step.op))
      b[i] += c[i];
    else if (step.constantFirst)
      a[i] = -a[i], b[i] = c[i] - b[i];
    else
      b[i] -= c[i];
  }
  r.a = std::move(a);
  r.b = std::move(b);
  return r;
}

bool allEqual(llvm::ArrayRef<double> v, double x) {
  return llvm::all_of(v, [&](double e) { return e == x; });
}

/// `m` per output channel of `producer`, whose result has rank `rank`: every
/// axis of a and b but the channel axis (1) has size 1.
std::optional<ChannelAffine> perChannel(const Affine &m, Operation *producer, int64_t rank) {
  auto channels = outputChannels(producer);
  if (!channels || int64_t(m.shape.size()) > rank)
    return std::nullopt;
  llvm::SmallVector<int64_t> target(rank, 1);
  target[1] = *channels;
  llvm::SmallVector<int64_t> out;
  if (!broadcastShapes(m.shape, target, out) || out != target)
    return std::nullopt;
  return ChannelAffine{expand(m.a, m.shape, target), expand(m.b, m.shape, target)};
}

/// Erases the chain's ops, last first, after its result was replaced.
void eraseChain(llvm::ArrayRef<Step> chain) {
  for (const Step &s : llvm::reverse(chain))
    s.op->erase();
}

/// Folds `m` (the chain's map) into the producer of its input when it can
/// take it; false (IR unchanged) otherwise.
bool foldIntoProducer(llvm::ArrayRef<Step> chain, const Affine &m) {
  Value x = chain.front().var, y = chain.back().op->getResult(0);
  Operation *producer = x.getDefiningOp();
  if (!producer || !x.hasOneUse() || x.getType() != y.getType() ||
      !fusedActivations(producer).empty())
    return false;
  if (auto conv = llvm::dyn_cast<ConvOp>(producer); conv && conv.getAddend())
    return false;
  if (auto gemm = llvm::dyn_cast<GemmOp>(producer); gemm && gemm.getAddend())
    return false;
  auto affine = perChannel(m, producer, llvm::cast<RankedTensorType>(x.getType()).getRank());
  if (!affine || !applyChannelAffine(producer, *affine))
    return false;
  for (const Step &s : chain)
    recordFusion(producer, s.op);
  y.replaceAllUsesWith(x);
  eraseChain(chain);
  return true;
}

/// A constant of `m.shape` holding `values`, a scalar when they are all equal.
Value constantOf(OpBuilder &b, Location loc, Type element, const Affine &m,
                 llvm::ArrayRef<double> values) {
  if (allEqual(values, values.front()))
    return makeConstant(b, loc, RankedTensorType::get({}, element), values.front());
  return makeConstant(b, loc, RankedTensorType::get(m.shape, element), values);
}

/// Rewrites the chain as Mul(x, a) and Add(.., b) when that needs fewer ops.
void rewriteChain(llvm::ArrayRef<Step> chain, const Affine &m) {
  Operation *last = chain.back().op;
  Value x = chain.front().var, y = last->getResult(0);
  bool mul = !allEqual(m.a, 1.0), add = !allEqual(m.b, 0.0);
  size_t ops = size_t(mul) + size_t(add);
  if (ops >= chain.size() || (ops == 0 && x.getType() != y.getType()))
    return;
  OpBuilder b(last);
  auto type = llvm::cast<RankedTensorType>(y.getType());
  Value v = x;
  Operation *result = nullptr;
  if (mul)
    result = b.create<MulOp>(
        chain.front().op->getLoc(), type,
        ValueRange{v, constantOf(b, last->getLoc(), type.getElementType(), m, m.a)});
  if (result)
    v = result->getResult(0);
  if (add)
    result = b.create<AddOp>(
        last->getLoc(), type,
        ValueRange{v, constantOf(b, last->getLoc(), type.getElementType(), m, m.b)});
  if (result) {
    v = result->getResult(0);
    for (const Step &s : chain)
      recordFusion(result, s.op);
  }
  y.replaceAllUsesWith(v);
  eraseChain(chain);
}

/// The chain ending at `last` (a step whose result no step takes in), first
/// op first; fewer than two steps is no chain.
llvm::SmallVector<Step> chainEndingAt(const Step &last) {
  llvm::SmallVector<Step> chain{last};
  for (;;) {
    Value var = chain.front().var;
    auto step = affineStep(var.getDefiningOp());
    if (!step || !var.hasOneUse())
      break;
    chain.insert(chain.begin(), *step);
  }
  return chain;
}

/// True when `step`'s result is the variable of a step that follows it.
bool continues(const Step &step) {
  Value y = step.op->getResult(0);
  if (!y.hasOneUse())
    return false;
  auto next = affineStep(*y.getUsers().begin());
  return next && next->var == y;
}

struct FoldAffineChain : onnxc::impl::FoldAffineChainBase<FoldAffineChain> {
  void runOnOperation() override {
    llvm::SmallVector<Operation *> ends;
    getOperation().walk([&](Operation *op) {
      if (auto step = affineStep(op); step && !continues(*step))
        ends.push_back(op);
    });
    for (Operation *end : ends) {
      llvm::SmallVector<Step> chain = chainEndingAt(*affineStep(end));
      std::optional<Affine> m = Affine{};
      for (const Step &s : chain)
        if (m)
          m = compose(*m, s);
      if (!m || foldIntoProducer(chain, *m))
        continue;
      rewriteChain(chain, *m);
    }
  }
};

} // namespace
