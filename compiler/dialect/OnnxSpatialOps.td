//===- OnnxSpatialOps.td - transposed convolution, padding, rearranging -*- tablegen -*-===//
//
// Ops that move or scatter values across the spatial dims of NCHW-style
// tensors: ConvTranspose, MaxUnpool, Pad, DepthToSpace, SpaceToDepth. verify() and
// inferShapes() live in SpatialOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_SPATIAL_OPS_TD
#define ONNXC_SPATIAL_OPS_TD

def ONNX_ConvTransposeOp : ONNX_Op<"ConvTranspose"> {
  let summary = "N-d grouped, strided, dilated, padded transposed convolution";
  let arguments = (ins AnyTensor:$X, AnyTensor:$W, AnyTensorOrNone:$B,
                   DefaultValuedStrAttr<StrAttr, "NOTSET">:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$output_padding,
                   OptionalAttr<I64ArrayAttr>:$output_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_MaxUnpoolOp : ONNX_Op<"MaxUnpool"> {
  let summary = "scatters X to MaxPool's Indices in a zero tensor";
  // output_shape, when given, must be a constant (the result's shape).
  let arguments = (ins AnyTensor:$X, AnyTensor:$I, AnyTensorOrNone:$output_shape,
                   I64ArrayAttr:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_PadOp : ONNX_Op<"Pad"> {
  // Opset 17 (onnx 1.12's newest) has no `axes` input yet; opset-2 attribute
  // pads are rewritten to this form by the version converter.
  let summary = "constant/reflect/edge padding; pads and constant_value may be run-time inputs";
  let arguments = (ins AnyTensor:$data, AnyTensor:$pads, AnyTensorOrNone:$constant_value,
                   DefaultValuedStrAttr<StrAttr, "constant">:$mode);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

class ONNX_BlockRearrangeOp<string mnemonic, dag modeAttr> : ONNX_Op<mnemonic> {
  let arguments = !con((ins AnyTensor:$input, OnnxIntAttr:$blocksize), modeAttr);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}
def ONNX_DepthToSpaceOp
    : ONNX_BlockRearrangeOp<"DepthToSpace", (ins DefaultValuedStrAttr<StrAttr, "DCR">:$mode)>;
def ONNX_SpaceToDepthOp : ONNX_BlockRearrangeOp<"SpaceToDepth", (ins)>;

#endif // ONNXC_SPATIAL_OPS_TD
