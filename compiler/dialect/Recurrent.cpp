//===- Recurrent.cpp - LSTM/GRU/RNN geometry, activations, verifier -------===//
#include "compiler/dialect/Recurrent.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

namespace onnxc {

namespace {

/// Per-op constants: gate count, activations per direction, their defaults.
struct RecurrentKind {
  int64_t gates, functions;
  llvm::SmallVector<const char *, 3> defaults;
};

RecurrentKind kindOf(Operation *op) {
  if (llvm::isa<LSTMOp>(op))
    return {4, 3, {"Sigmoid", "Tanh", "Tanh"}};
  if (llvm::isa<GRUOp>(op))
    return {3, 2, {"Sigmoid", "Tanh"}};
  return {1, 1, {"Tanh"}};
}

/// Which of alpha and beta an activation takes, and their defaults.
struct ActivationParams {
  bool hasAlpha, hasBeta;
  float alpha, beta;
};

ActivationParams paramsOf(llvm::StringRef name) {
  if (name == "Affine")
    return {true, true, 1.0f, 0.0f};
  if (name == "LeakyRelu")
    return {true, false, 0.01f, 0.0f};
  if (name == "ThresholdedRelu" || name == "Elu")
    return {true, false, 1.0f, 0.0f};
  if (name == "ScaledTanh")
    return {true, true, 1.0f, 1.0f};
  if (name == "HardSigmoid")
    return {true, true, 0.2f, 0.5f};
  return {false, false, 0.0f, 0.0f};
}

/// Index of `name` (case-insensitive, as ONNX Runtime reads it), or -1.
int activationKind(llvm::StringRef name) {
  for (auto [i, known] : llvm::enumerate(recurrentActivationNames()))
    if (name.equals_insensitive(known))
      return i;
  return -1;
}

std::optional<int64_t> intAttr(Operation *op, llvm::StringRef name) {
  if (auto a = op->getAttrOfType<IntegerAttr>(name))
    return a.getValue().getSExtValue();
  return std::nullopt;
}

} // namespace

llvm::ArrayRef<const char *> recurrentActivationNames() {
  static const char *const names[] = {"Relu",        "Tanh",           "Sigmoid",
                                      "Affine",      "LeakyRelu",      "ThresholdedRelu",
                                      "ScaledTanh",  "HardSigmoid",    "Elu",
                                      "Softsign",    "Softplus"};
  return names;
}

/// Checks the attributes (not the shapes) and fills the fields that depend on
/// attributes only.
static std::string readAttributes(Operation *op, RecurrentGeometry &geo) {
  RecurrentKind kind = kindOf(op);
  geo.gates = kind.gates;
  geo.functions = kind.functions;
  auto direction = op->getAttrOfType<StringAttr>("direction");
  llvm::StringRef dir = direction ? direction.getValue() : "forward";
  if (dir != "forward" && dir != "reverse" && dir != "bidirectional")
    return "direction must be forward, reverse or bidirectional, got '" + dir.str() + "'";
  geo.dirs = dir == "bidirectional" ? 2 : 1;
  geo.reverse = dir == "reverse";
  int64_t layout = intAttr(op, "layout").value_or(0);
  if (layout != 0 && layout != 1)
    return "layout must be 0 or 1";
  geo.batchMajor = layout == 1;
  if (auto acts = op->getAttrOfType<ArrayAttr>("activations")) {
    if ((int64_t)acts.size() != geo.functions * geo.dirs)
      return "expects " + std::to_string(geo.functions * geo.dirs) + " activations, got " +
             std::to_string(acts.size());
    for (Attribute a : acts)
      if (activationKind(llvm::cast<StringAttr>(a).getValue()) < 0)
        return "unsupported activation '" + llvm::cast<StringAttr>(a).str() + "'";
  }
  if (intAttr(op, "input_forget").value_or(0) != 0 && !llvm::isa<LSTMOp>(op))
    return "input_forget is an LSTM attribute";
  return "";
}

std::string recurrentGeometry(Operation *op, RecurrentGeometry &geo) {
  std::string err = readAttributes(op, geo);
  if (!err.empty())
    return err;
  auto x = getStaticShape(op->getOperand(0)), w = getStaticShape(op->getOperand(1)),
       r = getStaticShape(op->getOperand(2));
  if (!x || !w || !r)
    return "needs static shapes of X, W and R";
  if (x->size() != 3 || w->size() != 3 || r->size() != 3)
    return "X, W and R must have rank 3";
  geo.seq = (*x)[geo.batchMajor ? 1 : 0];
  geo.batch = (*x)[geo.batchMajor ? 0 : 1];
  geo.input = (*x)[2];
  geo.hidden = (*r)[2];
  if (auto h = intAttr(op, "hidden_size"); h && *h != geo.hidden)
    return "hidden_size " + std::to_string(*h) + " disagrees with R's shape";
  llvm::SmallVector<int64_t> wantW = {geo.dirs, geo.gates * geo.hidden, geo.input};
  llvm::SmallVector<int64_t> wantR = {geo.dirs, geo.gates * geo.hidden, geo.hidden};
  if (*w != llvm::ArrayRef<int64_t>(wantW) || *r != llvm::ArrayRef<int64_t>(wantR))
    return "W or R has a shape that does not fit X, the direction and hidden size";
  // Optional operands: B, sequence_lens, initial_h, then LSTM's initial_c, P.
  auto check = [&](unsigned i, llvm::ArrayRef<int64_t> want, const char *name) -> std::string {
    if (i >= op->getNumOperands() || llvm::isa<NoneType>(op->getOperand(i).getType()))
      return "";
    auto s = getStaticShape(op->getOperand(i));
    if (!s || *s != want)
      return std::string(name) + " has the wrong shape";
    return "";
  };
  llvm::SmallVector<int64_t> state = {geo.dirs, geo.batch, geo.hidden};
  if (geo.batchMajor)
    state = {geo.batch, geo.dirs, geo.hidden};
  for (auto e : {check(3, {geo.dirs, 2 * geo.gates * geo.hidden}, "B"),
                 check(4, {geo.batch}, "sequence_lens"), check(5, state, "initial_h"),
                 check(6, state, "initial_c"), check(7, {geo.dirs, 3 * geo.hidden}, "P")})
    if (!e.empty())
      return e;
  if (op->getNumOperands() > 4 && !llvm::isa<NoneType>(op->getOperand(4).getType()) &&
      !llvm::cast<ShapedType>(op->getOperand(4).getType()).getElementType().isInteger(32))
    return "sequence_lens must be int32";
  return "";
}

std::string recurrentActivations(Operation *op, const RecurrentGeometry &geo,
                                 llvm::SmallVectorImpl<RecurrentActivation> &acts) {
  llvm::SmallVector<std::string> names;
  if (auto list = op->getAttrOfType<ArrayAttr>("activations")) {
    for (Attribute a : list)
      names.push_back(llvm::cast<StringAttr>(a).str());
  } else {
    for (int64_t d = 0; d < geo.dirs; ++d)
      for (const char *n : kindOf(op).defaults)
        names.push_back(n);
  }
  auto floats = [&](const char *name) {
    llvm::SmallVector<float> v;
    if (auto list = op->getAttrOfType<ArrayAttr>(name))
      for (Attribute a : list)
        v.push_back(llvm::cast<FloatAttr>(a).getValueAsDouble());
    return v;
  };
  // As ONNX Runtime: each activation that takes an alpha (beta) consumes the
  // next entry of activation_alpha (activation_beta), if any is left.
  llvm::SmallVector<float> alphas = floats("activation_alpha"), betas = floats("activation_beta");
  size_t nextAlpha = 0, nextBeta = 0;
  for (const std::string &name : names) {
    int kind = activationKind(name);
    if (kind < 0)
      return "unsupported activation '" + name + "'";
    ActivationParams p = paramsOf(recurrentActivationNames()[kind]);
    float alpha = p.alpha, beta = p.beta;
    if (p.hasAlpha && nextAlpha < alphas.size())
      alpha = alphas[nextAlpha++];
    if (p.hasBeta && nextBeta < betas.size())
      beta = betas[nextBeta++];
    acts.push_back({kind, alpha, beta});
  }
  return "";
}

LogicalResult verifyRecurrentOp(Operation *op) {
  RecurrentGeometry geo;
  std::string err = readAttributes(op, geo);
  if (err.empty() && llvm::all_of(op->getOperands().take_front(3),
                                  [](Value v) { return getStaticShape(v).has_value(); }))
    err = recurrentGeometry(op, geo);
  if (!err.empty())
    return op->emitOpError(err);
  return success();
}

LogicalResult inferRecurrent(Operation *op, llvm::SmallVectorImpl<Type> &results) {
  RecurrentGeometry geo;
  std::string err = recurrentGeometry(op, geo);
  if (!err.empty())
    return op->emitOpError(err);
  Type elem = llvm::cast<ShapedType>(op->getOperand(0).getType()).getElementType();
  llvm::SmallVector<int64_t> y = {geo.seq, geo.dirs, geo.batch, geo.hidden};
  llvm::SmallVector<int64_t> state = {geo.dirs, geo.batch, geo.hidden};
  if (geo.batchMajor) {
    y = {geo.batch, geo.seq, geo.dirs, geo.hidden};
    state = {geo.batch, geo.dirs, geo.hidden};
  }
  results.push_back(RankedTensorType::get(y, elem));
  for (unsigned i = 1; i < op->getNumResults(); ++i)
    results.push_back(RankedTensorType::get(state, elem));
  return success();
}

} // namespace onnxc
