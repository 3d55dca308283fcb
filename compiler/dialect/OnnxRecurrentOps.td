//===- OnnxRecurrentOps.td - LSTM, GRU, RNN --------------------*- tablegen -*-===//
//
// The recurrent ops at opset 17 (layout attribute since 14). Every output is
// always a result: the importer gives an output the model leaves unnamed an
// unranked type, shape propagation makes it static, and dead-node
// elimination cannot drop it, so the kernel always writes Y, Y_h (and Y_c).
// Operand order is ONNX's; absent optional inputs are onnx.NoValue.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_RECURRENT_OPS_TD
#define ONNXC_RECURRENT_OPS_TD

include "compiler/dialect/OnnxDialect.td"

// Attributes shared by LSTM, GRU and RNN, plus each op's own.
class ONNX_RecurrentOp<string mnemonic, dag extraOperands, dag extraAttrs, dag outs>
    : ONNX_Op<mnemonic> {
  let arguments = !con(
      (ins AnyTensor:$X, AnyTensor:$W, AnyTensor:$R, AnyTensorOrNone:$B,
           AnyTensorOrNone:$sequence_lens, AnyTensorOrNone:$initial_h),
      extraOperands,
      (ins OptionalAttr<F32ArrayAttr>:$activation_alpha,
           OptionalAttr<F32ArrayAttr>:$activation_beta,
           OptionalAttr<StrArrayAttr>:$activations,
           OptionalAttr<F32Attr>:$clip,
           DefaultValuedStrAttr<StrAttr, "forward">:$direction,
           OptionalAttr<OnnxIntAttr>:$hidden_size,
           DefaultValuedAttr<OnnxIntAttr, "0">:$layout),
      extraAttrs);
  let results = outs;
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() { return ::onnxc::verifyRecurrentOp(*this); }
    ::mlir::LogicalResult $cppClass::inferShapes(
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return ::onnxc::inferRecurrent(*this, results);
    }
  }];
}

def ONNX_LSTMOp : ONNX_RecurrentOp<"LSTM",
    (ins AnyTensorOrNone:$initial_c, AnyTensorOrNone:$P),
    (ins DefaultValuedAttr<OnnxIntAttr, "0">:$input_forget),
    (outs AnyTensor:$Y, AnyTensor:$Y_h, AnyTensor:$Y_c)> {
  let summary = "long short-term memory (gates i, o, f, c; optional peepholes)";
}

def ONNX_GRUOp : ONNX_RecurrentOp<"GRU", (ins),
    (ins DefaultValuedAttr<OnnxIntAttr, "0">:$linear_before_reset),
    (outs AnyTensor:$Y, AnyTensor:$Y_h)> {
  let summary = "gated recurrent unit (gates z, r, h)";
}

def ONNX_RNNOp : ONNX_RecurrentOp<"RNN", (ins), (ins), (outs AnyTensor:$Y, AnyTensor:$Y_h)> {
  let summary = "simple (Elman) recurrent network";
}

#endif // ONNXC_RECURRENT_OPS_TD
