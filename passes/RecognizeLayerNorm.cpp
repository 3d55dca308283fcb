//===- RecognizeLayerNorm.cpp - decomposed LayerNorm back to one op --------===//
//
// Models exported before LayerNormalization (opset 17) spell it out over the
// last axis:
//   mean = ReduceMean(x, [-1]),  d = x - mean
//   var  = ReduceMean(d ^ 2, [-1])                      (d ^ 2 as Pow(d, 2) or d * d)
//   y    = d / Sqrt(var + epsilon)   [* gamma]   [+ beta]
// This becomes LayerNormalization(x, gamma, beta, axis = -1, epsilon), one
// pass over each row instead of nine. gamma and beta must have one element
// per normalized element (shape [..., 1, D]) or be a single value, and be
// computed before x's normalisation starts; every intermediate op must have
// no user outside the chain.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_RECOGNIZELAYERNORM
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// `v`'s defining op when it is an OpT and `v` has no other use.
template <typename OpT> OpT singleUse(Value v) {
  auto op = v.getDefiningOp<OpT>();
  return op && v.hasOneUse() ? op : OpT();
}

/// True when `mean` averages its input over the last axis, keeping dims.
bool meanOverLastAxis(ReduceMeanOp mean) {
  auto type = llvm::dyn_cast<RankedTensorType>(mean.getData().getType());
  auto axes = mean.getAxes();
  if (!type || !axes || axes->size() != 1 || mean.getKeepdims() != 1)
    return false;
  int64_t axis = llvm::cast<IntegerAttr>((*axes)[0]).getInt();
  return axis == -1 || axis == type.getRank() - 1;
}

/// True when `d2` is d * d or Pow(d, 2).
bool isSquareOf(Value d2, Value d) {
  if (auto pow = singleUse<PowOp>(d2))
    return pow.getA() == d && isScalarConstant(pow.getB(), 2.0);
  auto mul = singleUse<MulOp>(d2);
  return mul && mul.getA() == d && mul.getB() == d;
}

/// The operand of binary `op` other than `v`, when it can be LayerNorm's
/// Scale or B for rows of `n` elements: one value, or one per element
/// along the last axis only, available before `first`.
Value rowParam(Operation *op, Value v, int64_t n, Operation *first) {
  Value p = op->getOperand(op->getOperand(0) == v ? 1 : 0);
  auto type = llvm::dyn_cast<RankedTensorType>(p.getType());
  if (!type || !type.hasStaticShape() || p == v)
    return {};
  bool perElement = type.getRank() > 0 && type.getShape().back() == n && type.getNumElements() == n;
  if (type.getNumElements() != 1 && !perElement)
    return {};
  Operation *def = p.getDefiningOp();
  if (def && (def->getBlock() != first->getBlock() || !def->isBeforeInBlock(first)))
    return {};
  return p;
}

/// Replaces the LayerNorm whose division is `div` by one op.
bool recognize(DivOp div) {
  auto sub = div.getA().getDefiningOp<SubOp>();
  auto sqrt = singleUse<SqrtOp>(div.getB());
  if (!sub || !sqrt)
    return false;
  auto mean = singleUse<ReduceMeanOp>(sub.getB());
  Value x = sub.getA();
  if (!mean || mean.getData() != x || !meanOverLastAxis(mean))
    return false;
  auto addEps = singleUse<AddOp>(sqrt.getX());
  if (!addEps)
    return false;
  Value varValue;
  std::optional<double> eps;
  for (int i = 0; i < 2 && !eps; ++i)
    if ((eps = scalarConstant(addEps->getOperand(i))))
      varValue = addEps->getOperand(1 - i);
  auto var = eps ? singleUse<ReduceMeanOp>(varValue) : ReduceMeanOp();
  if (!var || !meanOverLastAxis(var) || !isSquareOf(var.getData(), sub.getC()))
    return false;
  // x - mean feeds only the square and the division.
  Operation *square = var.getData().getDefiningOp();
  if (llvm::any_of(sub->getUsers(), [&](Operation *u) { return u != div && u != square; }))
    return false;
  auto type = llvm::cast<RankedTensorType>(div.getType());
  if (type != x.getType() || !type.hasStaticShape() || !llvm::isa<FloatType>(type.getElementType()))
    return false;

  // The optional affine tail: * gamma, then + beta.
  int64_t n = type.getShape().back();
  llvm::SmallVector<Operation *> tail; // last first
  Value scale, bias, y = div.getC();
  if (auto mul = y.hasOneUse() ? llvm::dyn_cast<MulOp>(*y.getUsers().begin()) : MulOp())
    if (mul.getType() == type && (scale = rowParam(mul, y, n, mean))) {
      tail.push_back(mul);
      y = mul.getC();
    }
  if (auto add = scale && y.hasOneUse() ? llvm::dyn_cast<AddOp>(*y.getUsers().begin()) : AddOp())
    if (add.getType() == type && (bias = rowParam(add, y, n, mean))) {
      tail.insert(tail.begin(), add);
      y = add.getC();
    }

  OpBuilder builder(y.getDefiningOp());
  if (!scale)
    scale = makeConstant(builder, div.getLoc(), RankedTensorType::get({}, type.getElementType()), {1.0});
  if (!bias)
    bias = builder.create<NoValueOp>(div.getLoc(), builder.getNoneType());
  auto ln = builder.create<LayerNormalizationOp>(
      y.getLoc(), TypeRange{type}, ValueRange{x, scale, bias},
      llvm::ArrayRef<NamedAttribute>{
          builder.getNamedAttr("epsilon", builder.getF32FloatAttr(float(*eps)))});
  y.replaceAllUsesWith(ln.getY());
  // Users before producers: each result is used only inside the chain.
  tail.append({div, sqrt, addEps, var, square, sub, mean});
  for (Operation *op : tail)
    op->erase();
  return true;
}

struct RecognizeLayerNorm : onnxc::impl::RecognizeLayerNormBase<RecognizeLayerNorm> {
  void runOnOperation() override {
    llvm::SmallVector<DivOp> divs;
    getOperation().walk([&](DivOp div) { divs.push_back(div); });
    for (DivOp div : divs)
      recognize(div);
  }
};

} // namespace
