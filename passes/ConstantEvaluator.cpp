//===- ConstantEvaluator.cpp - compute float ops on constant operands -----===//
//
// Elementwise ops broadcast each operand to the result's shape and compute
// with Eigen arrays; MatMul and Gemm multiply Eigen matrices; Transpose moves
// elements by strides. Everything is in double: rounding the result to float
// once gives the correctly rounded value for + - * / and sqrt, and is within
// an ulp of float libm for the transcendental functions.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantEvaluator.h"

#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include <Eigen/Core>

#include <cmath>

using namespace mlir;
using namespace onnxc;

namespace {

using Array = Eigen::ArrayXd;
using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const Matrix>;

/// `x` broadcast to the shape `out`.
Array broadcastTo(const ConstantOperand &x, ArrayRef<int64_t> out) {
  auto outStrides = rowMajorStrides(out), inStrides = rowMajorStrides(x.shape);
  Array r(ShapedType::getNumElements(out));
  for (int64_t n = 0; n < r.size(); ++n)
    r[n] = x.values[broadcastSource(n, out, outStrides, x.shape, inStrides)];
  return r;
}

std::optional<Array> unary(StringRef name, const Array &a) {
  if (name == "Neg")
    return -a;
  if (name == "Abs")
    return a.abs();
  if (name == "Sqrt")
    return a.sqrt();
  if (name == "Reciprocal")
    return a.inverse();
  if (name == "Exp")
    return a.exp();
  if (name == "Log")
    return a.log();
  if (name == "Relu")
    return a.max(0.0);
  if (name == "Sigmoid")
    return (1.0 + (-a).exp()).inverse();
  if (name == "Tanh")
    return a.tanh();
  if (name == "Floor")
    return a.floor();
  if (name == "Ceil")
    return a.ceil();
  if (name == "Round") // ties to even: the default rounding mode
    return a.unaryExpr([](double x) { return std::nearbyint(x); });
  if (name == "Erf")
    return a.unaryExpr([](double x) { return std::erf(x); });
  if (name == "Sin")
    return a.sin();
  if (name == "Cos")
    return a.cos();
  return std::nullopt;
}

std::optional<Array> binary(StringRef name, const Array &a, const Array &b) {
  if (name == "Add" || name == "Sum" || name == "Mean")
    return a + b;
  if (name == "Sub")
    return a - b;
  if (name == "Mul")
    return a * b;
  if (name == "Div")
    return a / b;
  if (name == "Pow")
    return a.pow(b);
  if (name == "Max")
    return a.max(b);
  if (name == "Min")
    return a.min(b);
  return std::nullopt;
}

/// Unary, binary and variadic (Max, Min, Sum, Mean: folded left to right)
/// elementwise ops.
std::optional<Array> elementwise(Operation *op, ArrayRef<ConstantOperand> operands,
                                 ArrayRef<int64_t> out) {
  if (operands.empty())
    return std::nullopt;
  StringRef name = op->getName().stripDialect();
  Array acc = broadcastTo(operands[0], out);
  if (operands.size() == 1)
    return name == "Sum" || name == "Mean" || name == "Max" || name == "Min" ? acc
                                                                             : unary(name, acc);
  for (const ConstantOperand &x : operands.drop_front()) {
    auto next = binary(name, acc, broadcastTo(x, out));
    if (!next)
      return std::nullopt;
    acc = std::move(*next);
  }
  if (name == "Mean")
    acc /= double(operands.size());
  return acc;
}

std::optional<Array> transpose(TransposeOp op, const ConstantOperand &x) {
  int64_t rank = x.shape.size();
  llvm::SmallVector<int64_t> perm;
  if (auto attr = op.getPerm())
    for (Attribute p : *attr)
      perm.push_back(llvm::cast<IntegerAttr>(p).getInt());
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  if (int64_t(perm.size()) != rank)
    return std::nullopt;
  llvm::SmallVector<int64_t> out;
  for (int64_t p : perm)
    out.push_back(x.shape[p]);
  auto inStrides = rowMajorStrides(x.shape), outStrides = rowMajorStrides(out);
  Array r(x.values.size());
  for (int64_t n = 0; n < r.size(); ++n) {
    int64_t src = 0;
    for (int64_t k = 0; k < rank; ++k)
      src += (n / outStrides[k]) % out[k] * inStrides[perm[k]];
    r[n] = x.values[src];
  }
  return r;
}

/// numpy.matmul of operands of rank >= 2 (batch dims broadcast), plus
/// onnxc's optional bias added to every row.
std::optional<Array> matmul(ArrayRef<ConstantOperand> operands, ArrayRef<int64_t> out) {
  const ConstantOperand &a = operands[0], &b = operands[1];
  if (a.shape.size() < 2 || b.shape.size() < 2 || out.size() < 2)
    return std::nullopt;
  int64_t m = out[out.size() - 2], n = out.back(), k = a.shape.back();
  llvm::SmallVector<int64_t> batch(out.begin(), out.end() - 2);
  auto batchOf = [](const ConstantOperand &x) {
    return llvm::SmallVector<int64_t>(x.shape.begin(), x.shape.end() - 2);
  };
  auto aBatch = batchOf(a), bBatch = batchOf(b);
  auto outStrides = rowMajorStrides(batch), aStrides = rowMajorStrides(aBatch),
       bStrides = rowMajorStrides(bBatch);
  Array r(ShapedType::getNumElements(out));
  for (int64_t i = 0; i < ShapedType::getNumElements(batch); ++i) {
    int64_t ai = broadcastSource(i, batch, outStrides, aBatch, aStrides);
    int64_t bi = broadcastSource(i, batch, outStrides, bBatch, bStrides);
    Eigen::Map<Matrix> y(r.data() + i * m * n, m, n);
    y.noalias() = ConstMatrixMap(a.values.data() + ai * m * k, m, k) *
                  ConstMatrixMap(b.values.data() + bi * k * n, k, n);
    if (operands.size() > 2 && !operands[2].values.empty())
      y.rowwise() += Eigen::Map<const Eigen::RowVectorXd>(operands[2].values.data(), n);
  }
  return r;
}

std::optional<Array> gemm(GemmOp op, ArrayRef<ConstantOperand> operands, ArrayRef<int64_t> out) {
  const ConstantOperand &a = operands[0], &b = operands[1], &c = operands[2];
  if (a.shape.size() != 2 || b.shape.size() != 2 || out.size() != 2)
    return std::nullopt;
  ConstMatrixMap am(a.values.data(), a.shape[0], a.shape[1]);
  ConstMatrixMap bm(b.values.data(), b.shape[0], b.shape[1]);
  Matrix y = op.getAlpha().convertToDouble() *
             (op.getTransA() ? Matrix(am.transpose()) : Matrix(am)) *
             (op.getTransB() ? Matrix(bm.transpose()) : Matrix(bm));
  if (y.rows() != out[0] || y.cols() != out[1])
    return std::nullopt;
  Array r = Eigen::Map<Array>(y.data(), y.size());
  if (!c.values.empty())
    r += op.getBeta().convertToDouble() * broadcastTo(c, out);
  return r;
}

} // namespace

std::optional<llvm::SmallVector<double>>
onnxc::evaluateConstantOp(Operation *op, ArrayRef<ConstantOperand> operands) {
  auto type = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  ArrayRef<int64_t> out = type.getShape();
  std::optional<Array> r;
  if (auto t = llvm::dyn_cast<TransposeOp>(op))
    r = transpose(t, operands[0]);
  else if (llvm::isa<MatMulOp>(op))
    r = matmul(operands, out);
  else if (auto g = llvm::dyn_cast<GemmOp>(op))
    r = gemm(g, operands, out);
  else
    r = elementwise(op, operands, out);
  if (!r || r->size() != type.getNumElements())
    return std::nullopt;
  return llvm::SmallVector<double>(r->begin(), r->end());
}
