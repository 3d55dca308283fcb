//===- GeneratorEmitters.cpp - Range, EyeLike and ConstantOfShape ----------===//
//
// Ops that produce values from (mostly) nothing. Range and ConstantOfShape
// take their size from input values: the node checks them at run time
// against the compiled result shape (kernels/generators.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitRange(NodeWriter &w) {
  w.checksInputs = true;
  w.os << "  if (!range(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", " << w.out(0)
       << ", " << w.outElements(0) << "))\n    return false;\n";
  return success();
}

LogicalResult emitEyeLike(NodeWriter &w) {
  ArrayRef<int64_t> s = w.outShape(0);
  if (s.size() != 2)
    return w.fail("result must be 2-D");
  w.os << "  eye_like(" << w.out(0) << ", " << s[0] << ", " << s[1] << ", "
       << llvm::cast<EyeLikeOp>(w.op).getK() << ");\n";
  return success();
}

/// The single element of ConstantOfShape's `value` (0.0f when absent).
std::string fillValue(ConstantOfShapeOp op, llvm::StringRef type) {
  auto value = op.getValue();
  if (!value)
    return literal(0, type);
  auto dense = llvm::cast<DenseElementsAttr>(*value);
  if (llvm::isa<FloatType>(dense.getElementType()))
    return literal(toDouble(*dense.value_begin<llvm::APFloat>()), type);
  llvm::APInt v = *dense.value_begin<llvm::APInt>();
  return literal(dense.getElementType().isUnsignedInteger() ? (double)v.getZExtValue()
                                                            : (double)v.getSExtValue(),
                 type);
}

LogicalResult emitConstantOfShape(NodeWriter &w) {
  auto op = llvm::cast<ConstantOfShapeOp>(w.op);
  ArrayRef<int64_t> out = w.outShape(0);
  if (w.inElements(0) != (int64_t)out.size())
    return w.fail("the shape input has " + std::to_string(w.inElements(0)) +
                  " entries for a result of rank " + std::to_string(out.size()));
  if (auto shape = getConstantInts(op.getInput()); !shape && !out.empty()) {
    // The shape is a graph input: it must be the compiled one.
    w.checksInputs = true;
    w.os << "  static constexpr int64_t expected[] = " << shapeLiteral(out) << ";\n"
         << "  for (int d = 0; d < " << out.size() << "; ++d)\n"
         << "    if (" << w.in(0) << "[d] != expected[d])\n      return false;\n";
  } else if (shape && llvm::ArrayRef<int64_t>(*shape) != out) {
    return w.fail("result shape differs from the constant shape input");
  }
  w.os << "  for (int64_t i = 0; i < " << w.outElements(0) << "; ++i)\n"
       << "    " << w.out(0) << "[i] = " << fillValue(op, w.outType(0)) << ";\n";
  return success();
}

} // namespace

void registerGeneratorEmitters(EmitterRegistry &r) {
  r.add("onnx.Range", emitRange);
  r.add("onnx.EyeLike", emitEyeLike);
  r.add("onnx.ConstantOfShape", emitConstantOfShape);
}

} // namespace onnxc::cpp
