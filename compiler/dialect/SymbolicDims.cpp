//===- SymbolicDims.cpp - dims that stay run-time values (--max-dim) ------===//
//
// One shape rule per op kind that can carry a symbolic dim; an op that a
// symbolic dim reaches without a rule is a compile-time error. Every rule's
// result is checked against the static result type (the symbols at their
// maxima), so a rule that disagrees with shape inference cannot go unnoticed.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/SymbolicDims.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

using namespace mlir;

namespace onnxc {

using Dims = llvm::SmallVector<AffineExpr>;

DimSymbols getDimSymbols(ModuleOp module) {
  DimSymbols s;
  auto names = module->getAttrOfType<ArrayAttr>(kDimSymbolsAttr);
  auto maxima = module->getAttrOfType<ArrayAttr>(kDimMaximaAttr);
  if (!names || !maxima)
    return s;
  for (auto [n, m] : llvm::zip(names, maxima)) {
    s.names.push_back(llvm::cast<StringAttr>(n).str());
    s.maxima.push_back(llvm::cast<IntegerAttr>(m).getInt());
  }
  return s;
}

AffineExpr dimProduct(llvm::ArrayRef<AffineExpr> dims, MLIRContext *ctx) {
  AffineExpr p = getAffineConstantExpr(1, ctx);
  for (AffineExpr d : dims)
    p = p * d;
  return p;
}

int64_t evaluateDim(AffineExpr e, llvm::ArrayRef<int64_t> values) {
  if (auto c = llvm::dyn_cast<AffineConstantExpr>(e))
    return c.getValue();
  if (auto s = llvm::dyn_cast<AffineSymbolExpr>(e))
    return values[s.getPosition()];
  auto bin = llvm::cast<AffineBinaryOpExpr>(e);
  int64_t a = evaluateDim(bin.getLHS(), values), b = evaluateDim(bin.getRHS(), values);
  switch (e.getKind()) {
  case AffineExprKind::Add:
    return a + b;
  case AffineExprKind::Mul:
    return a * b;
  case AffineExprKind::FloorDiv:
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  case AffineExprKind::CeilDiv:
    return a / b + ((a % b != 0) && ((a < 0) == (b < 0)));
  case AffineExprKind::Mod:
    return ((a % b) + b) % b;
  default:
    llvm_unreachable("no dims or locals in dim expressions");
  }
}

namespace {

bool isConstant(AffineExpr e) { return llvm::isa<AffineConstantExpr>(e); }
bool isOne(AffineExpr e) {
  auto c = llvm::dyn_cast<AffineConstantExpr>(e);
  return c && c.getValue() == 1;
}

/// What a rule gets: the op, its operands' dims, and where to fail.
struct RuleContext {
  Operation *op;
  llvm::SmallVector<Dims> in;
  MLIRContext *ctx;
  const DimSymbols &symbols;
  llvm::SmallVector<std::pair<AffineExpr, AffineExpr>> &equalities;
  /// Whether dims a and b can be the same: equal expressions, or ones that
  /// agree at the maxima (then infer() checks them at run time).
  bool same(AffineExpr a, AffineExpr b) const {
    if (a == b)
      return true;
    if (evaluateDim(a, symbols.maxima) != evaluateDim(b, symbols.maxima))
      return false;
    if (!llvm::is_contained(equalities, std::make_pair(a, b)))
      equalities.push_back({a, b});
    return true;
  }
  AffineExpr constant(int64_t v) const { return getAffineConstantExpr(v, ctx); }
  /// Result i's static dims as constants (for dims a rule knows are static).
  Dims staticDims(unsigned i) const {
    Dims d;
    for (int64_t v : llvm::cast<RankedTensorType>(op->getResult(i).getType()).getShape())
      d.push_back(constant(v));
    return d;
  }
};

/// A rule fills the dims of every result, or returns a reason (a short
/// phrase: "...needs a static <reason>").
using Rule = std::function<std::string(const RuleContext &, llvm::SmallVector<Dims> &)>;

/// Numpy broadcasting; two dims neither of which is a static 1 must be the
/// same (a symbolic dim that is 1 at run time does not broadcast).
bool broadcast(const Dims &a, const Dims &b, Dims &out, const RuleContext &c) {
  size_t rank = std::max(a.size(), b.size());
  out.clear();
  for (size_t i = 0; i < rank; ++i) {
    AffineExpr one = c.constant(1);
    AffineExpr da = i < rank - a.size() ? one : a[i - (rank - a.size())];
    AffineExpr db = i < rank - b.size() ? one : b[i - (rank - b.size())];
    if (!isOne(da) && !isOne(db) && !c.same(da, db))
      return false;
    out.push_back(isOne(da) ? db : da);
  }
  return true;
}

std::string sameAsInput(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  out.assign(c.op->getNumResults(), c.in[0]);
  return "";
}

std::string broadcastAll(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Dims acc = c.in[0];
  for (size_t i = 1; i < c.in.size(); ++i) {
    Dims next;
    if (!broadcast(acc, c.in[i], next, c))
      return "shape to broadcast its inputs";
    acc = next;
  }
  out = {acc};
  return "";
}

/// Conv, MaxPool, AveragePool: a symbolic spatial dim gives
/// (in + pads - extent) floordiv stride + 1, or ceildiv(in, stride) for
/// SAME padding with stride 1 (pads that depend on `in` need static dims).
std::string window(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  const Dims &x = c.in[0];
  Dims y = c.staticDims(0);
  y[0] = x[0];
  if (!llvm::isa<ConvOp>(c.op))
    y[1] = x[1];
  else if (!isConstant(x[1]))
    return "channel count";
  auto ints = [&](const char *name) -> std::optional<llvm::SmallVector<int64_t>> {
    if (auto attr = c.op->getAttrOfType<ArrayAttr>(name))
      return toInts(attr);
    return std::nullopt;
  };
  auto autoPad = c.op->getAttrOfType<StringAttr>("auto_pad");
  llvm::StringRef pad = autoPad ? autoPad.getValue() : "NOTSET";
  auto ceil = c.op->getAttrOfType<IntegerAttr>("ceil_mode");
  bool ceilMode = ceil && ceil.getInt();
  size_t n = x.size() - 2;
  llvm::SmallVector<int64_t> kernel;
  if (auto k = ints("kernel_shape"))
    kernel = *k;
  else // Conv without kernel_shape: the weights' spatial dims
    kernel.assign(llvm::cast<RankedTensorType>(c.op->getOperand(1).getType()).getShape().drop_front(2).begin(),
                  llvm::cast<RankedTensorType>(c.op->getOperand(1).getType()).getShape().end());
  auto strides = ints("strides"), dilations = ints("dilations"), pads = ints("pads");
  for (size_t i = 0; i < n; ++i) {
    AffineExpr in = x[i + 2];
    if (isConstant(in))
      continue;
    int64_t s = strides ? (*strides)[i] : 1, d = dilations ? (*dilations)[i] : 1;
    int64_t extent = (kernel[i] - 1) * d + 1;
    if (pad == "SAME_UPPER" || pad == "SAME_LOWER") {
      if (s != 1)
        return "size for auto_pad " + pad.str() + " with a stride other than 1";
      y[i + 2] = in;
      continue;
    }
    int64_t begin = 0, end = 0;
    if (pad == "NOTSET" && pads) {
      begin = (*pads)[i];
      end = (*pads)[i + n];
    }
    // ceil_mode drops a last window that would start in the end padding:
    // only when that can never happen is the size affine.
    if (ceilMode && end + s - 1 >= extent)
      return "size for ceil_mode with this much end padding";
    AffineExpr span = in + (begin + end - extent);
    y[i + 2] = (ceilMode ? span.ceilDiv(s) : span.floorDiv(s)) + 1;
  }
  out = llvm::SmallVector<Dims>(c.op->getNumResults(), y); // MaxPool's Indices too
  return "";
}

std::string globalPool(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Dims y = c.staticDims(0);
  y[0] = c.in[0][0];
  y[1] = c.in[0][1];
  out = {y};
  return "";
}

std::string concat(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Dims y = c.in[0];
  auto axis = normalizeAxis(llvm::cast<ConcatOp>(c.op).getAxis(), y.size());
  if (!axis)
    return "axis";
  for (size_t i = 1; i < c.in.size(); ++i)
    for (size_t d = 0; d < y.size(); ++d) {
      if (d == (size_t)*axis)
        y[d] = y[d] + c.in[i][d];
      else if (!c.same(c.in[i][d], y[d]))
        return "shape: its inputs differ in dim " + std::to_string(d);
    }
  out = {y};
  return "";
}

/// Resize by constant scales: an integer scale multiplies a symbolic dim, a
/// scale 1/k divides it (rounding down, as floor(in * scale) does).
std::string resize(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  auto op = llvm::cast<ResizeOp>(c.op);
  Dims y = c.staticDims(0);
  bool hasSizes = !llvm::isa<NoneType>(op.getSizes().getType()) &&
                  llvm::cast<RankedTensorType>(op.getSizes().getType()).getNumElements() > 0;
  if (hasSizes) { // the output has the sizes given
    out = {y};
    return "";
  }
  auto cst = op.getScales().getDefiningOp<ConstantOp>();
  auto dense = cst ? llvm::dyn_cast<DenseFPElementsAttr>(cst.getValue()) : nullptr;
  if (!dense)
    return "input: its scales are not constant";
  llvm::SmallVector<double> scales;
  for (const llvm::APFloat &v : dense.getValues<llvm::APFloat>())
    scales.push_back(v.convertToFloat());
  for (size_t i = 0; i < y.size() && i < scales.size(); ++i) {
    AffineExpr in = c.in[0][i];
    if (isConstant(in))
      continue;
    double s = scales[i];
    if (s >= 1 && s == std::round(s))
      y[i] = in * (int64_t)s;
    else if (s > 0 && s < 1 && 1 / s == std::round(1 / s))
      y[i] = in.floorDiv((int64_t)std::round(1 / s));
    else
      return "size: scale " + std::to_string(s) + " is neither an integer nor 1/integer";
  }
  out = {y};
  return "";
}

/// Reshape to a constant shape: 0 copies the input dim, -1 takes what is
/// left of the input's elements.
std::string reshape(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  auto op = llvm::cast<ReshapeOp>(c.op);
  auto shape = getConstantInts(op.getShape());
  if (!shape)
    return "target shape: it is not a constant";
  Dims y;
  int64_t inferred = -1;
  for (auto [i, v] : llvm::enumerate(*shape)) {
    if (v == 0 && !op.getAllowzero() && i < c.in[0].size())
      y.push_back(c.in[0][i]);
    else if (v == -1) {
      inferred = i;
      y.push_back(c.constant(1));
    } else
      y.push_back(c.constant(v));
  }
  if (inferred >= 0)
    y[inferred] = dimProduct(c.in[0], c.ctx).floorDiv(dimProduct(y, c.ctx));
  out = {y};
  return "";
}

std::string flatten(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  const Dims &x = c.in[0];
  int64_t axis = llvm::cast<FlattenOp>(c.op).getAxis();
  if (axis < 0)
    axis += x.size();
  out = {{dimProduct(llvm::ArrayRef(x).take_front(axis), c.ctx),
          dimProduct(llvm::ArrayRef(x).drop_front(axis), c.ctx)}};
  return "";
}

std::string transpose(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  const Dims &x = c.in[0];
  llvm::SmallVector<int64_t> perm;
  if (auto p = toInts(llvm::cast<TransposeOp>(c.op).getPerm()))
    perm = *p;
  else
    perm = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, x.size())));
  Dims y;
  for (int64_t p : perm)
    y.push_back(x[p]);
  out = {y};
  return "";
}

