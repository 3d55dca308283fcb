//===- PrepackWeights.cpp - constant weights in the GEMM's layouts ---------===//
//
// A Conv runs as one GEMM per group with its weights as the `a` operand
// (kernels/conv.h). On targets whose GEMM packs `a` into slivers of
// micro-tile rows at run time (kernels/gemm_blocked.h), constant weights are
// stored in that layout here instead, once, at compile time (as XNNPACK and
// oneDNN pre-pack their filters), so the kernel reads them as they are.
// A Gemm's or MatMul's constant B is likewise stored as the panels of
// micro-tile columns that the GEMM would copy it into per block of rows
// (kernels/prepacked_panels.h).
//
// Where the target's panels are known (x86), a 2-d group-1 Conv whose
// filters fill whole vectors stores W^T as such panels instead: its kernel
// then puts the filters in the vector lanes (kernels/conv_filter_lanes.h),
// which wastes no lanes on small planes.
//
// The sliver layout, per group: rows in the micro-kernel's row groups (sliverRows at
// a time, then 4, then 1: for_each_row_group), each group column-major over
// the whole depth C/group * taps. The group holding row i starts at i * depth,
// which is why nothing else about the kernel (K blocking, row blocks, thread
// splits at multiples of sliverRows) has to be known here.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_PREPACKWEIGHTS
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

void onnxc::packSlivers(llvm::ArrayRef<double> from, int64_t rows, int64_t depth,
                        int64_t sliverRows, llvm::MutableArrayRef<double> to) {
  const int64_t mid = sliverRows > 4 ? 4 : 1; // for_each_row_group's leftover step
  int64_t i = 0;
  auto pack = [&](int64_t height) {
    for (; i + height <= rows; i += height)
      for (int64_t k = 0; k < depth; ++k)
        for (int64_t r = 0; r < height; ++r)
          to[i * depth + k * height + r] = from[(i + r) * depth + k];
  };
  pack(sliverRows);
  pack(mid);
  pack(1);
}

void onnxc::packPanels(llvm::ArrayRef<double> from, int64_t K, int64_t N, int64_t columns,
                       llvm::MutableArrayRef<double> to) {
  const int64_t full = N / columns * columns, tail = N - full;
  for (int64_t j0 = 0; j0 < full; j0 += columns)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t c = 0; c < columns; ++c)
        to[j0 * K + k * columns + c] = from[k * N + j0 + c];
  for (int64_t k = 0; k < K; ++k)
    for (int64_t c = 0; c < tail; ++c)
      to[full * K + k * tail + c] = from[k * N + full + c];
}

