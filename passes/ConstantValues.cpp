//===- ConstantValues.cpp - float constants as doubles, and back ----------===//
#include "passes/ConstantValues.h"

#include "compiler/dialect/OnnxDialect.h"

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