/// Squeeze and Unsqueeze: the static result dims with the input's symbolic
/// dims in order (only unit dims come and go).
std::string unitDims(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Dims y = c.staticDims(0);
  auto values = llvm::cast<RankedTensorType>(c.op->getOperand(0).getType()).getShape();
  size_t next = 0;
  for (auto [i, d] : llvm::enumerate(c.in[0])) {
    if (isConstant(d))
      continue;
    // The symbolic dims keep their order; find each one's place by its size.
    while (next < y.size() && y[next] != c.constant(values[i]))
      ++next;
    if (next == y.size())
      return "shape: it removes a symbolic dim";
    y[next++] = d;
  }
  out = {y};
  return "";
}

std::string matmul(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Dims a = c.in[0], b = c.in[1];
  bool rowA = a.size() == 1, colB = b.size() == 1;
  if (rowA)
    a.insert(a.begin(), c.constant(1));
  if (colB)
    b.push_back(c.constant(1));
  if (!c.same(a.back(), b[b.size() - 2]))
    return "inner dimension";
  Dims batch;
  if (!broadcast(Dims(a.begin(), a.end() - 2), Dims(b.begin(), b.end() - 2), batch, c))
    return "batch shape";
  if (!rowA)
    batch.push_back(a[a.size() - 2]);
  if (!colB)
    batch.push_back(b.back());
  out = {batch};
  return "";
}

