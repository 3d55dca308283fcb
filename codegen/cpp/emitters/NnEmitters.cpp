//===- NnEmitters.cpp - convolution, matrix products, normalization, pooling -===//
//
// Each op becomes one call into kernels/{conv,gemm,matmul,batchnorm,pool}.h.
// Everything the kernel needs to know about shapes (window geometry, matrix
// strides, batch broadcasting) is resolved here and written as compile-time
// constants, so the kernels only loop.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/ActivationWriter.h"
#include "codegen/cpp/emitters/NnChecks.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"
#include "passes/Passes.h"

#include <cmath>

using namespace mlir;

namespace onnxc::cpp {

std::string optionalIn(const NodeWriter &w, unsigned i, const std::string &type) {
  return w.has(i) ? w.in(i) : "static_cast<const " + type + " *>(nullptr)";
}

LogicalResult requireType(const NodeWriter &w, unsigned operands, bool floatOnly) {
  std::string type = w.outType(0);
  for (unsigned i = 0; i < operands; ++i)
    if (w.has(i) && w.inType(i) != type)
      return w.fail("operands must have the element type of the result");
  if (floatOnly && !isFloatType(type))
    return w.fail("supports only float and double tensors in the C++ backend");
  if (type == "bool")
    return w.fail("does not support bool tensors");
  return success();
}

namespace {

//===----------------------------------------------------------------------===//
// Window ops: Conv, MaxPool, AveragePool
//===----------------------------------------------------------------------===//

/// Window attributes as ONNX gives them; computeWindow resolves them exactly
/// as shape inference did.
struct WindowAttrs {
  llvm::SmallVector<int64_t> kernel;
  std::optional<llvm::SmallVector<int64_t>> strides, dilations, pads;
  llvm::StringRef autoPad;
  bool ceilMode = false;
};

/// The attributes every window op has (strides, pads, auto_pad); callers add
/// the kernel, dilations and ceil_mode where their op has them.
template <typename OpT> WindowAttrs windowAttrs(OpT op) {
  WindowAttrs attrs;
  attrs.strides = toInts(op.getStrides());
  attrs.pads = toInts(op.getPads());
  attrs.autoPad = op.getAutoPad();
  return attrs;
}

/// Writes `static constexpr Window<S> win = {...};` for the window over the
/// spatial dims of operand 0, after checking it reproduces result 0's shape.
/// Symbolic dims (which SymbolicDims only lets through where the pads do not
/// depend on them) are written as run-time expressions.
LogicalResult writeWindow(NodeWriter &w, const WindowAttrs &attrs) {
  ArrayRef<int64_t> in = w.inShape(0).drop_front(2);
  WindowGeometry geo;
  std::string err = computeWindow(in, attrs.kernel, attrs.strides, attrs.dilations, attrs.pads,
                                  attrs.autoPad, attrs.ceilMode, geo);
  if (!err.empty())
    return w.fail(err);
  if (ArrayRef<int64_t>(geo.out) != w.outShape(0).drop_front(2))
    return w.fail("window geometry disagrees with the inferred output shape");
  w.os << "  " << w.shapeArrayDecl() << " Window<" << in.size() << "> win = {\n"
       << "      /*in*/ " << w.dimsLiteral(ArrayRef(w.inDims(0)).drop_front(2)) << ", /*out*/ "
       << w.dimsLiteral(ArrayRef(w.outDims(0)).drop_front(2))
       << ", /*kernel*/ " << shapeLiteral(geo.kernel) << ",\n"
       << "      /*strides*/ " << shapeLiteral(geo.strides) << ", /*dilations*/ "
       << shapeLiteral(geo.dilations) << ",\n"
       << "      /*pad_begin*/ " << shapeLiteral(geo.padBegin) << ", /*pad_end*/ "
       << shapeLiteral(geo.padEnd) << "};\n";
  return success();
}

/// N * C: the number of independent planes a pooling op works on.
std::string planes(const NodeWriter &w) { return w.dim(w.inDims(0)[0] * w.inDims(0)[1]); }

/// Elements per plane of operand 0: the product of its dims after N and C.
std::string planeSize(const NodeWriter &w) {
  return w.dim(dimProduct(ArrayRef(w.inDims(0)).drop_front(2), w.op->getContext()));
}

/// The trailing addend argument of conv()/gemm() when a residual Add was
/// fused into the op (operand `i`, of Y's shape), else nothing.
std::string addendArg(const NodeWriter &w, unsigned i) {
  return w.has(i) ? ", /*addend*/ " + w.in(i) : "";
}

/// Operand `index`, or where PrepackWeights stored it in a kernel's layout
/// (`attr` set), wrapped in the type `wrapper` that names the micro-tile size
/// it was packed for: the kernel checks it.
static std::string prepackedArg(const NodeWriter &w, unsigned index, llvm::StringRef attr,
                                llvm::StringRef wrapper) {
  auto size = w.op->getAttrOfType<IntegerAttr>(attr);
  if (!size)
    return w.in(index);
  return (wrapper + "<" + w.inType(index) + ", " + std::to_string(size.getInt()) + ">{" +
          w.in(index) + "}").str();
}

LogicalResult emitConv(NodeWriter &w) {
  auto conv = llvm::cast<ConvOp>(w.op);
  if (failed(requireType(w, 4, /*floatOnly=*/false)))
    return failure();
  // int32: ConvInteger and QLinearConv (QuantizedOps.cpp of the importer).
  if (!isFloatType(w.outType(0)) && w.outType(0) != "int32_t")
    return w.fail("supports only float, double and int32 tensors in the C++ backend");
  ArrayRef<int64_t> x = w.inShape(0), weights = w.inShape(1);
  if (w.has(2) && w.inShape(2) != ArrayRef<int64_t>(weights[0]))
    return w.fail("B must have shape [M]");
  WindowAttrs attrs = windowAttrs(conv);
  attrs.kernel.assign(weights.begin() + 2, weights.end());
  // Winograd-transformed weights (WinogradWeights) are 6x6 blocks of 3x3 taps.
  auto winograd = conv->getAttrOfType<IntegerAttr>(kWinogradRowsAttr);
  if (winograd)
    attrs.kernel.assign(2, 3);
  attrs.dilations = toInts(conv.getDilations());
  if (failed(writeWindow(w, attrs)))
    return failure();
  std::string weightsArg = conv->hasAttr(kPrepackedColumnsAttr)
                              ? prepackedArg(w, 1, kPrepackedColumnsAttr, "PrepackedB")
                              : prepackedArg(w, 1, kPrepackedRowsAttr, "PrepackedA");
  if (winograd)
    weightsArg = "WinogradF43<" + w.inType(1) + ", " + std::to_string(winograd.getInt()) + ">{" +
                 weightsArg + "}";
  w.os << "  " << w.kernelCall("conv") << w.in(0) << ", " << weightsArg << ", " << optionalIn(w, 2, w.inType(0)) << ", "
       << w.out(0) << ", /*batch*/ " << w.dim(w.inDims(0)[0]) << ", /*channels*/ " << x[1] << ", /*filters*/ "
       << weights[0] << ", /*group*/ " << conv.getGroup() << ", " << w.windowArg() << ", " << epilogueArg(w)
       << addendArg(w, 3) << ");\n";
  return success();
}

LogicalResult emitMaxPool(NodeWriter &w) {
  auto pool = llvm::cast<MaxPoolOp>(w.op);
  if (failed(requireType(w, 1, /*floatOnly=*/false)))
    return failure();
  WindowAttrs attrs = windowAttrs(pool);
  attrs.kernel = *toInts(pool.getKernelShape());
  attrs.dilations = toInts(pool.getDilations());
  attrs.ceilMode = pool.getCeilMode() != 0;
  if (failed(writeWindow(w, attrs)))
    return failure();
  if (w.op->getNumResults() == 1) {
    w.os << "  " << w.kernelCall("max_pool") << w.in(0) << ", " << w.out(0) << ", " << planes(w) << ", "
         << w.windowArg() << ");\n";
    return success();
  }
  if (w.outType(1) != "int64_t")
    return w.fail("Indices must be int64");
  w.os << "  max_pool_indices(" << w.in(0) << ", " << w.out(0) << ", " << w.out(1) << ", "
       << planes(w) << ", win, /*column_major*/ " << (pool.getStorageOrder() ? "true" : "false")
       << ");\n";
  return success();
}

LogicalResult emitAveragePool(NodeWriter &w) {
  auto pool = llvm::cast<AveragePoolOp>(w.op);
  if (failed(requireType(w, 1, /*floatOnly=*/true)))
    return failure();
  WindowAttrs attrs = windowAttrs(pool); // AveragePool has no dilations at opset 17
  attrs.kernel = *toInts(pool.getKernelShape());
  attrs.ceilMode = pool.getCeilMode() != 0;
  if (failed(writeWindow(w, attrs)))
    return failure();
  w.os << "  " << w.kernelCall("average_pool") << w.in(0) << ", " << w.out(0) << ", " << planes(w)
       << ", " << w.windowArg() << ", /*count_include_pad*/ " << (pool.getCountIncludePad() ? "true" : "false")
       << ");\n";
  return success();
}

LogicalResult emitGlobalAveragePool(NodeWriter &w) {
  if (failed(requireType(w, 1, /*floatOnly=*/true)))
    return failure();
  w.os << "  global_average_pool(" << w.in(0) << ", " << w.out(0) << ", " << planes(w) << ", "
       << planeSize(w) << ");\n";
  return success();
}

//===----------------------------------------------------------------------===//
// Matrix products: Gemm, MatMul
//===----------------------------------------------------------------------===//

LogicalResult emitGemm(NodeWriter &w) {
  auto gemm = llvm::cast<GemmOp>(w.op);
  if (failed(requireType(w, 4, /*floatOnly=*/false)))
    return failure();
  std::string type = w.outType(0);
  double alpha = toDouble(gemm.getAlpha()), beta = toDouble(gemm.getBeta());
  if (!isFloatType(type) && (alpha != std::trunc(alpha) || beta != std::trunc(beta)))
    return w.fail("alpha and beta must be integral for integer tensors");

  int64_t m = w.outShape(0)[0], n = w.outShape(0)[1];
  ArrayRef<int64_t> a = w.inShape(0), b = w.inShape(1);
  int64_t k = gemm.getTransA() ? a[0] : a[1];
  // Row-major [rows, cols] operands; transposing swaps the strides. Only M
  // may be symbolic (SymbolicDims), which is no operand's row length.
  auto strides = [](ArrayRef<int64_t> shape, bool transposed) {
    return transposed ? shapeLiteral({1, shape[1]}) : shapeLiteral({shape[1], 1});
  };
  std::string rowsM = w.dim(w.outDims(0)[0]);
  // C broadcasts unidirectionally to [M, N]: right-aligned, size-1 axes repeat.
  std::string cStrides = "{0, 0}";
  if (w.has(2)) {
    ArrayRef<int64_t> c = w.inShape(2);
    if (c.size() > 2)
      return w.fail("C must have rank <= 2");
    int64_t rows = c.size() == 2 ? c[0] : 1, cols = c.empty() ? 1 : c.back();
    if ((rows != 1 && rows != m) || (cols != 1 && cols != n))
      return w.fail("C does not broadcast to [M, N]");
    cStrides = shapeLiteral({rows == 1 ? 0 : cols, cols == 1 ? 0 : 1});
  }
  w.os << "  // Y[" << m << ", " << n << "] = alpha * A * B + beta * C, K = " << k << "\n"
       << "  " << w.kernelCall("gemm") << w.in(0) << ", MatrixStrides" << strides(a, gemm.getTransA()) << ", "
       << prepackedArg(w, 1, kPrepackedColumnsAttr, "PrepackedB") << ", MatrixStrides"
       << strides(b, gemm.getTransB()) << ", "
       << optionalIn(w, 2, type) << ", MatrixStrides" << cStrides << ", " << w.out(0) << ", "
       << rowsM << ", " << n << ", " << k << ", " << literal(alpha, type) << ", " << literal(beta, type)
       << ", " << epilogueArg(w) << addendArg(w, 3) << ");\n";
  return success();
}


LogicalResult emitMatMul(NodeWriter &w) {
  if (failed(requireType(w, 3, /*floatOnly=*/false)))
    return failure();
  // numpy.matmul: a 1-d A is a row [1, K], a 1-d B a column [K, 1]; the unit
  // axis is absent from Y but does not change its layout.
  // Dims may be symbolic (SymbolicDims): the batch shape is the result's.
  llvm::SmallVector<AffineExpr> a(w.inDims(0)), b(w.inDims(1)), y(w.outDims(0));
  AffineExpr one = getAffineConstantExpr(1, w.op->getContext());
  if (a.size() == 1)
    a.insert(a.begin(), one);
  if (b.size() == 1)
    b.push_back(one);
  AffineExpr m = a[a.size() - 2], k = a.back(), n = b.back();
  ArrayRef<AffineExpr> batchA = ArrayRef(a).drop_back(2), batchB = ArrayRef(b).drop_back(2);
  llvm::SmallVector<int64_t> staticBatch;
  if (!broadcastShapes(ArrayRef(w.inShape(0)).drop_back(std::min<size_t>(2, w.inShape(0).size())),
                       ArrayRef(w.inShape(1)).drop_back(std::min<size_t>(2, w.inShape(1).size())),
                       staticBatch))
    return w.fail("batch dimensions are not broadcastable");
  llvm::SmallVector<AffineExpr> batch(y.begin(), y.begin() + staticBatch.size());
  llvm::SmallVector<AffineExpr> strideA = broadcastStridesOf(batchA, ArrayRef(batch), m * k),
                                strideB = broadcastStridesOf(batchB, ArrayRef(batch), k * n);
  if (batch.empty()) { // the kernel iterates over at least one axis
    batch = {one};
    strideA = strideB = {one * 0};
  }
  const char *decl = w.shapeArrayDecl();
  w.os << "  " << decl << " int64_t batch[] = " << w.dimsLiteral(batch) << ";\n"
       << "  " << decl << " int64_t stride_a[] = " << w.dimsLiteral(strideA) << ";\n"
       << "  " << decl << " int64_t stride_b[] = " << w.dimsLiteral(strideB) << ";\n"
       << "  " << w.kernelCall("matmul") << w.in(0) << ", "
       << prepackedArg(w, 1, kPrepackedColumnsAttr, "PrepackedB") << ", " << w.out(0)
       << ", batch, stride_a, stride_b, /*M*/ " << w.dim(m) << ", /*N*/ " << w.dim(n)
       << ", /*K*/ " << w.dim(k) << ", " << epilogueArg(w) << ", /*bias*/ "
       << optionalIn(w, 2, w.outType(0)) << ");\n";
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

LogicalResult emitBatchNormalization(NodeWriter &w) {
  auto bn = llvm::cast<BatchNormalizationOp>(w.op);
  if (failed(requireType(w, 1, /*floatOnly=*/true)))
    return failure();
  for (unsigned i = 1; i < 5; ++i)
    if (!isFloatType(w.inType(i)))
      return w.fail("scale, B, mean and var must be float or double");
  ArrayRef<int64_t> x = w.inShape(0);
  if (x.size() < 2)
    return w.fail("X must have rank >= 2");
  for (unsigned i = 1; i < 5; ++i)
    if (w.inShape(i) != ArrayRef<int64_t>(x[1]))
      return w.fail("scale, B, mean and var must have shape [C]");
  if (bn.getTrainingMode()) {
    if (w.isSymbolic())
      return w.fail("training_mode=1 with symbolic dims is not supported");
    w.os << "  batch_norm_training(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", "
         << w.in(3) << ", " << w.in(4) << ", " << w.out(0) << ", "
         << (w.op->getNumResults() > 1 ? w.out(1) : "nullptr") << ", "
         << (w.op->getNumResults() > 2 ? w.out(2) : "nullptr") << ", /*batch*/ " << x[0]
         << ", /*channels*/ " << x[1] << ", /*plane*/ " << planeSize(w) << ", /*epsilon*/ "
         << literal(toDouble(bn.getEpsilon()), "double") << ", /*momentum*/ "
         << literal(toDouble(bn.getMomentum()), "double") << ");\n";
    return success();
  }
  w.os << "  batch_norm(" << w.in(0) << ", " << w.in(1) << ", " << w.in(2) << ", " << w.in(3)
       << ", " << w.in(4) << ", " << w.out(0) << ", /*batch*/ " << w.dim(w.inDims(0)[0])
       << ", /*channels*/ " << x[1]
       << ", /*plane*/ " << planeSize(w) << ", /*epsilon*/ "
       << literal(toDouble(bn.getEpsilon()), "double") << ");\n";
  return success();
}

} // namespace

void registerNnEmitters(EmitterRegistry &r) {
  r.add("onnx.Conv", emitConv);
  r.add("onnx.Gemm", emitGemm);
  r.add("onnx.MatMul", emitMatMul);
  r.add("onnx.BatchNormalization", emitBatchNormalization);
  r.add("onnx.MaxPool", emitMaxPool);
  r.add("onnx.AveragePool", emitAveragePool);
  r.add("onnx.GlobalAveragePool", emitGlobalAveragePool);
  r.allowSymbolic({"onnx.Conv", "onnx.Gemm", "onnx.MatMul", "onnx.BatchNormalization",
                   "onnx.MaxPool", "onnx.AveragePool", "onnx.GlobalAveragePool"});
}

} // namespace onnxc::cpp
