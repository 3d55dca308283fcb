//===- ElementwiseEmitters.cpp - unary, binary and activation ops ---------===//
//
// Each op is a C++ expression over the element(s) `x` (unary) or `a`, `b`
// (binary), evaluated by the kernels in kernels/elementwise.h.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Strides of an input of shape `in` read in the index space of `out`
/// (numpy broadcasting: 0 along dims where the input has size 1 or is absent).
llvm::SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> in, ArrayRef<int64_t> out) {
  llvm::SmallVector<int64_t> strides(out.size(), 0);
  int64_t stride = 1;
  for (int64_t i = (int64_t)in.size() - 1, o = (int64_t)out.size() - 1; i >= 0; --i, --o) {
    strides[o] = in[i] == 1 ? 0 : stride;
    stride *= in[i];
  }
  return strides;
}

/// Writes `dst = f(srcA, srcB)` with broadcasting of both sources to `out`.
void writeBinary(NodeWriter &w, const std::string &dst, const std::string &srcA,
                 ArrayRef<int64_t> shapeA, const std::string &srcB, ArrayRef<int64_t> shapeB,
                 const std::string &lambda) {
  ArrayRef<int64_t> out = w.outShape(0);
  int64_t n = w.outElements(0);
  if (shapeA == out && shapeB == out) {
    w.os << "  binary_same_shape(" << srcA << ", " << srcB << ", " << dst << ", " << n << ", "
         << lambda << ");\n";
    return;
  }
  // Rank-0 outputs iterate over one element.
  llvm::SmallVector<int64_t> shape(out), sa = broadcastStrides(shapeA, out),
                                         sb = broadcastStrides(shapeB, out);
  if (shape.empty()) {
    shape = {1};
    sa = {0};
    sb = {0};
  }
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  static constexpr int64_t strideA[] = " << shapeLiteral(sa) << ";\n"
       << "  static constexpr int64_t strideB[] = " << shapeLiteral(sb) << ";\n"
       << "  binary_broadcast(" << srcA << ", " << srcB << ", " << dst
       << ", shape, strideA, strideB, " << lambda << ");\n";
}

OpEmitter binaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    std::string lambda = "[](" + w.inType(0) + " a, " + w.inType(1) + " b) { return " +
                         w.outType(0) + "(" + expr + "); }";
    writeBinary(w, w.out(0), w.in(0), w.inShape(0), w.in(1), w.inShape(1), lambda);
    return success();
  };
}

OpEmitter unaryOp(std::string expr) {
  return [expr](NodeWriter &w) {
    w.os << "  unary(" << w.in(0) << ", " << w.out(0) << ", " << w.inElements(0) << ", [](" << w.inType(0)
         << " x) { return " << w.outType(0) << "(" << expr << "); });\n";
    return success();
  };
}

} // namespace

void registerElementwiseEmitters(EmitterRegistry &r) {
  r.add("onnx.Add", binaryOp("a + b"));
  r.add("onnx.Relu", unaryOp("x > 0 ? x : 0"));
}

} // namespace onnxc::cpp
