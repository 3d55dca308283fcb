//===- ShapeInference.cpp - result types of onnx ops from their operands -===//
//
// Each op computes its static result type from static operand types (and the
// contents of constant shape/axes operands). Used by the shape propagation
// pass to make every tensor in the graph static before codegen.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/DataType.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

static Type elementType(Value v) {
  return llvm::cast<ShapedType>(v.getType()).getElementType();
}

/// The static shape of operand `v` of `op`, or an error on `op`.
static FailureOr<Shape> staticShape(Operation *op, Value v) {
  if (auto s = getStaticShape(v))
    return *s;
  return op->emitOpError("needs a static input shape, got ") << v.getType();
}

FailureOr<Shape> onnxc::staticShapeOf(Operation *op, Value v) { return staticShape(op, v); }

static LogicalResult result(SmallVectorImpl<Type> &results, ArrayRef<int64_t> shape,
                            Type elem) {
  results.push_back(RankedTensorType::get(shape, elem));
  return success();
}

LogicalResult onnxc::inferSameAsInput(Operation *op, SmallVectorImpl<Type> &results) {
  auto s = staticShape(op, op->getOperand(0));
  if (failed(s))
    return failure();
  return result(results, *s, elementType(op->getOperand(0)));
}

LogicalResult onnxc::inferBroadcast(Operation *op, Type elem, SmallVectorImpl<Type> &results) {
  Shape out;
  for (Value v : op->getOperands()) {
    auto s = staticShape(op, v);
    if (failed(s))
      return failure();
    Shape next;
    if (!broadcastShapes(out, *s, next))
      return op->emitOpError("operand shapes are not broadcastable");
    out = next;
  }
  return result(results, out, elem ? elem : elementType(op->getOperand(0)));
}

LogicalResult ConstantOp::inferShapes(SmallVectorImpl<Type> &results) {
  results.push_back(getValue().getType());
  return success();
}
LogicalResult NoValueOp::inferShapes(SmallVectorImpl<Type> &results) {
  results.push_back(NoneType::get(getContext()));
  return success();
}
LogicalResult IdentityOp::inferShapes(SmallVectorImpl<Type> &r) { return inferSameAsInput(*this, r); }

LogicalResult CastOp::inferShapes(SmallVectorImpl<Type> &results) {
  Type elem = elementTypeFromOnnx(getContext(), getTo());
  if (!elem)
    return emitOpError("unsupported target dtype ") << onnxDtypeName(getTo());
  auto s = staticShape(*this, getInput());
  if (failed(s))
    return failure();
  return result(results, *s, elem);
}

LogicalResult CastLikeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto s = staticShape(*this, getInput());
  if (failed(s))
    return failure();
  return result(results, *s, elementType(getTargetType()));
}

#define SAME_AS_INPUT(OP)                                                      \
  LogicalResult OP::inferShapes(SmallVectorImpl<Type> &r) {                    \
    return inferSameAsInput(*this, r);                                         \
  }
SAME_AS_INPUT(ClipOp)
SAME_AS_INPUT(SoftmaxOp)
SAME_AS_INPUT(LogSoftmaxOp)
SAME_AS_INPUT(HardmaxOp)
#undef SAME_AS_INPUT

/// Y as X; running_mean and running_var as input_mean and input_var.
LogicalResult BatchNormalizationOp::inferShapes(SmallVectorImpl<Type> &results) {
  if (failed(inferSameAsInput(*this, results)))
    return failure();
  Value stats[] = {getInputMean(), getInputVar()};
  for (size_t i = 0; i < getRunning().size(); ++i) {
    auto s = staticShape(*this, stats[i]);
    if (failed(s))
      return failure();
    results.push_back(RankedTensorType::get(*s, elementType(stats[i])));
  }
  return success();
}

LogicalResult MatMulOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto a = staticShape(*this, getA()), b = staticShape(*this, getB());
  if (failed(a) || failed(b))
    return failure();
  Shape sa = *a, sb = *b;
  if (sa.empty() || sb.empty())
    return emitOpError("operands must have rank >= 1");
  // numpy.matmul: 1-D operands are promoted to matrices, then squeezed.
  bool vecA = sa.size() == 1, vecB = sb.size() == 1;
  if (vecA)
    sa.insert(sa.begin(), 1);
  if (vecB)
    sb.push_back(1);
  if (sa.back() != sb[sb.size() - 2])
    return emitOpError("inner dimensions differ");
  Shape batch;
  if (!broadcastShapes(ArrayRef(sa).drop_back(2), ArrayRef(sb).drop_back(2), batch))
    return emitOpError("batch dimensions are not broadcastable");
  Shape out = batch;
  if (!vecA)
    out.push_back(sa[sa.size() - 2]);
  if (!vecB)
    out.push_back(sb.back());
  return result(results, out, elementType(getA()));
}

