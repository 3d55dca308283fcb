//===- NodeWriter.cpp - helpers for op emitters and their registry --------===//
#include "codegen/cpp/NodeWriter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

#include <cmath>
#include <cstdio>

using namespace mlir;

namespace onnxc::cpp {

std::string cppType(Type t) {
  if (!halfKind(t).empty())
    return "uint16_t";
  if (t.isF32())
    return "float";
  if (t.isF64())
    return "double";
  if (t.isInteger(1))
    return "bool";
  if (auto i = llvm::dyn_cast<IntegerType>(t)) {
    unsigned w = i.getWidth();
    if (w != 8 && w != 16 && w != 32 && w != 64)
      return "";
    return (i.isUnsigned() ? "uint" : "int") + std::to_string(w) + "_t";
  }
  return "";
}

llvm::StringRef halfKind(Type t) {
  if (t.isF16())
    return "f16";
  if (t.isBF16())
    return "bf16";
  return "";
}

std::string computeType(Type t) { return halfKind(t).empty() ? cppType(t) : "float"; }

std::string loadElement(Type t, const std::string &var) {
  llvm::StringRef kind = halfKind(t);
  return kind.empty() ? var : (kind + "_to_float(" + var + ")").str();
}

std::string storeElement(Type t, const std::string &expr) {
  llvm::StringRef kind = halfKind(t);
  return kind.empty() ? cppType(t) + "(" + expr + ")" : ("to_" + kind + "(" + expr + ")").str();
}

std::string shapeLiteral(llvm::ArrayRef<int64_t> shape) {
  std::string s = "{";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "}";
}

bool isFloatType(llvm::StringRef type) { return type == "float" || type == "double"; }

std::string literal(double value, llvm::StringRef type) {
  if (!isFloatType(type))
    return (type + "(" + llvm::Twine((int64_t)value) + ")").str();
  if (std::isnan(value))
    return "(" + type.str() + ")NAN";
  if (std::isinf(value))
    return std::string(value < 0 ? "-" : "") + "(" + type.str() + ")INFINITY";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", type == "float" ? (double)(float)value : value);
  return buf + std::string(type == "float" ? "f" : "");
}

std::string replaceAll(std::string text, llvm::StringRef name, const std::string &value) {
  for (size_t at = 0; (at = text.find(name.str(), at)) != std::string::npos; at += value.size())
    text.replace(at, name.size(), value);
  return text;
}

double toDouble(llvm::APFloat value) {
  bool lost;
  value.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
  return value.convertToDouble();
}

std::string dimExpr(AffineExpr e, const std::function<std::string(unsigned)> &symbol) {
  if (auto c = llvm::dyn_cast<AffineConstantExpr>(e))
    return std::to_string(c.getValue());
  if (auto s = llvm::dyn_cast<AffineSymbolExpr>(e))
    return symbol(s.getPosition());
  auto bin = llvm::cast<AffineBinaryOpExpr>(e);
  std::string a = dimExpr(bin.getLHS(), symbol), b = dimExpr(bin.getRHS(), symbol);
  switch (e.getKind()) {
  case AffineExprKind::Add:
    return "(" + a + " + " + b + ")";
  case AffineExprKind::Mul:
    return "(" + a + " * " + b + ")";
  case AffineExprKind::FloorDiv:
    return "floor_div(" + a + ", " + b + ")";
  case AffineExprKind::CeilDiv:
    return "ceil_div(" + a + ", " + b + ")";
  default:
    return "floor_mod(" + a + ", " + b + ")";
  }
}

static ShapedType shaped(Value v) { return llvm::cast<ShapedType>(v.getType()); }

bool NodeWriter::has(unsigned i) const {
  return i < op->getNumOperands() && !llvm::isa<NoneType>(op->getOperand(i).getType());
}
std::string NodeWriter::in(unsigned i) const {
  return has(i) ? "in" + std::to_string(i) : "nullptr";
}
std::string NodeWriter::inOrNull(unsigned i, llvm::StringRef type) const {
  return has(i) ? in(i) : "(const " + type.str() + " *)nullptr";
}
std::string NodeWriter::out(unsigned i) const { return "out" + std::to_string(i); }
std::string NodeWriter::inType(unsigned i) const {
  return cppType(shaped(op->getOperand(i)).getElementType());
}
std::string NodeWriter::outType(unsigned i) const {
  return cppType(shaped(op->getResult(i)).getElementType());
}
Type NodeWriter::inElem(unsigned i) const { return shaped(op->getOperand(i)).getElementType(); }
Type NodeWriter::outElem(unsigned i) const { return shaped(op->getResult(i)).getElementType(); }
llvm::ArrayRef<int64_t> NodeWriter::inShape(unsigned i) const {
  return shaped(op->getOperand(i)).getShape();
}
llvm::ArrayRef<int64_t> NodeWriter::outShape(unsigned i) const {
  return shaped(op->getResult(i)).getShape();
}
int64_t NodeWriter::inElements(unsigned i) const {
  return shaped(op->getOperand(i)).getNumElements();
}
int64_t NodeWriter::outElements(unsigned i) const {
  return shaped(op->getResult(i)).getNumElements();
}
bool NodeWriter::isSymbolic() const {
  if (!symbolic)
    return false;
  return llvm::any_of(op->getOperands(), [&](Value v) { return symbolic->isSymbolic(v); }) ||
         llvm::any_of(op->getResults(), [&](Value v) { return symbolic->isSymbolic(v); });
}
static llvm::SmallVector<AffineExpr> dimsOf(const SymbolicShapes *symbolic, Value v) {
  if (symbolic)
    return symbolic->dims(v);
  llvm::SmallVector<AffineExpr> d;
  for (int64_t s : shaped(v).getShape())
    d.push_back(getAffineConstantExpr(s, v.getContext()));
  return d;
}
llvm::SmallVector<AffineExpr> NodeWriter::inDims(unsigned i) const {
  return dimsOf(symbolic, op->getOperand(i));
}
llvm::SmallVector<AffineExpr> NodeWriter::outDims(unsigned i) const {
  return dimsOf(symbolic, op->getResult(i));
}
std::string NodeWriter::dim(AffineExpr e) const {
  return dimExpr(e, [](unsigned k) { return "sym[" + std::to_string(k) + "]"; });
}
std::string NodeWriter::dimsLiteral(llvm::ArrayRef<AffineExpr> dims) const {
  std::string s = "{";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + dim(dims[i]);
  return s + "}";
}
std::string NodeWriter::inCount(unsigned i) const {
  return dim(dimProduct(inDims(i), op->getContext()));
}
std::string NodeWriter::outCount(unsigned i) const {
  return dim(dimProduct(outDims(i), op->getContext()));
}
std::string NodeWriter::kernelCall(llvm::StringRef kernel) const {
  return threads > 1 ? (kernel + "_threads(kThreads, ").str() : (kernel + "(").str();
}

std::string NodeWriter::windowArg() const {
  return threads > 1 && !isSymbolic() ? "FixedWindow<win>{}" : "win";
}

void NodeWriter::writeCopy() const {
  os << "  memcpy(" << out(0) << ", " << in(0) << ", " << outCount(0) << " * sizeof("
     << outType(0) << "));\n";
}
LogicalResult NodeWriter::fail(const llvm::Twine &message) const {
  return op->emitOpError(message);
}

void EmitterRegistry::add(llvm::StringRef opName, OpEmitter emitter) {
  emitters[opName] = std::move(emitter);
}

void EmitterRegistry::allowSymbolic(std::initializer_list<llvm::StringRef> opNames) {
  for (llvm::StringRef name : opNames)
    symbolic.insert(name);
}

void EmitterRegistry::allowHalf(std::initializer_list<llvm::StringRef> opNames) {
  for (llvm::StringRef name : opNames)
    half.insert(name);
}

const OpEmitter *EmitterRegistry::lookup(llvm::StringRef opName) const {
  auto it = emitters.find(opName);
  return it == emitters.end() ? nullptr : &it->second;
}

const EmitterRegistry &EmitterRegistry::get() {
  static const EmitterRegistry registry = [] {
    EmitterRegistry r;
    registerElementwiseEmitters(r);
    registerNnEmitters(r);
    registerReductionEmitters(r);
    registerShapeEmitters(r);
    registerLossEmitters(r);
    registerNormEmitters(r);
    registerResizeEmitters(r);
    registerSampleEmitters(r);
    registerIndexEmitters(r);
    registerLayoutEmitters(r);
    registerGeneratorEmitters(r);
    registerRecurrentEmitters(r);
    registerNdIndexEmitters(r);
    registerSelectEmitters(r);
    registerLinalgEmitters(r);
    registerSignalEmitters(r);
    registerSpatialEmitters(r);
    registerTrainingEmitters(r);
    registerQuantEmitters(r);
    registerFusedEmitters(r);
    return r;
  }();
  return registry;
}

} // namespace onnxc::cpp
