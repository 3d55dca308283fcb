//===- ChannelAffine.cpp - a per-channel affine map into a producer's weights ===//
//
// Which weights feed output channel m depends on the producer:
//   Conv           W[M, C/group, k...]: the slice W[m]
//   ConvTranspose  W[C, M/group, k...]: W[c, m % (M/group)] for the c of m's group
//   Gemm           B[K, N] (transB: [N, K]): column (row) n of B; C is the bias,
//                  alpha stays, beta becomes 1
// Computed in double, stored in the producer's element type.
//
//===----------------------------------------------------------------------===//
#include "passes/ChannelAffine.h"

#include "passes/ConstantValues.h"

#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc {
namespace {

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

/// Stores weights `w` (of `wOperand`'s type) and a 1-D bias `b` into the
/// producer's operands.
void setWeights(Operation *producer, OpOperand &wOperand, OpOperand &bOperand,
                llvm::ArrayRef<double> w, llvm::ArrayRef<double> b) {
  OpBuilder builder(producer);
  auto wType = llvm::cast<RankedTensorType>(wOperand.get().getType());
  auto bType = RankedTensorType::get({int64_t(b.size())}, wType.getElementType());
  wOperand.set(makeConstant(builder, producer->getLoc(), wType, w));
  bOperand.set(makeConstant(builder, producer->getLoc(), bType, b));
}

/// Conv and ConvTranspose: W's dims 0 and 1 are (filters, channels per group)
/// or (input channels, filters per group).
template <typename OpT> bool applyToWindowOp(OpT op, const ChannelAffine &affine) {
  constexpr bool transposed = std::is_same_v<OpT, ConvTransposeOp>;
  auto w = constantValues(op.getW());
  auto channels = outputChannels(op);
  if (!w || !channels || int64_t(affine.s.size()) != *channels)
    return false;
  auto b = biasValues(op.getB(), *channels);
  if (!b)
    return false;
  auto wType = llvm::cast<RankedTensorType>(op.getW().getType());
  int64_t d0 = wType.getDimSize(0), d1 = wType.getDimSize(1), group = op.getGroup();
  int64_t inner = int64_t(w->size()) / (d0 * d1), perGroupIn = d0 / group;
  for (int64_t i = 0; i < d0; ++i)
    for (int64_t j = 0; j < d1; ++j) {
      int64_t m = transposed ? (i / perGroupIn) * d1 + j : i;
      for (int64_t k = 0; k < inner; ++k)
        (*w)[(i * d1 + j) * inner + k] *= affine.s[m];
    }
  for (int64_t m = 0; m < *channels; ++m)
    (*b)[m] = (*b)[m] * affine.s[m] + affine.t[m];
  setWeights(op, op.getWMutable(), op.getBMutable(), *w, *b);
  return true;
}

/// Gemm: Y[M, N] = alpha * A * B + beta * C with C absent, a scalar, [N] or
/// [1, N] (a per-column bias).
bool applyToGemm(GemmOp gemm, const ChannelAffine &affine) {
  auto w = constantValues(gemm.getB());
  auto n = outputChannels(gemm);
  if (!w || !n || int64_t(affine.s.size()) != *n)
    return false;
  llvm::SmallVector<double> c(*n, 0.0);
  if (!llvm::isa<NoneType>(gemm.getC().getType())) {
    auto cValues = constantValues(gemm.getC());
    auto cType = llvm::cast<RankedTensorType>(gemm.getC().getType());
    bool perColumn = cType.getRank() == 1 || (cType.getRank() == 2 && cType.getDimSize(0) == 1);
    if (!cValues || (cValues->size() != 1 && !(perColumn && int64_t(cValues->size()) == *n)))
      return false;
    double beta = gemm.getBeta().convertToDouble();
    for (int64_t j = 0; j < *n; ++j)
      c[j] = beta * (*cValues)[cValues->size() == 1 ? 0 : j];
  }
  int64_t k = int64_t(w->size()) / *n;
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < *n; ++j)
      (*w)[gemm.getTransB() ? j * k + i : i * *n + j] *= affine.s[j];
  for (int64_t j = 0; j < *n; ++j)
    c[j] = c[j] * affine.s[j] + affine.t[j];
  gemm.setBetaAttr(Builder(gemm).getF32FloatAttr(1.0f));
  setWeights(gemm, gemm.getBMutable(), gemm.getCMutable(), *w, c);
  return true;
}

} // namespace

std::optional<int64_t> outputChannels(Operation *producer) {
  if (auto gemm = llvm::dyn_cast<GemmOp>(producer)) {
    auto y = llvm::cast<RankedTensorType>(gemm.getY().getType());
    return y.hasStaticShape() ? std::optional<int64_t>(y.getDimSize(1)) : std::nullopt;
  }
  if (!llvm::isa<ConvOp, ConvTransposeOp>(producer))
    return std::nullopt;
  auto w = llvm::dyn_cast<RankedTensorType>(producer->getOperand(1).getType());
  if (!w || !w.hasStaticShape() || w.getRank() < 2)
    return std::nullopt;
  if (auto convT = llvm::dyn_cast<ConvTransposeOp>(producer))
    return w.getDimSize(1) * convT.getGroup();
  return w.getDimSize(0);
}

bool applyChannelAffine(Operation *producer, const ChannelAffine &affine) {
  if (auto conv = llvm::dyn_cast<ConvOp>(producer))
    return applyToWindowOp(conv, affine);
  if (auto convT = llvm::dyn_cast<ConvTransposeOp>(producer))
    return applyToWindowOp(convT, affine);
  if (auto gemm = llvm::dyn_cast<GemmOp>(producer))
    return applyToGemm(gemm, affine);
  return false;
}

} // namespace onnxc