LogicalResult GemmOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto a = staticShape(*this, getA()), b = staticShape(*this, getB());
  if (failed(a) || failed(b))
    return failure();
  if (a->size() != 2 || b->size() != 2)
    return emitOpError("A and B must be 2-D");
  int64_t m = getTransA() ? (*a)[1] : (*a)[0];
  int64_t n = getTransB() ? (*b)[0] : (*b)[1];
  return result(results, {m, n}, elementType(getA()));
}

/// Output shape of a window op over X (N, C, spatial...) with `channels` out.
template <typename OpT>
static LogicalResult windowResult(OpT op, ArrayRef<int64_t> kernel,
                                  std::optional<Shape> dilations, bool ceilMode,
                                  int64_t channels, SmallVectorImpl<Type> &results) {
  auto x = staticShape(op, op.getX());
  if (failed(x))
    return failure();
  if (x->size() < 3)
    return op.emitOpError("X must have rank >= 3");
  WindowGeometry geo;
  std::string err = computeWindow(ArrayRef(*x).drop_front(2), kernel,
                                  toInts(op.getStrides()), dilations,
                                  toInts(op.getPads()), op.getAutoPad(), ceilMode, geo);
  if (!err.empty())
    return op.emitOpError(err);
  Shape out = {(*x)[0], channels};
  out.append(geo.out.begin(), geo.out.end());
  return result(results, out, elementType(op.getX()));
}

LogicalResult ConvOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto w = staticShape(*this, getW());
  if (failed(w))
    return failure();
  Shape kernel(w->begin() + 2, w->end());
  if (auto ks = toInts(getKernelShape()); ks && *ks != kernel)
    return emitOpError("kernel_shape does not match W");
  return windowResult(*this, kernel, toInts(getDilations()), false, (*w)[0], results);
}

LogicalResult MaxPoolOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getX());
  if (failed(x))
    return failure();
  if (failed(windowResult(*this, *toInts(getKernelShape()), toInts(getDilations()),
                          getCeilMode(), (*x)[1], results)))
    return failure();
  if (getIndices()) // the same shape, int64
    results.push_back(RankedTensorType::get(llvm::cast<RankedTensorType>(results[0]).getShape(),
                                            IntegerType::get(getContext(), 64)));
  return success();
}

LogicalResult AveragePoolOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getX());
  if (failed(x))
    return failure();
  return windowResult(*this, *toInts(getKernelShape()), std::nullopt,
                      getCeilMode(), (*x)[1], results);
}

LogicalResult onnxc::inferGlobalPool(Operation *op, SmallVectorImpl<Type> &results) {
  Value x = op->getOperand(0);
  auto shape = staticShape(op, x);
  if (failed(shape))
    return failure();
  Shape out(shape->size(), 1);
  out[0] = (*shape)[0];
  out[1] = (*shape)[1];
  return result(results, out, elementType(x));
}
LogicalResult GlobalAveragePoolOp::inferShapes(SmallVectorImpl<Type> &r) {
  return inferGlobalPool(*this, r);
}

LogicalResult onnxc::inferReduce(Operation *op, Value data, std::optional<Shape> axes,
                                bool keepdims, bool noopWhenEmpty,
                                SmallVectorImpl<Type> &results) {
  auto x = staticShape(op, data);
  if (failed(x))
    return failure();
  int64_t rank = x->size();
  // No axes reduces everything, unless noop_with_empty_axes says "nothing".
  bool noAxes = !axes || axes->empty();
  llvm::SmallVector<bool> reduced(rank, noAxes && !noopWhenEmpty);
  if (axes)
    for (int64_t a : *axes) {
      auto n = normalizeAxis(a, rank);
      if (!n)
        return op->emitOpError("axis ") << a << " out of range for rank " << rank;
      reduced[*n] = true;
    }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!reduced[i])
      out.push_back((*x)[i]);
    else if (keepdims)
      out.push_back(1);
  return result(results, out, elementType(data));
}

LogicalResult ReduceSumOp::inferShapes(SmallVectorImpl<Type> &r) {
  std::optional<Shape> axes;
  if (!llvm::isa<NoneType>(getAxes().getType())) {
    axes = getConstantInts(getAxes());
    if (!axes)
      return emitOpError("axes must be a constant");
  }
  return inferReduce(*this, getData(), axes, getKeepdims(), getNoopWithEmptyAxes(), r);
}

