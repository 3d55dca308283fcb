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

/// The branch a constant condition selects, or null.
static Region *takenBranch(IfOp op) {
  auto cst = op.getCond().getDefiningOp<ConstantOp>();
  auto value = cst ? llvm::dyn_cast<DenseElementsAttr>(cst.getValue()) : nullptr;
  if (!value || value.getNumElements() != 1)
    return nullptr;
  return *value.getValues<bool>().begin() ? &op.getThenBranch() : &op.getElseBranch();
}

LogicalResult IfOp::inferShapes(SmallVectorImpl<Type> &results) {
  // A condition computed from static shapes (silero VAD's rank checks) is a
  // constant by now: the result types are the taken branch's, whatever the
  // other branch yields (canonicalization then inlines the taken branch).
  if (Region *taken = takenBranch(*this)) {
    for (Value v : yieldOf(*taken).getOperands()) {
      if (!getStaticShape(v))
        return emitOpError("the taken branch's outputs need static shapes");
      results.push_back(v.getType());
    }
    return success();
  }
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
    Region *taken = takenBranch(op);
    if (!taken)
      return failure();
    Block &block = taken->front();
    YieldOp yield = yieldOf(*taken);
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

//===----------------------------------------------------------------------===//
// Loop and Scan
//===----------------------------------------------------------------------===//

namespace onnxc {

/// Checks that `body` takes `args` values and yields `yields`.
static LogicalResult verifyBody(Operation *op, Region &body, unsigned args, unsigned yields) {
  if (body.empty() || !llvm::isa<YieldOp>(body.front().getTerminator()))
    return op->emitOpError("the body must end in onnx.Yield");
  if (body.getNumArguments() != args)
    return op->emitOpError("the body takes ") << body.getNumArguments() << " values, expected "
                                              << args;
  if (yieldOf(body).getNumOperands() != yields)
    return op->emitOpError("the body yields ") << yieldOf(body).getNumOperands()
                                               << " values, expected " << yields;
  return success();
}

/// Result types: the carried values' types, then for each scan output its
/// yielded slice's shape with `rows` in front.
static LogicalResult inferLoopLike(Operation *op, ValueRange carried, ValueRange slices,
                                   int64_t rows, SmallVectorImpl<Type> &results) {
  for (Value v : carried) {
    if (!getStaticShape(v))
      return op->emitOpError("needs static shapes of the initial values");
    results.push_back(v.getType());
  }
  for (Value v : slices) {
    auto s = getStaticShape(v);
    if (!s)
      return op->emitOpError("the body's scan outputs need static shapes");
    llvm::SmallVector<int64_t> shape = {rows};
    shape.append(s->begin(), s->end());
    results.push_back(
        RankedTensorType::get(shape, llvm::cast<ShapedType>(v.getType()).getElementType()));
  }
  return success();
}

LogicalResult LoopOp::verify() {
  unsigned carried = getVInitial().size();
  if (getNumResults() < carried)
    return emitOpError("has fewer results than loop-carried values");
  return verifyBody(*this, getBody(), 2 + carried, 1 + getNumResults());
}

LogicalResult LoopOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto trip = llvm::isa<NoneType>(getM().getType()) ? std::nullopt : getConstantInts(getM());
  unsigned carried = getVInitial().size();
  if (!trip || trip->size() != 1 || (*trip)[0] < 0) {
    // Without a constant M the scan outputs keep the model's static shapes;
    // the carried values take their initial values' types.
    for (auto [i, result] : llvm::enumerate(getResults())) {
      Type t = i < carried ? getVInitial()[i].getType() : result.getType();
      if (!getStaticShape(i < carried ? getVInitial()[i] : result))
        return emitOpError("scan outputs need a constant trip count M or a static output shape "
                           "in the model");
      results.push_back(t);
    }
    return success();
  }
  auto yields = yieldOf(getBody()).getOperands();
  return inferLoopLike(*this, getVInitial(), yields.drop_front(1 + carried), (*trip)[0], results);
}

LogicalResult ScanOp::verify() {
  int64_t scans = getNumScanInputs();
  int64_t states = (int64_t)getInputs().size() - scans;
  if (scans < 1 || states < 0)
    return emitOpError("num_scan_inputs must be between 1 and the number of inputs");
  if ((int64_t)getNumResults() < states)
    return emitOpError("has fewer results than states");
  for (auto axes : {getScanInputAxes(), getScanOutputAxes()})
    if (axes)
      for (Attribute a : *axes)
        if (llvm::cast<IntegerAttr>(a).getInt() != 0)
          return emitOpError("scan axes other than 0 are not supported");
  for (auto dirs : {getScanInputDirections(), getScanOutputDirections()})
    if (dirs)
      for (Attribute a : *dirs)
        if (llvm::cast<IntegerAttr>(a).getInt() != 0 && llvm::cast<IntegerAttr>(a).getInt() != 1)
          return emitOpError("scan directions must be 0 or 1");
  return verifyBody(*this, getBody(), getInputs().size(), getNumResults());
}

LogicalResult ScanOp::inferShapes(SmallVectorImpl<Type> &results) {
  int64_t states = (int64_t)getInputs().size() - getNumScanInputs();
  auto first = getStaticShape(getInputs()[states]);
  if (!first || first->empty())
    return emitOpError("needs static scan inputs of rank >= 1");
  auto yields = yieldOf(getBody()).getOperands();
  return inferLoopLike(*this, getInputs().take_front(states), yields.drop_front(states),
                       (*first)[0], results);
}

} // namespace onnxc