std::string gemm(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  auto op = llvm::cast<GemmOp>(c.op);
  const Dims &a = c.in[0], &b = c.in[1];
  // Only M, A's rows, may be symbolic: the kernel's strides are static.
  if (op.getTransA() || !llvm::all_of(b, isConstant) || !isConstant(a[1]))
    return "shape other than A's rows";
  if (c.in.size() > 2 && !llvm::isa<NoneType>(op.getC().getType()) &&
      (!llvm::all_of(c.in[2], isConstant) || (c.in[2].size() == 2 && !isOne(c.in[2][0]))))
    return "C (its rows must broadcast)";
  out = {{a[op.getTransA() ? 1 : 0], b[op.getTransB() ? 0 : 1]}};
  return "";
}

/// LSTM, GRU, RNN: the sequence length and the batch may be symbolic.
std::string recurrent(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  auto layout = c.op->getAttrOfType<IntegerAttr>("layout");
  bool batchMajor = layout && layout.getInt() == 1;
  const Dims &x = c.in[0];
  AffineExpr seq = x[batchMajor ? 1 : 0], batch = x[batchMajor ? 0 : 1];
  if (!isConstant(x[2]))
    return "input size";
  for (unsigned r = 0; r < c.op->getNumResults(); ++r) {
    Dims y = c.staticDims(r);
    if (y.size() == 4) { // Y: [T, D, B, H] or [B, T, D, H]
      y[batchMajor ? 1 : 0] = seq;
      y[batchMajor ? 0 : 2] = batch;
    } else if (y.size() == 3) { // Y_h, Y_c: [D, B, H] or [B, D, H]
      y[batchMajor ? 0 : 1] = batch;
    }
    out.push_back(y);
  }
  return "";
}

