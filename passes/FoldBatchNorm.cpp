//===- FoldBatchNorm.cpp - fold inference BatchNormalization into its producer ===//
//
// BatchNormalization(P(X, W, B)) with constant weights and statistics, where
// P is a Conv, ConvTranspose or Gemm whose result has no other user, is one P
// with rescaled weights. Per output channel m:
//   s[m]  = scale[m] / sqrt(var[m] + epsilon)
//   W'    = W with every weight that feeds channel m multiplied by s[m]
//   B'[m] = (B[m] - mean[m]) * s[m] + bias[m]        (B = 0 when absent)
// computed here in double and stored in the producer's element type. Which
// weights feed channel m depends on P:
//   Conv           W[M, C/group, k...]: the slice W[m]
//   ConvTranspose  W[C, M/group, k...]: W[c, m % (M/group)] for the c of m's group
//   Gemm           B[K, N] (transB: [N, K]): column (row) n of B; C is the bias,
//                  alpha stays, beta becomes 1
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

/// The per-channel affine map BN applies: y = x * s + t.
struct ChannelAffine {
  llvm::SmallVector<double> s, t;
};

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

/// The producer's bias as `channels` values (zeros when absent); nullopt
/// when it is not a constant of that size.
std::optional<llvm::SmallVector<double>> biasValues(Value b, int64_t channels) {
  if (llvm::isa<NoneType>(b.getType()))
    return llvm::SmallVector<double>(channels, 0.0);
  auto values = constantValues(b);
  if (!values || int64_t(values->size()) != channels)
    return std::nullopt;
  return values;
}

/// Replaces `bn` by `producer`, now with weights `w` (of `wOperand`'s type)
/// and a 1-D bias `b` stored into `bOperand`.
void replaceBn(BatchNormalizationOp bn, Operation *producer, OpOperand &wOperand,
               OpOperand &bOperand, llvm::ArrayRef<double> w, llvm::ArrayRef<double> b) {
  OpBuilder builder(producer);
  auto wType = llvm::cast<RankedTensorType>(wOperand.get().getType());
  auto bType = RankedTensorType::get({int64_t(b.size())}, wType.getElementType());
  wOperand.set(makeConstant(builder, producer->getLoc(), wType, w));
  bOperand.set(makeConstant(builder, producer->getLoc(), bType, b));
  producer->getResult(0).setType(bn.getY().getType());
  bn.getY().replaceAllUsesWith(producer->getResult(0));
  recordFusion(producer, bn);
  bn.erase();
}

/// Conv and ConvTranspose: W's dims 0 and 1 are (filters, channels per group)
/// or (input channels, filters per group).
template <typename OpT> bool foldIntoWindowOp(BatchNormalizationOp bn, OpT op) {
  constexpr bool transposed = std::is_same_v<OpT, ConvTransposeOp>;
  auto w = constantValues(op.getW());
  auto wType = llvm::dyn_cast<RankedTensorType>(op.getW().getType());
  if (!w || !wType || !wType.hasStaticShape() || wType.getRank() < 2)
    return false;
  int64_t d0 = wType.getDimSize(0), d1 = wType.getDimSize(1), group = op.getGroup();
  int64_t channels = transposed ? d1 * group : d0;
  auto affine = channelAffine(bn, channels);
  auto b = biasValues(op.getB(), channels);
  if (!affine || !b)
    return false;
  int64_t inner = int64_t(w->size()) / (d0 * d1), perGroupIn = d0 / group;
  for (int64_t i = 0; i < d0; ++i)
    for (int64_t j = 0; j < d1; ++j) {
      int64_t m = transposed ? (i / perGroupIn) * d1 + j : i;
      for (int64_t k = 0; k < inner; ++k)
        (*w)[(i * d1 + j) * inner + k] *= affine->s[m];
    }
  for (int64_t m = 0; m < channels; ++m)
    (*b)[m] = (*b)[m] * affine->s[m] + affine->t[m];
  replaceBn(bn, op, op.getWMutable(), op.getBMutable(), *w, *b);
  return true;
}

/// Gemm: Y[M, N] = alpha * A * B + beta * C with C absent, a scalar, [N] or
/// [1, N] (a per-column bias).
bool foldIntoGemm(BatchNormalizationOp bn, GemmOp gemm) {
  auto w = constantValues(gemm.getB());
  auto yType = llvm::cast<RankedTensorType>(gemm.getY().getType());
  if (!w || !yType.hasStaticShape())
    return false;
  int64_t n = yType.getDimSize(1);
  auto affine = channelAffine(bn, n);
  if (!affine)
    return false;
  llvm::SmallVector<double> c(n, 0.0);
  if (!llvm::isa<NoneType>(gemm.getC().getType())) {
    auto cValues = constantValues(gemm.getC());
    auto cType = llvm::cast<RankedTensorType>(gemm.getC().getType());
    bool perColumn = cType.getRank() == 1 || (cType.getRank() == 2 && cType.getDimSize(0) == 1);
    if (!cValues || (cValues->size() != 1 && !(perColumn && int64_t(cValues->size()) == n)))
      return false;
    double beta = gemm.getBeta().convertToDouble();
    for (int64_t j = 0; j < n; ++j)
      c[j] = beta * (*cValues)[cValues->size() == 1 ? 0 : j];
  }
  int64_t k = int64_t(w->size()) / n;
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < n; ++j)
      (*w)[gemm.getTransB() ? j * k + i : i * n + j] *= affine->s[j];
  for (int64_t j = 0; j < n; ++j)
    c[j] = c[j] * affine->s[j] + affine->t[j];
  gemm.setBetaAttr(Builder(gemm).getF32FloatAttr(1.0f));
  replaceBn(bn, gemm, gemm.getBMutable(), gemm.getCMutable(), *w, c);
  return true;
}

/// Folds `bn` into its producer; false (IR unchanged) when the pattern does
/// not apply.
bool foldBatchNorm(BatchNormalizationOp bn) {
  Operation *producer = bn.getX().getDefiningOp();
  // The producer's own result must disappear: another user would see BN applied.
  if (!producer || !bn.getX().hasOneUse())
    return false;
  if (auto conv = llvm::dyn_cast<ConvOp>(producer))
    return foldIntoWindowOp(bn, conv);
  if (auto convT = llvm::dyn_cast<ConvTransposeOp>(producer))
    return foldIntoWindowOp(bn, convT);
  if (auto gemm = llvm::dyn_cast<GemmOp>(producer))
    return foldIntoGemm(bn, gemm);
  return false;
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
