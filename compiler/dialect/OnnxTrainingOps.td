//===- OnnxTrainingOps.td - optimizer steps (ai.onnx.preview.training) -*- tablegen -*-===//
//
// One optimizer step over n tensors: operands R (learning rate), T (update
// count), then n tensors of each per-tensor input in turn (X..., G..., ...);
// results the new values in the same grouping. verify() and inferShapes()
// live in TrainingOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_TRAINING_OPS_TD
#define ONNXC_TRAINING_OPS_TD

class ONNX_OptimizerOp<string mnemonic, dag attrs> : ONNX_Op<mnemonic> {
  let arguments = !con((ins AnyTensor:$R, AnyTensor:$T, Variadic<AnyTensor>:$inputs), attrs);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let hasVerifier = 1;
}

// X, G, H -> X_new, H_new
def ONNX_AdagradOp : ONNX_OptimizerOp<"Adagrad", (ins
    DefaultValuedAttr<F32Attr, "0.0f">:$decay_factor,
    DefaultValuedAttr<F32Attr, "0.0f">:$epsilon,
    DefaultValuedAttr<F32Attr, "0.0f">:$norm_coefficient)>;

// X, G, V -> X_new, V_new
def ONNX_MomentumOp : ONNX_OptimizerOp<"Momentum", (ins
    F32Attr:$alpha, F32Attr:$beta, StrAttr:$mode, F32Attr:$norm_coefficient)>;

// X, G, V, H -> X_new, V_new, H_new
def ONNX_AdamOp : ONNX_OptimizerOp<"Adam", (ins
    DefaultValuedAttr<F32Attr, "0.9f">:$alpha,
    DefaultValuedAttr<F32Attr, "0.999f">:$beta,
    DefaultValuedAttr<F32Attr, "0.0f">:$epsilon,
    DefaultValuedAttr<F32Attr, "0.0f">:$norm_coefficient,
    DefaultValuedAttr<F32Attr, "0.0f">:$norm_coefficient_post)>;

#endif // ONNXC_TRAINING_OPS_TD