std::string gather(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  const Dims &data = c.in[0];
  auto axis = normalizeAxis(llvm::cast<GatherOp>(c.op).getAxis(), data.size());
  if (!axis)
    return "axis";
  Dims y(data.begin(), data.begin() + *axis);
  y.append(c.in[1]);
  y.append(data.begin() + *axis + 1, data.end());
  out = {y};
  return "";
}

/// Slice by constants: a symbolic dim may be sliced with step 1 from a
/// start >= 0 to its end or to a negative end (counted from its end), which
/// keeps the start a constant and the size affine.
std::string slice(const RuleContext &c, llvm::SmallVector<Dims> &out) {
  Operation *op = c.op;
  auto operand = [&](unsigned i) -> std::optional<llvm::SmallVector<int64_t>> {
    if (llvm::isa<NoneType>(op->getOperand(i).getType()))
      return llvm::SmallVector<int64_t>();
    return getConstantInts(op->getOperand(i));
  };
  auto starts = operand(1), ends = operand(2), axes = operand(3), steps = operand(4);
  if (!starts || !ends || !axes || !steps)
    return "shape: its starts, ends, axes and steps are not constants";
  const Dims &x = c.in[0];
  Dims y = c.staticDims(0);
  auto maxima = llvm::cast<RankedTensorType>(op->getOperand(0).getType()).getShape();
  for (auto [d, e] : llvm::enumerate(x))
    if (!isConstant(e))
      y[d] = e; // not sliced, unless an entry below says so
  for (size_t i = 0; i < starts->size(); ++i) {
    auto axis = normalizeAxis(axes->empty() ? i : (*axes)[i], x.size());
    if (!axis)
      return "axis";
    if (isConstant(x[*axis]))
      continue;
    int64_t step = steps->empty() ? 1 : (*steps)[i], start = (*starts)[i], end = (*ends)[i];
    if (step != 1 || start < 0 || (end >= 0 && end < maxima[*axis]))
      return "size: it slices a symbolic dim other than from a start >= 0 with step 1 to "
             "its end or to a negative end";
    y[*axis] = x[*axis] + ((end < 0 ? end : 0) - start);
  }
  out = {y};
  return "";
}

