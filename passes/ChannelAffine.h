//===- ChannelAffine.h - a per-channel affine map into a producer's weights -*- C++ -*-===//
//
// y[:, m, ...] = P(x)[:, m, ...] * s[m] + t[m] after a Conv, ConvTranspose or
// Gemm P with constant weights is P with rescaled weights and bias. Used by
// FoldBatchNorm (s, t from the statistics) and FoldAffineChain (s, t from
// Mul/Add by per-channel constants).
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_PASSES_CHANNELAFFINE_H
#define ONNXC_PASSES_CHANNELAFFINE_H

#include "mlir/IR/Operation.h"

#include <optional>

namespace onnxc {

/// y = x * s[m] + t[m] per channel m.
struct ChannelAffine {
  llvm::SmallVector<double> s, t;
};

/// The number of output channels of a Conv (W[M, ...]), ConvTranspose
/// (W[C, M / group, ...]) or Gemm (Y[M, N]: N) with static shapes; nullopt for
/// any other op.
std::optional<int64_t> outputChannels(mlir::Operation *producer);

/// Rewrites `producer`'s constant weights and bias so that it computes
/// `affine` applied to its old result: the weights feeding channel m scaled
/// by s[m], B'[m] = B[m] * s[m] + t[m] (Gemm: C as the bias, beta becomes 1).
/// False (nothing changed) when they are not constants of the expected sizes.
bool applyChannelAffine(mlir::Operation *producer, const ChannelAffine &affine);

} // namespace onnxc

#endif
