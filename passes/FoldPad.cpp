//===- FoldPad.cpp - an explicit Pad into the window op reading it --------===//
//
// Window ops pad implicitly, so a Pad in front of one is a copy that the
// op's `pads` attribute can do without. Pad(X) with mode "constant",
// constant non-negative pads on the spatial axes only (none on N and C)
// folds into a float window op reading it as X when the padded values
// behave as the op's implicit padding:
//   Conv          the value is 0 (implicit pads are zeros);
//   MaxPool       the value is -inf (implicit pads never win), and the op
//                 has no Indices result (they would index the padded X);
//   AveragePool   the value is 0 and the op counts its padding in the
//                 divisor (count_include_pad = 1), or has no pads of its
//                 own and so can be made to: the explicit zeros counted.
// The op's own pads (auto_pad NOTSET or VALID) add to the Pad's. Pools with
// ceil_mode are left alone: a last window may start in explicit padding but
// not in implicit end padding, so folding could drop an output. The Pad
// stays for its other users, if any.
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include <cmath>

namespace onnxc {
#define GEN_PASS_DEF_FOLDPAD
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// The padding `pad` adds to float data, when a window op could do it.
struct SpatialPad {
  llvm::SmallVector<int64_t> pads; ///< the spatial axes', begins then ends (ONNX order)
  double value;
};

std::optional<SpatialPad> spatialPad(PadOp pad) {
  auto type = llvm::dyn_cast<RankedTensorType>(pad.getData().getType());
  auto pads = getConstantInts(pad.getPads());
  if (pad.getMode() != "constant" || !type || type.getRank() < 3 ||
      !llvm::isa<FloatType>(type.getElementType()) || !pads ||
      int64_t(pads->size()) != 2 * type.getRank())
    return std::nullopt;
  int64_t rank = type.getRank();
  if (llvm::any_of(*pads, [](int64_t p) { return p < 0; }) || (*pads)[0] || (*pads)[1] ||
      (*pads)[rank] || (*pads)[rank + 1])
    return std::nullopt;
  SpatialPad s;
  s.pads.append(pads->begin() + 2, pads->begin() + rank);
  s.pads.append(pads->begin() + rank + 2, pads->end());
  if (llvm::isa<NoneType>(pad.getConstantValue().getType()))
    s.value = 0.0;
  else if (auto value = scalarConstant(pad.getConstantValue()))
    s.value = *value;
  else
    return std::nullopt;
  return s;
}

/// The op's own explicit pads (zeros for VALID or none); nullopt for SAME_*.
template <typename OpT> std::optional<llvm::SmallVector<int64_t>> ownPads(OpT op, size_t n) {
  if (op.getAutoPad() == "VALID")
    return llvm::SmallVector<int64_t>(n, 0);
  if (op.getAutoPad() != "NOTSET")
    return std::nullopt;
  auto pads = toInts(op.getPads());
  if (!pads)
    return llvm::SmallVector<int64_t>(n, 0);
  if (pads->size() != n)
    return std::nullopt;
  return pads;
}

/// Makes `op` read the Pad's input with its pads added to `own`.
template <typename OpT>
void fold(OpT op, PadOp pad, const SpatialPad &s, llvm::SmallVector<int64_t> own) {
  for (size_t i = 0; i < own.size(); ++i)
    own[i] += s.pads[i];
  Builder b(op);
  op.setPadsAttr(b.getI64ArrayAttr(own));
  op.setAutoPad("NOTSET");
  op->setOperand(0, pad.getData());
  recordFusion(op, pad);
}

/// Folds `pad` into `user` when `user` reads it as X and pads the same way.
void foldInto(Operation *user, PadOp pad, const SpatialPad &s) {
  size_t n = s.pads.size();
  if (auto conv = llvm::dyn_cast<ConvOp>(user)) {
    if (auto own = ownPads(conv, n); own && s.value == 0.0 && conv.getX() == pad.getOutput())
      fold(conv, pad, s, *own);
  } else if (auto pool = llvm::dyn_cast<MaxPoolOp>(user)) {
    if (auto own = ownPads(pool, n); own && std::isinf(s.value) && s.value < 0 &&
                                     pool->getNumResults() == 1 && !pool.getCeilMode())
      fold(pool, pad, s, *own);
  } else if (auto pool = llvm::dyn_cast<AveragePoolOp>(user)) {
    auto own = ownPads(pool, n);
    if (!own || s.value != 0.0 || pool.getCeilMode())
      return;
    bool counted = pool.getCountIncludePad() == 1;
    if (!counted && llvm::any_of(*own, [](int64_t p) { return p != 0; }))
      return; // its own padding must stay out of the divisor, the Pad's zeros in
    pool.setCountIncludePad(1);
    fold(pool, pad, s, *own);
  }
}

struct FoldPad : onnxc::impl::FoldPadBase<FoldPad> {
  void runOnOperation() override {
    llvm::SmallVector<PadOp> pads;
    getOperation().walk([&](PadOp pad) { pads.push_back(pad); });
    for (PadOp pad : pads) {
      auto s = spatialPad(pad);
      if (!s)
        continue;
      llvm::SmallVector<Operation *> users(pad->getUsers());
      for (Operation *user : users)
        foldInto(user, pad, *s);
      if (pad->use_empty())
        pad.erase();
    }
  }
};

} // namespace
