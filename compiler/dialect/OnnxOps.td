//===- OnnxOps.td - ops of the `onnx` dialect ------------------*- tablegen -*-===//
//
// Operator semantics are ONNX opset 17's; see https://onnx.ai/onnx/operators/.
// The importer rewrites older opsets into these forms.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_OPS_TD
#define ONNXC_OPS_TD

include "compiler/dialect/OnnxDialect.td"

//===----------------------------------------------------------------------===//
// Constants and plumbing
//===----------------------------------------------------------------------===//

def ONNX_ConstantOp : ONNX_Op<"Constant", [ConstantLike]> {
  let summary = "constant tensor (ONNX Constant nodes and initializers)";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
  // `onnx.Constant dense<...> : tensor<...>`: the result type is the value's.
  let hasCustomAssemblyFormat = 1;
}

def ONNX_NoValueOp : ONNX_Op<"NoValue", [ConstantLike]> {
  let summary = "placeholder for an absent optional input";
  let results = (outs NoneType:$none);
  let hasFolder = 1;
  let assemblyFormat = "attr-dict";
}

def ONNX_IdentityOp : ONNX_Op<"Identity"> {
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def ONNX_CastOp : ONNX_Op<"Cast"> {
  let summary = "element type conversion; `to` is an ONNX TensorProto dtype";
  let arguments = (ins AnyTensor:$input, OnnxIntAttr:$to);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def ONNX_CastLikeOp : ONNX_Op<"CastLike"> {
  let summary = "Cast to the element type of `target_type` (whose values are not read)";
  let arguments = (ins AnyTensor:$input, AnyTensor:$target_type);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Elementwise with multidirectional (numpy) broadcasting
//===----------------------------------------------------------------------===//

// The family classes define verify() and inferShapes() through the helpers
// of OpFamilies.h.
class ONNX_BinaryOp<string mnemonic, bit sameTypes = 1, string resultType = "{}",
                    dag attrs = (ins)>
    : ONNX_Op<mnemonic> {
  let arguments = !con((ins AnyTensor:$A, AnyTensor:$B), attrs);
  let results = (outs AnyTensor:$C);
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::onnxc::foldElementwise(*this, adaptor.getOperands());
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return ::onnxc::verifyBinaryOp(*this, }] # !if(sameTypes, "true", "false") # [{);
    }
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferBroadcast(*this, }] # resultType # [{, results);
    }
  }];
}
def ONNX_AddOp : ONNX_BinaryOp<"Add">;
def ONNX_SubOp : ONNX_BinaryOp<"Sub">;
def ONNX_MulOp : ONNX_BinaryOp<"Mul">;
def ONNX_DivOp : ONNX_BinaryOp<"Div">;
def ONNX_PowOp : ONNX_BinaryOp<"Pow", /*sameTypes=*/0>;
def ONNX_PReluOp : ONNX_BinaryOp<"PRelu">;

// Comparisons and logic produce bool tensors.
class ONNX_CompareOp<string mnemonic>
    : ONNX_BinaryOp<mnemonic, 1, "::mlir::IntegerType::get(getContext(), 1)">;
def ONNX_EqualOp : ONNX_CompareOp<"Equal">;
def ONNX_LessOp : ONNX_CompareOp<"Less">;
def ONNX_LessOrEqualOp : ONNX_CompareOp<"LessOrEqual">;
def ONNX_GreaterOp : ONNX_CompareOp<"Greater">;
def ONNX_GreaterOrEqualOp : ONNX_CompareOp<"GreaterOrEqual">;
def ONNX_AndOp : ONNX_CompareOp<"And">;
def ONNX_OrOp : ONNX_CompareOp<"Or">;
def ONNX_XorOp : ONNX_CompareOp<"Xor">;

class ONNX_VariadicOp<string mnemonic> : ONNX_Op<mnemonic> {
  let arguments = (ins Variadic<AnyTensor>:$data_0);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::onnxc::foldElementwise(*this, adaptor.getOperands());
    }
    ::mlir::LogicalResult $cppClass::verify() { return ::onnxc::verifyVariadicOp(*this); }
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferBroadcast(*this, {}, results);
    }
  }];
}
def ONNX_MaxOp : ONNX_VariadicOp<"Max">;
def ONNX_MinOp : ONNX_VariadicOp<"Min">;
def ONNX_SumOp : ONNX_VariadicOp<"Sum">;
def ONNX_MeanOp : ONNX_VariadicOp<"Mean">;

//===----------------------------------------------------------------------===//
// Elementwise unary and activations
//===----------------------------------------------------------------------===//

