//===- LayoutEmitters.cpp - Split, Tile, Trilu and Slice with run-time bounds -===//
//
// Split copies rows into its outputs (kernels/split.h). Tile and Slice whose
// parameters are graph inputs read them at run time and check them against
// the compiled result shape (kernels/slice_runtime.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "codegen/cpp/emitters/RuntimeSlice.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitSplit(NodeWriter &w) {
  ArrayRef<int64_t> in = w.inShape(0);
  auto axis = normalizeAxis(llvm::cast<SplitOp>(w.op).getAxis(), in.size());
  if (!axis)
    return w.fail("axis out of range");
  int64_t outer = ShapedType::getNumElements(in.take_front(*axis));
  int64_t inner = ShapedType::getNumElements(in.drop_front(*axis + 1));
  std::string dsts, chunks;
  int64_t total = 0;
  for (unsigned i = 0; i < w.op->getNumResults(); ++i) {
    ArrayRef<int64_t> s = w.outShape(i);
    bool fits = s.size() == in.size();
    for (size_t d = 0; fits && d < s.size(); ++d)
      fits = d == *axis || s[d] == in[d];
    if (!fits)
      return w.fail("result " + std::to_string(i) + " does not match the input shape");
    total += s[*axis];
    dsts += (i ? ", " : "") + w.out(i);
    chunks += (i ? ", " : "") + std::to_string(s[*axis] * inner);
  }
  if (total != in[*axis])
    return w.fail("results' sizes along the axis do not add up to the input's");
  w.os << "  " << w.outType(0) << " *const dst[] = {" << dsts << "};\n"
       << "  static constexpr int64_t chunk[] = {" << chunks << "};\n"
       << "  split(" << w.in(0) << ", dst, chunk, " << outer << ");\n";
  return success();
}

/// Writes the `in` and `out` shape constants (rank >= 1) of kernels/slice_runtime.h.
LogicalResult writeInOutShapes(NodeWriter &w) {
  if (w.inShape(0).size() != w.outShape(0).size())
    return w.fail("result rank differs from the input rank");
  SmallVector<int64_t> in(w.inShape(0)), out(w.outShape(0));
  w.os << "  static constexpr int64_t in[] = " << shapeLiteral(in) << ";\n"
       << "  static constexpr int64_t out[] = " << shapeLiteral(out) << ";\n";
  return success();
}

LogicalResult emitTile(NodeWriter &w) {
  if (w.inShape(0).empty())
    return w.fail("cannot tile a scalar");
  if (failed(writeInOutShapes(w)))
    return failure();
  w.checksInputs = true;
  w.os << "  if (!tile(" << w.in(0) << ", " << w.out(0) << ", in, out, " << w.in(1)
       << "))\n    return false;\n";
  return success();
}

LogicalResult emitTrilu(NodeWriter &w) {
  ArrayRef<int64_t> s = w.inShape(0);
  if (s.size() < 2 || w.outShape(0) != s)
    return w.fail("input must have rank >= 2 and the result its shape");
  int64_t rows = s[s.size() - 2], cols = s.back();
  std::string k = w.has(1) ? "int64_t(" + w.in(1) + "[0])" : "0";
  w.os << "  trilu(" << w.in(0) << ", " << w.out(0) << ", " << w.inElements(0) / std::max<int64_t>(1, rows * cols)
       << ", " << rows << ", " << cols << ", " << k << ", "
       << (llvm::cast<TriluOp>(w.op).getUpper() ? "true" : "false") << ");\n";
  return success();
}

/// "in<i>", or a typed null pointer for an absent operand.
std::string optionalIn(NodeWriter &w, unsigned i) {
  return w.has(i) ? w.in(i) : "(const int64_t *)nullptr";
}

} // namespace

bool sliceHasRuntimeOperands(Operation *op) {
  for (unsigned i = 1; i < op->getNumOperands(); ++i)
    if (!llvm::isa<NoneType>(op->getOperand(i).getType()) && !getConstantInts(op->getOperand(i)))
      return true;
  return false;
}

LogicalResult emitRuntimeSlice(NodeWriter &w) {
  if (w.inShape(0).empty())
    return w.fail("cannot slice a scalar");
  if (failed(writeInOutShapes(w)))
    return failure();
  if (w.inType(1) != w.inType(2))
    return w.fail("starts and ends have different element types");
  w.checksInputs = true;
  w.os << "  if (!slice_runtime(" << w.in(0) << ", " << w.out(0) << ", in, out, " << w.in(1)
       << ", " << w.in(2) << ", " << optionalIn(w, 3) << ", " << optionalIn(w, 4) << ", "
       << w.inElements(1) << "))\n    return false;\n";
  return success();
}

void registerLayoutEmitters(EmitterRegistry &r) {
  r.add("onnx.Split", emitSplit);
  r.add("onnx.Tile", emitTile);
  r.add("onnx.Trilu", emitTrilu);
}

} // namespace onnxc::cpp
