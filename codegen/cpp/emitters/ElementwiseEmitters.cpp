//===- ElementwiseEmitters.cpp - unary, binary and activation ops ---------===//
//
// Each op is a C++ expression over the element `x` (unary) or `a`, `b`
// (binary), mapped over the tensor by kernels/elementwise.h; scalar math
// (exp, sigmoid, pow...) comes from kernels/scalar_math.h.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/ActivationWriter.h"
#include "codegen/cpp/ElementwiseFormulas.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Writes `dst = f(srcA, srcB)` with both sources broadcast to result 0's
/// shape. `dst` may be `srcA` when srcA already has the result's shape.
void writeBinary(NodeWriter &w, const std::string &dst, const std::string &srcA,
                 ArrayRef<AffineExpr> shapeA, const std::string &srcB, ArrayRef<AffineExpr> shapeB,
                 const std::string &lambda) {
  SmallVector<AffineExpr> out = w.outDims(0);
  if (shapeA == ArrayRef(out) && shapeB == ArrayRef(out)) {
    w.os << "  " << w.kernelCall("binary_same_shape") << srcA << ", " << srcB << ", " << dst << ", "
         << w.outCount(0) << ", " << lambda << ");\n";
    return;
  }
  AffineExpr one = getAffineConstantExpr(1, w.op->getContext());
  SmallVector<AffineExpr> shape(out), sa = broadcastStridesOf(shapeA, ArrayRef(out), one),
                                      sb = broadcastStridesOf(shapeB, ArrayRef(out), one);
  if (shape.empty()) { // the kernel iterates over at least one axis
    shape = {one};
    sa = sb = {one * 0};
  }
  const char *decl = w.shapeArrayDecl();
  w.os << "  {\n"
       << "    " << decl << " int64_t shape[] = " << w.dimsLiteral(shape) << ";\n"
       << "    " << decl << " int64_t stride_a[] = " << w.dimsLiteral(sa) << ";\n"
       << "    " << decl << " int64_t stride_b[] = " << w.dimsLiteral(sb) << ";\n"
       << "    binary_broadcast(" << srcA << ", " << srcB << ", " << dst
       << ", shape, stride_a, stride_b, " << lambda << ");\n"
       << "  }\n";
}

/// A lambda parameter `name` of element type `t`, and for half types the
/// statement that widens its bits to the float `name` the formula reads.
std::string lambdaParam(Type t, const std::string &name, std::string &loads) {
  if (halfKind(t).empty())
    return cppType(t) + " " + name;
  loads += " float " + name + " = " + loadElement(t, name + "_bits") + ";";
  return "uint16_t " + name + "_bits";
}

std::string binaryLambda(Type typeA, Type typeB, Type typeOut, const std::string &expr) {
  std::string loads, a = lambdaParam(typeA, "a", loads), b = lambdaParam(typeB, "b", loads);
  return "[](" + a + ", " + b + ") {" + loads + " return " + storeElement(typeOut, expr) + "; }";
}

/// Elementwise binary op with broadcasting; `expr` over `a` and `b`.
OpEmitter binaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    writeBinary(w, w.out(0), w.in(0), w.inDims(0), w.in(1), w.inDims(1),
                binaryLambda(w.inElem(0), w.inElem(1), w.outElem(0), expr));
    return success();
  };
}

/// Max/Min/Sum over any number of inputs, all broadcast to the result: the
/// first two combine into the result, then each further input folds into it
/// in place. One input is a copy.
OpEmitter variadicOp(std::string expr) {
  return [expr](NodeWriter &w) {
    unsigned n = w.op->getNumOperands();
    if (n == 1) {
      w.writeCopy();
      return success();
    }
    Type t = w.outElem(0);
    std::string lambda = binaryLambda(t, t, t, expr);
    writeBinary(w, w.out(0), w.in(0), w.inDims(0), w.in(1), w.inDims(1), lambda);
    for (unsigned i = 2; i < n; ++i)
      writeBinary(w, w.out(0), w.out(0), w.outDims(0), w.in(i), w.inDims(i), lambda);
    return success();
  };
}

