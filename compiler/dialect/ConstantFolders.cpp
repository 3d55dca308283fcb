//===- ConstantFolders.cpp - folders for shape computations -------------===//
//
// Exported models compute the shapes they reshape to from the shapes of
// their tensors: Shape -> Gather -> Unsqueeze -> Concat -> Reshape, with
// integer arithmetic and comparisons in between (torch's floor division of
// a traced int). When the shapes are static these subgraphs are constants;
// the folders here compute them so that shape propagation sees constant
// shape operands.
//
// Only small tensors are computed (shape vectors, not weights): integer and
// bool arithmetic, comparisons and logic, Cast between integer types, and
// the data movement ops (Gather, Slice, Concat). Reshape-like ops fold any
// constant, since that only relabels its data.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace onnxc;

/// Folders that compute element by element stop at this many elements: a
/// shape computation is tiny, and weights are left to run time.
static constexpr int64_t kMaxFoldElements = 1 << 12;

/// The static type of `op`'s only result, if it is small enough to compute.
static RankedTensorType smallResultType(Operation *op) {
  auto t = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!t || !t.hasStaticShape() || t.getNumElements() > kMaxFoldElements)
    return {};
  return t;
}

static DenseElementsAttr dense(Attribute a) {
  return llvm::dyn_cast_if_present<DenseElementsAttr>(a);
}

//===----------------------------------------------------------------------===//
// Reshape-like ops: the constant with the result's (static) type.
//===----------------------------------------------------------------------===//

static OpFoldResult relabel(Operation *op, Attribute data) {
  auto t = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  DenseElementsAttr d = dense(data);
  if (!d || !t || !t.hasStaticShape() || t.getNumElements() != d.getNumElements() ||
      t.getElementType() != d.getElementType())
    return {};
  return d.reshape(t);
}

OpFoldResult ReshapeOp::fold(FoldAdaptor a) { return relabel(*this, a.getData()); }
OpFoldResult FlattenOp::fold(FoldAdaptor a) { return relabel(*this, a.getInput()); }
OpFoldResult SqueezeOp::fold(FoldAdaptor a) { return relabel(*this, a.getData()); }
OpFoldResult UnsqueezeOp::fold(FoldAdaptor a) { return relabel(*this, a.getData()); }

//===----------------------------------------------------------------------===//
// Shape, Gather, Slice, Concat
//===----------------------------------------------------------------------===//

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto in = getStaticShape(getData());
  RankedTensorType t = smallResultType(*this);
  if (!in || !t)
    return {};
  auto [start, end] = shapeOpRange(in->size(), getStart(), getEnd());
  llvm::SmallVector<int64_t> dims(in->begin() + start, in->begin() + end);
  if ((int64_t)dims.size() != t.getNumElements())
    return {};
  return DenseElementsAttr::get(t, ArrayRef<int64_t>(dims));
}

OpFoldResult GatherOp::fold(FoldAdaptor a) {
  DenseElementsAttr data = dense(a.getData()), idx = dense(a.getIndices());
  RankedTensorType t = smallResultType(*this);
  if (!data || !idx || !t || data.getNumElements() > kMaxFoldElements)
    return {};
  ArrayRef<int64_t> in = data.getType().getShape();
  auto axis = normalizeAxis(getAxis(), in.size());
  if (!axis)
    return {};
  // out[outer, i, inner] = data[outer, idx[i], inner]
  int64_t outer = ShapedType::getNumElements(in.take_front(*axis));
  int64_t inner = ShapedType::getNumElements(in.drop_front(*axis + 1));
  int64_t dim = in[*axis];
  auto values = llvm::to_vector(data.getValues<Attribute>());
  llvm::SmallVector<Attribute> out;
  for (int64_t o = 0; o < outer; ++o)
    for (const APInt &v : idx.getValues<APInt>()) {
      int64_t i = v.getSExtValue();
      if (i < -dim || i >= dim)
        return {}; // out of range: left to the verifier/run time
      i = i < 0 ? i + dim : i;
      for (int64_t k = 0; k < inner; ++k)
        out.push_back(values[(o * dim + i) * inner + k]);
    }
  if ((int64_t)out.size() != t.getNumElements())
    return {};
  return DenseElementsAttr::get(t, out);
}

