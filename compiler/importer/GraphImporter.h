//===- GraphImporter.h - one ONNX graph -> func.func @main ------*- C++ -*-===//
//
// Internal to the importer: Importer.cpp imports tensors and plain nodes,
// Sequences.cpp resolves sequences and optionals at compile time.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_IMPORTER_GRAPHIMPORTER_H
#define ONNXC_IMPORTER_GRAPHIMPORTER_H

#include "compiler/importer/Importer.h"

#include "mlir/IR/Builders.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <unordered_map>

namespace onnxc {

/// An ONNX sequence or optional, resolved at compile time: the generated
/// code has no heap, so a sequence is a list of tensor values whose length
/// and element shapes are static, and an optional's presence is static.
struct Composite {
  bool optional = false;  ///< an optional (present or not) rather than a sequence
  bool present = true;    ///< for optionals
  bool sequence = false;  ///< a sequence, or an optional holding one
  llvm::SmallVector<mlir::Value> elements; ///< sequence elements; an optional tensor's value
};

/// What a name of an unrolled body is bound to: a tensor or a composite.
struct Bound {
  mlir::Value tensor;
  std::optional<Composite> composite;
};

class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &ctx, const std::string &path, int64_t sourceOpset,
                const ImportOptions &options)
      : ctx(ctx), builder(&ctx), path(path), sourceOpset(sourceOpset), options(options) {}

  mlir::OwningOpRef<mlir::ModuleOp> run(const onnx::GraphProto &graph, std::string &error);

private:
  bool importNode(const onnx::NodeProto &node, std::string &error);
  bool importNodes(const onnx::GraphProto &graph, std::string &error);
  bool importSubgraphs(const onnx::NodeProto &node, mlir::Operation *op, std::string &error);
  void collectValueTypes(const onnx::GraphProto &graph);
  bool importConstantNode(const onnx::NodeProto &node, std::string &error);
  mlir::FailureOr<mlir::NamedAttribute> convertAttribute(const onnx::AttributeProto &a,
                                                         std::string &error);
  mlir::Type typeOf(const onnx::TypeProto &type);
  mlir::Type typeOfValue(const std::string &name);
  /// Why typeOf() gave no type: "dtype STRING, which onnxc does not support"
  /// for tensors of such a dtype, "an unsupported type" otherwise.
  static std::string typeProblem(const onnx::TypeProto &type);
  std::string describe(const onnx::NodeProto &node) const;
  mlir::Location locationOf(const onnx::NodeProto &node);
  mlir::Value noValue();

  // Sequences.cpp
  bool isCompositeNode(const onnx::NodeProto &node) const;
  bool importCompositeNode(const onnx::NodeProto &node, std::string &error);
  bool importIfWithComposites(const onnx::NodeProto &node, std::string &error);
  // QuantizedOps.cpp
  bool isQuantizedMatrixNode(const onnx::NodeProto &node) const;
  bool importQuantizedMatrixNode(const onnx::NodeProto &node, std::string &error);
  mlir::Value castTo(const onnx::NodeProto &node, mlir::Value v, mlir::Type elem,
                     int64_t onnxType);
  /// `v` unsqueezed along `dims` when `like` (the scale or zero point it
  /// comes from) is 1-D, per axis; from scalars it broadcasts as it is.
  mlir::FailureOr<mlir::Value> alongAxis(const onnx::NodeProto &node, mlir::Value v,
                                         mlir::Value like, llvm::ArrayRef<int64_t> dims,
                                         std::string &error);
  /// int32(v) - int32(zero), zero along `dims`; no subtraction without zero.
  mlir::FailureOr<mlir::Value> zeroShifted(const onnx::NodeProto &node, mlir::Value v,
                                           mlir::Value zero, llvm::ArrayRef<int64_t> dims,
                                           std::string &error);
  // SequenceLoops.cpp
  bool importSequenceMap(const onnx::NodeProto &node, std::string &error);
  bool importUnrolledLoop(const onnx::NodeProto &node, std::string &error);
  bool importUnrolledBody(const onnx::GraphProto &body, llvm::ArrayRef<Bound> inputs,
                          llvm::SmallVector<Bound> &outputs, std::string &error);
  Bound boundInput(const onnx::NodeProto &node, int i);
  bool importCompositeInput(const onnx::ValueInfoProto &input,
                            llvm::SmallVector<mlir::Type> &argTypes,
                            llvm::SmallVector<std::string> &argNames, std::string &error);
  void bindCompositeInput(const onnx::ValueInfoProto &input, mlir::Block *body,
                          unsigned &nextArg);
  bool flattenOutput(const std::string &name, llvm::SmallVector<mlir::Value> &values,
                     llvm::SmallVector<std::string> &names, std::string &error);
  mlir::Operation *createOp(const onnx::NodeProto &node, llvm::StringRef opType,
                            mlir::ValueRange operands, mlir::TypeRange types,
                            llvm::ArrayRef<mlir::NamedAttribute> attrs = {});
  mlir::Value intConstant(llvm::ArrayRef<int64_t> values, bool scalar);

  mlir::MLIRContext &ctx;
  mlir::OpBuilder builder;
  std::string path;
  int64_t sourceOpset;
  const ImportOptions &options;
  std::unordered_map<std::string, mlir::Value> values;
  std::unordered_map<std::string, Composite> composites;
  std::unordered_map<std::string, onnx::TypeProto> valueTypes;
  /// The outputs of the subgraphs importSubgraphs last imported, per region:
  /// the composites among them (yielded flattened), nullopt for tensors.
  llvm::SmallVector<llvm::SmallVector<std::optional<Composite>>> subgraphComposites;
  /// Inside an unrolled SequenceMap body the model's types describe every
  /// element at once: results start unranked and shape propagation types them.
  bool untypedScope = false;
  mlir::Block *entry = nullptr;
  mlir::Value none;
};

} // namespace onnxc

#endif
