//===- OnnxQuantOps.td - linear quantization ops ----------------*- tablegen -*-===//
//
// Per-tensor (scale and zero point with one element) or per-axis (1-D of
// the size of x's dim `axis`) linear quantization; uint8/int8 quantized
// values. verify() and inferShapes() live in QuantOps.cpp. MatMulInteger,
// ConvInteger, QLinearMatMul and QLinearConv are rewritten by the importer
// into these and integer MatMul/Conv (compiler/importer/QuantizedOps.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_QUANT_OPS_TD
#define ONNXC_QUANT_OPS_TD

def ONNX_QuantizeLinearOp : ONNX_Op<"QuantizeLinear"> {
  let summary = "y = saturate(round_half_even(x / y_scale) + y_zero_point)";
  let arguments = (ins AnyTensor:$x, AnyTensor:$y_scale, AnyTensorOrNone:$y_zero_point,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$axis);
  let results = (outs AnyTensor:$y);
  let hasVerifier = 1;
}

def ONNX_DequantizeLinearOp : ONNX_Op<"DequantizeLinear"> {
  let summary = "y = (x - x_zero_point) * x_scale";
  let arguments = (ins AnyTensor:$x, AnyTensor:$x_scale, AnyTensorOrNone:$x_zero_point,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$axis);
  let results = (outs AnyTensor:$y);
  let hasVerifier = 1;
}

def ONNX_DynamicQuantizeLinearOp : ONNX_Op<"DynamicQuantizeLinear"> {
  let summary = "uint8 quantization of x with the scale and zero point of its range";
  let arguments = (ins AnyTensor:$x);
  let results = (outs AnyTensor:$y, AnyTensor:$y_scale, AnyTensor:$y_zero_point);
  let hasVerifier = 1;
}

#endif // ONNXC_QUANT_OPS_TD
