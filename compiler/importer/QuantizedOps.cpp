//===- QuantizedOps.cpp - integer and QLinear matrix ops as integer MatMul/Conv ===//
//
// MatMulInteger, ConvInteger, QLinearMatMul and QLinearConv become the ops
// their definition is made of, so that they run on the MatMul and Conv
// kernels with int32 accumulation:
//   acc = MatMul/Conv(int32(a) - int32(a_zero), int32(b) - int32(b_zero) [, bias])
// and, for the QLinear ops, ONNX Runtime's requantization:
//   y = QuantizeLinear(float(acc) * (a_scale * b_scale / y_scale), 1, y_zero)
// Per-row (A of MatMulInteger) and per-output-channel (W) zero points and
// scales are unsqueezed to broadcast along their axis. Subtracting the zero
// point before the Conv makes its zero padding the zero point, as ONNX
// Runtime pads.
//
//===----------------------------------------------------------------------===//
#include "compiler/importer/GraphImporter.h"
#include "compiler/dialect/OnnxDialect.h"

#include <numeric>

using namespace mlir;

namespace onnxc {

namespace {
/// 1, 2, ..., rank - 1: the axes that turn [M] into [M, 1, ..., 1] of `rank`.
llvm::SmallVector<int64_t> trailingAxes(int64_t rank) {
  llvm::SmallVector<int64_t> a(std::max<int64_t>(rank - 1, 0));
  std::iota(a.begin(), a.end(), 1);
  return a;
}

int64_t rankOrZero(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  return t ? t.getRank() : 0;
}
} // namespace

bool GraphImporter::isQuantizedMatrixNode(const onnx::NodeProto &node) const {
  const std::string &t = node.op_type();
  return (node.domain().empty() || node.domain() == "ai.onnx") &&
         (t == "MatMulInteger" || t == "ConvInteger" || t == "QLinearMatMul" || t == "QLinearConv");
}

Value GraphImporter::castTo(const onnx::NodeProto &node, Value v, Type elem, int64_t onnxType) {
  return createOp(node, "Cast", {v}, UnrankedTensorType::get(elem),
                  {builder.getNamedAttr("to", builder.getI64IntegerAttr(onnxType))})
      ->getResult(0);
}

FailureOr<Value> GraphImporter::alongAxis(const onnx::NodeProto &node, Value v, Value like,
                                          ArrayRef<int64_t> dims, std::string &error) {
  auto t = llvm::dyn_cast<RankedTensorType>(like.getType());
  if (!t) {
    error = "scales and zero points must have a known rank";
    return failure();
  }
  if (t.getRank() != 1 || dims.empty())
    return v;
  return createOp(node, "Unsqueeze", {v, intConstant(dims, /*scalar=*/false)},
                  UnrankedTensorType::get(llvm::cast<ShapedType>(v.getType()).getElementType()))
      ->getResult(0);
}

FailureOr<Value> GraphImporter::zeroShifted(const onnx::NodeProto &node, Value v, Value zero,
                                            ArrayRef<int64_t> dims, std::string &error) {
  Type i32 = builder.getI32Type();
  Value out = castTo(node, v, i32, onnx::TensorProto::INT32);
  if (!zero)
    return out;
  auto z = alongAxis(node, castTo(node, zero, i32, onnx::TensorProto::INT32), zero, dims, error);
  if (failed(z))
    return failure();
  return createOp(node, "Sub", {out, *z}, UnrankedTensorType::get(i32))->getResult(0);
}

bool GraphImporter::importQuantizedMatrixNode(const onnx::NodeProto &node, std::string &error) {
  auto in = [&](int i) -> Value {
    if (i >= node.input_size() || node.input(i).empty())
      return {};
    auto it = values.find(node.input(i));
    return it == values.end() ? Value() : it->second;
  };
  bool qlinear = node.op_type().rfind("QLinear", 0) == 0;
  bool conv = node.op_type().find("Conv") != std::string::npos;
  // Inputs: a/x 0, its zero point 2, b/w 1 and its zero point 3; the QLinear
  // ops have scales at 1, 4, 6, b/w at 3, its zero point at 5, y's at 7.
  const int b = qlinear ? 3 : 1, bZero = qlinear ? 5 : 3;
  for (int i : qlinear ? std::vector<int>{0, 1, 3, 4, 6, 7} : std::vector<int>{0, 1})
    if (!in(i)) {
      error = "input " + std::to_string(i) + " is missing or not defined before use";
      return false;
    }
  Type i32 = builder.getI32Type(), f32 = builder.getF32Type();
  auto x = zeroShifted(node, in(0), in(2), conv ? ArrayRef<int64_t>{} : ArrayRef<int64_t>{1}, error);
  llvm::SmallVector<int64_t> wAxes = conv ? trailingAxes(rankOrZero(in(b))) : llvm::SmallVector<int64_t>{};
  auto w = zeroShifted(node, in(b), in(bZero), wAxes, error);
  if (failed(x) || failed(w))
    return false;
  Value acc;
  if (conv) {
    llvm::SmallVector<NamedAttribute> attrs;
    for (const auto &attr : node.attribute()) {
      auto converted = convertAttribute(attr, error);
      if (failed(converted))
        return false;
      attrs.push_back(*converted);
    }
    Value bias = qlinear && in(8) ? in(8) : noValue();
    acc = createOp(node, "Conv", {*x, *w, bias}, UnrankedTensorType::get(i32), attrs)->getResult(0);
  } else {
    acc = createOp(node, "MatMul", {*x, *w}, UnrankedTensorType::get(i32))->getResult(0);
  }
  if (qlinear) {
    auto f32Op = [&](StringRef name, Value l, Value r) {
      return createOp(node, name, {l, r}, UnrankedTensorType::get(f32))->getResult(0);
    };
    // The output channel's scale along Y's dim 1 (Conv); one scale (MatMul).
    auto scale = alongAxis(node, f32Op("Div", f32Op("Mul", in(1), in(4)), in(6)), in(4),
                           conv ? trailingAxes(rankOrZero(in(0)) - 1) : llvm::SmallVector<int64_t>{},
                           error);
    if (failed(scale))
      return false;
    Value scaled = f32Op("Mul", castTo(node, acc, f32, onnx::TensorProto::FLOAT), *scale);
    // QuantizeLinear by 1 (in the zero point's shape): round, add the zero
    // point, saturate.
    auto zeroType = llvm::dyn_cast<RankedTensorType>(in(7).getType());
    if (!zeroType) {
      error = "y_zero_point must have a known shape";
      return false;
    }
    auto oneType = RankedTensorType::get(zeroType.getShape(), f32);
    Value one = builder.create<ConstantOp>(builder.getUnknownLoc(), oneType,
                                           DenseElementsAttr::get(oneType, 1.0f));
    acc = createOp(node, "QuantizeLinear", {scaled, one, in(7)},
                   UnrankedTensorType::get(zeroType.getElementType()))
              ->getResult(0);
  }
  if (node.output_size() > 0 && !node.output(0).empty())
    values[node.output(0)] = acc;
  return true;
}

} // namespace onnxc