OpFoldResult SliceOp::fold(FoldAdaptor a) {
  DenseElementsAttr data = dense(a.getData());
  RankedTensorType t = smallResultType(*this);
  if (!data || !t || data.getNumElements() > kMaxFoldElements)
    return {};
  ArrayRef<int64_t> in = data.getType().getShape();
  // resolveSlice reports bad operands as errors; the verifier and shape
  // inference do that already, so fold quietly instead.
  for (unsigned i = 1; i < 5; ++i)
    if (!llvm::isa<NoneType>(getOperand(i).getType()) && !getConstantInts(getOperand(i)))
      return {};
  ScopedDiagnosticHandler quiet(getContext(), [](Diagnostic &) { return success(); });
  auto g = resolveSlice(*this, in);
  if (!g || ArrayRef<int64_t>(g->out) != t.getShape())
    return {};
  auto values = llvm::to_vector(data.getValues<Attribute>());
  auto inStrides = rowMajorStrides(in), outStrides = rowMajorStrides(g->out);
  llvm::SmallVector<Attribute> out;
  for (int64_t n = 0; n < t.getNumElements(); ++n) {
    int64_t src = 0;
    for (size_t d = 0; d < in.size(); ++d)
      src += (g->start[d] + (n / outStrides[d]) % g->out[d] * g->step[d]) * inStrides[d];
    out.push_back(values[src]);
  }
  return DenseElementsAttr::get(t, out);
}

OpFoldResult ConcatOp::fold(FoldAdaptor a) {
  RankedTensorType t = smallResultType(*this);
  if (!t)
    return {};
  auto axis = normalizeAxis(getAxis(), t.getRank());
  if (!axis)
    return {};
  int64_t outer = ShapedType::getNumElements(t.getShape().take_front(*axis));
  llvm::SmallVector<llvm::SmallVector<Attribute>> inputs;
  for (Attribute in : a.getInputs()) {
    DenseElementsAttr d = dense(in);
    if (!d || d.getType().getRank() != t.getRank())
      return {};
    inputs.push_back(llvm::to_vector(d.getValues<Attribute>()));
  }
  llvm::SmallVector<Attribute> out;
  for (int64_t o = 0; o < outer; ++o)
    for (auto &values : inputs) {
      int64_t chunk = values.size() / std::max<int64_t>(outer, 1);
      out.append(values.begin() + o * chunk, values.begin() + (o + 1) * chunk);
    }
  if ((int64_t)out.size() != t.getNumElements())
    return {};
  return DenseElementsAttr::get(t, out);
}

//===----------------------------------------------------------------------===//
// Cast between integer (and bool) types
//===----------------------------------------------------------------------===//

OpFoldResult CastOp::fold(FoldAdaptor a) {
  DenseElementsAttr in = dense(a.getInput());
  RankedTensorType t = smallResultType(*this);
  if (!in || !t)
    return {};
  auto from = llvm::dyn_cast<IntegerType>(in.getElementType());
  auto to = llvm::dyn_cast<IntegerType>(t.getElementType());
  if (!from || !to)
    return {};
  llvm::SmallVector<APInt> out;
  for (const APInt &v : in.getValues<APInt>()) {
    if (to.getWidth() == 1) // to bool: nonzero is true
      out.push_back(APInt(1, !v.isZero()));
    else if (from.getWidth() == 1 || from.isUnsigned())
      out.push_back(v.zextOrTrunc(to.getWidth()));
    else
      out.push_back(v.sextOrTrunc(to.getWidth()));
  }
  return DenseElementsAttr::get(t, out);
}

//===----------------------------------------------------------------------===//
// Integer and bool elementwise ops with broadcasting
//===----------------------------------------------------------------------===//

