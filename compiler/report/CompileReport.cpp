//===- CompileReport.cpp - what the compiler did to a model ---------------===//
#include "compiler/report/CompileReport.h"

#include "compiler/report/Flops.h"
#include "compiler/report/ReportPage.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace json = llvm::json;

namespace onnxc {
namespace {

/// Nodes are the ops a kernel runs for: not constants, absent-value
/// placeholders or the return.
bool isNode(Operation *op) {
  return !llvm::isa<ConstantOp, NoValueOp, func::ReturnOp, func::FuncOp, ModuleOp>(op);
}

int64_t countNodes(Operation *root) {
  int64_t n = 0;
  root->walk([&](Operation *op) { n += isNode(op); });
  return n;
}

int64_t tensorBytes(Type type) {
  auto t = llvm::dyn_cast<RankedTensorType>(type);
  if (!t || !t.hasStaticShape())
    return 0;
  int64_t bits = t.getElementType().getIntOrFloatBitWidth();
  return t.getNumElements() * ((bits + 7) / 8);
}

std::string shapeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

std::string nodeName(Operation *op) {
  if (auto loc = llvm::dyn_cast<NameLoc>(op->getLoc()))
    return loc.getName().str();
  return "";
}

/// Counts the nodes after each pass.
struct NodeCounter : PassInstrumentation {
  explicit NodeCounter(json::Array &passes) : passes(passes) {}
  void runAfterPass(Pass *pass, Operation *op) override {
    if (pass->getArgument().empty()) // pass-manager adaptors, not passes of ours
      return;
    Operation *module = op->getParentOfType<ModuleOp>() ? op->getParentOfType<ModuleOp>() : op;
    passes.push_back(json::Object{{"pass", pass->getArgument().str()},
                                  {"nodes", countNodes(module)}});
  }
  json::Array &passes;
};

} // namespace

void CompileReport::recordGraph(llvm::StringRef stage, ModuleOp module) {
  llvm::DenseMap<Operation *, int64_t> ids;
  json::Array nodes;
  int64_t totalFlops = 0;
  module.walk([&](Operation *op) {
    if (!isNode(op))
      return;
    int64_t id = ids.size();
    ids[op] = id;
    json::Array inputs;
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp(); def && ids.count(def))
        inputs.push_back(ids[def]);
    int64_t flops = estimateFlops(op);
    totalFlops += flops;
    json::Object node{{"id", id},
                      {"op", op->getName().stripDialect().str()},
                      {"name", nodeName(op)},
                      {"inputs", std::move(inputs)},
                      {"output", op->getNumResults() ? shapeString(op->getResult(0).getType()) : ""},
                      {"flops", flops}};
    json::Array fused;
    if (auto record = op->getAttrOfType<ArrayAttr>(kFusedAttr))
      for (Attribute a : record)
        fused.push_back(llvm::cast<StringAttr>(a).str());
    if (!fused.empty())
      node["fused"] = std::move(fused);
    if (auto rows = op->getAttrOfType<IntegerAttr>(kPrepackedRowsAttr))
      node["prepacked_rows"] = rows.getInt();
    if (auto columns = op->getAttrOfType<IntegerAttr>(kPrepackedColumnsAttr))
      node["prepacked_columns"] = columns.getInt();
    nodes.push_back(std::move(node));
  });
  report[stage] = json::Object{{"node_count", int64_t(nodes.size())},
                               {"flops", totalFlops},
                               {"nodes", std::move(nodes)}};
}

void CompileReport::instrument(PassManager &pm) {
  pm.addInstrumentation(std::make_unique<NodeCounter>(passes));
}

void CompileReport::recordMemory(ModuleOp module) {
  int64_t intermediates = 0, weights = 0, prepacked = 0;
  module.walk([&](Operation *op) {
    if (llvm::isa<ConstantOp>(op))
      weights += tensorBytes(op->getResult(0).getType());
    else if (isNode(op))
      for (Value v : op->getResults())
        intermediates += tensorBytes(v.getType());
    // Of the weights, those stored in the kernel's layout (same size).
    if (op->hasAttr(kPrepackedRowsAttr) || op->hasAttr(kPrepackedColumnsAttr))
      prepacked += tensorBytes(op->getOperand(1).getType());
  });
  auto arena = module->getAttrOfType<IntegerAttr>(kArenaBytesAttr);
  report["memory"] = json::Object{{"arena_bytes", arena ? arena.getInt() : 0},
                                  {"sum_of_tensor_bytes", intermediates},
                                  {"weight_bytes", weights},
                                  {"prepacked_weight_bytes", prepacked}};
}

void CompileReport::recordCodeSize(llvm::StringRef file, uint64_t bytes) {
  json::Object *code = report.getObject("code_bytes");
  if (!code) {
    report["code_bytes"] = json::Object{};
    code = report.getObject("code_bytes");
  }
  (*code)[file.str()] = int64_t(bytes); // a std::string key: the object owns it
}

bool CompileReport::write(const std::string &path, std::string &error) const {
  json::Object full = report;
  full["passes"] = json::Array(passes);
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", json::Value(std::move(full)));
  if (llvm::StringRef(path).ends_with(".html"))
    text = reportPage(text);
  else if (!llvm::StringRef(path).ends_with(".json")) {
    error = "--report=" + path + ": the file must end in .json or .html";
    return false;
  }
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec);
  if (!ec)
    out << text;
  out.close();
  if (ec || out.has_error()) {
    error = "cannot write " + path;
    return false;
  }
  return true;
}

} // namespace onnxc
