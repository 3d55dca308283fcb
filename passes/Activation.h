//===- Activation.h - activations that fuse into a producer's epilogue -*- C++ -*-===//
//
// An elementwise activation after a Conv/ConvTranspose/Gemm/MatMul can run inside that
// op's kernel, on each output value as it is finished, instead of as a
// second pass over memory. The fusion pass records it on the producer as
//   onnxc.activation = "Relu" | "LeakyRelu" | "Clip" | ...
//   onnxc.activation_params = [alpha, beta]   (Clip: [min, max])
// and codegen writes the same formula it writes for the standalone op.
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

/// The activation fused into `producer`, if any.
std::optional<Activation> fusedActivation(mlir::Operation *producer);

/// Records `act` as fused into `producer`.
void setFusedActivation(mlir::Operation *producer, const Activation &act);

} // namespace onnxc

#endif