/// Mean: the Sum fold, then a division by the input count in place.
LogicalResult emitMean(NodeWriter &w) {
  if (!isFloatType(w.outType(0)))
    return w.fail("supports only float and double tensors in the C++ backend");
  if (failed(variadicOp("a + b")(w)))
    return failure();
  std::string t = w.outType(0);
  w.os << "  " << w.kernelCall("unary") << w.out(0) << ", " << w.out(0) << ", " << w.outCount(0) << ", [](" << t
       << " x) { return " << t << "(x / " << w.op->getNumOperands() << "); });\n";
  return success();
}

/// Where: condition ? X : Y, all three broadcast to the result.
LogicalResult emitWhere(NodeWriter &w) {
  SmallVector<AffineExpr> shape(w.outDims(0)); // may be symbolic (SymbolicDims)
  AffineExpr one = getAffineConstantExpr(1, w.op->getContext());
  SmallVector<AffineExpr> sc = broadcastStridesOf(ArrayRef(w.inDims(0)), ArrayRef(shape), one),
                          sx = broadcastStridesOf(ArrayRef(w.inDims(1)), ArrayRef(shape), one),
                          sy = broadcastStridesOf(ArrayRef(w.inDims(2)), ArrayRef(shape), one);
  if (shape.empty()) {
    shape = {one};
    sc = sx = sy = {one * 0};
  }
  const char *decl = w.shapeArrayDecl();
  w.os << "  " << decl << " int64_t shape[] = " << w.dimsLiteral(shape) << ";\n"
       << "  " << decl << " int64_t stride_c[] = " << w.dimsLiteral(sc) << ";\n"
       << "  " << decl << " int64_t stride_x[] = " << w.dimsLiteral(sx) << ";\n"
       << "  " << decl << " int64_t stride_y[] = " << w.dimsLiteral(sy) << ";\n"
       << "  select_broadcast(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", "
       << w.out(0) << ", shape, stride_c, stride_x, stride_y);\n";
  return success();
}

/// Writes `out0 = f(in0)` elementwise, with `expr` over `x`; `capture` is the
/// lambda's capture list (for values computed before the loop).
void writeUnary(NodeWriter &w, const std::string &expr, const std::string &capture = "") {
  std::string loads, x = lambdaParam(w.inElem(0), "x", loads);
  w.os << "  " << w.kernelCall("unary") << w.in(0) << ", " << w.out(0) << ", " << w.inCount(0) << ", ["
       << capture << "](" << x << ") {" << loads << " return " << storeElement(w.outElem(0), expr)
       << "; });\n";
}

OpEmitter unaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    writeUnary(w, expr);
    return success();
  };
}

/// Unary op defined only on floating-point tensors (half types included).
OpEmitter floatUnaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    if (!isFloatType(computeType(w.inElem(0))))
      return w.fail("supports only float and double tensors in the C++ backend");
    writeUnary(w, expr);
    return success();
  };
}

/// A unary op whose expression uses float attributes: each name in `attrs`
/// is replaced by the attribute's value (as a literal of the input's type).
OpEmitter unaryWithAttrs(std::string expr, std::vector<llvm::StringRef> attrs) {
  return [expr, attrs](NodeWriter &w) {
    std::string t = computeType(w.inElem(0));
    if (!isFloatType(t))
      return w.fail("supports only float and double tensors in the C++ backend");
    std::string body = expr;
    for (llvm::StringRef name : attrs)
      body = replaceAll(body, name.upper(),
                        "(" + literal(toDouble(llvm::cast<FloatAttr>(w.op->getAttr(name)).getValue()),
                                      t) + ")");
    writeUnary(w, body);
    return success();
  };
}

/// The activations that can also run fused into a producer's epilogue:
/// one formula for both (ActivationWriter).
LogicalResult emitActivation(NodeWriter &w) {
  Activation act = *matchActivation(w.op);
  std::string t = computeType(w.inElem(0));
  if (act.name != "Relu" && !isFloatType(t))
    return w.fail("supports only float and double tensors in the C++ backend");
  writeUnary(w, activationExpr(act, t));
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
  writeUnary(w, "m_clip(x, lo, hi)", "=");
  return success();
}

