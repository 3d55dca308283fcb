//===- TransposeRecurrentWeights.cpp - constant W, R stored transposed ----===//
//
// Each step of a recurrent op multiplies the hidden state by R [gates *
// hidden, hidden] (per direction). The C++ kernel (kernels/rnn.h) is fastest
// reading R^T's rows: one broadcast of a hidden value against a contiguous
// row of gates; likewise its GEMM of the inputs by W^T reads W^T's rows in
// place instead of gathering W's columns. For a constant W or R this pass
// stores each direction's matrix transposed, in a new constant of the
// operand's own tensor type (so shapes and verifiers are unchanged), and
// marks the op with onnxc.w_transposed or onnxc.r_transposed; without it
// the kernel transposes R at run time, where its stack has room. It runs
// last among the -O2 passes: no later pass reads W's or R's values.
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
    return "Store a constant W or R of LSTM/GRU/RNN transposed per direction "
           "(onnxc.w_transposed, onnxc.r_transposed)";
  }

  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<LSTMOp, GRUOp, RNNOp>(op))
        ops.push_back(op);
    });
    DenseMap<Value, Value> transposed; // W or R -> its transpose, shared by its users
    for (Operation *op : ops)
      for (auto [operand, attr] : {std::pair{1u, kWTransposedAttr}, {2u, kRTransposedAttr}})
        if (!op->hasAttr(attr))
          transpose(op, operand, attr, transposed);
  }

  /// Replaces a constant operand [dirs, rows, cols] by its per-direction
  /// transpose and marks `op` with `attr`.
  void transpose(Operation *op, unsigned operand, StringRef attr,
                 DenseMap<Value, Value> &transposed) {
    Value v = op->getOperand(operand);
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape() || type.getRank() != 3)
      return;
    Value t = transposed.lookup(v);
    if (!t) {
      auto values = constantValues(v);
      if (!values)
        return;
      const int64_t dirs = type.getDimSize(0), rows = type.getDimSize(1),
                    cols = type.getDimSize(2);
      SmallVector<double> out(values->size());
      for (int64_t d = 0; d < dirs; ++d)
        for (int64_t j = 0; j < rows; ++j)
          for (int64_t k = 0; k < cols; ++k)
            out[(d * cols + k) * rows + j] = (*values)[(d * rows + j) * cols + k];
      OpBuilder builder(v.getDefiningOp());
      builder.setInsertionPointAfter(v.getDefiningOp());
      t = makeConstant(builder, v.getLoc(), type, out);
      transposed[v] = t;
    }
    op->setOperand(operand, t);
    op->setAttr(attr, UnitAttr::get(op->getContext()));
  }
};

} // namespace

std::unique_ptr<Pass> createTransposeRecurrentWeights() {
  return std::make_unique<TransposeRecurrentWeights>();
}

void registerTransposeRecurrentWeights() { PassRegistration<TransposeRecurrentWeights>(); }

} // namespace onnxc
