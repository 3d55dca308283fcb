//===- Importer.cpp - ONNX GraphProto -> `onnx` dialect ------------------===//
//
// Builds one func.func @main whose arguments are the graph inputs and whose
// results are the graph outputs (names kept in `onnx.name` attributes). Every
// node becomes the op `onnx.<OpType>`; initializers and Constant nodes become
// onnx.Constant. Each op is verified as it is built so that an error names
// the node it comes from.
//
//===----------------------------------------------------------------------===//
#include "compiler/importer/Importer.h"
#include "compiler/importer/GraphImporter.h"
#include "compiler/dialect/DataType.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/SymbolicDims.h"
#include "compiler/importer/ModelLoader.h"
#include "compiler/importer/TensorConverter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <onnx/defs/schema.h>


using namespace mlir;

namespace onnxc {

std::string GraphImporter::describe(const onnx::NodeProto &node) const {
  std::string domain = node.domain().empty() ? "" : node.domain() + ".";
  // Exporters often leave nodes unnamed; the first output names them then.
  std::string who = !node.name().empty() || node.output_size() == 0
                        ? "node '" + node.name() + "'"
                        : "node with output '" + node.output(0) + "'";
  return who + " (" + domain + node.op_type() + ", opset " + std::to_string(sourceOpset) + ")";
}

Type GraphImporter::typeOf(const onnx::TypeProto &type) {
  if (!type.has_tensor_type())
    return {};
  Type elem = elementTypeFromOnnx(&ctx, type.tensor_type().elem_type());
  if (!elem)
    return {};
  if (!type.tensor_type().has_shape())
    return UnrankedTensorType::get(elem);
  llvm::SmallVector<int64_t> dims;
  for (const auto &d : type.tensor_type().shape().dim())
    dims.push_back(d.has_dim_value() ? d.dim_value() : ShapedType::kDynamic);
  return RankedTensorType::get(dims, elem);
}

std::string GraphImporter::typeProblem(const onnx::TypeProto &type) {
  if (type.has_tensor_type() && type.tensor_type().elem_type() != 0)
    return "dtype " + onnxDtypeName(type.tensor_type().elem_type()) +
           ", which onnxc does not support";
  return "an unsupported type";
}

/// The type ONNX shape inference found for `name`; unranked f32 when it
/// found nothing (the shape propagation pass computes it).
Type GraphImporter::typeOfValue(const std::string &name) {
  auto it = valueTypes.find(name);
  if (it != valueTypes.end())
    if (Type t = typeOf(it->second))
      return untypedScope ? UnrankedTensorType::get(llvm::cast<ShapedType>(t).getElementType()) : t;
  return {};
}

Location GraphImporter::locationOf(const onnx::NodeProto &node) {
  return NameLoc::get(builder.getStringAttr(node.name().empty() ? node.op_type() : node.name()),
                      FileLineColLoc::get(&ctx, path, 0, 0));
}

Value GraphImporter::noValue() {
  if (!none) {
    // At the top of the function, so that every subgraph can use it too.
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(entry);
    none = builder.create<NoValueOp>(builder.getUnknownLoc(), builder.getNoneType());
  }
  return none;
}

/// The GRAPH attributes of each op with regions, in the op's region order.
static llvm::ArrayRef<const char *> regionAttributes(llvm::StringRef opType) {
  static const char *const ifRegions[] = {"then_branch", "else_branch"};
  static const char *const bodyRegion[] = {"body"};
  if (opType == "If")
    return ifRegions;
  if (opType == "Loop" || opType == "Scan")
    return bodyRegion;
  return {};
}

void GraphImporter::collectValueTypes(const onnx::GraphProto &graph) {
  for (const auto &vi : graph.value_info())
    valueTypes[vi.name()] = vi.type();
  for (const auto &vi : graph.output())
    valueTypes[vi.name()] = vi.type();
  for (const auto &node : graph.node())
    for (const auto &a : node.attribute())
      if (a.type() == onnx::AttributeProto::GRAPH)
        collectValueTypes(a.g());
}

/// Each subgraph of `node` becomes a region of one block whose arguments are
/// the subgraph's inputs and that ends in onnx.Yield of its outputs.
/// Subgraphs see the values of the enclosing graphs; their own names go out
/// of scope after them.
bool GraphImporter::importSubgraphs(const onnx::NodeProto &node, Operation *op,
                                    std::string &error) {
  llvm::SmallVector<llvm::SmallVector<std::optional<Composite>>> regionComposites;
  for (auto [index, name] : llvm::enumerate(regionAttributes(node.op_type()))) {
    const onnx::AttributeProto *attr = nullptr;
    for (const auto &a : node.attribute())
      if (a.name() == name && a.type() == onnx::AttributeProto::GRAPH)
        attr = &a;
    if (!attr) {
      error = std::string("subgraph attribute '") + name + "' is missing";
      return false;
    }
    const onnx::GraphProto &graph = attr->g();
    Region *region = &op->getRegion(index);
    Block *block = new Block();
    region->push_back(block);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(block);
    auto outer = values;
    auto outerComposites = composites;
    for (const auto &[k, input] : llvm::enumerate(graph.input())) {
      Type t = typeOf(input.type());
      // Loop-carried values keep their initial types (the body's own may
      // be missing or less precise, as in ONNX's expansion of Range).
      auto ranked = llvm::dyn_cast_or_null<RankedTensorType>(t);
      if (llvm::isa<LoopOp>(op) && k >= 2 && k < op->getNumOperands() && (!ranked || !ranked.hasStaticShape()))
        if (auto initial = llvm::dyn_cast<RankedTensorType>(op->getOperand(k).getType()))
          if (initial.hasStaticShape())
            t = initial;
      if (!t) {
        error = "subgraph input '" + input.name() + "' has an unsupported type";
        return false;
      }
      values[input.name()] = block->addArgument(t, builder.getUnknownLoc());
    }
    if (!importNodes(graph, error))
      return false;
    llvm::SmallVector<Value> outputs;
    auto &outputComposites = regionComposites.emplace_back();
    for (const auto &output : graph.output()) {
      auto composite = composites.find(output.name());
      if (composite != composites.end()) {
        outputComposites.push_back(composite->second);
        outputs.append(composite->second.elements);
        continue;
      }
      outputComposites.push_back(std::nullopt);
      auto it = values.find(output.name());
      if (it == values.end()) {
        error = "subgraph output '" + output.name() + "' is not produced by the subgraph";
        return false;
      }
      outputs.push_back(it->second);
    }
    builder.create<YieldOp>(builder.getUnknownLoc(), outputs);
    values = std::move(outer);
    composites = std::move(outerComposites);
  }
  subgraphComposites = std::move(regionComposites);
  return true;
}

/// The initializers and nodes of `graph`, at the builder's insertion point.
bool GraphImporter::importNodes(const onnx::GraphProto &graph, std::string &error) {
  for (const auto &t : graph.initializer()) {
    if (values.count(t.name()))
      continue;
    DenseElementsAttr value = convertTensor(&ctx, t, error);
    if (!value)
      return false;
    values[t.name()] = builder.create<ConstantOp>(builder.getUnknownLoc(), value.getType(), value);
  }
  for (const auto &node : graph.node()) {
    if (!importNode(node, error)) {
      error = describe(node) + ": " + error;
      return false;
    }
  }
  return true;
}

FailureOr<NamedAttribute> GraphImporter::convertAttribute(const onnx::AttributeProto &a,
                                                          std::string &error) {
  Attribute value;
  switch (a.type()) {
  case onnx::AttributeProto::FLOAT:
    value = builder.getF32FloatAttr(a.f());
    break;
  case onnx::AttributeProto::INT:
    value = builder.getI64IntegerAttr(a.i());
    break;
  case onnx::AttributeProto::STRING:
    value = builder.getStringAttr(a.s());
    break;
  case onnx::AttributeProto::INTS:
    value = builder.getI64ArrayAttr(llvm::SmallVector<int64_t>(a.ints().begin(), a.ints().end()));
    break;
  case onnx::AttributeProto::FLOATS:
    value = builder.getF32ArrayAttr(llvm::SmallVector<float>(a.floats().begin(), a.floats().end()));
    break;
  case onnx::AttributeProto::STRINGS: {
    llvm::SmallVector<StringRef> strs(a.strings().begin(), a.strings().end());
    value = builder.getStrArrayAttr(strs);
    break;
  }
  case onnx::AttributeProto::TENSOR:
    value = convertTensor(&ctx, a.t(), error);
    if (!value)
      return failure();
    break;
  default:
    error = "attribute '" + a.name() + "' has a kind onnxc does not support (graph, "
            "sparse tensor or type)";
    return failure();
  }
  return builder.getNamedAttr(a.name(), value);
}

bool GraphImporter::importConstantNode(const onnx::NodeProto &node, std::string &error) {
  if (node.attribute_size() != 1) {
    error = "Constant needs exactly one value attribute";
    return false;
  }
  const onnx::AttributeProto &a = node.attribute(0);
  DenseElementsAttr value;
  Type f32 = builder.getF32Type(), i64 = builder.getI64Type();
  if (a.name() == "value") {
    value = convertTensor(&ctx, a.t(), error);
  } else if (a.name() == "value_float") {
    value = DenseElementsAttr::get(RankedTensorType::get({}, f32), a.f());
  } else if (a.name() == "value_int") {
    value = DenseElementsAttr::get(RankedTensorType::get({}, i64), a.i());
  } else if (a.name() == "value_floats") {
    llvm::SmallVector<float> v(a.floats().begin(), a.floats().end());
    value = DenseElementsAttr::get(RankedTensorType::get({(int64_t)v.size()}, f32),
                                   llvm::ArrayRef<float>(v));
  } else if (a.name() == "value_ints") {
    llvm::SmallVector<int64_t> v(a.ints().begin(), a.ints().end());
    value = DenseElementsAttr::get(RankedTensorType::get({(int64_t)v.size()}, i64),
                                   llvm::ArrayRef<int64_t>(v));
  } else {
    error = "Constant attribute '" + a.name() + "' is not supported";
  }
  if (!value)
    return false;
  values[node.output(0)] =
      builder.create<ConstantOp>(builder.getUnknownLoc(), value.getType(), value);
  return true;
}

bool GraphImporter::importNode(const onnx::NodeProto &node, std::string &error) {
  // The optimizer steps of the preview training domain share the onnx
  // dialect (they do not clash with any ai.onnx op name).
  const std::string &type = node.op_type();
  bool training = node.domain() == "ai.onnx.preview.training" &&
                  (type == "Adagrad" || type == "Momentum" || type == "Adam");
  if (!node.domain().empty() && node.domain() != "ai.onnx" && !training) {
    error = "unsupported operator: operators of domain '" + node.domain() +
            "' are not supported";
    return false;
  }
  if (node.op_type() == "Constant")
    return importConstantNode(node, error);
  if (isCompositeNode(node))
    return importCompositeNode(node, error);
  if (isQuantizedMatrixNode(node))
    return importQuantizedMatrixNode(node, error);

  std::string opName = "onnx." + node.op_type();
  auto registered = RegisteredOperationName::lookup(opName, &ctx);
  if (!registered) {
    error = "unsupported operator '" + node.op_type() + "'";
    return false;
  }
  OperationState state(locationOf(node), opName);

  // Absent optional inputs, including trailing ones, become onnx.NoValue so
  // that operand positions are ONNX's.
  int numInputs = node.input_size();
  if (const auto *schema = onnx::OpSchemaRegistry::Schema(node.op_type(), kTargetOpset)) {
    const auto &formals = schema->inputs();
    bool variadic = !formals.empty() &&
                    formals.back().GetOption() == onnx::OpSchema::FormalParameterOption::Variadic;
    if (!variadic)
      numInputs = std::max<int>(numInputs, formals.size());
  }
  for (int i = 0; i < numInputs; ++i) {
    if (i >= node.input_size() || node.input(i).empty()) {
      state.addOperands(noValue());
      continue;
    }
    auto it = values.find(node.input(i));
    if (it == values.end()) {
      error = composites.count(node.input(i))
                  ? "input '" + node.input(i) + "' is a sequence or optional, which " +
                        node.op_type() + " cannot take in onnxc (it resolves them at compile time)"
                  : "input '" + node.input(i) + "' is not defined before use";
      return false;
    }
    state.addOperands(it->second);
  }
  for (const auto &a : node.attribute()) {
    if (a.type() == onnx::AttributeProto::GRAPH && !regionAttributes(node.op_type()).empty())
      continue;
    auto attr = convertAttribute(a, error);
    if (failed(attr))
      return false;
    state.attributes.push_back(*attr);
  }
  // Trailing optional outputs that nobody names are dropped, except by ops
  // with several fixed results (LSTM...), which always compute them all:
  // outputs the model leaves unnamed get an unranked type of the first
  // input's dtype, which shape propagation refines.
  int numOutputs = node.output_size();
  while (numOutputs > 0 && node.output(numOutputs - 1).empty())
    --numOutputs;
  if (numOutputs > 1 && registered->hasTrait<OpTrait::OneResult>()) {
    error = "output " + std::to_string(numOutputs - 1) + " ('" + node.output(numOutputs - 1) +
            "') is not supported; onnxc computes only the first output of " + node.op_type();
    return false;
  }
  bool fixedResults = !registered->hasTrait<OpTrait::OneResult>() &&
                      !registered->hasTrait<OpTrait::VariadicResults>() &&
                      !registered->hasTrait<OpTrait::AtLeastNResults<1>::Impl>() &&
                      !registered->hasTrait<OpTrait::ZeroResults>();
  if (fixedResults && state.operands.size() > 0 && !llvm::isa<NoneType>(state.operands[0].getType()))
    if (const auto *schema = onnx::OpSchemaRegistry::Schema(node.op_type(), kTargetOpset))
      numOutputs = std::max<int>(numOutputs, schema->outputs().size());
  for (int i = 0; i < numOutputs; ++i) {
    if (i >= node.output_size() || node.output(i).empty()) {
      Type elem = llvm::cast<ShapedType>(state.operands[0].getType()).getElementType();
      state.addTypes(UnrankedTensorType::get(elem));
      continue;
    }
    Type t = typeOfValue(node.output(i));
    if (!t) {
      auto known = valueTypes.find(node.output(i));
      error = known == valueTypes.end()
                  ? "the type of output '" + node.output(i) + "' is unknown"
                  : "output '" + node.output(i) + "' has " + typeProblem(known->second);
      return false;
    }
    state.addTypes(t);
  }

  // Regions are filled once the op exists, so that the ops inside have a
  // parent while they are verified.
  for (size_t i = 0; i < regionAttributes(node.op_type()).size(); ++i)
    state.addRegion();
  Operation *op = builder.create(state);
  if (!importSubgraphs(node, op, error))
    return false;

  std::string diag;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    diag += d.str();
    return success();
  });
  if (failed(verify(op, /*verifyRecursively=*/false))) {
    error = diag.empty() ? "invalid node" : diag;
    return false;
  }
  for (int i = 0; i < std::min(numOutputs, node.output_size()); ++i)
    if (!node.output(i).empty())
      values[node.output(i)] = op->getResult(i);
  return true;
}

