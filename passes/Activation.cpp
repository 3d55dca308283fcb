//===- Activation.cpp - activations that fuse into a producer's epilogue --===//
#include "passes/Activation.h"

#include "passes/ConstantValues.h"

#include "compiler/dialect/OnnxDialect.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;

namespace onnxc {
namespace {

constexpr llvm::StringLiteral kActivationAttr = "onnxc.activation";
constexpr llvm::StringLiteral kParamsAttr = "onnxc.activation_params";

double attrValue(Operation *op, llvm::StringRef name) {
  return llvm::cast<FloatAttr>(op->getAttr(name)).getValueAsDouble();
}

/// A Clip bound: absent is `absent`; a one-element float constant is its
/// value; anything else (computed at run time) is nullopt.
std::optional<double> clipBound(Value v, double absent) {
  if (llvm::isa<NoneType>(v.getType()))
    return absent;
  auto values = constantValues(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

} // namespace

std::optional<Activation> matchActivation(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<Activation>>(op)
      .Case<ReluOp>([](auto) { return Activation{"Relu", {}}; })
      .Case<SigmoidOp>([](auto) { return Activation{"Sigmoid", {}}; })
      .Case<TanhOp>([](auto) { return Activation{"Tanh", {}}; })
      .Case<HardSwishOp>([](auto) { return Activation{"HardSwish", {}}; })
      .Case<LeakyReluOp>([](auto op) {
        return Activation{"LeakyRelu", {attrValue(op, "alpha")}};
      })
      .Case<GeluOp>([](GeluOp op) {
        return Activation{"Gelu", {op.getApproximate() == "tanh" ? 1.0 : 0.0}};
      })
      .Case<HardSigmoidOp>([](auto op) {
        return Activation{"HardSigmoid", {attrValue(op, "alpha"), attrValue(op, "beta")}};
      })
      .Case<ClipOp>([](ClipOp clip) -> std::optional<Activation> {
        auto lo = clipBound(clip.getMin(), -INFINITY), hi = clipBound(clip.getMax(), INFINITY);
        if (!lo || !hi)
          return std::nullopt;
        return Activation{"Clip", {*lo, *hi}};
      })
      .Default([](Operation *) { return std::nullopt; });
}

std::optional<Activation> fusedActivation(Operation *producer) {
  auto name = producer->getAttrOfType<StringAttr>(kActivationAttr);
  if (!name)
    return std::nullopt;
  Activation act{name.str(), {}};
  if (auto params = producer->getAttrOfType<ArrayAttr>(kParamsAttr))
    for (Attribute p : params)
      act.params.push_back(llvm::cast<FloatAttr>(p).getValueAsDouble());
  return act;
}

void setFusedActivation(Operation *producer, const Activation &act) {
  Builder b(producer->getContext());
  producer->setAttr(kActivationAttr, b.getStringAttr(act.name));
  producer->setAttr(kParamsAttr, b.getF64ArrayAttr(act.params));
}

} // namespace onnxc