class ONNX_UnaryOp<string mnemonic, dag attrs = (ins)> : ONNX_Op<mnemonic> {
  let arguments = !con((ins AnyTensor:$X), attrs);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::onnxc::foldElementwise(*this, adaptor.getOperands());
    }
    ::mlir::LogicalResult $cppClass::verify() { return ::onnxc::verifyUnaryOp(*this); }
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferSameAsInput(*this, results);
    }
  }];
}
def ONNX_SqrtOp : ONNX_UnaryOp<"Sqrt">;
def ONNX_NegOp : ONNX_UnaryOp<"Neg">;
def ONNX_AbsOp : ONNX_UnaryOp<"Abs">;
def ONNX_ExpOp : ONNX_UnaryOp<"Exp">;
def ONNX_LogOp : ONNX_UnaryOp<"Log">;
def ONNX_ReluOp : ONNX_UnaryOp<"Relu">;
def ONNX_SigmoidOp : ONNX_UnaryOp<"Sigmoid">;
def ONNX_TanhOp : ONNX_UnaryOp<"Tanh">;
def ONNX_HardSwishOp : ONNX_UnaryOp<"HardSwish">;
def ONNX_NotOp : ONNX_UnaryOp<"Not">;
def ONNX_FloorOp : ONNX_UnaryOp<"Floor">;
def ONNX_CeilOp : ONNX_UnaryOp<"Ceil">;
def ONNX_RoundOp : ONNX_UnaryOp<"Round">;
def ONNX_SignOp : ONNX_UnaryOp<"Sign">;
def ONNX_ReciprocalOp : ONNX_UnaryOp<"Reciprocal">;
def ONNX_ErfOp : ONNX_UnaryOp<"Erf">;
def ONNX_SoftplusOp : ONNX_UnaryOp<"Softplus">;
def ONNX_SoftsignOp : ONNX_UnaryOp<"Softsign">;
def ONNX_SinOp : ONNX_UnaryOp<"Sin">;
def ONNX_CosOp : ONNX_UnaryOp<"Cos">;
def ONNX_TanOp : ONNX_UnaryOp<"Tan">;
def ONNX_AsinOp : ONNX_UnaryOp<"Asin">;
def ONNX_AcosOp : ONNX_UnaryOp<"Acos">;
def ONNX_AtanOp : ONNX_UnaryOp<"Atan">;
def ONNX_SinhOp : ONNX_UnaryOp<"Sinh">;
def ONNX_CoshOp : ONNX_UnaryOp<"Cosh">;
def ONNX_AsinhOp : ONNX_UnaryOp<"Asinh">;
def ONNX_AcoshOp : ONNX_UnaryOp<"Acosh">;
def ONNX_AtanhOp : ONNX_UnaryOp<"Atanh">;
def ONNX_LeakyReluOp
    : ONNX_UnaryOp<"LeakyRelu", (ins DefaultValuedAttr<F32Attr, "0.01f">:$alpha)>;
// ONNX's Gelu is opset 20, after the opset onnxc imports at: models hold it
// decomposed, and onnx-recognize-gelu makes this op from those forms.
def ONNX_GeluOp
    : ONNX_UnaryOp<"Gelu", (ins DefaultValuedStrAttr<StrAttr, "none">:$approximate)>;
def ONNX_HardSigmoidOp
    : ONNX_UnaryOp<"HardSigmoid", (ins DefaultValuedAttr<F32Attr, "0.2f">:$alpha,
                                       DefaultValuedAttr<F32Attr, "0.5f">:$beta)>;
