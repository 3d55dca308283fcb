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
      .Case<ReluOp>([](auto) {
        return Activation{"Relu", {}};
      })
      .Case<SigmoidOp>([](auto) {
        return Activation{"Sigmoid", {}};
      })
      .Case<TanhOp>([](auto) {
        return Activation{"Tanh", {}};
      })
      .Case<HardSwishOp>([](auto) {
        return Activation{"HardSwish", {}};
      })
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

std::optional<Activation> matchEpilogueStep(Operation *op, Value &input) {
  if (llvm::isa<MaxOp, MinOp>(op) && op->getNumOperands() == 2) {
    bool isMax = llvm::isa<MaxOp>(op);
    for (int c = 0; c < 2; ++c) {
      auto values = constantValues(op->getOperand(c));
      Value x = op->getOperand(1 - c);
      if (!values || values->size() != 1 || x.getType() != op->getResult(0).getType())
        continue;
      input = x;
      double bound = values->front();
      return Activation{"Clip", {isMax ? bound : -INFINITY, isMax ? INFINITY : bound}};
    }
    return std::nullopt;
  }
  if (op->getNumOperands() == 0)
    return std::nullopt;
  input = op->getOperand(0);
  return matchActivation(op);
}

llvm::SmallVector<Activation, 1> fusedActivations(Operation *producer) {
  llvm::SmallVector<Activation, 1> acts;
  auto names = producer->getAttrOfType<ArrayAttr>(kActivationAttr);
  auto params = producer->getAttrOfType<ArrayAttr>(kParamsAttr);
  if (!names || !params)
    return acts;
  for (auto [name, values] : llvm::zip(names, params)) {
    Activation &act = acts.emplace_back(Activation{llvm::cast<StringAttr>(name).str(), {}});
    for (Attribute p : llvm::cast<ArrayAttr>(values))
      act.params.push_back(llvm::cast<FloatAttr>(p).getValueAsDouble());
  }
  return acts;
}

void appendFusedActivation(Operation *producer, const Activation &act) {
  Builder b(producer->getContext());
  llvm::SmallVector<Attribute> names, params;
  if (auto old = producer->getAttrOfType<ArrayAttr>(kActivationAttr))
    names.assign(old.begin(), old.end());
  if (auto old = producer->getAttrOfType<ArrayAttr>(kParamsAttr))
    params.assign(old.begin(), old.end());
  names.push_back(b.getStringAttr(act.name));
  params.push_back(b.getF64ArrayAttr(act.params));
  producer->setAttr(kActivationAttr, b.getArrayAttr(names));
  producer->setAttr(kParamsAttr, b.getArrayAttr(params));
}

} // namespace onnxc
