//===- ControlFlow.cpp - onnx.If and onnx.Yield ----------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace onnxc {

static YieldOp yieldOf(Region &region) {
  return llvm::cast<YieldOp>(region.front().getTerminator());
}

LogicalResult IfOp::verify() {
  auto cond = llvm::cast<ShapedType>(getCond().getType());
  if (!cond.getElementType().isInteger(1))
    return emitOpError("cond must be a bool tensor");
  if (cond.hasStaticShape() && cond.getNumElements() != 1)
    return emitOpError("cond must have exactly one element");
  for (Region *r : {&getThenBranch(), &getElseBranch()}) {
    if (r->empty() || !llvm::isa<YieldOp>(r->front().getTerminator()))
      return emitOpError("each branch must end in onnx.Yield");
    YieldOp yield = yieldOf(*r);
    if (yield.getNumOperands() != getNumResults())
      return emitOpError("a branch yields ")
             << yield.getNumOperands() << " values, the op has " << getNumResults()
             << " results";
    for (auto [v, result] : llvm::zip(yield.getOperands(), getResults()))
      if (llvm::cast<ShapedType>(v.getType()).getElementType() !=
          llvm::cast<ShapedType>(result.getType()).getElementType())
        return emitOpError("a branch yields ") << v.getType() << " for a result of type "
                                               << result.getType();
  }
  return success();
}

LogicalResult IfOp::inferShapes(SmallVectorImpl<Type> &results) {
  for (auto [thenV, elseV] :
       llvm::zip(yieldOf(getThenBranch()).getOperands(), yieldOf(getElseBranch()).getOperands())) {
    auto thenShape = getStaticShape(thenV), elseShape = getStaticShape(elseV);
    if (!thenShape || !elseShape)
      return emitOpError("the branches' outputs need static shapes");
    if (*thenShape != *elseShape)
      return emitOpError("the branches yield different shapes (")
             << thenV.getType() << " and " << elseV.getType()
             << "): onnxc needs one static shape per result";
    results.push_back(thenV.getType());
  }
  return success();
}

LogicalResult YieldOp::inferShapes(SmallVectorImpl<Type> &) { return success(); }

namespace {

/// An If whose condition is a constant runs its branch inline.
struct InlineConstantIf : OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IfOp op, PatternRewriter &rewriter) const override {
    auto cst = op.getCond().getDefiningOp<ConstantOp>();
    if (!cst)
      return failure();
    auto value = llvm::dyn_cast<DenseElementsAttr>(cst.getValue());
    if (!value || value.getNumElements() != 1)
      return failure();
    Region &taken = *value.getValues<bool>().begin() ? op.getThenBranch() : op.getElseBranch();
    Block &block = taken.front();
    YieldOp yield = yieldOf(taken);
    llvm::SmallVector<Value> outputs(yield.getOperands());
    rewriter.eraseOp(yield);
    rewriter.inlineBlockBefore(&block, op);
    // A branch may yield a value whose type is less refined than the If's.
    for (unsigned i = 0; i < outputs.size(); ++i)
      if (outputs[i].getType() != op.getResult(i).getType())
        outputs[i] = rewriter.create<IdentityOp>(op.getLoc(), op.getResult(i).getType(), outputs[i]);
    rewriter.replaceOp(op, outputs);
    return success();
  }
};

} // namespace

void IfOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InlineConstantIf>(context);
}

} // namespace onnxc
