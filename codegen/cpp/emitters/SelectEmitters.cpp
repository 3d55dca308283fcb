//===- SelectEmitters.cpp - TopK, NonZero, Compress, Unique, NMS -----------===//
//
// The sizes of these results depend on the data (or on TopK's k): the
// compiled sizes are the model's declared ones, and the kernels
// (kernels/topk.h, select.h, unique.h, nms.h) return false when the data
// selects a different number.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include <array>

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitTopK(NodeWriter &w) {
  auto op = llvm::cast<TopKOp>(w.op);
  ArrayRef<int64_t> x = w.inShape(0), out = w.outShape(0);
  auto axis = normalizeAxis(op.getAxis(), x.size());
  if (!axis || out.size() != x.size() || w.outShape(1) != out)
    return w.fail("axis out of range, or results that are not the input with the axis cut to k");
  int64_t k = out[*axis];
  for (size_t d = 0; d < x.size(); ++d)
    if (d != *axis && out[d] != x[d])
      return w.fail("results differ from the input outside the axis");
  if (k > x[*axis])
    return w.fail("k = " + std::to_string(k) + " exceeds the axis dim " + std::to_string(x[*axis]));
  if (auto constant = getConstantInts(op.getK())) {
    if ((*constant)[0] != k)
      return w.fail("K differs from the results' size along the axis");
  } else {
    w.checksInputs = true;
    w.os << "  if (" << w.in(1) << "[0] != " << k << ")\n    return false;\n";
  }
  int64_t outer = ShapedType::getNumElements(x.take_front(*axis));
  int64_t inner = ShapedType::getNumElements(x.drop_front(*axis + 1));
  w.os << "  top_k(" << w.in(0) << ", " << w.out(0) << ", " << w.out(1) << ", " << outer << ", "
       << x[*axis] << ", " << inner << ", " << k << ", " << (op.getLargest() ? "true" : "false")
       << ");\n";
  return success();
}

LogicalResult emitNonZero(NodeWriter &w) {
  SmallVector<int64_t> x(w.inShape(0));
  ArrayRef<int64_t> y = w.outShape(0);
  if (x.empty() || y.size() != 2 || y[0] != (int64_t)x.size())
    return w.fail("needs an input of rank >= 1 and a declared result [rank, count]");
  w.checksInputs = true;
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(x) << ";\n"
       << "  if (!non_zero(" << w.in(0) << ", " << w.out(0) << ", shape, " << y[1]
       << "))\n    return false;\n";
  return success();
}

/// The [outer, dim, inner] view of operand 0 around the op's `axis`
/// attribute, or of its flattened shape (one dim) without one.
template <typename OpT> FailureOr<std::array<int64_t, 3>> axisView(NodeWriter &w) {
  ArrayRef<int64_t> shape = w.inShape(0);
  std::optional<int64_t> axisAttr = llvm::cast<OpT>(w.op).getAxis();
  if (!axisAttr)
    return std::array<int64_t, 3>{1, ShapedType::getNumElements(shape), 1};
  auto axis = normalizeAxis(*axisAttr, shape.size());
  if (!axis)
    return w.fail("axis out of range");
  return std::array<int64_t, 3>{ShapedType::getNumElements(shape.take_front(*axis)),
                                shape[*axis],
                                ShapedType::getNumElements(shape.drop_front(*axis + 1))};
}

LogicalResult emitCompress(NodeWriter &w) {
  auto view = axisView<CompressOp>(w);
  if (failed(view))
    return failure();
  auto [outer, dim, inner] = *view;
  int64_t condLen = w.inElements(1);
  if (condLen > dim)
    return w.fail("condition has " + std::to_string(condLen) + " entries for " +
                  std::to_string(dim) + " slices");
  int64_t kept = outer * inner == 0 ? 0 : w.outElements(0) / (outer * inner);
  if (kept * outer * inner != w.outElements(0) || kept > condLen)
    return w.fail("declared result size is not a whole number of kept slices");
  w.checksInputs = true;
  w.os << "  if (!compress(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", " << outer
       << ", " << dim << ", " << inner << ", " << condLen << ", " << kept
       << "))\n    return false;\n";
  return success();
}

LogicalResult emitUnique(NodeWriter &w) {
  auto view = axisView<UniqueOp>(w);
  if (failed(view))
    return failure();
  auto [outer, dim, inner] = *view;
  int64_t distinct = w.outElements(1);
  if (w.outElements(0) != outer * distinct * inner || w.outElements(2) != dim ||
      w.outElements(3) != distinct || distinct > dim)
    return w.fail("declared result shapes do not agree on the number of distinct entries");
  w.checksInputs = true;
  w.os << "  if (!unique(" << w.in(0) << ", " << w.out(0) << ", " << w.out(1) << ", " << w.out(2)
       << ", " << w.out(3) << ", " << outer << ", " << dim << ", " << inner << ", " << distinct
       << ", " << (llvm::cast<UniqueOp>(w.op).getSorted() ? "true" : "false") << "))\n    return false;\n";
  return success();
}

LogicalResult emitNonMaxSuppression(NodeWriter &w) {
  auto op = llvm::cast<NonMaxSuppressionOp>(w.op);
  ArrayRef<int64_t> boxes = w.inShape(0), scores = w.inShape(1), out = w.outShape(0);
  if (boxes.size() != 3 || boxes[2] != 4 || scores.size() != 3 || scores[0] != boxes[0] ||
      scores[2] != boxes[1])
    return w.fail("boxes must be [batches, boxes, 4] and scores [batches, classes, boxes]");
  if (out.size() != 2 || out[1] != 3)
    return w.fail("result must be declared [selected, 3]");
  std::string f = w.has(3) ? w.inType(3) : w.has(4) ? w.inType(4) : w.inType(0);
  w.checksInputs = true;
  w.os << "  if (!non_max_suppression(" << w.in(0) << ", " << w.in(1) << ", "
       << w.inOrNull(2, "int64_t") << ", " << w.inOrNull(3, f) << ", "
       << w.inOrNull(4, f) << ", " << w.out(0) << ", " << boxes[0] << ", " << scores[1] << ", "
       << boxes[1] << ", " << out[0] << ", " << (op.getCenterPointBox() ? "true" : "false")
       << "))\n    return false;\n";
  return success();
}

} // namespace

void registerSelectEmitters(EmitterRegistry &r) {
  r.add("onnx.TopK", emitTopK);
  r.add("onnx.NonZero", emitNonZero);
  r.add("onnx.Compress", emitCompress);
  r.add("onnx.Unique", emitUnique);
  r.add("onnx.NonMaxSuppression", emitNonMaxSuppression);
}

} // namespace onnxc::cpp