namespace {

/// One elementwise step on integers of one signedness; nullopt when the
/// op is not one that folds (or divides by zero).
std::optional<APInt> evalInts(StringRef op, ArrayRef<APInt> x, bool isUnsigned,
                              unsigned resultWidth) {
  auto cmp = [&](bool v) { return APInt(1, v); };
  const APInt &a = x[0];
  if (x.size() == 1) {
    if (op == "Not")
      return ~a;
    if (op == "Neg")
      return -a;
    if (op == "Abs")
      return isUnsigned ? a : a.abs();
    if (op == "Identity")
      return a;
    return std::nullopt;
  }
  if (op == "Where")
    return x[0].isZero() ? x[2] : x[1];
  const APInt &b = x[1];
  if (op == "Add" || op == "Sum")
    return a + b;
  if (op == "Sub")
    return a - b;
  if (op == "Mul")
    return a * b;
  if (op == "Div") { // ONNX integer Div truncates, like C
    if (b.isZero() || (!isUnsigned && a.isMinSignedValue() && b.isAllOnes()))
      return std::nullopt;
    return isUnsigned ? a.udiv(b) : a.sdiv(b);
  }
  if (op == "Max")
    return (isUnsigned ? a.uge(b) : a.sge(b)) ? a : b;
  if (op == "Min")
    return (isUnsigned ? a.ule(b) : a.sle(b)) ? a : b;
  if (op == "Equal")
    return cmp(a == b);
  if (op == "Less")
    return cmp(isUnsigned ? a.ult(b) : a.slt(b));
  if (op == "LessOrEqual")
    return cmp(isUnsigned ? a.ule(b) : a.sle(b));
  if (op == "Greater")
    return cmp(isUnsigned ? a.ugt(b) : a.sgt(b));
  if (op == "GreaterOrEqual")
    return cmp(isUnsigned ? a.uge(b) : a.sge(b));
  if (resultWidth == 1 && op == "And")
    return a & b;
  if (resultWidth == 1 && op == "Or")
    return a | b;
  if (resultWidth == 1 && op == "Xor")
    return a ^ b;
  return std::nullopt;
}

} // namespace

OpFoldResult onnxc::foldElementwise(Operation *op, ArrayRef<Attribute> operands) {
  RankedTensorType t = smallResultType(op);
  if (!t || operands.empty() || !llvm::isa<IntegerType>(t.getElementType()))
    return {};
  // Where's condition is bool; its values decide, its type does not.
  bool isWhere = op->getName().stripDialect() == "Where";
  llvm::SmallVector<DenseElementsAttr> in;
  for (Attribute a : operands) {
    DenseElementsAttr d = dense(a);
    if (!d || !llvm::isa<IntegerType>(d.getElementType()) || d.getType().getRank() > t.getRank())
      return {};
    in.push_back(d);
  }
  auto valueType = llvm::cast<IntegerType>(in[isWhere ? 1 : 0].getElementType());
  llvm::SmallVector<llvm::SmallVector<APInt>> values;
  for (DenseElementsAttr d : in)
    values.push_back(llvm::to_vector(d.getValues<APInt>()));
  ArrayRef<int64_t> out = t.getShape();
  auto outStrides = rowMajorStrides(out);
  StringRef name = op->getName().stripDialect();
  llvm::SmallVector<APInt> result;
  for (int64_t n = 0; n < t.getNumElements(); ++n) {
    llvm::SmallVector<APInt> x;
    // Each operand's element for output element n (numpy broadcasting:
    // shapes aligned at the right, size-1 dims repeat).
    for (auto [d, vals] : llvm::zip(in, values)) {
      ArrayRef<int64_t> s = d.getType().getShape();
      x.push_back(vals[broadcastSource(n, out, outStrides, s, rowMajorStrides(s))]);
    }
    // Variadic ops (Max, Min, Sum) fold left to right.
    while (x.size() > 2 && !isWhere) {
      auto r = evalInts(name, {x[0], x[1]}, valueType.isUnsigned(), 0);
      if (!r)
        return {};
      x.erase(x.begin());
      x[0] = *r;
    }
    auto r = evalInts(name, x, valueType.isUnsigned(), t.getElementType().getIntOrFloatBitWidth());
    if (!r || r->getBitWidth() != t.getElementType().getIntOrFloatBitWidth())
      return {};
    result.push_back(*r);
  }
  return DenseElementsAttr::get(t, result);
}
