//===- CancelTransposeReshape.cpp - merge and drop layout-only ops --------===//
//
// Reshape, Flatten, Squeeze and Unsqueeze only relabel a row-major buffer,
// and a Transpose that moves nothing but size-1 axes does too. On static
// shapes:
//   - such an op whose result type is its input's is its input;
//   - one of them applied to another's result is one Reshape of the first
//     one's input (to the outer op's shape);
//   - Transpose(Transpose(x, p), q) is Transpose(x, r) with r[i] = p[q[i]],
//     or x when r is the identity;
//   - a Transpose whose non-unit axes keep their order is a Reshape.
// The inner op stays for its other users (dead-node elimination removes it
// otherwise). Models with --max-dim symbols are left alone: their static
// shapes are maxima, and a Reshape to a constant shape would fix them.
//
//===----------------------------------------------------------------------===//
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"
#include "compiler/dialect/SymbolicDims.h"

namespace onnxc {
#define GEN_PASS_DEF_CANCELTRANSPOSERESHAPE
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// `v`'s type when it is static and has no empty dim (a Reshape to a 0
/// dim would mean "copy the input's").
RankedTensorType staticType(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  if (!t || !t.hasStaticShape() || llvm::is_contained(t.getShape(), 0))
    return {};
  return t;
}

bool isRelabel(Operation *op) {
  return op && llvm::isa<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(op) &&
         staticType(op->getOperand(0)) && staticType(op->getResult(0));
}

bool isStaticTranspose(Operation *op) {
  return llvm::isa_and_nonnull<TransposeOp>(op) && staticType(op->getOperand(0)) &&
         staticType(op->getResult(0));
}

/// Records on `into` that it now stands for `fused` and what was fused into it.
void absorb(Operation *into, Operation *fused) {
  llvm::SmallVector<Attribute> record;
  for (Operation *op : {into, fused})
    if (auto old = op->getAttrOfType<ArrayAttr>(kFusedAttr))
      record.append(old.begin(), old.end());
  into->setAttr(kFusedAttr, ArrayAttr::get(into->getContext(), record));
  recordFusion(into, fused);
}

/// Erases the ops of a chain (first op first) left without users, last first.
void eraseUnused(llvm::ArrayRef<Operation *> chain) {
  for (Operation *op : llvm::reverse(chain))
    if (op->use_empty())
      op->erase();
}

/// Replaces `op` by `x` when the types agree, else by a Reshape of `x` to
/// `op`'s result type that records the `absorbed` ops; erases `op` and the
/// absorbed ops left without users.
void replaceByReshape(Operation *op, Value x, llvm::SmallVector<Operation *> absorbed) {
  Value result = op->getResult(0);
  if (!llvm::is_contained(absorbed, op))
    absorbed.push_back(op);
  if (x.getType() == result.getType()) {
    result.replaceAllUsesWith(x);
    eraseUnused(absorbed);
    return;
  }
  OpBuilder b(op);
  auto type = llvm::cast<RankedTensorType>(result.getType());
  auto shapeType = RankedTensorType::get({type.getRank()}, b.getI64Type());
  Value shape = b.create<ConstantOp>(op->getLoc(), shapeType,
                                     DenseIntElementsAttr::get(shapeType, type.getShape()));
  auto reshape = b.create<ReshapeOp>(op->getLoc(), TypeRange{type}, ValueRange{x, shape});
  for (Operation *a : absorbed)
    if (a != op || !llvm::isa<ReshapeOp>(op)) // a Reshape stays what it was
      absorb(reshape, a);
  result.replaceAllUsesWith(reshape.getResult());
  eraseUnused(absorbed);
}

/// The last relabel of a chain becomes one Reshape of the chain's input.
void simplifyRelabel(Operation *op) {
  if (op->hasOneUse() && isRelabel(*op->user_begin()))
    return; // its user takes it in
  llvm::SmallVector<Operation *> chain;
  Value root = op->getOperand(0);
  for (Operation *inner = root.getDefiningOp(); isRelabel(inner); inner = root.getDefiningOp()) {
    chain.insert(chain.begin(), inner);
    root = inner->getOperand(0);
  }
  if (chain.empty() && root.getType() != op->getResult(0).getType())
    return;
  replaceByReshape(op, root, chain);
}

llvm::SmallVector<int64_t> permOf(TransposeOp op) {
  if (auto perm = toInts(op.getPerm()))
    return *perm;
  int64_t rank = llvm::cast<RankedTensorType>(op.getData().getType()).getRank();
  llvm::SmallVector<int64_t> reversed;
  for (int64_t i = rank - 1; i >= 0; --i)
    reversed.push_back(i);
  return reversed;
}

/// The last Transpose of a chain becomes one Transpose of the chain's input
/// by the composed permutation, or a Reshape when that moves only size-1 axes.
void simplifyTranspose(TransposeOp op) {
  if (op->hasOneUse() && isStaticTranspose(*op->user_begin()))
    return; // its user takes it in
  llvm::SmallVector<int64_t> perm = permOf(op);
  llvm::SmallVector<Operation *> chain;
  Value root = op.getData();
  for (Operation *inner = root.getDefiningOp(); isStaticTranspose(inner);
       inner = root.getDefiningOp()) {
    llvm::SmallVector<int64_t> p = permOf(llvm::cast<TransposeOp>(inner)), composed;
    for (int64_t axis : perm)
      composed.push_back(p[axis]);
    perm = composed;
    chain.insert(chain.begin(), inner);
    root = inner->getOperand(0);
  }
  // The axes of size > 1 in their output order: in input order, nothing moves.
  ArrayRef<int64_t> in = llvm::cast<RankedTensorType>(root.getType()).getShape();
  llvm::SmallVector<int64_t> moved;
  for (int64_t axis : perm)
    if (in[axis] != 1)
      moved.push_back(axis);
  if (llvm::is_sorted(moved))
    return replaceByReshape(op, root, chain);
  if (chain.empty())
    return;
  OpBuilder b(op);
  auto merged = b.create<TransposeOp>(op.getLoc(), TypeRange{op.getType()}, ValueRange{root},
                                      b.getNamedAttr("perm", b.getI64ArrayAttr(perm)));
  for (Operation *a : chain)
    absorb(merged, a);
  op.getResult().replaceAllUsesWith(merged.getResult());
  chain.push_back(op);
  eraseUnused(chain);
}

struct CancelTransposeReshape
    : onnxc::impl::CancelTransposeReshapeBase<CancelTransposeReshape> {
  void runOnOperation() override {
    auto module = getOperation()->getParentOfType<ModuleOp>();
    if (module && !getDimSymbols(module).empty())
      return;
    llvm::SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isStaticTranspose(op) || isRelabel(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (op->use_empty())
        continue; // dead already: left to dead-node elimination
      if (auto transpose = llvm::dyn_cast<TransposeOp>(op))
        simplifyTranspose(transpose);
      else
        simplifyRelabel(op);
    }
  }
};

} // namespace