/// Mod: fmod=1 is C's fmod (required for floats), fmod=0 Python's %.
LogicalResult emitMod(NodeWriter &w) {
  bool fmod = llvm::cast<ModOp>(w.op).getFmod() != 0;
  if (!fmod && isFloatType(computeType(w.inElem(0))))
    return w.fail("fmod must be 1 for floating-point inputs");
  return binaryOp(fmod ? "m_fmod(a, b)" : "m_mod(a, b)")(w);
}

LogicalResult emitBitShift(NodeWriter &w) {
  llvm::StringRef dir = llvm::cast<BitShiftOp>(w.op).getDirection();
  if (dir != "LEFT" && dir != "RIGHT")
    return w.fail("direction must be LEFT or RIGHT, got '" + dir + "'");
  if (!llvm::StringRef(w.inType(0)).starts_with("uint"))
    return w.fail("supports only unsigned integer tensors");
  return binaryOp(dir == "LEFT" ? "m_shift_left(a, b)" : "m_shift_right(a, b)")(w);
}

LogicalResult emitIsInf(NodeWriter &w) {
  auto op = llvm::cast<IsInfOp>(w.op);
  if (!isFloatType(computeType(w.inElem(0))))
    return w.fail("supports only float and double tensors in the C++ backend");
  std::string neg = op.getDetectNegative() ? "x == -INFINITY" : "false";
  std::string pos = op.getDetectPositive() ? "x == INFINITY" : "false";
  writeUnary(w, neg + " || " + pos);
  return success();
}

/// Cast, and CastLike (whose second operand only gives the type). Half
/// types go through float (exact) and round to nearest even on the way in;
/// integers become half through double.
LogicalResult emitCast(NodeWriter &w) {
  Type from = w.inElem(0), to = w.outElem(0);
  bool intToHalf = !halfKind(to).empty() && !llvm::isa<FloatType>(from);
  writeUnary(w, w.outType(0) == "bool" ? "x != 0" : intToHalf ? "double(x)" : "x");
  return success();
}

} // namespace

