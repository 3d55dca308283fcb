//===- FusedElementwise.cpp - onnx.FusedElementwise ------------------------===//
#include "compiler/dialect/FusedElementwise.h"

using namespace mlir;

namespace onnxc {

std::optional<BroadcastRun> broadcastRun(llvm::ArrayRef<int64_t> in,
                                         llvm::ArrayRef<int64_t> out) {
  if (in.size() > out.size())
    return std::nullopt;
  size_t pad = out.size() - in.size();
  std::optional<size_t> first, last;
  for (size_t a = pad; a < out.size(); ++a)
    if (in[a - pad] != 1) {
      first = first.value_or(a);
      last = a;
    }
  if (!first)
    return BroadcastRun{1, 1};
  BroadcastRun run{1, 1};
  for (size_t a = *first; a <= *last; ++a) {
    if (in[a - pad] != out[a])
      return std::nullopt;
    run.count *= out[a];
  }
  for (size_t a = *last + 1; a < out.size(); ++a)
    run.inner *= out[a];
  return run;
}

void FusedElementwiseOp::build(OpBuilder &b, OperationState &state, Type result,
                               ValueRange operands, llvm::ArrayRef<FusedStep> steps) {
  llvm::SmallVector<Attribute> program;
  for (const FusedStep &s : steps) {
    llvm::SmallVector<NamedAttribute, 3> fields{b.getNamedAttr("op", b.getStringAttr(s.op)),
                                                b.getNamedAttr("args", b.getI64ArrayAttr(s.args))};
    if (!s.params.empty())
      fields.push_back(b.getNamedAttr("params", b.getF64ArrayAttr(s.params)));
    program.push_back(b.getDictionaryAttr(fields));
  }
  state.addOperands(operands);
  state.addTypes(result);
  state.addAttribute("program", b.getArrayAttr(program));
}

llvm::SmallVector<FusedStep> FusedElementwiseOp::getSteps() {
  llvm::SmallVector<FusedStep> steps;
  for (Attribute a : getOperation()->getAttrOfType<ArrayAttr>("program")) {
    auto dict = llvm::cast<DictionaryAttr>(a);
    FusedStep s{dict.getAs<StringAttr>("op").str(), {}, {}};
    for (Attribute i : dict.getAs<ArrayAttr>("args"))
      s.args.push_back(llvm::cast<IntegerAttr>(i).getInt());
    if (auto params = dict.getAs<ArrayAttr>("params"))
      for (Attribute p : params)
        s.params.push_back(llvm::cast<FloatAttr>(p).getValueAsDouble());
    steps.push_back(std::move(s));
  }
  return steps;
}

LogicalResult FusedElementwiseOp::verify() {
  auto result = llvm::cast<RankedTensorType>(getResult().getType());
  if (!result.hasStaticShape())
    return emitOpError("needs a static result shape");
  for (Value v : getOperation()->getOperands()) {
    auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape() || t.getElementType() != result.getElementType() ||
        !broadcastRun(t.getShape(), result.getShape()))
      return emitOpError("operand ") << v.getType() << " does not broadcast to " << result
                                     << " along one run of axes";
  }
  auto program = getOperation()->getAttrOfType<ArrayAttr>("program");
  if (!program || program.empty())
    return emitOpError("needs a non-empty `program` array");
  int64_t known = getOperation()->getNumOperands();
  for (Attribute a : program) {
    auto dict = llvm::dyn_cast<DictionaryAttr>(a);
    auto args = dict ? dict.getAs<ArrayAttr>("args") : ArrayAttr();
    auto params = dict ? dict.get("params") : Attribute();
    if (!dict || !dict.getAs<StringAttr>("op") || !args || args.empty() ||
        (params && !llvm::isa<ArrayAttr>(params)))
      return emitOpError("step ") << a << " is not {op = \"Type\", args = [...], params = [...]}";
    for (Attribute i : args) {
      auto index = llvm::dyn_cast<IntegerAttr>(i);
      if (!index || index.getInt() < 0 || index.getInt() >= known)
        return emitOpError("step ") << a << " reads " << i
                                    << ", not an operand or an earlier step";
    }
    if (params && !llvm::all_of(llvm::cast<ArrayAttr>(params),
                                [](Attribute p) { return llvm::isa<FloatAttr>(p); }))
      return emitOpError("step ") << a << " has a param that is not a float";
    ++known;
  }
  return success();
}

} // namespace onnxc