OwningOpRef<ModuleOp> GraphImporter::run(const onnx::GraphProto &graph, std::string &error) {
  collectValueTypes(graph);

  OwningOpRef<ModuleOp> module = ModuleOp::create(builder.getUnknownLoc());
  builder.setInsertionPointToEnd(module->getBody());

  std::unordered_map<std::string, const onnx::TensorProto *> initializers;
  for (const auto &t : graph.initializer())
    initializers[t.name()] = &t;

  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<std::string> argNames;
  for (const auto &input : graph.input()) {
    if (initializers.count(input.name()))
      continue;
    if (!input.type().has_tensor_type()) {
      if (!importCompositeInput(input, argTypes, argNames, error))
        return {};
      continue;
    }
    Type t = typeOf(input.type());
    if (!t) {
      error = "input '" + input.name() + "' has " + typeProblem(input.type());
      for (const auto &node : graph.node()) // name its first reader
        if (llvm::is_contained(node.input(), input.name())) {
          error += " (read by " + describe(node) + ")";
          break;
        }
      return {};
    }
    argTypes.push_back(t);
    argNames.push_back(input.name());
  }
  auto func = builder.create<func::FuncOp>(builder.getUnknownLoc(), "main",
                                           builder.getFunctionType(argTypes, {}));
  for (auto [i, name] : llvm::enumerate(argNames))
    func.setArgAttr(i, "onnx.name", builder.getStringAttr(name));

  Block *body = func.addEntryBlock();
  entry = body;
  builder.setInsertionPointToStart(body);
  unsigned nextArg = 0;
  for (const auto &input : graph.input()) {
    if (initializers.count(input.name()))
      continue;
    if (!input.type().has_tensor_type())
      bindCompositeInput(input, body, nextArg);
    else
      values[input.name()] = body->getArgument(nextArg++);
  }
  if (!importNodes(graph, error))
    return {};
  llvm::SmallVector<Value> results;
  llvm::SmallVector<std::string> resultNames;
  for (const auto &output : graph.output())
    if (!flattenOutput(output.name(), results, resultNames, error))
      return {};
  builder.create<func::ReturnOp>(builder.getUnknownLoc(), results);
  func.setFunctionType(builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, name] : llvm::enumerate(resultNames))
    func.setResultAttr(i, "onnx.name", builder.getStringAttr(name));
  return module;
}