void registerElementwiseEmitters(EmitterRegistry &r) {
  for (llvm::StringRef t : {"Add", "Sub", "Mul", "Div", "Pow", "PRelu"})
    r.add(("onnx." + t).str(), binaryOp(binaryFormula(t)));
  r.add("onnx.Max", variadicOp(binaryFormula("Max")));
  r.add("onnx.Min", variadicOp(binaryFormula("Min")));
  r.add("onnx.Neg", unaryOp(unaryFormula("Neg")));
  r.add("onnx.Abs", unaryOp(unaryFormula("Abs")));
  for (llvm::StringRef t : {"Sqrt", "Exp", "Log", "Floor", "Ceil", "Round", "Reciprocal", "Erf",
                            "Softplus", "Softsign", "Sin", "Cos"})
    r.add(("onnx." + t).str(), floatUnaryOp(unaryFormula(t)));
  for (llvm::StringRef name :
       {"onnx.Relu", "onnx.LeakyRelu", "onnx.Sigmoid", "onnx.Tanh", "onnx.HardSwish",
        "onnx.HardSigmoid", "onnx.Gelu"})
    r.add(name, emitActivation);
  r.add("onnx.Elu", unaryWithAttrs("x >= 0 ? x : ALPHA * (m_exp(x) - 1)", {"alpha"}));
  r.add("onnx.Celu", unaryWithAttrs("max_of(decltype(x)(0), x) + "
                                    "min_of(decltype(x)(0), ALPHA * (m_exp(x / ALPHA) - 1))",
                                    {"alpha"}));
  r.add("onnx.ThresholdedRelu", unaryWithAttrs("x > ALPHA ? x : 0", {"alpha"}));
  r.add("onnx.Selu", unaryWithAttrs("x > 0 ? GAMMA * x : GAMMA * (ALPHA * m_exp(x) - ALPHA)",
                                    {"alpha", "gamma"}));
  r.add("onnx.Equal", binaryOp("a == b"));
  r.add("onnx.Less", binaryOp("a < b"));
  r.add("onnx.LessOrEqual", binaryOp("a <= b"));
  r.add("onnx.Greater", binaryOp("a > b"));
  r.add("onnx.GreaterOrEqual", binaryOp("a >= b"));
  r.add("onnx.And", binaryOp("a && b"));
  r.add("onnx.Or", binaryOp("a || b"));
  r.add("onnx.Xor", binaryOp("a != b"));
  r.add("onnx.Sum", variadicOp("a + b"));
  r.add("onnx.Mean", emitMean);
  r.add("onnx.Where", emitWhere);
  r.add("onnx.Not", unaryOp("!x"));
  r.add("onnx.Sign", unaryOp("(x > 0) - (x < 0)"));
  for (const char *fn : {"Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh"})
    r.add(std::string("onnx.") + fn, floatUnaryOp("m_" + llvm::StringRef(fn).lower() + "(x)"));
  r.add("onnx.Clip", emitClip);
  r.add("onnx.Cast", emitCast);
  r.add("onnx.CastLike", emitCast);
  r.add("onnx.Mod", emitMod);
  r.add("onnx.BitShift", emitBitShift);
  r.add("onnx.IsNaN", floatUnaryOp("is_nan(x)"));
  r.add("onnx.IsInf", emitIsInf);
  r.add("onnx.Mish", floatUnaryOp("x * m_tanh(m_softplus(x))"));
  r.allowSymbolic({"onnx.Where", "onnx.Add", "onnx.Sub", "onnx.Mul", "onnx.Div", "onnx.Pow", "onnx.Max",
                   "onnx.Min", "onnx.Sum", "onnx.Mean", "onnx.PRelu", "onnx.Equal", "onnx.Less",
                   "onnx.LessOrEqual", "onnx.Greater", "onnx.GreaterOrEqual", "onnx.And",
                   "onnx.Or", "onnx.Xor", "onnx.Relu", "onnx.LeakyRelu", "onnx.Sigmoid",
                   "onnx.Tanh", "onnx.HardSwish", "onnx.HardSigmoid", "onnx.Elu", "onnx.Celu",
                   "onnx.Selu", "onnx.Neg", "onnx.Abs", "onnx.Sqrt", "onnx.Exp", "onnx.Log",
                   "onnx.Clip", "onnx.Cast", "onnx.Softplus", "onnx.Softsign", "onnx.Erf",
                   "onnx.Floor", "onnx.Ceil", "onnx.Round", "onnx.Reciprocal", "onnx.Not",
                   "onnx.Sign", "onnx.Mish", "onnx.ThresholdedRelu", "onnx.Sin", "onnx.Cos"});
  // Compute in float for float16/bfloat16 tensors (every formula here is
  // floating-point for them).
  r.allowHalf({"onnx.Add", "onnx.Sub", "onnx.Mul", "onnx.Div", "onnx.Pow", "onnx.Max", "onnx.Min",
               "onnx.Sum", "onnx.Mod", "onnx.PRelu", "onnx.Equal", "onnx.Less", "onnx.LessOrEqual",
               "onnx.Greater", "onnx.GreaterOrEqual", "onnx.Where", "onnx.Cast", "onnx.CastLike",
               "onnx.Neg", "onnx.Abs", "onnx.Sqrt", "onnx.Exp", "onnx.Log", "onnx.Relu",
               "onnx.LeakyRelu", "onnx.Sigmoid", "onnx.Tanh", "onnx.HardSwish",
               "onnx.HardSigmoid", "onnx.Elu", "onnx.Celu", "onnx.ThresholdedRelu", "onnx.Selu",
               "onnx.Floor", "onnx.Ceil", "onnx.Round", "onnx.Reciprocal", "onnx.Erf",
               "onnx.Softplus", "onnx.Softsign", "onnx.IsNaN", "onnx.IsInf", "onnx.Mish",
               "onnx.Shrink"});
  r.allowHalf({"onnx.Sin", "onnx.Cos", "onnx.Tan", "onnx.Asin", "onnx.Acos", "onnx.Atan",
               "onnx.Sinh", "onnx.Cosh", "onnx.Asinh", "onnx.Acosh", "onnx.Atanh"});
  r.add("onnx.Shrink", unaryWithAttrs("x < -LAMBD ? x + BIAS : (x > LAMBD ? x - BIAS : 0)",
                                      {"lambd", "bias"}));
}

} // namespace onnxc::cpp
