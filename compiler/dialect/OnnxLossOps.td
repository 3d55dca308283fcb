//===- OnnxLossOps.td - loss ops of the `onnx` dialect ---------*- tablegen -*-===//
//
// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (opset 13). Included
// from OnnxOps.td; verify() and inferShapes() are in LossOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_LOSS_OPS_TD
#define ONNXC_LOSS_OPS_TD

def ONNX_NegativeLogLikelihoodLossOp : ONNX_Op<"NegativeLogLikelihoodLoss"> {
  let summary = "loss[n, d...] = -input[n, target[n, d...], d...] * weight[target]";
  let arguments = (ins AnyTensor:$input, AnyTensor:$target, AnyTensorOrNone:$weight,
                   OptionalAttr<OnnxIntAttr>:$ignore_index,
                   DefaultValuedStrAttr<StrAttr, "mean">:$reduction);
  let results = (outs AnyTensor:$loss);
  let hasVerifier = 1;
}

def ONNX_SoftmaxCrossEntropyLossOp : ONNX_Op<"SoftmaxCrossEntropyLoss"> {
  let summary = "NegativeLogLikelihoodLoss of LogSoftmax(scores) along axis 1";
  let arguments = (ins AnyTensor:$scores, AnyTensor:$labels, AnyTensorOrNone:$weights,
                   OptionalAttr<OnnxIntAttr>:$ignore_index,
                   DefaultValuedStrAttr<StrAttr, "mean">:$reduction);
  let results = (outs AnyTensor:$output, Optional<AnyTensor>:$log_prob);
  let hasVerifier = 1;
}

#endif // ONNXC_LOSS_OPS_TD
