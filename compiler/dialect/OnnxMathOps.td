//===- OnnxMathOps.td - reductions, integer and float math ops -*- tablegen -*-===//
//
// Included at the end of OnnxOps.td: uses its op family classes.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_MATH_OPS_TD
#define ONNXC_MATH_OPS_TD

// Reductions with axes as an attribute (opset 17).
def ONNX_ReduceMinOp : ONNX_ReduceAttrOp<"ReduceMin">;
def ONNX_ReduceProdOp : ONNX_ReduceAttrOp<"ReduceProd">;
def ONNX_ReduceSumSquareOp : ONNX_ReduceAttrOp<"ReduceSumSquare">;
def ONNX_ReduceL1Op : ONNX_ReduceAttrOp<"ReduceL1">;
def ONNX_ReduceL2Op : ONNX_ReduceAttrOp<"ReduceL2">;
def ONNX_ReduceLogSumOp : ONNX_ReduceAttrOp<"ReduceLogSum">;
def ONNX_ReduceLogSumExpOp : ONNX_ReduceAttrOp<"ReduceLogSumExp">;

// Elementwise.
def ONNX_ModOp
    : ONNX_BinaryOp<"Mod", 1, "{}", (ins DefaultValuedAttr<OnnxIntAttr, "0">:$fmod)>;
def ONNX_BitShiftOp : ONNX_BinaryOp<"BitShift", 1, "{}", (ins StrAttr:$direction)>;
def ONNX_MishOp : ONNX_UnaryOp<"Mish">;
def ONNX_ShrinkOp
    : ONNX_UnaryOp<"Shrink", (ins DefaultValuedAttr<F32Attr, "0.5f">:$lambd,
                                  DefaultValuedAttr<F32Attr, "0.0f">:$bias)>;

// Per-element tests producing bool tensors of the input's shape.
class ONNX_PredicateOp<string mnemonic, dag attrs = (ins)> : ONNX_Op<mnemonic> {
  let arguments = !con((ins AnyTensor:$X), attrs);
  let results = (outs AnyTensor:$Y);
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferBroadcast(*this, ::mlir::IntegerType::get(getContext(), 1), results);
    }
  }];
}
def ONNX_IsNaNOp : ONNX_PredicateOp<"IsNaN">;
def ONNX_IsInfOp
    : ONNX_PredicateOp<"IsInf", (ins DefaultValuedAttr<OnnxIntAttr, "1">:$detect_negative,
                                     DefaultValuedAttr<OnnxIntAttr, "1">:$detect_positive)>;

#endif // ONNXC_MATH_OPS_TD
