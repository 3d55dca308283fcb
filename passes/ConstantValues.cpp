//===- ConstantValues.cpp - float constants as doubles, and back ----------===//
#include "passes/ConstantValues.h"

#include "compiler/dialect/OnnxDialect.h"

#include <cmath>

using namespace mlir;

namespace onnxc {

std::optional<llvm::SmallVector<double>> constantValues(Value v) {
  auto cst = v.getDefiningOp<ConstantOp>();
  if (!cst)
    return std::nullopt;
  auto dense = llvm::dyn_cast<DenseFPElementsAttr>(cst.getValue());
  if (!dense || !(dense.getElementType().isF32() || dense.getElementType().isF64()))
    return std::nullopt;
  llvm::SmallVector<double> values;
  values.reserve(dense.getNumElements());
  for (const llvm::APFloat &x : dense.getValues<llvm::APFloat>())
    values.push_back(x.convertToDouble()); // exact for f32 and f64
  return values;
}

std::optional<double> scalarConstant(Value v) {
  auto type = llvm::dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() != 1)
    return std::nullopt;
  auto values = constantValues(v);
  if (!values)
    return std::nullopt;
  return values->front();
}

bool isScalarConstant(Value v, double expected) {
  auto value = scalarConstant(v);
  return value && std::abs(*value - expected) <= 1e-6 * std::abs(expected);
}

Value makeConstant(OpBuilder &builder, Location loc, RankedTensorType type,
                   llvm::ArrayRef<double> values) {
  DenseElementsAttr attr;
  if (type.getElementType().isF32()) {
    llvm::SmallVector<float> narrow(values.begin(), values.end());
    attr = DenseElementsAttr::get(type, llvm::ArrayRef(narrow));
  } else {
    attr = DenseElementsAttr::get(type, values);
  }
  return builder.create<ConstantOp>(loc, type, attr);
}

} // namespace onnxc