const llvm::StringMap<Rule> &rules() {
  static const llvm::StringMap<Rule> table = [] {
    llvm::StringMap<Rule> t;
    for (const char *name :
         {"Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSwish", "HardSigmoid", "Elu", "Celu",
          "Selu", "Neg", "Abs", "Sqrt", "Exp", "Log", "Clip", "Cast", "Identity",
          "Softplus", "Softsign", "Erf", "Floor", "Ceil", "Round", "Reciprocal", "Not", "Sign",
          "Mish", "Gelu", "BatchNormalization", "ThresholdedRelu", "Sin", "Cos"})
      t[std::string("onnx.") + name] = sameAsInput;
    for (const char *name : {"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean",
                             "PRelu", "Equal", "Less", "LessOrEqual", "Greater",
                             "GreaterOrEqual", "And", "Or", "Xor"})
      t[std::string("onnx.") + name] = broadcastAll;
    for (const char *name : {"Conv", "MaxPool", "AveragePool"})
      t[std::string("onnx.") + name] = window;
    t["onnx.GlobalAveragePool"] = t["onnx.GlobalMaxPool"] = globalPool;
    t["onnx.Where"] = broadcastAll;
    t["onnx.Concat"] = concat;
    t["onnx.Resize"] = resize;
    t["onnx.Reshape"] = reshape;
    t["onnx.Flatten"] = flatten;
    t["onnx.Transpose"] = transpose;
    t["onnx.Squeeze"] = t["onnx.Unsqueeze"] = unitDims;
    t["onnx.MatMul"] = matmul;
    t["onnx.Gemm"] = gemm;
    t["onnx.LSTM"] = t["onnx.GRU"] = t["onnx.RNN"] = recurrent;
    t["onnx.Gather"] = gather;
    t["onnx.Slice"] = slice;
    t["onnx.Softmax"] = t["onnx.LogSoftmax"] = t["onnx.Hardmax"] = sameAsInput;
    return t;
  }();
  return table;
}

/// Sample points for checks that hold only if they hold everywhere: all
/// symbols at their maxima, each at 1, all at 1.
llvm::SmallVector<llvm::SmallVector<int64_t>> samplePoints(const DimSymbols &s) {
  llvm::SmallVector<llvm::SmallVector<int64_t>> points = {s.maxima};
  for (size_t k = 0; k < s.maxima.size(); ++k) {
    points.push_back(s.maxima);
    points.back()[k] = 1;
  }
  points.push_back(llvm::SmallVector<int64_t>(s.maxima.size(), 1));
  return points;
}

} // namespace

Dims SymbolicShapes::dims(Value v) const {
  auto it = map.find(v);
  if (it != map.end())
    return it->second;
  Dims d;
  if (auto t = llvm::dyn_cast<RankedTensorType>(v.getType()))
    for (int64_t s : t.getShape())
      d.push_back(getAffineConstantExpr(s, v.getContext()));
  return d;
}

void SymbolicShapes::record(Value v, llvm::ArrayRef<AffineExpr> d) {
  if (llvm::all_of(d, isConstant))
    return;
  map[v] = Dims(d);
  for (AffineExpr e : d)
    if (!isConstant(e) && !llvm::is_contained(derived, e))
      derived.push_back(e);
}

