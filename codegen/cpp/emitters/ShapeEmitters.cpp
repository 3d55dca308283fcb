//===- ShapeEmitters.cpp - reshape-like ops, Transpose and Concat ---------===//
//
// Reshape, Flatten, Squeeze and Unsqueeze only relabel the shape: the data
// is copied as is (the memory planner gives their result a buffer of its
// own). Transpose and Concat call kernels/transpose.h and kernels/concat.h.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "codegen/cpp/emitters/RuntimeSlice.h"
#include "codegen/cpp/emitters/TransposeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitCopy(NodeWriter &w) {
  if (w.inElements(0) != w.outElements(0))
    return w.fail("input and result element counts differ");
  w.writeCopy();
  return success();
}

/// A transpose in its simplest form: output dims with their input strides,
/// unit dims dropped and runs of dims that stay adjacent in memory merged.
/// Dims may be symbolic (SymbolicDims).
struct StridedView {
  SmallVector<AffineExpr> shape, srcStride;
};

StridedView simplifyTranspose(ArrayRef<AffineExpr> in, ArrayRef<int64_t> perm) {
  SmallVector<AffineExpr> stride(in.size());
  AffineExpr s = getAffineConstantExpr(1, in.empty() ? nullptr : in[0].getContext());
  for (int64_t i = in.size() - 1; i >= 0; s = s * in[i--])
    stride[i] = s;
  StridedView v;
  int64_t prev = -1; // input dim of the previous non-unit output dim
  for (int64_t d : perm) {
    if (in[d] == 1)
      continue;
    if (prev >= 0 && stride[prev] == in[d] * stride[d]) { // contiguous with prev
      v.shape.back() = v.shape.back() * in[d];
      v.srcStride.back() = stride[d];
    } else {
      v.shape.push_back(in[d]);
      v.srcStride.push_back(stride[d]);
    }
    prev = d;
  }
  return v;
}

} // namespace

void writeTranspose(NodeWriter &w, ArrayRef<AffineExpr> in, ArrayRef<int64_t> perm) {
  if (in.empty() || w.outElements(0) == 0) {
    w.writeCopy();
    return;
  }
  StridedView v = simplifyTranspose(in, perm);
  // Rank <= 1 once simplified: the permutation keeps memory order.
  if (v.shape.size() <= 1) {
    w.writeCopy();
    return;
  }
  // The last output dimension is the kernel's inner loop.
  AffineExpr n = v.shape.pop_back_val(), innerStride = v.srcStride.pop_back_val();
  w.os << "  " << w.shapeArrayDecl() << " int64_t shape[] = " << w.dimsLiteral(v.shape) << ";\n"
       << "  " << w.shapeArrayDecl() << " int64_t srcStride[] = " << w.dimsLiteral(v.srcStride)
       << ";\n"
       << "  transpose(" << w.in(0) << ", " << w.out(0) << ", shape, srcStride, " << w.dim(n)
       << ", " << w.dim(innerStride) << ");\n";
}

namespace {

LogicalResult emitTranspose(NodeWriter &w) {
  ArrayRef<int64_t> in = w.inShape(0);
  SmallVector<int64_t> perm;
  if (auto p = toInts(llvm::cast<TransposeOp>(w.op).getPerm()))
    perm = *p;
  else
    perm = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, in.size())));
  if (perm.size() != in.size() || perm.size() != w.outShape(0).size())
    return w.fail("perm does not match the input rank");
  for (auto [d, p] : llvm::zip_equal(w.outShape(0), perm))
    if (p < 0 || p >= (int64_t)in.size() || d != in[p])
      return w.fail("result shape is not the permuted input shape");
  writeTranspose(w, w.inDims(0), perm);
  return success();
}

LogicalResult emitConcat(NodeWriter &w) {
  ArrayRef<int64_t> out = w.outShape(0);
  auto axis = normalizeAxis(llvm::cast<ConcatOp>(w.op).getAxis(), out.size());
  if (!axis)
    return w.fail("axis out of range");
  // Dims may be symbolic (SymbolicDims); the checks use their maxima.
  SmallVector<AffineExpr> outDims = w.outDims(0);
  MLIRContext *ctx = w.op->getContext();
  AffineExpr inner = dimProduct(ArrayRef(outDims).drop_front(*axis + 1), ctx);
  std::string outer = w.dim(dimProduct(ArrayRef(outDims).take_front(*axis), ctx));
  std::string srcs, chunks;
  int64_t total = 0;
  for (unsigned i = 0; i < w.op->getNumOperands(); ++i) {
    ArrayRef<int64_t> s = w.inShape(i);
    bool fits = s.size() == out.size();
    for (size_t d = 0; fits && d < s.size(); ++d)
      fits = d == *axis || s[d] == out[d];
    if (!fits)
      return w.fail("input " + std::to_string(i) + " does not match the result shape");
    total += s[*axis];
    srcs += (i ? ", " : "") + w.in(i);
    chunks += (i ? ", " : "") + w.dim(w.inDims(i)[*axis] * inner);
  }
  if (total != out[*axis])
    return w.fail("result size along the axis is not the inputs' total");
  w.os << "  const " << w.outType(0) << " *const src[] = {" << srcs << "};\n"
       << "  " << w.shapeArrayDecl() << " int64_t chunk[] = {" << chunks << "};\n"
       << "  concat(src, chunk, " << outer << ", " << w.out(0) << ");\n";
  return success();
}