namespace {

/// b[K, N] (read as the transpose of a [N, K] matrix when `transposed`)
/// stored as packPanels' panels of `columns`.
llvm::SmallVector<double> panelsOf(llvm::ArrayRef<double> values, int64_t K, int64_t N,
                                   bool transposed, int64_t columns) {
  llvm::SmallVector<double> plain(values.size()), packed(values.size());
  for (int64_t k = 0; k < K; ++k)
    for (int64_t j = 0; j < N; ++j)
      plain[k * N + j] = values[transposed ? j * K + k : k * N + j];
  packPanels(plain, K, N, columns, packed);
  return packed;
}

/// Puts `packed` (cst's type, reordered) in place of op's operand 1, the
/// constant cst that op alone uses, and marks op with `attr` = size.
void replaceWeights(Operation *op, ConstantOp cst, RankedTensorType type,
                    llvm::ArrayRef<double> packed, llvm::StringRef attr, int64_t size) {
  OpBuilder builder(cst);
  op->setOperand(1, makeConstant(builder, cst.getLoc(), type, packed));
  cst.erase();
  op->setAttr(attr, builder.getI64IntegerAttr(size));
}

/// Which Convs put their filters in the lanes, as measured on a Zen 4: 1x1
/// Convs of depth (C * taps) 16 and more, and windows of 9 taps and more.
/// Shallower 1x1 Convs write many outputs per multiply-add, and the
/// transposition of y^T blocks then costs more than the lanes gain. Depth
/// 16-80 took 1.05-1.4x as long until the activation went over y^T in L1
/// and tiles skipped the bands' waste columns; then MobileNetV2 x0.5's 1x1
/// Convs of depth 16-80 took 0.84-0.96x as long (the model 1.69 -> 1.65 ms),
/// ResNet-18's 1x1/2 downsamples moved too (2.85 -> 2.77 ms). The
/// openWakeWord embedding's 1x3 and 3x1 Convs (48 and 96 filters on 36x16
/// down to 8x2 planes) took 1.1-2.4x as long; 3x3 and 7x7 ones gained
/// (ResNet-18's 0.8-0.9x, MobileNetV2's 3x3/2 stem too).
constexpr int64_t kLanesPointwiseDepth = 16, kLanesLeastTaps = 9;

/// Stores a 2-d group-1 Conv's weights W[filters, depth] as W^T[depth,
/// filters] in panels of `columns` (kernels/conv_filter_lanes.h) when its
/// filters fill whole vectors of either x86 width (16 and 8 floats) and its
/// window is one that gains (above); false (IR unchanged) otherwise.
bool prepackTransposed(ConvOp conv, int64_t columns) {
  Value w = conv.getW();
  auto cst = w.getDefiningOp<ConstantOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(w.getType());
  if (columns <= 0 || !cst || !w.hasOneUse() || !type || !type.hasStaticShape() ||
      type.getRank() != 4 || !type.getElementType().isF32() || conv.getGroup() != 1 ||
      type.getDimSize(0) % 16 != 0 || conv->hasAttr(kWinogradRowsAttr) ||
      conv->hasAttr(kPrepackedColumnsAttr))
    return false;
  const int64_t filters = type.getDimSize(0), depth = type.getNumElements() / filters;
  const int64_t taps = type.getDimSize(2) * type.getDimSize(3);
  if (taps == 1 ? depth < kLanesPointwiseDepth : taps < kLanesLeastTaps)
    return false;
  auto values = constantValues(w);
  if (!values)
    return false;
  // W[filters, depth] is W^T's transpose.
  replaceWeights(conv, cst, type, panelsOf(*values, depth, filters, true, columns),
                 kPrepackedColumnsAttr, columns);
  return true;
}

/// Packs `conv`'s weights when it qualifies; false (IR unchanged) otherwise.
bool prepack(ConvOp conv, int64_t sliverRows) {
  Value w = conv.getW();
  auto cst = w.getDefiningOp<ConstantOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(w.getType());
  // Another user would read the reordered elements as plain ones.
  if (!cst || !w.hasOneUse() || !type || !type.hasStaticShape() || type.getRank() < 3 ||
      !type.getElementType().isF32() || conv->hasAttr(kPrepackedRowsAttr) ||
      conv->hasAttr(kWinogradRowsAttr) || conv->hasAttr(kPrepackedColumnsAttr))
    return false;
  const int64_t filters = type.getDimSize(0), group = conv.getGroup();
  const int64_t depth = type.getNumElements() / filters;
  // One input channel per group: conv.h's depthwise path may read W in place.
  if (group < 1 || filters % group != 0 || type.getDimSize(1) < 2)
    return false;
  auto values = constantValues(w);
  if (!values)
    return false;
  const int64_t groupFilters = filters / group, groupSize = groupFilters * depth;
  llvm::SmallVector<double> packed(values->size());
  for (int64_t g = 0; g < group; ++g)
    packSlivers(llvm::ArrayRef(*values).slice(g * groupSize, groupSize), groupFilters, depth,
              sliverRows, llvm::MutableArrayRef(packed).slice(g * groupSize, groupSize));
  replaceWeights(conv, cst, type, packed, kPrepackedRowsAttr, sliverRows);
  return true;
}

/// Packs the constant B of `op` (a Gemm or MatMul with A's static rows `rows`
/// and B transposed when `transB`) as panels of `columns` when it qualifies.
void prepackB(Operation *op, int64_t rows, bool transB, int64_t sliverRows, int64_t columns) {
  Value b = op->getOperand(1);
  auto cst = b.getDefiningOp<ConstantOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(b.getType());
  // Fewer rows than a micro-tile take the kernel's dot-product path (gemm.h).
  if (!cst || !b.hasOneUse() || !type || !type.hasStaticShape() || type.getRank() != 2 ||
      !type.getElementType().isF32() || rows < sliverRows || op->hasAttr(kPrepackedColumnsAttr))
    return;
  auto values = constantValues(b);
  if (!values)
    return;
  const int64_t K = type.getDimSize(transB ? 1 : 0), N = type.getDimSize(transB ? 0 : 1);
  replaceWeights(op, cst, type, panelsOf(*values, K, N, transB, columns), kPrepackedColumnsAttr,
                 columns);
}

/// A's static row count as the product sees it (-1 when not static).
int64_t staticRows(Value a, bool transposed) {
  auto type = llvm::dyn_cast<RankedTensorType>(a.getType());
  if (!type || !type.hasStaticShape() || type.getRank() < 2)
    return -1;
  return type.getDimSize(type.getRank() - (transposed ? 1 : 2));
}

struct PrepackWeights : onnxc::impl::PrepackWeightsBase<PrepackWeights> {
  using PrepackWeightsBase::PrepackWeightsBase;
  void runOnOperation() override {
    if (sliverRows > 0)
      getOperation().walk([&](ConvOp conv) {
        if (!prepackTransposed(conv, panelColumns))
          prepack(conv, sliverRows);
      });
    if (panelColumns <= 0)
      return;
    getOperation().walk([&](GemmOp gemm) {
      prepackB(gemm, staticRows(gemm.getA(), gemm.getTransA() != 0), gemm.getTransB() != 0,
               sliverRows, panelColumns);
    });
    getOperation().walk([&](MatMulOp matmul) {
      prepackB(matmul, staticRows(matmul.getA(), false), false, sliverRows, panelColumns);
    });
  }
};

} // namespace
