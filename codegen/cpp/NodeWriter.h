//===- NodeWriter.h - what an op emitter writes a node function with -*- C++ -*-===//
//
// Each graph node becomes one C++ function
//
//   static void nodeN(const T0 *in0, const T1 *in1, ..., U0 *out0, ...)
//
// (or `bool nodeN`, see checksInputs)
// whose body an op emitter writes, usually as one call into the kernel
// library (codegen/cpp/kernels) with shapes as compile-time constants.
// Absent optional operands (onnx.NoValue) get no parameter; in(i) is then
// "nullptr" and has(i) is false.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_CODEGEN_CPP_NODEWRITER_H
#define ONNXC_CODEGEN_CPP_NODEWRITER_H

#include "compiler/dialect/SymbolicDims.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>

namespace onnxc::cpp {

/// C++ type name for an element type ("float", "int64_t", "bool"...), or
/// empty when the backend does not support it.
std::string cppType(mlir::Type elementType);

/// "f16" or "bf16" for float16 and bfloat16: stored as their bits
/// (cppType "uint16_t"), computed in float (kernels/half/half_types.h).
/// Empty for every other type.
llvm::StringRef halfKind(mlir::Type elementType);

/// The C++ type arithmetic on `elementType` uses: float for half types,
/// cppType otherwise.
std::string computeType(mlir::Type elementType);

/// Element `var` of `elementType` as computeType: widened from its bits for
/// half types, `var` otherwise.
std::string loadElement(mlir::Type elementType, const std::string &var);

/// `expr` (of a floating-point or integer type) stored as an element of
/// `elementType`: rounded to its bits for half types, `T(expr)` otherwise.
std::string storeElement(mlir::Type elementType, const std::string &expr);

/// "{1, 3, 224, 224}" (or "{}" for a scalar).
std::string shapeLiteral(llvm::ArrayRef<int64_t> shape);

/// True for the C++ floating-point element types.
bool isFloatType(llvm::StringRef cppType);

/// `value` as an exact C++ literal of element type `type`: hex floats keep
/// every bit of a float or double; integer types get an integral value.
std::string literal(double value, llvm::StringRef type);

/// A float attribute's value as a double, whatever its float semantics.
double toDouble(llvm::APFloat value);

/// `text` with every occurrence of `name` replaced by `value` (formula
/// templates: "ALPHA * x" with the attribute's literal for ALPHA).
std::string replaceAll(std::string text, llvm::StringRef name, const std::string &value);

/// Strides for reading a tensor of shape `in` in the index space of the
/// broadcast shape `out` (numpy rules: 0 along dims where `in` has size 1 or
/// is absent). `unit` is the stride of in's last dim (e.g. a matrix size for
/// stacks of matrices). Dims are integers or symbolic dims (AffineExpr).
template <typename Dim>
llvm::SmallVector<Dim> broadcastStridesOf(llvm::ArrayRef<Dim> in, llvm::ArrayRef<Dim> out,
                                          Dim unit) {
  llvm::SmallVector<Dim> strides(out.size(), unit * 0);
  Dim stride = unit;
  for (size_t i = 0; i < in.size(); ++i) {
    size_t fromEnd = in.size() - 1 - i;
    strides[out.size() - 1 - i] = in[fromEnd] == 1 ? unit * 0 : stride;
    stride = stride * in[fromEnd];
  }
  return strides;
}
inline llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> in,
                                                   llvm::ArrayRef<int64_t> out,
                                                   int64_t unit = 1) {
  return broadcastStridesOf(in, out, unit);
}

/// A dim as a C++ expression: a literal, or arithmetic over `symbol(k)`
/// (kernels/dims.h has the rounding divisions).
std::string dimExpr(mlir::AffineExpr e, const std::function<std::string(unsigned)> &symbol);

class NodeWriter {
public:
  NodeWriter(mlir::Operation *op, llvm::raw_ostream &body) : op(op), os(body) {}

  mlir::Operation *op;
  llvm::raw_ostream &os; ///< the function body
  /// Set by emitters whose body checks run-time input values (e.g. Slice
  /// starts read from a graph input): the node function then returns bool,
  /// the body writes `return false;` on bad values, and infer() returns
  /// STATUS_INVALID_INPUT.
  bool checksInputs = false;
  /// The model's symbolic dims (--max-dim), or null for a static model. A
  /// node with symbolic dims gets the symbol values as `const int64_t *sym`,
  /// and emitters that support it write dims with the *Dims/count helpers.
  const SymbolicShapes *symbolic = nullptr;
  /// --threads (EmitOptions::threads).
  int threads = 1;

