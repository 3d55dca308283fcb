//===- LinalgEmitters.cpp - Det and Einsum --------------------------------===//
//
// Det factors each matrix (kernels/det.h); Einsum runs the loop nest that
// EinsumPlan.h plans from its subscripts (kernels/einsum.h).
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/EinsumPlan.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitDet(NodeWriter &w) {
  ArrayRef<int64_t> x = w.inShape(0);
  if (x.size() < 2 || x.back() != x[x.size() - 2])
    return w.fail("input must be square matrices [..., M, M]");
  int64_t m = x.back();
  if (w.outElements(0) * m * m != w.inElements(0))
    return w.fail("result must have one element per matrix");
  w.os << "  det<" << m << ">(" << w.in(0) << ", " << w.out(0) << ", " << w.outElements(0)
       << ");\n";
  return success();
}

LogicalResult emitEinsum(NodeWriter &w) {
  auto op = llvm::cast<EinsumOp>(w.op);
  SmallVector<SmallVector<int64_t>> shapes;
  std::string ops;
  for (unsigned i = 0; i < op->getNumOperands(); ++i) {
    shapes.emplace_back(w.inShape(i));
    ops += (i ? ", " : "") + w.in(i);
  }
  EinsumPlan plan;
  if (std::string err = planEinsum(op.getEquation(), shapes, plan); !err.empty())
    return w.fail(err);
  ArrayRef<int64_t> loops = plan.loops;
  if (ShapedType::getNumElements(loops.take_front(plan.outputRank)) != w.outElements(0))
    return w.fail("result size does not match the equation's output subscripts");
  int64_t summed = ShapedType::getNumElements(loops.drop_front(plan.outputRank));
  SmallVector<int64_t> shape(loops);
  std::string strides;
  for (auto &s : plan.strides) {
    SmallVector<int64_t> row(s);
    if (row.empty()) // no labels at all: one iteration
      row.push_back(0);
    strides += (strides.empty() ? "" : ", ") + shapeLiteral(row);
  }
  if (shape.empty())
    shape.push_back(1);
  w.os << "  const " << w.outType(0) << " *const ops[] = {" << ops << "};\n"
       << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  static constexpr int64_t strides[][" << shape.size() << "] = {" << strides << "};\n"
       << "  einsum(ops, " << w.out(0) << ", shape, strides, " << w.outElements(0) << ", "
       << std::max<int64_t>(1, summed) << ");\n";
  return success();
}

} // namespace

void registerLinalgEmitters(EmitterRegistry &r) {
  r.add("onnx.Det", emitDet);
  r.add("onnx.Einsum", emitEinsum);
}

} // namespace onnxc::cpp
