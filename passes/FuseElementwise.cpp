//===- FuseElementwise.cpp - elementwise chains into one loop --------------===//
//
// Producer-consumer loop fusion (as XLA's "loop fusion" or IREE's
// elementwise dispatch regions): starting from the last op of a group, a
// float32 elementwise op absorbs each operand's producer that is itself
// such an op of the same result shape and whose result nothing else reads.
// The group becomes one onnx.FusedElementwise (FusedElementwise.h) at the
// place of its last op, so its intermediates never reach memory.
//
//===----------------------------------------------------------------------===//
#include "passes/Activation.h"
#include "passes/Passes.h"

#include "compiler/dialect/FusedElementwise.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/SymbolicDims.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

namespace onnxc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// Ops without attributes whose every operand is data, with the formula
/// codegen writes for them (codegen/cpp/ElementwiseFormulas.cpp).
const llvm::StringSet<> kUnary = {"Neg",   "Abs",   "Sqrt",     "Exp",      "Log",
                                  "Erf",   "Floor", "Ceil",     "Round",    "Reciprocal",
                                  "Sin",   "Cos",   "Softplus", "Softsign"};
const llvm::StringSet<> kBinary = {"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu"};

bool isStaticF32(Type t) {
  auto ranked = llvm::dyn_cast<RankedTensorType>(t);
  return ranked && ranked.hasStaticShape() && ranked.getElementType().isF32();
}

/// `op` as a step (its args left empty) and the operands it reads per
/// element, when it is a float32 elementwise op whose operands broadcast
/// to its result along one run of axes.
std::optional<std::pair<FusedStep, SmallVector<Value, 2>>> asStep(Operation *op) {
  if (op->getNumResults() != 1 || !isStaticF32(op->getResult(0).getType()))
    return std::nullopt;
  llvm::StringRef type = op->getName().stripDialect();
  FusedStep step{type.str(), {}, {}};
  SmallVector<Value, 2> data;
  if (std::optional<Activation> act = matchActivation(op)) {
    step.params.assign(act->params.begin(), act->params.end());
    data.push_back(op->getOperand(0)); // Clip's bounds are constants, now params
  } else if ((kUnary.contains(type) && op->getNumOperands() == 1) ||
             (kBinary.contains(type) && op->getNumOperands() == 2)) {
    data.append(op->getOperands().begin(), op->getOperands().end());
  } else {
    return std::nullopt;
  }
  auto shape = llvm::cast<RankedTensorType>(op->getResult(0).getType()).getShape();
  for (Value v : data)
    if (!isStaticF32(v.getType()) ||
        !broadcastRun(llvm::cast<RankedTensorType>(v.getType()).getShape(), shape))
      return std::nullopt;
  return std::make_pair(std::move(step), std::move(data));
}

struct FuseElementwise : onnxc::impl::FuseElementwiseBase<FuseElementwise> {
  void runOnOperation() override {
    // --max-dim: codegen derives run-time dims op by op (SymbolicDims.h),
    // which the fused op has no rule for.
    auto module = getOperation()->getParentOfType<ModuleOp>();
    if (module && !getDimSymbols(module).empty())
      return;
    Block &body = getOperation().getBody().front();
    llvm::DenseSet<Operation *> taken;
    // Last to first, so each group grows from its last op; fusing erases
    // ops before the root only, and the walk goes on before the new op.
    for (Operation *root = body.empty() ? nullptr : &body.back(); root;) {
      Operation *prev = root->getPrevNode();
      if (!taken.contains(root) && asStep(root)) {
        llvm::SmallVector<Operation *> group = collectGroup(root, taken);
        if (group.size() > 1)
          prev = fuse(group)->getPrevNode();
      }
      root = prev;
    }
  }

  /// `root` and, transitively, every operand producer it may absorb: one
  /// whose every user is already in the group (a value read twice inside
  /// the group, as t in t * Sigmoid(t), joins once both readers have).
  llvm::SmallVector<Operation *> collectGroup(Operation *root, llvm::DenseSet<Operation *> &taken) {
    Type shape = root->getResult(0).getType();
    llvm::SetVector<Operation *> group;
    group.insert(root);
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t i = 0; i < group.size(); ++i)
        for (Value v : asStep(group[i])->second) {
          Operation *producer = v.getDefiningOp();
          // A reader outside the group, or the graph's return, needs the
          // intermediate in memory.
          if (!producer || producer->getBlock() != root->getBlock() || group.contains(producer) ||
              taken.contains(producer) || v.getType() != shape || !asStep(producer) ||
              !llvm::all_of(v.getUsers(), [&](Operation *u) { return group.contains(u); }))
            continue;
          group.insert(producer);
          grew = true;
        }
    }
    taken.insert(group.begin(), group.end());
    return group.takeVector();
  }

  /// Replaces `group` by one FusedElementwiseOp, which it returns.
  Operation *fuse(llvm::SmallVector<Operation *> &group) {
    llvm::sort(group, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    Operation *root = group.back();
    llvm::SetVector<Value> inputs;
    llvm::DenseMap<Operation *, int64_t> stepOf;
    for (Operation *op : group)
      for (Value v : asStep(op)->second)
        if (!llvm::is_contained(group, v.getDefiningOp()))
          inputs.insert(v);
    SmallVector<FusedStep> steps;
    for (Operation *op : group) {
      auto [step, data] = *asStep(op);
      for (Value v : data) {
        Operation *producer = v.getDefiningOp();
        auto at = stepOf.find(producer);
        step.args.push_back(at != stepOf.end()
                                ? int64_t(inputs.size()) + at->second
                                : int64_t(llvm::find(inputs, v) - inputs.begin()));
      }
      stepOf[op] = steps.size();
      steps.push_back(std::move(step));
    }
    OpBuilder b(root);
    auto fused = b.create<FusedElementwiseOp>(root->getLoc(), root->getResult(0).getType(),
                                              inputs.getArrayRef(), steps);
    root->getResult(0).replaceAllUsesWith(fused.getResult());
    for (Operation *op : group)
      recordFusion(fused, op);
    for (Operation *op : llvm::reverse(group))
      op->erase();
    return fused;
  }
};

} // namespace
