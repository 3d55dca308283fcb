//===- ElementwiseEmitters.cpp - unary, binary and activation ops ---------===//
//
// Each op is a C++ expression over the element `x` (unary) or `a`, `b`
// (binary), mapped over the tensor by kernels/elementwise.h; scalar math
// (exp, sigmoid, pow...) comes from kernels/scalar_math.h.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Writes `dst = f(srcA, srcB)` with both sources broadcast to result 0's
/// shape. `dst` may be `srcA` when srcA already has the result's shape.
void writeBinary(NodeWriter &w, const std::string &dst, const std::string &srcA,
                 ArrayRef<int64_t> shapeA, const std::string &srcB, ArrayRef<int64_t> shapeB,
                 const std::string &lambda) {
  ArrayRef<int64_t> out = w.outShape(0);
  if (shapeA == out && shapeB == out) {
    w.os << "  binary_same_shape(" << srcA << ", " << srcB << ", " << dst << ", "
         << w.outElements(0) << ", " << lambda << ");\n";
    return;
  }
  llvm::SmallVector<int64_t> shape(out), sa = broadcastStrides(shapeA, out),
                                         sb = broadcastStrides(shapeB, out);
  if (shape.empty()) { // the kernel iterates over at least one axis
    shape = {1};
    sa = sb = {0};
  }
  w.os << "  {\n"
       << "    static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "    static constexpr int64_t stride_a[] = " << shapeLiteral(sa) << ";\n"
       << "    static constexpr int64_t stride_b[] = " << shapeLiteral(sb) << ";\n"
       << "    binary_broadcast(" << srcA << ", " << srcB << ", " << dst
       << ", shape, stride_a, stride_b, " << lambda << ");\n"
       << "  }\n";
}

std::string binaryLambda(const std::string &typeA, const std::string &typeB,
                         const std::string &typeOut, const std::string &expr) {
  return "[](" + typeA + " a, " + typeB + " b) { return " + typeOut + "(" + expr + "); }";
}

/// Elementwise binary op with broadcasting; `expr` over `a` and `b`.
OpEmitter binaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    writeBinary(w, w.out(0), w.in(0), w.inShape(0), w.in(1), w.inShape(1),
                binaryLambda(w.inType(0), w.inType(1), w.outType(0), expr));
    return success();
  };
}

/// Max/Min over any number of inputs: broadcast-copy the first into the
/// result, then fold each further input into it in place.
OpEmitter variadicOp(std::string expr) {
  return [expr](NodeWriter &w) {
    std::string t = w.outType(0);
    writeBinary(w, w.out(0), w.in(0), w.inShape(0), w.in(0), w.inShape(0),
                binaryLambda(t, t, t, "a"));
    for (unsigned i = 1; i < w.op->getNumOperands(); ++i)
      writeBinary(w, w.out(0), w.out(0), w.outShape(0), w.in(i), w.inShape(i),
                  binaryLambda(t, t, t, expr));
    return success();
  };
}

/// Writes `out0 = f(in0)` elementwise, with `expr` over `x`; `capture` is the
/// lambda's capture list (for values computed before the loop).
void writeUnary(NodeWriter &w, const std::string &expr, const std::string &capture = "") {
  w.os << "  unary(" << w.in(0) << ", " << w.out(0) << ", " << w.inElements(0) << ", ["
       << capture << "](" << w.inType(0) << " x) { return " << w.outType(0) << "(" << expr
       << "); });\n";
}

OpEmitter unaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    writeUnary(w, expr);
    return success();
  };
}

/// Unary op defined only on floating-point tensors.
OpEmitter floatUnaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    if (!isFloatType(w.inType(0)))
      return w.fail("supports only float and double tensors in the C++ backend");
    writeUnary(w, expr);
    return success();
  };
}

/// Substitutes the float attribute `value` for `name` in `expr`, as a literal
/// of the input's element type.
std::string withAttr(std::string expr, llvm::StringRef name, llvm::APFloat value,
                     llvm::StringRef type) {
  std::string lit = "(" + literal(toDouble(value), type) + ")";
  for (size_t at; (at = expr.find(name.str())) != std::string::npos;)
    expr.replace(at, name.size(), lit);
  return expr;
}

LogicalResult emitLeakyRelu(NodeWriter &w) {
  auto op = llvm::cast<LeakyReluOp>(w.op);
  writeUnary(w, withAttr("x >= 0 ? x : ALPHA * x", "ALPHA", op.getAlpha(), w.inType(0)));
  return success();
}

LogicalResult emitHardSigmoid(NodeWriter &w) {
  auto op = llvm::cast<HardSigmoidOp>(w.op);
  std::string t = w.inType(0);
  std::string expr = "max_of(" + t + "(0), min_of(" + t + "(1), ALPHA * x + BETA))";
  writeUnary(w, withAttr(withAttr(expr, "ALPHA", op.getAlpha(), t), "BETA", op.getBeta(), t));
  return success();
}

/// Clip's bounds are optional 1-element operands read at run time; absent
/// bounds are the type's limits.
LogicalResult emitClip(NodeWriter &w) {
  std::string t = w.inType(0);
  w.os << "  const " << t << " lo = " << (w.has(1) ? w.in(1) + "[0]" : "lowest_of<" + t + ">()")
       << ";\n"
       << "  const " << t << " hi = " << (w.has(2) ? w.in(2) + "[0]" : "highest_of<" + t + ">()")
       << ";\n";
  writeUnary(w, "x < lo ? lo : (x > hi ? hi : x)", "=");
  return success();
}

LogicalResult emitCast(NodeWriter &w) {
  writeUnary(w, w.outType(0) == "bool" ? "x != 0" : "x");
  return success();
}

} // namespace

void registerElementwiseEmitters(EmitterRegistry &r) {
  r.add("onnx.Add", binaryOp("a + b"));
  r.add("onnx.Sub", binaryOp("a - b"));
  r.add("onnx.Mul", binaryOp("a * b"));
  r.add("onnx.Div", binaryOp("m_div(a, b)"));
  r.add("onnx.Pow", binaryOp("m_pow(a, b)"));
  r.add("onnx.Max", variadicOp("a < b ? b : a"));
  r.add("onnx.Min", variadicOp("b < a ? b : a"));
  r.add("onnx.Neg", unaryOp("-x"));
  r.add("onnx.Abs", unaryOp("x < 0 ? -x : x"));
  r.add("onnx.Relu", unaryOp("x > 0 ? x : 0"));
  r.add("onnx.Sqrt", floatUnaryOp("m_sqrt(x)"));
  r.add("onnx.Exp", floatUnaryOp("m_exp(x)"));
  r.add("onnx.Log", floatUnaryOp("m_log(x)"));
  r.add("onnx.Tanh", floatUnaryOp("m_tanh(x)"));
  r.add("onnx.Sigmoid", floatUnaryOp("m_sigmoid(x)"));
  // HardSwish(x) = x * HardSigmoid(x) with alpha = 1/6, beta = 1/2.
  r.add("onnx.HardSwish", floatUnaryOp("x * max_of(decltype(x)(0), min_of(decltype(x)(1), "
                                       "x / 6 + decltype(x)(0.5)))"));
  r.add("onnx.LeakyRelu", emitLeakyRelu);
  r.add("onnx.HardSigmoid", emitHardSigmoid);
  r.add("onnx.Clip", emitClip);
  r.add("onnx.Cast", emitCast);
}

} // namespace onnxc::cpp