/// Shape: the dims are known at compile time; the node writes them.
LogicalResult emitShape(NodeWriter &w) {
  auto op = llvm::cast<ShapeOp>(w.op);
  ArrayRef<int64_t> in = w.inShape(0);
  auto [start, end] = shapeOpRange(in.size(), op.getStart(), op.getEnd());
  for (int64_t i = start; i < end; ++i)
    w.os << "  " << w.out(0) << "[" << i - start << "] = " << in[i] << ";\n";
  return success();
}

LogicalResult emitGather(NodeWriter &w) {
  ArrayRef<int64_t> in = w.inShape(0);
  auto axis = normalizeAxis(llvm::cast<GatherOp>(w.op).getAxis(), in.size());
  if (!axis)
    return w.fail("axis out of range");
  if (w.inType(1) != "int32_t" && w.inType(1) != "int64_t")
    return w.fail("indices must be int32 or int64");
  SmallVector<AffineExpr> data = w.inDims(0); // may be symbolic (SymbolicDims)
  MLIRContext *ctx = w.op->getContext();
  w.os << "  gather(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", /*outer*/ "
       << w.dim(dimProduct(ArrayRef(data).take_front(*axis), ctx)) << ", /*axis_dim*/ "
       << w.dim(data[*axis]) << ", /*inner*/ "
       << w.dim(dimProduct(ArrayRef(data).drop_front(*axis + 1), ctx)) << ", /*count*/ "
       << w.inCount(1) << ");\n";
  return success();
}

LogicalResult emitSlice(NodeWriter &w) {
  if (sliceHasRuntimeOperands(w.op))
    return emitRuntimeSlice(w);
  ArrayRef<int64_t> in = w.inShape(0);
  auto g = resolveSlice(w.op, in);
  if (!g)
    return failure();
  // Row-major input strides, scaled by each dim's step. Dims may be
  // symbolic (SymbolicDims keeps their starts constant).
  SmallVector<AffineExpr> dims = w.inDims(0), stride(in.size()), shape = w.outDims(0);
  AffineExpr one = getAffineConstantExpr(1, w.op->getContext()), base = one * 0, s = one;
  for (int64_t d = in.size() - 1; d >= 0; s = s * dims[d--]) {
    stride[d] = s * g->step[d];
    base = base + s * g->start[d];
  }
  if (shape.empty()) { // the kernel iterates over at least one axis
    shape = {one};
    stride = {one * 0};
  }
  const char *decl = w.shapeArrayDecl();
  w.os << "  " << decl << " int64_t shape[] = " << w.dimsLiteral(shape) << ";\n"
       << "  " << decl << " int64_t stride[] = " << w.dimsLiteral(stride) << ";\n"
       << "  slice(" << w.in(0) << ", " << w.out(0) << ", " << w.dim(base)
       << ", shape, stride);\n";
  return success();
}

/// Expand: a broadcast copy of the input to the result's shape.
LogicalResult emitExpand(NodeWriter &w) {
  SmallVector<int64_t> shape(w.outShape(0)), stride = broadcastStrides(w.inShape(0), shape);
  if (shape.empty()) {
    shape = {1};
    stride = {0};
  }
  w.os << "  static constexpr int64_t shape[] = " << shapeLiteral(shape) << ";\n"
       << "  static constexpr int64_t stride[] = " << shapeLiteral(stride) << ";\n"
       << "  slice(" << w.in(0) << ", " << w.out(0) << ", 0, shape, stride);\n";
  return success();
}

} // namespace

void registerShapeEmitters(EmitterRegistry &r) {
  r.add("onnx.Shape", emitShape);
  r.add("onnx.Gather", emitGather);
  r.add("onnx.Slice", emitSlice);
  r.add("onnx.Expand", emitExpand);
  for (const char *op : {"onnx.Identity", "onnx.Reshape", "onnx.Flatten", "onnx.Squeeze",
                         "onnx.Unsqueeze"})
    r.add(op, emitCopy);
  r.add("onnx.Transpose", emitTranspose);
  r.add("onnx.Concat", emitConcat);
  r.allowSymbolic({"onnx.Slice", "onnx.Gather", "onnx.Identity", "onnx.Reshape", "onnx.Flatten",
                   "onnx.Squeeze", "onnx.Unsqueeze", "onnx.Transpose", "onnx.Concat"});
  // Bit copies: any element type, float16/bfloat16 included.
  r.allowHalf({"onnx.Shape", "onnx.Gather", "onnx.Slice", "onnx.Expand", "onnx.Identity",
               "onnx.Reshape", "onnx.Flatten", "onnx.Squeeze", "onnx.Unsqueeze", "onnx.Transpose",
               "onnx.Concat"});
}

} // namespace onnxc::cpp