LogicalResult SymbolicShapes::visit(Operation *op) {
  llvm::SmallVector<Value> symbolicOperands;
  for (Value v : op->getOperands())
    if (isSymbolic(v))
      symbolicOperands.push_back(v);
  // Values captured by regions count as operands of the op that owns them.
  op->walk([&](Operation *inner) {
    if (inner != op)
      for (Value v : inner->getOperands())
        if (isSymbolic(v))
          symbolicOperands.push_back(v);
  });
  if (symbolicOperands.empty() || op->hasTrait<OpTrait::IsTerminator>())
    return success();

  // Name the symbol and the graph input it came from in errors.
  auto needsStatic = [&](const std::string &what) {
    Dims d = dims(symbolicOperands.front());
    std::string sym;
    for (AffineExpr e : d)
      e.walk([&](AffineExpr s) {
        if (auto se = llvm::dyn_cast<AffineSymbolExpr>(s); se && sym.empty())
          sym = symbols.names[se.getPosition()] + "' of input '" + origin[se.getPosition()];
      });
    return op->emitError() << "dimension '" << sym << "' (--max-dim) reaches "
                           << op->getName() << " (opset 17), which needs a static " << what
                           << "; fix the dimension with --shape";
  };
  auto rule = rules().find(op->getName().getStringRef());
  if (rule == rules().end() || op->getNumRegions())
    return needsStatic("shape");
  RuleContext c{op, {}, op->getContext(), symbols, equalities};
  for (Value v : op->getOperands())
    c.in.push_back(dims(v));
  llvm::SmallVector<Dims> results;
  if (std::string reason = rule->second(c, results); !reason.empty())
    return needsStatic(reason);

  for (auto [r, d] : llvm::zip(op->getResults(), results)) {
    auto type = llvm::cast<RankedTensorType>(r.getType());
    if ((int64_t)d.size() != type.getRank())
      return op->emitError("internal: symbolic shape rule gives rank ")
             << d.size() << ", shape inference " << type.getRank();
    for (auto [e, s] : llvm::zip(d, type.getShape()))
      if (evaluateDim(e, symbols.maxima) != s)
        return op->emitError("internal: symbolic shape rule disagrees with shape inference at "
                             "the --max-dim maxima");
    record(r, d);
  }
  // Ops that keep the element count (Reshape, Flatten, ...) must keep it for
  // every symbol value, not only at the maxima.
  if (llvm::isa<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(op))
    for (const auto &p : samplePoints(symbols)) {
      int64_t in = evaluateDim(dimProduct(c.in[0], op->getContext()), p);
      int64_t outCount = evaluateDim(dimProduct(results[0], op->getContext()), p);
      if (in != outCount)
        return needsStatic("shape: its target shape fits only some sizes");
    }
  return success();
}

LogicalResult checkNoShapeReads(func::FuncOp func) {
  llvm::DenseSet<Value> reached;
  for (BlockArgument arg : func.getArguments())
    if (func.getArgAttr(arg.getArgNumber(), kArgDimsAttr))
      reached.insert(arg);
  WalkResult walk = func.walk([&](Operation *op) {
    if (!llvm::any_of(op->getOperands(), [&](Value v) { return reached.count(v); }))
      return WalkResult::advance();
    if (llvm::isa<ShapeOp, SizeOp>(op)) {
      op->emitError() << op->getName() << " (opset 17) reads the shape of a value computed "
                      << "from an input with a --max-dim dimension, which needs static shapes; "
                      << "fix the dimension with --shape";
      return WalkResult::interrupt();
    }
    for (Value r : op->getResults())
      reached.insert(r);
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

LogicalResult SymbolicShapes::compute(func::FuncOp func) {
  origin.assign(symbols.names.size(), "");
  MLIRContext *ctx = func.getContext();
  for (BlockArgument arg : func.getArguments()) {
    auto names = func.getArgAttrOfType<ArrayAttr>(arg.getArgNumber(), kArgDimsAttr);
    if (!names)
      continue;
    Dims d = dims(arg);
    auto inputName = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "onnx.name");
    for (auto [i, n] : llvm::enumerate(names)) {
      llvm::StringRef name = llvm::cast<StringAttr>(n).getValue();
      if (name.empty())
        continue;
      size_t k = llvm::find(symbols.names, name) - symbols.names.begin();
      d[i] = getAffineSymbolExpr(k, ctx);
      if (origin[k].empty())
        origin[k] = inputName ? inputName.str() : "";
    }
    record(arg, d);
  }
  for (Operation &op : func.getBody().front())
    if (failed(visit(&op)))
      return failure();
  return success();
}

} // namespace onnxc
