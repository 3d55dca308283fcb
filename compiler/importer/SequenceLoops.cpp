//===- SequenceLoops.cpp - SequenceMap and sequence-building Loops unrolled ---===//
//
// A sequence's length is static, so SequenceMap runs its body once per
// element at compile time, and so does a Loop that carries a sequence or an
// optional (ONNX's own expansion of SequenceMap is such a Loop): its trip
// count must then be a constant and its condition stay true. Each copy of
// the body sees its iteration number as a constant, which makes SequenceAt
// positions static.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"
#include "compiler/importer/GraphImporter.h"

using namespace mlir;

namespace onnxc {

Bound GraphImporter::boundInput(const onnx::NodeProto &node, int i) {
  if (i >= node.input_size() || node.input(i).empty())
    return {};
  auto c = composites.find(node.input(i));
  if (c != composites.end())
    return {Value(), c->second};
  auto v = values.find(node.input(i));
  return {v == values.end() ? Value() : v->second, std::nullopt};
}

/// Imports `body` once with its inputs bound to `inputs`; `outputs` gets
/// what its outputs are bound to. The body's names go out of scope after it.
bool GraphImporter::importUnrolledBody(const onnx::GraphProto &body, ArrayRef<Bound> inputs,
                                       llvm::SmallVector<Bound> &outputs, std::string &error) {
  auto outerValues = values;
  auto outerComposites = composites;
  bool outerUntyped = untypedScope;
  // The model's types inside the body describe every iteration at once.
  untypedScope = true;
  for (auto [input, bound] : llvm::zip(body.input(), inputs)) {
    if (bound.composite)
      composites[input.name()] = *bound.composite;
    else
      values[input.name()] = bound.tensor;
  }
  bool ok = importNodes(body, error);
  outputs.clear();
  for (const auto &output : body.output()) {
    if (!ok)
      break;
    Bound b;
    auto c = composites.find(output.name());
    auto v = values.find(output.name());
    if (c != composites.end())
      b.composite = c->second;
    else if (v != values.end())
      b.tensor = v->second;
    else {
      error = "the body's output '" + output.name() + "' is not produced by the body";
      ok = false;
    }
    outputs.push_back(b);
  }
  values = std::move(outerValues);
  composites = std::move(outerComposites);
  untypedScope = outerUntyped;
  return ok;
}

static const onnx::GraphProto *bodyOf(const onnx::NodeProto &node) {
  for (const auto &a : node.attribute())
    if (a.name() == "body" && a.type() == onnx::AttributeProto::GRAPH)
      return &a.g();
  return nullptr;
}

/// SequenceMap: the body once per element, its inputs bound to the i-th
/// element of each sequence input (tensor inputs are shared).
bool GraphImporter::importSequenceMap(const onnx::NodeProto &node, std::string &error) {
  const onnx::GraphProto *body = bodyOf(node);
  Bound first = boundInput(node, 0);
  if (!body || !first.composite || !first.composite->sequence || first.composite->optional) {
    error = "SequenceMap needs a body and a sequence as input 0";
    return false;
  }
  size_t length = first.composite->elements.size();
  llvm::SmallVector<Bound> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    inputs.push_back(boundInput(node, i));
    const auto &c = inputs.back().composite;
    if (c && (!c->sequence || c->optional || c->elements.size() != length)) {
      error = "the sequence inputs must be sequences of the same length";
      return false;
    }
  }
  if (body->input_size() != node.input_size() || body->output_size() != node.output_size()) {
    error = "the body's inputs and outputs must match the node's";
    return false;
  }
  std::vector<Composite> results(node.output_size());
  for (Composite &c : results)
    c.sequence = true;
  for (size_t e = 0; e < length; ++e) {
    llvm::SmallVector<Bound> elementInputs, outputs;
    for (const Bound &b : inputs)
      elementInputs.push_back(b.composite ? Bound{b.composite->elements[e], std::nullopt} : b);
    if (!importUnrolledBody(*body, elementInputs, outputs, error))
      return false;
    for (auto [k, out] : llvm::enumerate(outputs)) {
      if (!out.tensor) {
        error = "the body's output '" + body->output(k).name() + "' must be a tensor";
        return false;
      }
      results[k].elements.push_back(out.tensor);
    }
  }
  for (int k = 0; k < node.output_size(); ++k)
    composites[node.output(k)] = results[k];
  return true;
}

