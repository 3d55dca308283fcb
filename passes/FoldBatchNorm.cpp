//===- FoldBatchNorm.cpp - fold inference BatchNormalization into its producer ===//
//
// BatchNormalization(P(X, W, B)) with constant weights and statistics, where
// P is a Conv, ConvTranspose or Gemm whose result has no other user, is one P
// with rescaled weights (ChannelAffine.h). Per output channel m:
//   s[m]  = scale[m] / sqrt(var[m] + epsilon)
//   y     = x * s[m] + (bias[m] - mean[m] * s[m])
//
//===----------------------------------------------------------------------===//
#include "passes/ChannelAffine.h"
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

/// BN's constant statistics as y = x * s + t over `channels` channels.
std::optional<ChannelAffine> channelAffine(BatchNormalizationOp bn, int64_t channels) {
  if (bn.getTrainingMode() != 0)
    return std::nullopt;
  auto scale = constantValues(bn.getScale()), bias = constantValues(bn.getB());
  auto mean = constantValues(bn.getInputMean()), var = constantValues(bn.getInputVar());
  if (!scale || !bias || !mean || !var)
    return std::nullopt;
  for (auto *v : {&*scale, &*bias, &*mean, &*var})
    if (int64_t(v->size()) != channels)
      return std::nullopt;
  double epsilon = bn.getEpsilon().convertToDouble();
  ChannelAffine a;
  for (int64_t m = 0; m < channels; ++m) {
    a.s.push_back((*scale)[m] / std::sqrt((*var)[m] + epsilon));
    a.t.push_back((*bias)[m] - (*mean)[m] * a.s.back());
  }
  return a;
}

/// Folds `bn` into its producer; false (IR unchanged) when the pattern does
/// not apply.
bool foldBatchNorm(BatchNormalizationOp bn) {
  Operation *producer = bn.getX().getDefiningOp();
  // The producer's own result must disappear: another user would see BN applied.
  if (!producer || !bn.getX().hasOneUse())
    return false;
  auto channels = outputChannels(producer);
  if (!channels)
    return false;
  auto affine = channelAffine(bn, *channels);
  if (!affine || !applyChannelAffine(producer, *affine))
    return false;
  producer->getResult(0).setType(bn.getY().getType());
  bn.getY().replaceAllUsesWith(producer->getResult(0));
  recordFusion(producer, bn);
  bn.erase();
  return true;
}

struct FoldBatchNorm : onnxc::impl::FoldBatchNormBase<FoldBatchNorm> {
  void runOnOperation() override {
    llvm::SmallVector<BatchNormalizationOp> bns;
    getOperation().walk([&](BatchNormalizationOp bn) { bns.push_back(bn); });
    for (BatchNormalizationOp bn : bns)
      foldBatchNorm(bn);
    // The old weight and bias constants are left unused: dead-node
    // elimination runs after this pass.
  }
};

} // namespace
