//===- MemoryPlanning.cpp - place intermediate tensors in one arena -------===//
#include "passes/Passes.h"

#include "mlir/IR/Builders.h"

namespace onnxc {
#define GEN_PASS_DEF_MEMORYPLANNING
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;

bool onnxc::writesToGraphOutput(Value v) {
  Operation *def = v.getDefiningOp();
  if (!def || def->hasTrait<OpTrait::ConstantLike>())
    return false;
  unsigned returned = 0;
  for (OpOperand &use : v.getUses())
    returned += llvm::isa<func::ReturnOp>(use.getOwner());
  return returned == 1;
}

namespace {

struct Buffer {
  Value value;
  int64_t bytes, first, last, offset = -1;
};

/// Byte counts saturate at 2^62 so that absurd shapes cannot overflow the
/// planner's arithmetic (the arena limit rejects them).
constexpr int64_t kSaturated = int64_t(1) << 62;

/// Bytes of a tensor, saturated at kSaturated.
int64_t byteSize(Type type) {
  auto t = llvm::cast<RankedTensorType>(type);
  int64_t bytes = std::max(1u, t.getElementType().getIntOrFloatBitWidth() / 8);
  for (int64_t d : t.getShape())
    if (__builtin_mul_overflow(bytes, d, &bytes) || bytes > kSaturated)
      return kSaturated;
  return bytes;
}

struct MemoryPlanning : onnxc::impl::MemoryPlanningBase<MemoryPlanning> {
  using MemoryPlanningBase::MemoryPlanningBase;

  void runOnOperation() override {
    if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
      getOperation().emitError("onnx-memory-planning: alignment must be a power of two, got ")
          << static_cast<int64_t>(alignment);
      return signalPassFailure();
    }
    int64_t arenaBytes = 0;
    getOperation().walk([&](func::FuncOp func) {
      arenaBytes = std::max(arenaBytes, planFunction(func));
    });
    if (arenaBytes > maxArenaBytes) {
      getOperation().emitError("the intermediate tensors need ")
          << arenaBytes << " bytes of arena, more than the limit of "
          << static_cast<int64_t>(maxArenaBytes);
      return signalPassFailure();
    }
    getOperation()->setAttr(onnxc::kArenaBytesAttr,
                            Builder(&getContext()).getI64IntegerAttr(arenaBytes));
  }

  int64_t alignUp(int64_t x) const { return (x + alignment - 1) / alignment * alignment; }

  /// a + b, saturated like byteSize() so that many huge buffers cannot
  /// overflow the offsets (the arena limit then rejects the plan).
  static int64_t addSat(int64_t a, int64_t b) {
    int64_t sum;
    return __builtin_add_overflow(a, b, &sum) || sum > kSaturated ? kSaturated : sum;
  }

  /// Program order over nested regions: an op gets a start position, then
  /// the ops of its regions (If: then branch, else branch) theirs, then the
  /// op an end position. Intermediates of the two branches of an If thus
  /// have disjoint live ranges and share bytes, as only one branch runs.
  static void number(Block &block, int64_t &next,
                     llvm::DenseMap<Operation *, std::pair<int64_t, int64_t>> &span) {
    for (Operation &op : block) {
      int64_t start = next++;
      for (Region &region : op.getRegions())
        for (Block &inner : region)
          number(inner, next, span);
      span[&op] = {start, op.getNumRegions() ? next++ : start};
    }
  }

  /// Plans the buffers of `func` and returns the arena size it needs.
  int64_t planFunction(func::FuncOp func) {
    llvm::DenseMap<Operation *, std::pair<int64_t, int64_t>> span;
    int64_t next = 0;
    number(func.getBody().front(), next, span);

    // A value is live from its op's start to the end of the last op of its
    // own block that uses it, directly or inside that op's regions: a value
    // from outside a region stays live while the region runs.
    std::vector<Buffer> buffers;
    func.walk([&](Operation *op) {
      if (op->hasTrait<OpTrait::ConstantLike>())
        return;
      for (Value v : op->getResults()) {
        if (!llvm::isa<RankedTensorType>(v.getType()) || onnxc::writesToGraphOutput(v))
          continue;
        // The results of an op with regions are live while it runs, used or
        // not: a Loop keeps its carried state in them.
        Buffer b{v, alignUp(byteSize(v.getType())), span[op].first, span[op].second};
        for (Operation *user : v.getUsers())
          b.last = std::max(b.last, span[op->getBlock()->findAncestorOpInBlock(*user)].second);
        buffers.push_back(b);
      }
    });

    // Largest first; each goes into the lowest gap left by the buffers
    // already placed whose live ranges overlap its own.
    std::vector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    std::stable_sort(order.begin(), order.end(),
                     [](Buffer *a, Buffer *b) { return a->bytes > b->bytes; });
    std::vector<Buffer *> placed;
    int64_t arena = 0;
    for (Buffer *b : order) {
      std::vector<Buffer *> live;
      for (Buffer *p : placed)
        if (p->first <= b->last && b->first <= p->last)
          live.push_back(p);
      std::sort(live.begin(), live.end(),
                [](Buffer *x, Buffer *y) { return x->offset < y->offset; });
      int64_t offset = 0;
      for (Buffer *p : live) {
        if (p->offset - offset >= b->bytes)
          break;
        offset = std::max(offset, addSat(p->offset, p->bytes));
      }
      b->offset = offset;
      arena = std::max(arena, addSat(offset, b->bytes));
      placed.push_back(b);
    }

    llvm::DenseMap<Value, int64_t> offsets;
    for (Buffer &b : buffers)
      offsets[b.value] = b.offset;
    Builder builder(&getContext());
    func.walk([&](Operation *op) {
      if (op->hasTrait<OpTrait::ConstantLike>() || op->hasTrait<OpTrait::IsTerminator>())
        return;
      llvm::SmallVector<int64_t> resultOffsets;
      for (Value v : op->getResults())
        resultOffsets.push_back(offsets.count(v) ? offsets.lookup(v) : -1);
      op->setAttr(onnxc::kArenaOffsetAttr, builder.getI64ArrayAttr(resultOffsets));
    });
    return arena;
  }
};

} // namespace