/// Whether `v` is the constant true, directly or through Identity.
static bool isConstantTrue(Value v) {
  while (auto id = v ? v.getDefiningOp<IdentityOp>() : IdentityOp())
    v = id->getOperand(0);
  auto ints = v ? getConstantInts(v) : std::nullopt;
  return ints && ints->size() == 1 && (*ints)[0] != 0;
}

/// A Loop carrying a sequence or optional, unrolled: trip count constant,
/// condition constantly true. Scan outputs are stacked with Unsqueeze+Concat.
bool GraphImporter::importUnrolledLoop(const onnx::NodeProto &node, std::string &error) {
  const onnx::GraphProto *body = bodyOf(node);
  Bound tripCount = boundInput(node, 0), cond = boundInput(node, 1);
  auto trips = tripCount.tensor ? getConstantInts(tripCount.tensor) : std::nullopt;
  if (!body || !trips || trips->size() != 1) {
    error = "a Loop that carries a sequence or optional is unrolled, so its trip count must be "
            "a constant";
    return false;
  }
  if (node.input_size() > 1 && !node.input(1).empty() && !isConstantTrue(cond.tensor)) {
    error = "a Loop that carries a sequence or optional is unrolled, so its condition must be "
            "a constant true";
    return false;
  }
  int numCarried = node.input_size() - 2;
  if (numCarried < 0 || body->input_size() != numCarried + 2) {
    error = "the body's inputs must be the iteration number, the condition and the carried values";
    return false;
  }
  llvm::SmallVector<Bound> carried;
  for (int i = 0; i < numCarried; ++i)
    carried.push_back(boundInput(node, i + 2));
  auto boolType = RankedTensorType::get({}, builder.getI1Type());
  Value alwaysTrue = builder.create<ConstantOp>(builder.getUnknownLoc(), boolType,
                                                DenseElementsAttr::get(boolType, true));
  int numScans = body->output_size() - 1 - numCarried;
  std::vector<llvm::SmallVector<Value>> scanSlices(std::max(numScans, 0));
  for (int64_t i = 0; i < (*trips)[0]; ++i) {
    llvm::SmallVector<Bound> inputs = {{intConstant({i}, /*scalar=*/true), std::nullopt},
                                       {alwaysTrue, std::nullopt}};
    inputs.append(carried);
    llvm::SmallVector<Bound> outputs;
    if (!importUnrolledBody(*body, inputs, outputs, error))
      return false;
    if (!isConstantTrue(outputs[0].tensor)) {
      error = "a Loop that carries a sequence or optional is unrolled, so its body's condition "
              "must stay a constant true";
      return false;
    }
    carried.assign(outputs.begin() + 1, outputs.begin() + 1 + numCarried);
    for (int k = 0; k < numScans; ++k) {
      Value slice = outputs[1 + numCarried + k].tensor;
      if (!slice) {
        error = "scan output " + std::to_string(k) + " must be a tensor";
        return false;
      }
      scanSlices[k].push_back(slice);
    }
  }
  for (int i = 0; i < numCarried && i < node.output_size(); ++i) {
    if (carried[i].composite)
      composites[node.output(i)] = *carried[i].composite;
    else
      values[node.output(i)] = carried[i].tensor;
  }
  for (int k = 0; k < numScans && numCarried + k < node.output_size(); ++k) {
    if (scanSlices[k].empty()) {
      error = "a scan output of a Loop that runs no iteration would be empty";
      return false;
    }
    Value axes = intConstant({0}, /*scalar=*/false);
    llvm::SmallVector<Value> rows;
    Type elem = llvm::cast<ShapedType>(scanSlices[k][0].getType()).getElementType();
    for (Value slice : scanSlices[k])
      rows.push_back(createOp(node, "Unsqueeze", {slice, axes}, UnrankedTensorType::get(elem))->getResult(0));
    values[node.output(numCarried + k)] =
        createOp(node, "Concat", rows, UnrankedTensorType::get(elem),
                 {builder.getNamedAttr("axis", builder.getI64IntegerAttr(0))})
            ->getResult(0);
  }
  return true;
}

} // namespace onnxc
