//===- SpatialEmitters.cpp - ConvTranspose, MaxUnpool, Pad, Depth/SpaceToDepth ===//
//
// ConvTranspose calls kernels/conv.h with its window resolved here
// (TransposedWindow) as compile-time constants. Pad calls kernels/pad.h; pads
// and the constant given as graph inputs are read at run time and checked
// against the compiled shape. MaxUnpool scatters with kernels/pool.h.
// DepthToSpace and SpaceToDepth are transposes of a 6-d view of the input.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/ActivationWriter.h"
#include "codegen/cpp/emitters/NnChecks.h"
#include "codegen/cpp/emitters/TransposeWriter.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/TransposedWindow.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

LogicalResult emitConvTranspose(NodeWriter &w) {
  auto conv = llvm::cast<ConvTransposeOp>(w.op);
  if (failed(requireType(w, 3, /*floatOnly=*/true)))
    return failure();
  ArrayRef<int64_t> x = w.inShape(0), weights = w.inShape(1);
  ArrayRef<int64_t> in = x.drop_front(2);
  int64_t filters = weights[1] * conv.getGroup();
  TransposedWindow win;
  std::string err = computeTransposedWindow(conv, in, weights.drop_front(2), win);
  if (!err.empty())
    return w.fail(err);
  if (ArrayRef<int64_t>(win.out) != w.outShape(0).drop_front(2) || w.outShape(0)[1] != filters)
    return w.fail("window geometry disagrees with the inferred output shape");
  // pad_end is implied by `out` and unused by the kernel.
  w.os << "  static constexpr Window<" << in.size() << "> win = {\n"
       << "      /*in*/ " << shapeLiteral(in) << ", /*out*/ " << shapeLiteral(win.out)
       << ", /*kernel*/ " << shapeLiteral(win.kernel) << ",\n"
       << "      /*strides*/ " << shapeLiteral(win.strides) << ", /*dilations*/ "
       << shapeLiteral(win.dilations) << ",\n"
       << "      /*pad_begin*/ " << shapeLiteral(win.padBegin) << ", /*pad_end*/ {}};\n"
       << "  conv_transpose(" << w.in(0) << ", " << w.in(1) << ", "
       << optionalIn(w, 2, w.inType(0)) << ", " << w.out(0) << ", /*batch*/ " << x[0]
       << ", /*channels*/ " << x[1] << ", /*filters*/ " << filters << ", /*group*/ "
       << conv.getGroup() << ", win, " << epilogueArg(w) << ");\n";
  return success();
}

LogicalResult emitPad(NodeWriter &w) {
  auto pad = llvm::cast<PadOp>(w.op);
  ArrayRef<int64_t> in = w.inShape(0), out = w.outShape(0);
  if (in.size() != out.size() || in.empty())
    return w.fail("result rank differs from the input rank");
  if (w.inType(0) != w.outType(0))
    return w.fail("result must have the input's element type");
  std::string mode = llvm::StringSwitch<std::string>(pad.getMode())
                         .Case("constant", "PAD_CONSTANT")
                         .Case("reflect", "PAD_REFLECT")
                         .Case("edge", "PAD_EDGE")
                         .Case("wrap", "PAD_WRAP");
  if (mode != "PAD_CONSTANT")
    for (int64_t d : in)
      if (d == 0)
        return w.fail("mode '" + pad.getMode() + "' cannot pad an empty dim");
  w.os << "  static constexpr int64_t in[] = " << shapeLiteral(in) << ";\n"
       << "  static constexpr int64_t out[] = " << shapeLiteral(out) << ";\n";
  std::string value = w.has(2) ? w.in(2) : "static_cast<const " + w.inType(0) + " *>(nullptr)";
  std::string call = "pad(" + w.in(0) + ", " + w.out(0) + ", in, out, ";
  if (auto pads = getConstantInts(pad.getPads())) {
    w.os << "  static constexpr int64_t pads[] = " << shapeLiteral(*pads) << ";\n"
         << "  " << call << "pads, " << value << ", " << mode << ");\n";
    return success();
  }
  w.checksInputs = true;
  w.os << "  if (!" << call << w.in(1) << ", " << value << ", " << mode
       << "))\n    return false;\n";
  return success();
}

/// DepthToSpace and SpaceToDepth: the input seen as 6 dims, permuted.
template <typename OpT> LogicalResult emitBlockRearrange(NodeWriter &w) {
  auto op = llvm::cast<OpT>(w.op);
  ArrayRef<int64_t> x = w.inShape(0);
  if (x.size() != 4 || w.inType(0) != w.outType(0) || w.inElements(0) != w.outElements(0))
    return w.fail("input and result must be rank-4 tensors of the same size and type");
  int64_t n = x[0], c = x[1], h = x[2], wd = x[3], b = op.getBlocksize();
  SmallVector<int64_t> view, perm;
  if constexpr (std::is_same_v<OpT, SpaceToDepthOp>) {
    view = {n, c, h / b, b, wd / b, b};
    perm = {0, 3, 5, 1, 2, 4};
  } else if (op.getMode() == "DCR") {
    view = {n, b, b, c / (b * b), h, wd};
    perm = {0, 3, 4, 1, 5, 2};
  } else {
    view = {n, c / (b * b), b, b, h, wd};
    perm = {0, 1, 4, 2, 5, 3};
  }
  SmallVector<AffineExpr> dims;
  for (int64_t d : view)
    dims.push_back(getAffineConstantExpr(d, w.op->getContext()));
  writeTranspose(w, dims, perm);
  return success();
}

/// MaxUnpool scatters through the indices, which are checked at run time.
/// They are offsets in the shape without output_shape (ONNX's test data):
/// a larger output_shape pads at the end of each spatial axis.
LogicalResult emitMaxUnpool(NodeWriter &w) {
  if (w.inType(0) != w.outType(0))
    return w.fail("output must have X's element type");
  if (w.inType(1) != "int64_t")
    return w.fail("I must be int64");
  ArrayRef<int64_t> x = w.inShape(0), y = w.outShape(0);
  SmallVector<int64_t> from = unpooledShape(w.op, x);
  if (y.size() != from.size() || y[0] != x[0] || y[1] != x[1])
    return w.fail("output_shape must keep X's rank, N and C");
  for (auto [f, t] : llvm::zip_equal(from, y))
    if (t < f)
      return w.fail("output_shape is smaller than the unpooled shape");
  w.checksInputs = true;
  w.os << "  static constexpr int64_t from[] = " << shapeLiteral(ArrayRef(from).drop_front(2))
       << ";\n  static constexpr int64_t to[] = " << shapeLiteral(y.drop_front(2)) << ";\n"
       << "  if (!max_unpool(" << w.in(0) << ", " << w.in(1) << ", " << w.out(0) << ", "
       << w.inElements(0) << ", /*planes*/ " << x[0] * x[1] << ", from, to))\n    return false;\n";
  return success();
}

} // namespace

void registerSpatialEmitters(EmitterRegistry &r) {
  r.add("onnx.ConvTranspose", emitConvTranspose);
  r.add("onnx.MaxUnpool", emitMaxUnpool);
  r.add("onnx.Pad", emitPad);
  r.add("onnx.DepthToSpace", emitBlockRearrange<DepthToSpaceOp>);
  r.add("onnx.SpaceToDepth", emitBlockRearrange<SpaceToDepthOp>);
}

} // namespace onnxc::cpp
