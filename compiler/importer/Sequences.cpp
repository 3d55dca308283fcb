//===- Sequences.cpp - ONNX sequences and optionals, resolved at import ---===//
//
// Generated code has no heap, so sequences and optionals never reach the IR:
// the importer keeps a sequence as the list of its elements' tensor values
// and an optional as its (static) presence plus its value, and rewrites the
// sequence ops into plain ones (Concat, Split, Unsqueeze, Squeeze, Constant)
// or into nothing (SequenceAt of a constant position is the element itself).
// SequenceMap is unrolled over the static length; an If whose branches yield
// sequences of the same length yields their elements. Whatever is not static
// (a position computed at run time, a sequence carried by a Loop, an If whose
// branches disagree) is a compile-time error naming the node.
//
// Graph inputs and outputs: a sequence is one buffer per element, named
// "NAME[i]", its length and shapes given by --sequence; an optional is its
// value's buffers when present and nothing when absent (--absent).
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/DataType.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"
#include "compiler/importer/GraphImporter.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;

namespace onnxc {

static bool isSequenceOrOptional(const onnx::TypeProto &t) {
  return t.has_sequence_type() || t.has_optional_type();
}

bool GraphImporter::isCompositeNode(const onnx::NodeProto &node) const {
  static const char *const ops[] = {
      "SequenceEmpty",  "SequenceConstruct",  "SequenceInsert",     "SequenceErase",
      "SequenceAt",     "SequenceLength",     "ConcatFromSequence", "SplitToSequence",
      "SequenceMap",    "Optional",           "OptionalHasElement", "OptionalGetElement"};
  for (const char *op : ops)
    if (node.op_type() == op)
      return true;
  for (const auto &input : node.input())
    if (composites.count(input))
      return true;
  for (const auto &output : node.output()) {
    auto it = valueTypes.find(output);
    if (it != valueTypes.end() && isSequenceOrOptional(it->second))
      return true;
  }
  return false;
}

Operation *GraphImporter::createOp(const onnx::NodeProto &node, StringRef opType,
                                   ValueRange operands, TypeRange types,
                                   ArrayRef<NamedAttribute> attrs) {
  OperationState state(locationOf(node), ("onnx." + opType).str());
  state.addOperands(operands);
  state.addAttributes(attrs);
  state.addTypes(types);
  return builder.create(state);
}

Value GraphImporter::intConstant(ArrayRef<int64_t> v, bool scalar) {
  auto type = RankedTensorType::get(scalar ? ArrayRef<int64_t>{} : ArrayRef<int64_t>{(int64_t)v.size()},
                                    builder.getI64Type());
  return builder.create<ConstantOp>(builder.getUnknownLoc(), type, DenseElementsAttr::get(type, v));
}


static Type elementTypeOf(Value v) { return llvm::cast<ShapedType>(v.getType()).getElementType(); }

/// A result type for shape propagation to fill in.
static Type unrankedLike(Value v) { return UnrankedTensorType::get(elementTypeOf(v)); }

static int64_t attrInt(const onnx::NodeProto &node, const char *name, int64_t fallback) {
  for (const auto &a : node.attribute())
    if (a.name() == name)
      return a.i();
  return fallback;
}

namespace {
/// The inputs of one node: tensors, composites or absent.
struct NodeInputs {
  const onnx::NodeProto &node;
  std::unordered_map<std::string, Value> &values;
  std::unordered_map<std::string, Composite> &composites;

