//===- ShapeUtils.cpp - shape arithmetic shared by inference and codegen -===//
#include "compiler/dialect/ShapeUtils.h"
#include "compiler/dialect/OnnxDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include <string>

using namespace mlir;

namespace onnxc {

std::optional<llvm::SmallVector<int64_t>> getStaticShape(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  if (!t || !t.hasStaticShape())
    return std::nullopt;
  return llvm::SmallVector<int64_t>(t.getShape());
}

llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> s(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    s[i] = s[i + 1] * shape[i + 1];
  return s;
}

int64_t broadcastSource(int64_t n, llvm::ArrayRef<int64_t> out, llvm::ArrayRef<int64_t> outStrides,
                        llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> inStrides) {
  int64_t src = 0, lead = int64_t(out.size()) - int64_t(in.size());
  for (size_t k = 0; k < in.size(); ++k)
    if (in[k] != 1)
      src += (n / outStrides[lead + k]) % out[lead + k] * inStrides[k];
  return src;
}

bool broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b,
                     llvm::SmallVectorImpl<int64_t> &out) {
  size_t rank = std::max(a.size(), b.size());
  out.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return false;
    out[i] = da == 1 ? db : da;
  }
  return true;
}

std::optional<llvm::SmallVector<int64_t>> getConstantInts(Value v) {
  auto cst = v.getDefiningOp<ConstantOp>();
  if (!cst)
    return std::nullopt;
  auto dense = llvm::dyn_cast<DenseIntElementsAttr>(cst.getValue());
  if (!dense)
    return std::nullopt;
  llvm::SmallVector<int64_t> vals;
  for (const llvm::APInt &x : dense.getValues<llvm::APInt>())
    vals.push_back(x.getSExtValue());
  return vals;
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::optional<llvm::SmallVector<int64_t>> toInts(std::optional<ArrayAttr> attr) {
  if (!attr)
    return std::nullopt;
  llvm::SmallVector<int64_t> vals;
  for (Attribute a : *attr)
    vals.push_back(llvm::cast<IntegerAttr>(a).getInt());
  return vals;
}

std::string computeWindow(llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> kernel,
                          std::optional<llvm::SmallVector<int64_t>> strides,
                          std::optional<llvm::SmallVector<int64_t>> dilations,
                          std::optional<llvm::SmallVector<int64_t>> pads, llvm::StringRef autoPad,
                          bool ceilMode, WindowGeometry &geo) {
  size_t n = in.size();
  if (kernel.size() != n)
    return "kernel_shape has " + std::to_string(kernel.size()) + " dims but the input has " +
           std::to_string(n) + " spatial dims";
  geo.kernel.assign(kernel.begin(), kernel.end());
  geo.strides = strides ? *strides : llvm::SmallVector<int64_t>(n, 1);
  geo.dilations = dilations ? *dilations : llvm::SmallVector<int64_t>(n, 1);
  if (geo.strides.size() != n || geo.dilations.size() != n)
    return "strides/dilations rank does not match the spatial rank";
  if (pads && pads->size() != 2 * n)
    return "pads must have 2 * spatial-rank entries";
  geo.padBegin.assign(n, 0);
  geo.padEnd.assign(n, 0);
  geo.out.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int64_t s = geo.strides[i], d = geo.dilations[i], k = kernel[i];
    if (s <= 0 || d <= 0 || k <= 0)
      return "kernel, strides and dilations must be positive";
    int64_t extent = (k - 1) * d + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in[i] + s - 1) / s;
      int64_t total = std::max<int64_t>(0, (out - 1) * s + extent - in[i]);
      int64_t small = total / 2, big = total - small;
      geo.padBegin[i] = autoPad == "SAME_UPPER" ? small : big;
      geo.padEnd[i] = autoPad == "SAME_UPPER" ? big : small;
      geo.out[i] = out;
      continue;
    }
    if (autoPad != "NOTSET" && autoPad != "VALID")
      return ("unknown auto_pad '" + autoPad + "'").str();
    if (autoPad == "NOTSET" && pads) {
      geo.padBegin[i] = (*pads)[i];
      geo.padEnd[i] = (*pads)[i + n];
    }
    int64_t span = in[i] + geo.padBegin[i] + geo.padEnd[i] - extent;
    if (span < 0)
      return "the window is larger than the padded input";
    int64_t out = (ceilMode ? (span + s - 1) / s : span / s) + 1;
    // A window may not start inside the end padding (same rule as ORT and
    // PyTorch for ceil_mode).
    if (ceilMode && (out - 1) * s >= in[i] + geo.padBegin[i])
      --out;
    geo.out[i] = out;
  }
  return "";
}

std::pair<int64_t, int64_t> shapeOpRange(int64_t rank, std::optional<int64_t> start,
                                         std::optional<int64_t> end) {
  auto clampAxis = [&](int64_t v) {
    if (v < 0)
      v += rank;
    return std::min(std::max<int64_t>(v, 0), rank);
  };
  int64_t s = clampAxis(start.value_or(0)), e = clampAxis(end.value_or(rank));
  return {s, std::max(s, e)};
}

std::optional<SliceGeometry> resolveSlice(Operation *op, llvm::ArrayRef<int64_t> in) {
  int64_t rank = in.size();
  auto starts = getConstantInts(op->getOperand(1)), ends = getConstantInts(op->getOperand(2));
  bool hasAxes = !llvm::isa<NoneType>(op->getOperand(3).getType());
  bool hasSteps = !llvm::isa<NoneType>(op->getOperand(4).getType());
  auto axes = hasAxes ? getConstantInts(op->getOperand(3)) : std::nullopt;
  auto steps = hasSteps ? getConstantInts(op->getOperand(4)) : std::nullopt;
  if (!starts || !ends || (hasAxes && !axes) || (hasSteps && !steps)) {
    op->emitOpError("starts, ends, axes and steps must be constants");
    return std::nullopt;
  }
  size_t n = starts->size();
  if (ends->size() != n || (axes && axes->size() != n) || (steps && steps->size() != n)) {
    op->emitOpError("starts, ends, axes and steps differ in length");
    return std::nullopt;
  }
  SliceGeometry g{llvm::SmallVector<int64_t>(rank, 0), llvm::SmallVector<int64_t>(rank, 1),
                  llvm::SmallVector<int64_t>(in)};
  llvm::SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < n; ++i) {
    auto axis = normalizeAxis(axes ? (*axes)[i] : (int64_t)i, rank);
    int64_t step = steps ? (*steps)[i] : 1;
    if (!axis || seen[*axis] || step == 0) {
      op->emitOpError("invalid or repeated axis, or a zero step");
      return std::nullopt;
    }
    seen[*axis] = true;
    int64_t dim = in[*axis], start = (*starts)[i], end = (*ends)[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    // Positive steps clamp to [0, dim]; negative ones to [-1, dim - 1].
    int64_t lo = step > 0 ? 0 : -1, hi = step > 0 ? dim : dim - 1;
    start = std::min(std::max(start, step > 0 ? lo : int64_t(0)), hi);
    end = std::min(std::max(end, lo), hi);
    int64_t span = step > 0 ? end - start : start - end, stride = step > 0 ? step : -step;
    g.start[*axis] = start;
    g.step[*axis] = step;
    g.out[*axis] = std::max<int64_t>(0, (span + stride - 1) / stride);
  }
  return g;
}

} // namespace onnxc