LogicalResult ReshapeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  auto target = getConstantInts(getShape());
  if (!target)
    return emitOpError("shape must be a constant");
  int64_t total = 1, known = 1, inferAt = -1;
  for (int64_t d : *x)
    total *= d;
  Shape out;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == 0 && !getAllowzero()) {
      if (i >= x->size())
        return emitOpError("0 in shape refers past the input rank");
      d = (*x)[i];
    } else if (d == -1) {
      if (inferAt >= 0)
        return emitOpError("more than one -1 in shape");
      inferAt = i;
      out.push_back(1);
      continue;
    } else if (d < -1) {
      return emitOpError("invalid dimension ") << d << " in shape";
    }
    known *= d;
    out.push_back(d);
  }
  if (inferAt >= 0) {
    if (known == 0 || total % known != 0)
      return emitOpError("cannot infer the -1 dimension");
    out[inferAt] = total / known;
  } else if (known != total) {
    return emitOpError("element count changes from ") << total << " to " << known;
  }
  return result(results, out, elementType(getData()));
}

LogicalResult FlattenOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getInput());
  if (failed(x))
    return failure();
  int64_t rank = x->size(), axis = getAxis();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return emitOpError("axis out of range");
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= (*x)[i];
  return result(results, {outer, inner}, elementType(getInput()));
}

LogicalResult TransposeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  Shape out;
  auto perm = toInts(getPerm());
  for (size_t i = 0; i < x->size(); ++i)
    out.push_back(perm ? (*x)[(*perm)[i]] : (*x)[x->size() - 1 - i]);
  return result(results, out, elementType(getData()));
}

LogicalResult ConcatOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto first = staticShape(*this, getInputs()[0]);
  if (failed(first))
    return failure();
  Shape out = *first;
  auto axis = normalizeAxis(getAxis(), out.size());
  if (!axis)
    return emitOpError("axis out of range");
  out[*axis] = 0;
  for (Value v : getInputs()) {
    auto s = staticShape(*this, v);
    if (failed(s))
      return failure();
    if (s->size() != out.size())
      return emitOpError("inputs have different ranks");
    for (size_t i = 0; i < out.size(); ++i)
      if (i != *axis && (*s)[i] != out[i])
        return emitOpError("input dims differ outside the concat axis");
    out[*axis] += (*s)[*axis];
  }
  return result(results, out, elementType(getInputs()[0]));
}

LogicalResult SqueezeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  int64_t rank = x->size();
  llvm::SmallVector<bool> drop(rank, false);
  if (llvm::isa<NoneType>(getAxes().getType())) {
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = (*x)[i] == 1;
  } else {
    auto axes = getConstantInts(getAxes());
    if (!axes)
      return emitOpError("axes must be a constant");
    for (int64_t a : *axes) {
      auto n = normalizeAxis(a, rank);
      if (!n || (*x)[*n] != 1)
        return emitOpError("cannot squeeze axis ") << a;
      drop[*n] = true;
    }
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      out.push_back((*x)[i]);
  return result(results, out, elementType(getData()));
}

LogicalResult UnsqueezeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  auto axes = getConstantInts(getAxes());
  if (!axes)
    return emitOpError("axes must be a constant");
  int64_t rank = x->size() + axes->size();
  llvm::SmallVector<bool> inserted(rank, false);
  for (int64_t a : *axes) {
    auto n = normalizeAxis(a, rank);
    if (!n || inserted[*n])
      return emitOpError("invalid or repeated axis ") << a;
    inserted[*n] = true;
  }
  Shape out;
  auto it = x->begin();
  for (int64_t i = 0; i < rank; ++i)
    out.push_back(inserted[i] ? 1 : *it++);
  return result(results, out, elementType(getData()));
}

LogicalResult ShapeOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  auto [start, end] = shapeOpRange(x->size(), getStart(), getEnd());
  return result(results, {end - start}, IntegerType::get(getContext(), 64));
}

LogicalResult GatherOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData()), idx = staticShape(*this, getIndices());
  if (failed(x) || failed(idx))
    return failure();
  auto axis = normalizeAxis(getAxis(), x->size());
  if (!axis)
    return emitOpError("axis out of range");
  Shape out(x->begin(), x->begin() + *axis);
  out.append(idx->begin(), idx->end());
  out.append(x->begin() + *axis + 1, x->end());
  return result(results, out, elementType(getData()));
}

LogicalResult SliceOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getData());
  if (failed(x))
    return failure();
  auto slice = resolveSlice(*this, *x);
  if (!slice)
    return failure();
  return result(results, slice->out, elementType(getData()));
}

LogicalResult ExpandOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShape(*this, getInput());
  auto shape = getConstantInts(getShape());
  if (failed(x))
    return failure();
  if (!shape)
    return emitOpError("shape must be a constant");
  Shape out;
  if (!broadcastShapes(*x, *shape, out))
    return emitOpError("input does not broadcast to the shape");
  return result(results, out, elementType(getInput()));
}

LogicalResult WhereOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferBroadcast(*this, elementType(getX()), results);
}
