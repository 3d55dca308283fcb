//===- IndexOps.cpp - verifiers and shape rules of OnnxIndexOps.td ---------===//
//
// Result shapes that depend on input values (Range, Tile, OneHot,
// ConstantOfShape, Split sizes) are computed here only from constant inputs;
// otherwise the model must declare them (the importer takes ONNX's inferred
// or declared types, and inferShapes is only asked for what is still dynamic),
// or, for Range, a 1-D shape declared after elementwise ops.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/DataType.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

//===----------------------------------------------------------------------===//
// ArgMax / ArgMin
//===----------------------------------------------------------------------===//

template <typename OpT> static LogicalResult verifyArg(OpT op) {
  if (!elementType(op.getReduced()).isInteger(64))
    return op.emitOpError("result must be int64");
  return checkAxis(op, op.getData(), op.getAxis());
}
LogicalResult ArgMaxOp::verify() { return verifyArg(*this); }
LogicalResult ArgMinOp::verify() { return verifyArg(*this); }

template <typename OpT> static LogicalResult inferArg(OpT op, SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(op, op.getData());
  if (failed(x))
    return failure();
  int64_t axis = *normalizeAxis(op.getAxis(), x->size());
  Shape out = *x;
  if (op.getKeepdims())
    out[axis] = 1;
  else
    out.erase(out.begin() + axis);
  return result(results, out, IntegerType::get(op.getContext(), 64));
}
LogicalResult ArgMaxOp::inferShapes(SmallVectorImpl<Type> &r) { return inferArg(*this, r); }
LogicalResult ArgMinOp::inferShapes(SmallVectorImpl<Type> &r) { return inferArg(*this, r); }

LogicalResult SizeOp::inferShapes(SmallVectorImpl<Type> &results) {
  return result(results, {}, IntegerType::get(getContext(), 64));
}

//===----------------------------------------------------------------------===//
// GatherElements / ScatterElements
//===----------------------------------------------------------------------===//

/// data and indices (and updates) of one rank, integer indices, axis in range.
static LogicalResult verifyElementsIndexing(Operation *op, Value data, Value indices,
                                            int64_t axis) {
  if (!isIndexType(elementType(indices)))
    return op->emitOpError("indices must be int32 or int64");
  auto rd = rankOf(data), ri = rankOf(indices);
  if (rd && ri && *rd != *ri)
    return op->emitOpError("data and indices ranks differ: ") << *rd << " vs " << *ri;
  return checkAxis(op, data, axis);
}

LogicalResult GatherElementsOp::verify() {
  return verifyElementsIndexing(*this, getData(), getIndices(), getAxis());
}
LogicalResult GatherElementsOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto idx = staticShapeOf(*this, getIndices());
  if (failed(idx))
    return failure();
  return result(results, *idx, elementType(getData()));
}

LogicalResult ScatterElementsOp::verify() {
  if (getReduction() != "none" && getReduction() != "add" && getReduction() != "mul")
    return emitOpError("reduction '") << getReduction() << "' is not none, add or mul";
  auto idx = getStaticShape(getIndices()), upd = getStaticShape(getUpdates());
  if (idx && upd && *idx != *upd)
    return emitOpError("indices and updates shapes differ");
  if (elementType(getData()) != elementType(getUpdates()))
    return emitOpError("data and updates element types differ");
  return verifyElementsIndexing(*this, getData(), getIndices(), getAxis());
}
LogicalResult ScatterElementsOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getData());
  if (failed(x))
    return failure();
  return result(results, *x, elementType(getData()));
}

//===----------------------------------------------------------------------===//
// Trilu, Split, CumSum, Tile
//===----------------------------------------------------------------------===//

LogicalResult TriluOp::verify() {
  if (auto r = rankOf(getInput()); r && *r < 2)
    return emitOpError("input must have rank >= 2");
  return checkIntScalar(*this, getK(), "k");
}
LogicalResult TriluOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  return result(results, *x, elementType(getInput()));
}

LogicalResult SplitOp::verify() {
  if (getOutputs().empty())
    return emitOpError("needs at least one output");
  if (!llvm::isa<NoneType>(getSplit().getType()) && !elementType(getSplit()).isInteger(64))
    return emitOpError("split must be int64");
  return checkAxis(*this, getInput(), getAxis());
}
LogicalResult SplitOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  int64_t axis = *normalizeAxis(getAxis(), x->size()), dim = (*x)[axis];
  int64_t n = getOutputs().size();
  Shape sizes;
  if (llvm::isa<NoneType>(getSplit().getType())) {
    // Equal parts; the last one smaller when the dim does not divide evenly.
    int64_t part = (dim + n - 1) / n;
    for (int64_t i = 0; i < n; ++i)
      sizes.push_back(std::max<int64_t>(0, std::min(part, dim - i * part)));
  } else if (auto split = getConstantInts(getSplit())) {
    sizes = *split;
  } else {
    return needsDeclaredShape(*this, "split");
  }
  int64_t total = 0;
  for (int64_t s : sizes)
    total += s;
  if ((int64_t)sizes.size() != n || total != dim)
    return emitOpError("split sizes do not add up to the axis dim ") << dim << " over " << n
                                                                      << " outputs";
  for (int64_t s : sizes) {
    Shape out = *x;
    out[axis] = s;
    results.push_back(RankedTensorType::get(out, elementType(getInput())));
  }
  return success();
}

LogicalResult CumSumOp::verify() { return checkIntScalar(*this, getAxis(), "axis"); }
LogicalResult CumSumOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getX());
  if (failed(x))
    return failure();
  return result(results, *x, elementType(getX()));
}