  bool has(unsigned i) const;             ///< operand i is present (not NoValue)
  std::string in(unsigned i) const;       ///< "in<i>" or "nullptr"
  /// "in<i>", or a null pointer of `const type *` for an absent operand (so
  /// that kernel templates can still deduce their parameter types).
  std::string inOrNull(unsigned i, llvm::StringRef type) const;
  std::string out(unsigned i) const;      ///< "out<i>"
  std::string inType(unsigned i) const;   ///< C++ element type of operand i
  std::string outType(unsigned i) const;  ///< C++ element type of result i
  mlir::Type inElem(unsigned i) const;    ///< element type of operand i
  mlir::Type outElem(unsigned i) const;   ///< element type of result i
  llvm::ArrayRef<int64_t> inShape(unsigned i) const;
  llvm::ArrayRef<int64_t> outShape(unsigned i) const;
  int64_t inElements(unsigned i) const;
  int64_t outElements(unsigned i) const;
  /// True when an operand or result has a symbolic dim.
  bool isSymbolic() const;
  /// Dims that may be symbolic (constants otherwise), and C++ for them.
  llvm::SmallVector<mlir::AffineExpr> inDims(unsigned i) const;
  llvm::SmallVector<mlir::AffineExpr> outDims(unsigned i) const;
  std::string dim(mlir::AffineExpr e) const;
  std::string dimsLiteral(llvm::ArrayRef<mlir::AffineExpr> dims) const; ///< "{a, b}"
  std::string inCount(unsigned i) const;  ///< element count, as C++
  std::string outCount(unsigned i) const;
  /// How to declare a shape array: static constexpr unless dims are symbolic.
  const char *shapeArrayDecl() const { return isSymbolic() ? "const" : "static constexpr"; }
  /// "kernel(", or "kernel_threads(kThreads, " in a threaded build: the
  /// kernels of kernels/parallel.h take the serial one's arguments.
  std::string kernelCall(llvm::StringRef kernel) const;
  /// The window argument of a kernelCall: "win", or "FixedWindow<win>{}" in a
  /// threaded build whose window is static constexpr (so the tasks, run
  /// through a function pointer, still see it as constants).
  std::string windowArg() const;
  /// Writes `out0 = in0` as a memcpy of result 0's bytes.
  void writeCopy() const;
  /// Reports an error on the op; emitters return its result.
  mlir::LogicalResult fail(const llvm::Twine &message) const;
};

/// Writes the body of the node function for one op kind.
using OpEmitter = std::function<mlir::LogicalResult(NodeWriter &)>;

/// Registry from op name ("onnx.Conv") to its emitter.
class EmitterRegistry {
public:
  void add(llvm::StringRef opName, OpEmitter emitter);
  /// Marks ops whose emitter writes symbolic dims (NodeWriter::inDims...).
  void allowSymbolic(std::initializer_list<llvm::StringRef> opNames);
  const OpEmitter *lookup(llvm::StringRef opName) const;
  bool supportsSymbolic(llvm::StringRef opName) const { return symbolic.contains(opName); }
  /// Marks ops whose emitter handles float16/bfloat16 tensors (halfKind):
  /// the others get a compile-time error for them rather than arithmetic
  /// on the bits.
  void allowHalf(std::initializer_list<llvm::StringRef> opNames);
  bool supportsHalf(llvm::StringRef opName) const { return half.contains(opName); }
  static const EmitterRegistry &get();

private:
  llvm::StringMap<OpEmitter> emitters;
  llvm::StringSet<> symbolic, half;
};

// One registration function per emitters/*.cpp file.
void registerElementwiseEmitters(EmitterRegistry &r);
void registerNnEmitters(EmitterRegistry &r);
void registerReductionEmitters(EmitterRegistry &r);
void registerShapeEmitters(EmitterRegistry &r);
void registerLossEmitters(EmitterRegistry &r);
void registerNormEmitters(EmitterRegistry &r);
void registerResizeEmitters(EmitterRegistry &r);
void registerSampleEmitters(EmitterRegistry &r);
void registerIndexEmitters(EmitterRegistry &r);
void registerLayoutEmitters(EmitterRegistry &r);
void registerGeneratorEmitters(EmitterRegistry &r);
void registerRecurrentEmitters(EmitterRegistry &r);
void registerNdIndexEmitters(EmitterRegistry &r);
void registerSelectEmitters(EmitterRegistry &r);
void registerLinalgEmitters(EmitterRegistry &r);
void registerSignalEmitters(EmitterRegistry &r);
void registerSpatialEmitters(EmitterRegistry &r);
void registerTrainingEmitters(EmitterRegistry &r);
void registerQuantEmitters(EmitterRegistry &r);
void registerFusedEmitters(EmitterRegistry &r);

} // namespace onnxc::cpp

#endif