  bool has(int i) const { return i < node.input_size() && !node.input(i).empty(); }
  const Composite *composite(int i) const {
    auto it = has(i) ? composites.find(node.input(i)) : composites.end();
    return it == composites.end() ? nullptr : &it->second;
  }
  Value tensor(int i) const {
    auto it = has(i) ? values.find(node.input(i)) : values.end();
    return it == values.end() ? Value() : it->second;
  }
};
} // namespace

/// A constant position into a sequence of `length` elements; `end` is the
/// largest valid one (length for an insertion, length - 1 otherwise).
static bool staticPosition(const NodeInputs &in, int i, int64_t length, int64_t end,
                           int64_t &pos, std::string &error) {
  Value position = in.tensor(i);
  auto ints = position ? getConstantInts(position) : std::nullopt;
  if (!ints || ints->size() != 1) {
    error = "the position must be a constant (onnxc resolves sequences at compile time)";
    return false;
  }
  pos = (*ints)[0];
  if (pos < -length || pos > end) {
    error = "position " + std::to_string(pos) + " is out of range for a sequence of " +
            std::to_string(length) + " elements";
    return false;
  }
  if (pos < 0)
    pos += length;
  return true;
}

/// The sizes SplitToSequence cuts `dim` into: ones without `split`, chunks
/// of a scalar split (the last one shorter), or the split list.
static bool splitSizes(const NodeInputs &in, int64_t dim, llvm::SmallVector<int64_t> &sizes,
                       std::string &error) {
  if (!in.has(1)) {
    sizes.assign(dim, 1);
    return true;
  }
  Value split = in.tensor(1);
  auto ints = split ? getConstantInts(split) : std::nullopt;
  if (!ints) {
    error = "'split' must be a constant (the number and shapes of the elements must be static)";
    return false;
  }
  if (llvm::cast<ShapedType>(split.getType()).getRank() == 1) {
    sizes = *ints;
    return true;
  }
  int64_t chunk = (*ints)[0];
  if (chunk <= 0) {
    error = "'split' must be positive";
    return false;
  }
  for (int64_t at = 0; at < dim; at += chunk)
    sizes.push_back(std::min(chunk, dim - at));
  return true;
}

bool GraphImporter::importCompositeNode(const onnx::NodeProto &node, std::string &error) {
  const std::string &op = node.op_type();
  NodeInputs in{node, values, composites};
  auto sequenceInput = [&](int i) -> const Composite * {
    const Composite *c = in.composite(i);
    if (!c || !c->sequence || c->optional)
      error = "input " + std::to_string(i) + " must be a sequence";
    return c && c->sequence && !c->optional ? c : nullptr;
  };
  auto define = [&](Composite c) {
    composites[node.output(0)] = std::move(c);
    return true;
  };
  Composite sequence;
  sequence.sequence = true;

  if (op == "If")
    return importIfWithComposites(node, error);
  if (op == "SequenceMap")
    return importSequenceMap(node, error);
  if (op == "Loop")
    return importUnrolledLoop(node, error);
  if (op == "Identity") {
    if (const Composite *c = in.composite(0))
      return define(*c);
  }
  if (op == "SequenceEmpty")
    return define(sequence);
  if (op == "SequenceConstruct") {
    for (int i = 0; i < node.input_size(); ++i)
      sequence.elements.push_back(in.tensor(i));
    return define(sequence);
  }
  if (op == "SequenceInsert" || op == "SequenceErase") {
    const Composite *seq = sequenceInput(0);
    if (!seq)
      return false;
    sequence = *seq;
    int64_t n = sequence.elements.size();
    bool insert = op == "SequenceInsert";
    int positionInput = insert ? 2 : 1;
    int64_t pos = insert ? n : n - 1;
    if (!insert && n == 0) {
      error = "cannot erase from an empty sequence";
      return false;
    }
    if (in.has(positionInput) && !staticPosition(in, positionInput, n, insert ? n : n - 1, pos, error))
      return false;
    if (insert)
      sequence.elements.insert(sequence.elements.begin() + pos, in.tensor(1));
    else
      sequence.elements.erase(sequence.elements.begin() + pos);
    return define(sequence);
  }
  if (op == "SequenceAt" || op == "SequenceLength") {
    const Composite *seq = sequenceInput(0);
    if (!seq)
      return false;
    int64_t n = seq->elements.size(), pos = 0;
    if (op == "SequenceLength") {
      values[node.output(0)] = intConstant({n}, /*scalar=*/true);
      return true;
    }
    if (!staticPosition(in, 1, n, n - 1, pos, error))
      return false;
    values[node.output(0)] = seq->elements[pos];
    return true;
  }
  if (op == "ConcatFromSequence") {
    const Composite *seq = sequenceInput(0);
    if (!seq)
      return false;
    if (seq->elements.empty()) {
      error = "cannot concatenate an empty sequence";
      return false;
    }
    int64_t axis = attrInt(node, "axis", 0);
    llvm::SmallVector<Value> parts(seq->elements);
    if (attrInt(node, "new_axis", 0)) {
      auto first = llvm::dyn_cast<RankedTensorType>(parts[0].getType());
      if (axis < 0 && !first) {
        error = "a negative axis needs elements of known rank";
        return false;
      }
      if (axis < 0)
        axis += first.getRank() + 1;
      Value axes = intConstant({axis}, /*scalar=*/false);
      for (Value &p : parts)
        p = createOp(node, "Unsqueeze", {p, axes}, unrankedLike(p))->getResult(0);
    }
    values[node.output(0)] = createOp(node, "Concat", parts, unrankedLike(parts[0]),
                                      {builder.getNamedAttr("axis", builder.getI64IntegerAttr(axis))})
                                 ->getResult(0);
    return true;
  }
  if (op == "SplitToSequence") {
    Value input = in.tensor(0);
    auto type = llvm::dyn_cast<RankedTensorType>(input.getType());
    int64_t axis = attrInt(node, "axis", 0);
    if (!type || !type.hasStaticShape()) {
      error = "the input must have a static shape (the elements' shapes must be static)";
      return false;
    }
    if (axis < 0)
      axis += type.getRank();
    if (axis < 0 || axis >= type.getRank()) {
      error = "axis " + std::to_string(attrInt(node, "axis", 0)) + " is out of range";
      return false;
    }
    llvm::SmallVector<int64_t> sizes;
    if (!splitSizes(in, type.getDimSize(axis), sizes, error))
      return false;
    // The elements' types are known here: a ConcatFromSequence with a
    // negative new axis needs their rank.
    llvm::SmallVector<Type> partTypes, squeezedTypes;
    for (int64_t size : sizes) {
      llvm::SmallVector<int64_t> dims(type.getShape());
      dims[axis] = size;
      partTypes.push_back(type.clone(dims));
      dims.erase(dims.begin() + axis);
      squeezedTypes.push_back(type.clone(dims));
    }
    Value split = intConstant(sizes, /*scalar=*/false);
    auto axisAttr = builder.getNamedAttr("axis", builder.getI64IntegerAttr(axis));
    Operation *parts = createOp(node, "Split", {input, split}, partTypes, {axisAttr});
    bool squeeze = !in.has(1) && attrInt(node, "keepdims", 1) == 0;
    Value axes = squeeze ? intConstant({axis}, /*scalar=*/false) : Value();
    for (auto [part, squeezed] : llvm::zip(parts->getResults(), squeezedTypes))
      sequence.elements.push_back(
          squeeze ? createOp(node, "Squeeze", {part, axes}, squeezed)->getResult(0) : part);
    return define(sequence);
  }
  if (op == "Optional") {
    Composite optional;
    optional.optional = true;
    optional.present = in.has(0);
    if (const Composite *c = in.composite(0)) {
      if (c->optional) {
        error = "an optional of an optional is not supported";
        return false;
      }
      optional.sequence = true;
      optional.elements = c->elements;
    } else if (in.has(0)) {
      optional.elements.push_back(in.tensor(0));
    } else {
      for (const auto &a : node.attribute())
        if (a.name() == "type")
          optional.sequence = a.tp().has_sequence_type();
    }
    return define(optional);
  }
  if (op == "OptionalHasElement" || op == "OptionalGetElement") {
    const Composite *c = in.composite(0);
    bool present = in.has(0) && (!c || !c->optional || c->present);
    if (op == "OptionalHasElement") {
      auto type = RankedTensorType::get({}, builder.getI1Type());
      values[node.output(0)] = builder.create<ConstantOp>(
          builder.getUnknownLoc(), type, DenseElementsAttr::get(type, llvm::ArrayRef<bool>{present}));
      return true;
    }
    if (!present) {
      error = "the optional is empty at compile time";
      return false;
    }
    if (!c) {
      values[node.output(0)] = in.tensor(0);
      return true;
    }
    if (!c->sequence) {
      values[node.output(0)] = c->elements[0];
      return true;
    }
    sequence.elements = c->elements;
    return define(sequence);
  }
  error = "sequences and optionals must be static in onnxc (resolved at compile time); " + op +
          " cannot take or produce one here";
  return false;
}

/// An If whose outputs include sequences or optionals: both branches must
/// agree on what they yield (lengths, presence); the If then yields the
/// elements as tensors and its outputs are rebuilt from its results.
bool GraphImporter::importIfWithComposites(const onnx::NodeProto &node, std::string &error) {
  Value cond = values.count(node.input(0)) ? values[node.input(0)] : Value();
  if (!cond) {
    error = "the condition must be a tensor";
    return false;
  }
  OperationState state(locationOf(node), "onnx.If");
  state.addOperands(cond);
  state.addRegion();
  state.addRegion();
  Operation *draft = builder.create(state);
  if (!importSubgraphs(node, draft, error))
    return false;
  auto &then = subgraphComposites[0], &otherwise = subgraphComposites[1];
  for (size_t k = 0; k < then.size(); ++k) {
    const auto &a = then[k], &b = otherwise[k];
    bool same = a.has_value() == b.has_value() &&
                (!a || (a->optional == b->optional && a->present == b->present &&
                        a->sequence == b->sequence && a->elements.size() == b->elements.size()));
    if (!same) {
      error = "output '" + node.output(k) +
              "': the branches yield sequences of different lengths or optionals of different "
              "presence; onnxc needs them static";
      return false;
    }
  }
  auto yieldTypes = [&](int region) {
    return draft->getRegion(region).front().getTerminator()->getOperandTypes();
  };
  llvm::SmallVector<Type> types;
  for (auto [a, b] : llvm::zip(yieldTypes(0), yieldTypes(1)))
    types.push_back(a == b ? a : UnrankedTensorType::get(llvm::cast<ShapedType>(a).getElementType()));
  OperationState rebuilt(locationOf(node), "onnx.If");
  rebuilt.addOperands(cond);
  rebuilt.addTypes(types);
  for (Region &r : draft->getRegions())
    rebuilt.addRegion()->takeBody(r);
  Operation *op = builder.create(rebuilt);
  draft->erase();
  if (failed(verify(op, /*verifyRecursively=*/false))) {
    error = "invalid If";
    return false;
  }
  unsigned next = 0;
  for (size_t k = 0; k < then.size(); ++k) {
    if (!then[k]) {
      values[node.output(k)] = op->getResult(next++);
      continue;
    }
    Composite c = *then[k];
    for (Value &e : c.elements)
      e = op->getResult(next++);
    composites[node.output(k)] = c;
  }
  return true;
}

static std::string elementName(const std::string &name, size_t i) {
  return name + "[" + std::to_string(i) + "]";
}

/// The function arguments of a sequence or optional graph input.
bool GraphImporter::importCompositeInput(const onnx::ValueInfoProto &input,
                                         llvm::SmallVector<Type> &argTypes,
                                         llvm::SmallVector<std::string> &argNames,
                                         std::string &error) {
  const std::string &name = input.name();
  const onnx::TypeProto *type = &input.type();
  if (type->has_optional_type()) {
    if (options.absentInputs.count(name))
      return true;
    type = &type->optional_type().elem_type();
  } else if (options.absentInputs.count(name)) {
    error = "--absent names input '" + name + "', which is not an optional";
    return false;
  }
  if (type->has_tensor_type()) {
    Type t = typeOf(*type);
    auto ranked = llvm::dyn_cast_or_null<RankedTensorType>(t);
    if (!ranked || !ranked.hasStaticShape()) {
      error = "optional input '" + name + "' needs a static tensor type";
      return false;
    }
    argTypes.push_back(t);
    argNames.push_back(name);
    return true;
  }
  if (!type->has_sequence_type() || !type->sequence_type().elem_type().has_tensor_type()) {
    error = "input '" + name + "' has an unsupported type (maps and nested sequences are not supported)";
    return false;
  }
  auto shapes = options.sequenceShapes.find(name);
  if (shapes == options.sequenceShapes.end()) {
    error = "input '" + name + "' is a sequence; give its element shapes with --sequence " + name +
            "=DxD,DxD,... (one shape per element)";
    return false;
  }
  Type elem = elementTypeFromOnnx(&ctx, type->sequence_type().elem_type().tensor_type().elem_type());
  if (!elem) {
    error = "input '" + name + "' has an unsupported element type";
    return false;
  }
  for (auto [i, dims] : llvm::enumerate(shapes->second)) {
    argTypes.push_back(RankedTensorType::get(dims, elem));
    argNames.push_back(elementName(name, i));
  }
  return true;
}

/// Binds a sequence or optional graph input to its arguments.
void GraphImporter::bindCompositeInput(const onnx::ValueInfoProto &input, Block *body,
                                       unsigned &nextArg) {
  Composite c;
  c.optional = input.type().has_optional_type();
  c.present = !options.absentInputs.count(input.name());
  const onnx::TypeProto &inner = c.optional ? input.type().optional_type().elem_type() : input.type();
  c.sequence = inner.has_sequence_type();
  size_t count = !c.present ? 0 : c.sequence ? options.sequenceShapes.at(input.name()).size() : 1;
  for (size_t i = 0; i < count; ++i)
    c.elements.push_back(body->getArgument(nextArg++));
  composites[input.name()] = c;
}

/// The function results of graph output `name`: a tensor is one, a sequence
/// one per element, an absent optional none.
bool GraphImporter::flattenOutput(const std::string &name, llvm::SmallVector<Value> &results,
                                  llvm::SmallVector<std::string> &names, std::string &error) {
  auto composite = composites.find(name);
  if (composite == composites.end()) {
    auto it = values.find(name);
    if (it == values.end()) {
      error = "output '" + name + "' is not produced by the graph";
      return false;
    }
    results.push_back(it->second);
    names.push_back(name);
    return true;
  }
  const Composite &c = composite->second;
  for (auto [i, v] : llvm::enumerate(c.elements)) {
    results.push_back(v);
    names.push_back(c.sequence ? elementName(name, i) : name);
  }
  return true;
}

} // namespace onnxc