LogicalResult TileOp::verify() {
  if (!elementType(getRepeats()).isInteger(64))
    return emitOpError("repeats must be int64");
  auto r = rankOf(getInput());
  auto n = getStaticShape(getRepeats());
  if (r && n && (n->size() != 1 || (*n)[0] != *r))
    return emitOpError("repeats must be 1-D with one entry per input dim");
  return success();
}
LogicalResult TileOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  auto repeats = getConstantInts(getRepeats());
  if (!repeats)
    return needsDeclaredShape(*this, "repeats");
  Shape out = *x;
  for (auto [d, r] : llvm::zip_equal(out, *repeats)) {
    if (r < 0)
      return emitOpError("negative repeat ") << r;
    d *= r;
  }
  return result(results, out, elementType(getInput()));
}

//===----------------------------------------------------------------------===//
// Generators: Range, OneHot, EyeLike, ConstantOfShape
//===----------------------------------------------------------------------===//

LogicalResult RangeOp::verify() {
  Type t = elementType(getStart());
  if (elementType(getLimit()) != t || elementType(getDelta()) != t || elementType(getOutput()) != t)
    return emitOpError("start, limit, delta and the result must have one element type");
  for (Value v : {getStart(), getLimit(), getDelta()})
    if (auto s = getStaticShape(v); s && ShapedType::getNumElements(*s) != 1)
      return emitOpError("start, limit and delta must be scalars");
  return success();
}
/// The length of a 1-D static type that `v` reaches through elementwise ops
/// (whose results have v's shape, or a broadcast of it), e.g. the declared
/// output of ONNX's expansion of the window functions, whose Range goes up
/// to a window size given at run time.
static std::optional<int64_t> declaredLengthDownstream(Value v, int depth = 16) {
  static const llvm::StringSet<> elementwise = {
      "onnx.Add", "onnx.Sub", "onnx.Mul", "onnx.Div", "onnx.Pow", "onnx.Neg",
      "onnx.Cos", "onnx.Sin", "onnx.Exp", "onnx.Cast", "onnx.Identity"};
  for (Operation *user : v.getUsers()) {
    if (!elementwise.contains(user->getName().getStringRef()))
      continue;
    Value r = user->getResult(0);
    auto t = llvm::dyn_cast<RankedTensorType>(r.getType());
    if (t && t.hasStaticShape()) {
      if (t.getRank() == 1)
        return t.getDimSize(0);
      continue;
    }
    if (depth > 0)
      if (auto n = declaredLengthDownstream(r, depth - 1))
        return n;
  }
  return std::nullopt;
}

LogicalResult RangeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto start = constantDoubles(getStart()), limit = constantDoubles(getLimit()),
       delta = constantDoubles(getDelta());
  // Values known only at run time: a length declared downstream stands for
  // the declared result shape (the kernel checks the values give it).
  if (!start || !limit || !delta) {
    if (auto n = declaredLengthDownstream(getOutput()))
      return result(results, {*n}, elementType(getStart()));
    return needsDeclaredShape(*this, "start, limit and delta");
  }
  if ((*delta)[0] == 0)
    return emitOpError("delta is zero");
  double n = std::ceil(((*limit)[0] - (*start)[0]) / (*delta)[0]);
  return result(results, {std::max<int64_t>(0, (int64_t)n)}, elementType(getStart()));
}

LogicalResult OneHotOp::verify() {
  if (auto v = getStaticShape(getValues()); v && ShapedType::getNumElements(*v) != 2)
    return emitOpError("values must have two elements (off, on)");
  if (auto r = rankOf(getIndices()); r && !normalizeAxis(getAxis(), *r + 1))
    return emitOpError("axis ") << getAxis() << " out of range for rank " << *r + 1;
  if (elementType(getValues()) != elementType(getOutput()))
    return emitOpError("result element type differs from the values'");
  return success();
}
LogicalResult OneHotOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto idx = staticShapeOf(*this, getIndices());
  if (failed(idx))
    return failure();
  auto depth = constantDoubles(getDepth());
  if (!depth)
    return needsDeclaredShape(*this, "depth");
  Shape out = *idx;
  out.insert(out.begin() + *normalizeAxis(getAxis(), idx->size() + 1), (int64_t)(*depth)[0]);
  return result(results, out, elementType(getValues()));
}

LogicalResult EyeLikeOp::verify() {
  if (auto r = rankOf(getInput()); r && *r != 2)
    return emitOpError("input must be 2-D");
  if (auto dtype = getDtype(); dtype && !elementTypeFromOnnx(getContext(), *dtype))
    return emitOpError("unsupported dtype ") << onnxDtypeName(*dtype);
  return success();
}
LogicalResult EyeLikeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  auto dtype = getDtype();
  return result(results, *x,
                dtype ? elementTypeFromOnnx(getContext(), *dtype) : elementType(getInput()));
}

LogicalResult ConstantOfShapeOp::verify() {
  if (!elementType(getInput()).isInteger(64))
    return emitOpError("input must be int64");
  if (auto r = rankOf(getInput()); r && *r != 1)
    return emitOpError("input must be 1-D");
  if (auto value = getValue(); value && value->getNumElements() != 1)
    return emitOpError("value must have one element");
  return success();
}
LogicalResult ConstantOfShapeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto shape = getConstantInts(getInput());
  if (!shape)
    return needsDeclaredShape(*this, "input");
  auto value = getValue();
  return result(results, *shape,
                value ? value->getElementType() : Float32Type::get(getContext()));
}
