//===- FoldBatchNorm.cpp - fold inference BatchNormalization into Conv -----===//
//
// BatchNormalization(Conv(X, W, B)) with constant weights and statistics is
// one Conv with rescaled weights:
//   s[m]  = scale[m] / sqrt(var[m] + epsilon)
//   W'[m] = W[m] * s[m]
//   B'[m] = (B[m] - mean[m]) * s[m] + bias[m]        (B = 0 when absent)
// computed here in double and stored in the Conv's element type.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

#include <cmath>

namespace onnxc {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// Folds `bn` into the Conv producing its input; false (IR unchanged) when
/// the pattern does not apply.
bool foldIntoConv(BatchNormalizationOp bn) {
  auto conv = bn.getX().getDefiningOp<ConvOp>();
  // The Conv's own result must disappear: another user would see BN applied.
  if (!conv || !conv.getY().hasOneUse() || bn.getTrainingMode() != 0)
    return false;
  auto w = constantValues(conv.getW());
  auto scale = constantValues(bn.getScale()), bias = constantValues(bn.getB());
  auto mean = constantValues(bn.getInputMean()), var = constantValues(bn.getInputVar());
  bool hasB = !llvm::isa<NoneType>(conv.getB().getType());
  auto b = hasB ? constantValues(conv.getB()) : std::nullopt;
  if (!w || !scale || !bias || !mean || !var || (hasB && !b))
    return false;
  auto wType = llvm::cast<RankedTensorType>(conv.getW().getType());
  int64_t filters = wType.getDimSize(0);
  for (auto *v : {&*scale, &*bias, &*mean, &*var})
    if (int64_t(v->size()) != filters)
      return false;
  if (hasB && int64_t(b->size()) != filters)
    return false;

  double epsilon = bn.getEpsilon().convertToDouble();
  int64_t perFilter = int64_t(w->size()) / filters;
  llvm::SmallVector<double> newB(filters);
  for (int64_t m = 0; m < filters; ++m) {
    double s = (*scale)[m] / std::sqrt((*var)[m] + epsilon);
    for (int64_t i = 0; i < perFilter; ++i)
      (*w)[m * perFilter + i] *= s;
    newB[m] = ((hasB ? (*b)[m] : 0.0) - (*mean)[m]) * s + (*bias)[m];
  }

  OpBuilder builder(conv);
  Type elem = wType.getElementType();
  Value newW = makeConstant(builder, conv.getLoc(), wType, *w);
  Value bias1d = makeConstant(builder, conv.getLoc(), RankedTensorType::get({filters}, elem), newB);
  conv.getWMutable().assign(newW);
  conv.getBMutable().assign(bias1d);
  conv.getY().setType(bn.getY().getType());
  bn.getY().replaceAllUsesWith(conv.getY());
  recordFusion(conv, bn);
  bn.erase();
  return true;
}

struct FoldBatchNorm : onnxc::impl::FoldBatchNormBase<FoldBatchNorm> {
  void runOnOperation() override {
    llvm::SmallVector<BatchNormalizationOp> bns;
    getOperation().walk([&](BatchNormalizationOp bn) { bns.push_back(bn); });
    for (BatchNormalizationOp bn : bns)
      foldIntoConv(bn);
    // The old W and B constants are left unused: dead-node elimination runs
    // after this pass.
  }
};

} // namespace
