//===- PrepackWeights.cpp - constant Conv weights in the GEMM's sliver layout ===//
//
// A Conv runs as one GEMM per group with its weights as the `a` operand
// (kernels/conv.h). On targets whose GEMM packs `a` into slivers of
// micro-tile rows at run time (kernels/gemm_blocked.h), constant weights are
// stored in that layout here instead, once, at compile time (as XNNPACK and
// oneDNN pre-pack their filters), so the kernel reads them as they are.
//
// The layout, per group: rows in the micro-kernel's row groups (sliverRows at
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

namespace {

/// Packs `conv`'s weights when it qualifies; false (IR unchanged) otherwise.
bool prepack(ConvOp conv, int64_t sliverRows) {
  Value w = conv.getW();
  auto cst = w.getDefiningOp<ConstantOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(w.getType());
  // Another user would read the reordered elements as plain ones.
  if (!cst || !w.hasOneUse() || !type || !type.hasStaticShape() || type.getRank() < 3 ||
      !type.getElementType().isF32() || conv->hasAttr(kPrepackedRowsAttr) ||
      conv->hasAttr(kWinogradRowsAttr))
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
  OpBuilder builder(cst);
  conv->setOperand(1, makeConstant(builder, cst.getLoc(), type, packed));
  cst.erase();
  conv->setAttr(kPrepackedRowsAttr, builder.getI64IntegerAttr(sliverRows));
  return true;
}

struct PrepackWeights : onnxc::impl::PrepackWeightsBase<PrepackWeights> {
  using PrepackWeightsBase::PrepackWeightsBase;
  void runOnOperation() override {
    if (sliverRows <= 0)
      return;
    getOperation().walk([&](ConvOp conv) { prepack(conv, sliverRows); });
  }
};

} // namespace