def ONNX_EluOp : ONNX_UnaryOp<"Elu", (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_CeluOp : ONNX_UnaryOp<"Celu", (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_ThresholdedReluOp
    : ONNX_UnaryOp<"ThresholdedRelu", (ins DefaultValuedAttr<F32Attr, "1.0f">:$alpha)>;
def ONNX_SeluOp
    : ONNX_UnaryOp<"Selu", (ins DefaultValuedAttr<F32Attr, "1.67326319217681884765625f">:$alpha,
                                DefaultValuedAttr<F32Attr, "1.05070102214813232421875f">:$gamma)>;

def ONNX_ClipOp : ONNX_Op<"Clip"> {
  let summary = "clamp to [min, max]; absent bounds are the type's limits";
  let arguments = (ins AnyTensor:$input, AnyTensorOrNone:$min, AnyTensorOrNone:$max);
  let results = (outs AnyTensor:$output);
}

class ONNX_SoftmaxLikeOp<string mnemonic> : ONNX_Op<mnemonic> {
  let arguments = (ins AnyTensor:$input, DefaultValuedAttr<OnnxIntAttr, "-1">:$axis);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}
def ONNX_SoftmaxOp : ONNX_SoftmaxLikeOp<"Softmax">;
def ONNX_LogSoftmaxOp : ONNX_SoftmaxLikeOp<"LogSoftmax">;
// 1 at the first maximum along the axis, 0 elsewhere.
def ONNX_HardmaxOp : ONNX_SoftmaxLikeOp<"Hardmax">;

//===----------------------------------------------------------------------===//
// Linear algebra, convolution, normalization, pooling
//===----------------------------------------------------------------------===//

def ONNX_MatMulOp : ONNX_Op<"MatMul"> {
  let summary = "numpy.matmul: batched, with broadcasting of the batch dims";
  let description = [{
    `bias` is not ONNX's: onnx-fuse-matmul-bias moves an Add of a [N] vector
    after the MatMul into it (Y = A * B + bias, bias added to every row).
    Imported MatMuls never have it.
  }];
  let arguments = (ins AnyTensor:$A, AnyTensor:$B, Optional<AnyTensor>:$bias);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_GemmOp : ONNX_Op<"Gemm"> {
  let summary = "Y = alpha * op(A) * op(B) + beta * C (C broadcast to Y)";
  let description = [{
    `addend` is not ONNX's: onnx-fuse-residual-add moves an Add of a tensor
    of Y's shape after the Gemm into it (Y = alpha * A * B + beta * C + addend,
    added before a fused activation). Imported Gemms never have it.
  }];
  let arguments = (ins AnyTensor:$A, AnyTensor:$B, AnyTensorOrNone:$C,
                   DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
                   DefaultValuedAttr<F32Attr, "1.0f">:$beta,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$transA,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$transB,
                   Optional<AnyTensor>:$addend);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_ConvOp : ONNX_Op<"Conv"> {
  let summary = "N-d grouped, strided, dilated, padded convolution";
  let description = [{
    `addend` is not ONNX's: onnx-fuse-residual-add moves an Add of a tensor
    of Y's shape after the Conv into it (Y = X (*) W + B + addend, added
    before a fused activation: a residual connection). Imported Convs never
    have it.
  }];
  let arguments = (ins AnyTensor:$X, AnyTensor:$W, AnyTensorOrNone:$B,
                   DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides,
                   Optional<AnyTensor>:$addend);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_BatchNormalizationOp : ONNX_Op<"BatchNormalization"> {
  let summary = "batch normalization; with training_mode, by the batch's own statistics";
  let arguments = (ins AnyTensor:$X, AnyTensor:$scale, AnyTensor:$B,
                   AnyTensor:$input_mean, AnyTensor:$input_var,
                   DefaultValuedAttr<F32Attr, "1e-05f">:$epsilon,
                   DefaultValuedAttr<F32Attr, "0.9f">:$momentum,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$training_mode);
  // running: running_mean then running_var, as many as the node names
  // (training_mode only).
  let results = (outs AnyTensor:$Y, Variadic<AnyTensor>:$running);
  let hasVerifier = 1;
}

def ONNX_MaxPoolOp : ONNX_Op<"MaxPool"> {
  let arguments = (ins AnyTensor:$X,
                   DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$ceil_mode,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   I64ArrayAttr:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$storage_order,
                   OptionalAttr<I64ArrayAttr>:$strides);
  // Indices: each maximum's flat offset in X (storage_order 1: the spatial
  // part column-major).
  let results = (outs AnyTensor:$Y, Optional<AnyTensor>:$Indices);
  let hasVerifier = 1;
}

def ONNX_AveragePoolOp : ONNX_Op<"AveragePool"> {
  let arguments = (ins AnyTensor:$X,
                   DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$ceil_mode,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$count_include_pad,
                   I64ArrayAttr:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_GlobalAveragePoolOp : ONNX_Op<"GlobalAveragePool"> {
  let arguments = (ins AnyTensor:$X);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// The Reduce* ops take axes as an attribute at opset 17 (more of them in
// OnnxMathOps.td); ReduceSum takes them as an optional input (since opset 13).
class ONNX_ReduceAttrOp<string mnemonic> : ONNX_Op<mnemonic> {
  let arguments = (ins AnyTensor:$data, OptionalAttr<I64ArrayAttr>:$axes,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$keepdims);
  let results = (outs AnyTensor:$reduced);
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferReduce(*this, getData(), ::onnxc::toInts(getAxes()),
                                  getKeepdims(), false, results);
    }
  }];
}
def ONNX_ReduceMeanOp : ONNX_ReduceAttrOp<"ReduceMean">;
def ONNX_ReduceMaxOp : ONNX_ReduceAttrOp<"ReduceMax">;

def ONNX_ReduceSumOp : ONNX_Op<"ReduceSum"> {
  let arguments = (ins AnyTensor:$data, AnyTensorOrNone:$axes,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$keepdims,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$noop_with_empty_axes);
  let results = (outs AnyTensor:$reduced);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def ONNX_ReshapeOp : ONNX_Op<"Reshape"> {
  let arguments = (ins AnyTensor:$data, AnyTensor:$shape,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$allowzero);
  let results = (outs AnyTensor:$reshaped);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def ONNX_FlattenOp : ONNX_Op<"Flatten"> {
  let arguments = (ins AnyTensor:$input, DefaultValuedAttr<OnnxIntAttr, "1">:$axis);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def ONNX_TransposeOp : ONNX_Op<"Transpose"> {
  let arguments = (ins AnyTensor:$data, OptionalAttr<I64ArrayAttr>:$perm);
  let results = (outs AnyTensor:$transposed);
  let hasVerifier = 1;
}

def ONNX_ConcatOp : ONNX_Op<"Concat"> {
  let arguments = (ins Variadic<AnyTensor>:$inputs, OnnxIntAttr:$axis);
  let results = (outs AnyTensor:$concat_result);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def ONNX_SqueezeOp : ONNX_Op<"Squeeze"> {
  let arguments = (ins AnyTensor:$data, AnyTensorOrNone:$axes);
  let results = (outs AnyTensor:$squeezed);
  let hasFolder = 1;
}

def ONNX_UnsqueezeOp : ONNX_Op<"Unsqueeze"> {
  let arguments = (ins AnyTensor:$data, AnyTensor:$axes);
  let results = (outs AnyTensor:$expanded);
  let hasFolder = 1;
}

def ONNX_ShapeOp : ONNX_Op<"Shape"> {
  let summary = "the input's dims [start, end) as int64 (known at compile time)";
  let arguments = (ins AnyTensor:$data, OptionalAttr<OnnxIntAttr>:$start,
                   OptionalAttr<OnnxIntAttr>:$end);
  let results = (outs AnyTensor:$shape);
  let hasFolder = 1;
}

def ONNX_GatherOp : ONNX_Op<"Gather"> {
  let arguments = (ins AnyTensor:$data, AnyTensor:$indices,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$axis);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def ONNX_SliceOp : ONNX_Op<"Slice"> {
  let summary = "strided slice; starts/ends/axes/steps must be constants";
  let arguments = (ins AnyTensor:$data, AnyTensor:$starts, AnyTensor:$ends,
                   AnyTensorOrNone:$axes, AnyTensorOrNone:$steps);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def ONNX_ExpandOp : ONNX_Op<"Expand"> {
  let summary = "broadcast to a constant shape";
  let arguments = (ins AnyTensor:$input, AnyTensor:$shape);
  let results = (outs AnyTensor:$output);
}

def ONNX_WhereOp : ONNX_Op<"Where"> {
  let summary = "condition ? X : Y with broadcasting of all three";
  let arguments = (ins AnyTensor:$condition, AnyTensor:$X, AnyTensor:$Y);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::onnxc::foldElementwise(*this, adaptor.getOperands());
    }
  }];
}

//===----------------------------------------------------------------------===//
// Losses, normalization, resampling (one file per family)
//===----------------------------------------------------------------------===//

include "compiler/dialect/OnnxLossOps.td"
include "compiler/dialect/OnnxNormOps.td"
include "compiler/dialect/OnnxResampleOps.td"
include "compiler/dialect/OnnxMathOps.td"

//===----------------------------------------------------------------------===//
// Indexing, gather/scatter, splits, generators
//===----------------------------------------------------------------------===//

include "compiler/dialect/OnnxIndexOps.td"
include "compiler/dialect/OnnxNdIndexOps.td"
include "compiler/dialect/OnnxSelectOps.td"
include "compiler/dialect/OnnxLinalgOps.td"
include "compiler/dialect/OnnxSignalOps.td"
include "compiler/dialect/OnnxSpatialOps.td"

//===----------------------------------------------------------------------===//
// Recurrent networks and control flow (their own files)
//===----------------------------------------------------------------------===//

include "compiler/dialect/OnnxRecurrentOps.td"
include "compiler/dialect/OnnxControlOps.td"

//===----------------------------------------------------------------------===//
// Optimizer steps of the ai.onnx.preview.training domain
//===----------------------------------------------------------------------===//

include "compiler/dialect/OnnxTrainingOps.td"

//===----------------------------------------------------------------------===//
// Linear quantization
//===----------------------------------------------------------------------===//

include "compiler/dialect/OnnxQuantOps.td"

#endif // ONNXC_OPS_TD
