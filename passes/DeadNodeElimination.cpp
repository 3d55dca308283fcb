//===- DeadNodeElimination.cpp - erase unused ops -------------------------===//
#include "passes/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace onnxc {
#define GEN_PASS_DEF_DEADNODEELIMINATION
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;

namespace {

struct DeadNodeElimination : onnxc::impl::DeadNodeEliminationBase<DeadNodeElimination> {
  void runOnOperation() override {
    // Reverse order: erasing a user can make its producers dead too.
    Block &body = getOperation().getBody().front();
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (op.use_empty() && isMemoryEffectFree(&op) && !op.hasTrait<OpTrait::IsTerminator>())
        op.erase();
  }
};

} // namespace
