//===- TransposeRecurrentWeights.cpp - constant R stored as R^T -----------===//
//
// Each step of a recurrent op multiplies the hidden state by R [gates *
// hidden, hidden] (per direction). The C++ kernel (kernels/rnn.h) is fastest
// reading R^T's rows: one broadcast of a hidden value against a contiguous
// row of gates. For a constant R this pass stores each direction's matrix
// transposed, in a new constant of R's own tensor type (so shapes and
// verifiers are unchanged), and marks the op with onnxc.r_transposed;
// without it the kernel transposes at run time, where its stack has room.
// It runs last among the -O2 passes: no later pass reads R's values.
//
//===----------------------------------------------------------------------===//
#include "passes/TransposeRecurrentWeights.h"
#include "passes/ConstantValues.h"

#include "compiler/dialect/OnnxDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;

namespace onnxc {
namespace {

struct TransposeRecurrentWeights
    : PassWrapper<TransposeRecurrentWeights, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TransposeRecurrentWeights)

  StringRef getArgument() const final { return "onnx-transpose-recurrent-weights"; }
  StringRef getDescription() const final {
    return "Store a constant R of LSTM/GRU/RNN as R^T per direction (onnxc.r_transposed)";
  }

  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<LSTMOp, GRUOp, RNNOp>(op) && !op->hasAttr(kRTransposedAttr))
        ops.push_back(op);
    });
    DenseMap<Value, Value> transposed; // R -> its R^T constant, shared by its users
    for (Operation *op : ops) {
      Value r = op->getOperand(2);
      auto type = dyn_cast<RankedTensorType>(r.getType());
      if (!type || !type.hasStaticShape() || type.getRank() != 3)
        continue;
      Value t = transposed.lookup(r);
      if (!t) {
        auto values = constantValues(r);
        if (!values)
          continue;
        const int64_t dirs = type.getDimSize(0), rows = type.getDimSize(1),
                      cols = type.getDimSize(2);
        SmallVector<double> out(values->size());
        for (int64_t d = 0; d < dirs; ++d)
          for (int64_t j = 0; j < rows; ++j)
            for (int64_t k = 0; k < cols; ++k)
              out[(d * cols + k) * rows + j] = (*values)[(d * rows + j) * cols + k];
        OpBuilder builder(r.getDefiningOp());
        builder.setInsertionPointAfter(r.getDefiningOp());
        t = makeConstant(builder, r.getLoc(), type, out);
        transposed[r] = t;
      }
      op->setOperand(2, t);
      op->setAttr(kRTransposedAttr, UnitAttr::get(op->getContext()));
    }
  }
};

} // namespace

std::unique_ptr<Pass> createTransposeRecurrentWeights() {
  return std::make_unique<TransposeRecurrentWeights>();
}

void registerTransposeRecurrentWeights() { PassRegistration<TransposeRecurrentWeights>(); }

} // namespace onnxc
