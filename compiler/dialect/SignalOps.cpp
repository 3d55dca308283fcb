//===- SignalOps.cpp - verifiers and shape rules of OnnxSignalOps.td ------===//
//
// Sizes that are input values come from constants here; otherwise from the
// model's declared result type, which the generated code checks at run time.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/DataType.h"
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpChecks.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

using Shape = llvm::SmallVector<int64_t>;

/// The first value of a constant integer operand.
static std::optional<int64_t> constantInt(Value v) {
  if (isAbsent(v))
    return std::nullopt;
  auto ints = getConstantInts(v);
  if (!ints || ints->empty())
    return std::nullopt;
  return (*ints)[0];
}

/// A scalar or one-element float operand.
static LogicalResult checkFloatScalar(Operation *op, Value v, llvm::StringRef name) {
  if (!llvm::isa<FloatType>(elementType(v)))
    return op->emitOpError(name) << " must be a float";
  if (auto s = getStaticShape(v); s && ShapedType::getNumElements(*s) != 1)
    return op->emitOpError(name) << " must have one element";
  return success();
}

/// The float element type that `output_datatype` names, or an error.
static FailureOr<Type> outputDatatype(Operation *op) {
  int64_t dtype = llvm::cast<IntegerAttr>(op->getAttr("output_datatype")).getInt();
  Type t = elementTypeFromOnnx(op->getContext(), dtype);
  if (!t || !llvm::isa<FloatType>(t))
    return op->emitOpError("output_datatype ") << onnxDtypeName(dtype) << " is not supported";
  if (elementType(op->getResult(0)) != t)
    return op->emitOpError("result element type differs from output_datatype");
  return t;
}

//===----------------------------------------------------------------------===//
// Windows, MelWeightMatrix
//===----------------------------------------------------------------------===//

LogicalResult onnxc::verifyWindowOp(Operation *op) {
  if (failed(outputDatatype(op)))
    return failure();
  return checkIntScalar(op, op->getOperand(0), "size");
}
LogicalResult onnxc::inferWindowOp(Operation *op, SmallVectorImpl<Type> &results) {
  auto size = constantInt(op->getOperand(0));
  if (!size)
    return needsDeclaredShape(op, "size");
  if (*size < 0)
    return op->emitOpError("negative size ") << *size;
  return result(results, {*size}, *outputDatatype(op));
}

LogicalResult MelWeightMatrixOp::verify() {
  if (failed(outputDatatype(*this)) || failed(checkIntScalar(*this, getNumMelBins(), "num_mel_bins")) ||
      failed(checkIntScalar(*this, getDftLength(), "dft_length")) ||
      failed(checkIntScalar(*this, getSampleRate(), "sample_rate")) ||
      failed(checkFloatScalar(*this, getLowerEdgeHertz(), "lower_edge_hertz")))
    return failure();
  return checkFloatScalar(*this, getUpperEdgeHertz(), "upper_edge_hertz");
}
LogicalResult MelWeightMatrixOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto bins = constantInt(getNumMelBins()), length = constantInt(getDftLength());
  if (!bins || !length)
    return needsDeclaredShape(*this, "num_mel_bins and dft_length");
  return result(results, {*length / 2 + 1, *bins}, *outputDatatype(*this));
}

//===----------------------------------------------------------------------===//
// DFT, STFT
//===----------------------------------------------------------------------===//

LogicalResult DFTOp::verify() {
  if (!llvm::isa<FloatType>(elementType(getInput())) ||
      elementType(getInput()) != elementType(getOutput()))
    return emitOpError("input and result must have one float element type");
  if (getInverse() && getOnesided())
    return emitOpError("inverse with onesided is not supported");
  if (auto x = getStaticShape(getInput())) {
    if (x->size() < 2 || (x->back() != 1 && x->back() != 2))
      return emitOpError("input must be [..., 1] (real) or [..., 2] (complex)");
    if (!normalizeAxis(getAxis(), x->size() - 1))
      return emitOpError("axis ") << getAxis() << " out of range";
  }
  return checkIntScalar(*this, getDftLength(), "dft_length");
}
LogicalResult DFTOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getInput());
  if (failed(x))
    return failure();
  int64_t axis = *normalizeAxis(getAxis(), x->size() - 1);
  std::optional<int64_t> length = (*x)[axis];
  if (!isAbsent(getDftLength()))
    length = constantInt(getDftLength());
  if (!length)
    return needsDeclaredShape(*this, "dft_length");
  if (*length < 1)
    return emitOpError("dft_length ") << *length << " is not positive";
  Shape out = *x;
  out[axis] = getOnesided() ? *length / 2 + 1 : *length;
  out.back() = 2;
  return result(results, out, elementType(getInput()));
}

LogicalResult STFTOp::verify() {
  if (!llvm::isa<FloatType>(elementType(getSignal())) ||
      elementType(getSignal()) != elementType(getOutput()))
    return emitOpError("signal and result must have one float element type");
  if (!isAbsent(getWindow()) && elementType(getWindow()) != elementType(getSignal()))
    return emitOpError("window and signal element types differ");
  if (auto x = getStaticShape(getSignal())) {
    if (x->size() != 3 || (x->back() != 1 && x->back() != 2))
      return emitOpError("signal must be [batch, length, 1] (real) or [batch, length, 2]");
    if (x->back() == 2 && getOnesided())
      return emitOpError("onesided needs a real signal");
  }
  if (auto w = rankOf(getWindow()); w && *w != 1)
    return emitOpError("window must be 1-D");
  if (isAbsent(getWindow()) && isAbsent(getFrameLength()))
    return emitOpError("needs a window or a frame_length");
  if (failed(checkIntScalar(*this, getFrameStep(), "frame_step")))
    return failure();
  return checkIntScalar(*this, getFrameLength(), "frame_length");
}
LogicalResult STFTOp::inferShapes(SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(*this, getSignal());
  if (failed(x))
    return failure();
  std::optional<int64_t> length = constantInt(getFrameLength()), step = constantInt(getFrameStep());
  if (!length)
    if (auto w = getStaticShape(getWindow()))
      length = (*w)[0];
  if (!length || !step)
    return needsDeclaredShape(*this, "frame_step and frame_length");
  if (*length < 1 || *length > (*x)[1] || *step < 1)
    return emitOpError("frame_length ") << *length << " or frame_step " << *step
                                        << " does not fit a signal of length " << (*x)[1];
  int64_t frames = ((*x)[1] - *length) / *step + 1;
  return result(results, {(*x)[0], frames, getOnesided() ? *length / 2 + 1 : *length, 2},
                elementType(getSignal()));
}
