//===- Activation.h - activations that fuse into a producer's epilogue -*- C++ -*-===//
//
// Elementwise activations after a Conv/ConvTranspose/Gemm/MatMul can run inside that
// op's kernel, on each output value as it is finished, instead of as
// further passes over memory. The fusion pass records them on the producer,
// in the order they apply, as
//   onnxc.activation = ["LeakyRelu", "Clip", ...]
//   onnxc.activation_params = [[alpha], [min, max], ...]
// and codegen writes the same formulas it writes for the standalone ops.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_PASSES_ACTIVATION_H
#define ONNXC_PASSES_ACTIVATION_H

#include "mlir/IR/Operation.h"

#include <optional>
#include <string>

namespace onnxc {

struct Activation {
  std::string name;                  ///< the ONNX op type: "Relu", "Clip"...
  llvm::SmallVector<double, 2> params; ///< its float attributes, in ONNX order
};

/// What `op` computes when it is a fusable activation: Relu, LeakyRelu,
/// Sigmoid, HardSigmoid, HardSwish, Tanh, Gelu (params: [1] for the tanh
/// approximation, [0] for erf), or Clip with constant bounds (absent bounds
/// are -inf/+inf); nullopt otherwise.
std::optional<Activation> matchActivation(mlir::Operation *op);

/// What `op` computes on one tensor operand, returned in `input`, when it can
/// run in a producer's epilogue: an activation of matchActivation, or Max/Min
/// of a tensor and a one-element float constant c (Clip to [c, inf) or
/// (-inf, c]: the same value, NaN included).
std::optional<Activation> matchEpilogueStep(mlir::Operation *op, mlir::Value &input);

/// The activations fused into `producer`, in the order they apply (empty when
/// none).
llvm::SmallVector<Activation, 1> fusedActivations(mlir::Operation *producer);

/// Records `act` as fused into `producer`, applied after those already there.
void appendFusedActivation(mlir::Operation *producer, const Activation &act);

} // namespace onnxc

#endif