OwningOpRef<ModuleOp> importModel(MLIRContext &ctx, const std::string &path,
                                  const ImportOptions &options, std::string &error) {
  ctx.loadDialect<ONNXDialect, func::FuncDialect>();
  onnx::ModelProto model;
  int64_t sourceOpset = -1;
  InputDimSymbols symbols;
  if (!loadModel(path, options, model, sourceOpset, symbols, error)) {
    error = path + ": " + error;
    return {};
  }
  GraphImporter importer(ctx, path, sourceOpset, options);
  auto module = importer.run(model.graph(), error);
  if (!module) {
    error = path + ": " + error;
    return module;
  }
  if (!options.maxDims.empty()) {
    Builder b(&ctx);
    // Which dim of which graph input is which symbol (SymbolicDims.h).
    module->walk([&](func::FuncOp func) {
      for (unsigned i = 0; i < func.getNumArguments(); ++i) {
        auto name = func.getArgAttrOfType<StringAttr>(i, "onnx.name");
        auto syms = name ? symbols.find(name.str()) : symbols.end();
        if (syms != symbols.end())
          func.setArgAttr(i, kArgDimsAttr, b.getStrArrayAttr(llvm::SmallVector<StringRef>(
                                               syms->second.begin(), syms->second.end())));
      }
    });
    llvm::SmallVector<Attribute> names, maxima;
    for (const auto &[name, max] : options.maxDims) {
      names.push_back(b.getStringAttr(name));
      maxima.push_back(b.getI64IntegerAttr(max));
    }
    (*module)->setAttr(kDimSymbolsAttr, b.getArrayAttr(names));
    (*module)->setAttr(kDimMaximaAttr, b.getArrayAttr(maxima));
  }
  return module;
}

} // namespace onnxc
