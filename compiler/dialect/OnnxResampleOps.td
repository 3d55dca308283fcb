//===- OnnxResampleOps.td - Resize --------------------------------*- tablegen -*-===//
//
// Included from OnnxOps.td; verify() and inferShapes() are in ResizeOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_RESAMPLE_OPS_TD
#define ONNXC_RESAMPLE_OPS_TD

def ONNX_ResizeOp : ONNX_Op<"Resize"> {
  let summary = "nearest/linear/cubic resampling; roi, scales and sizes must be constants";
  let arguments = (ins AnyTensor:$X, AnyTensorOrNone:$roi, AnyTensorOrNone:$scales,
                   AnyTensorOrNone:$sizes,
                   DefaultValuedStrAttr<StrAttr, "half_pixel">:$coordinate_transformation_mode,
                   DefaultValuedAttr<F32Attr, "-0.75f">:$cubic_coeff_a,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$exclude_outside,
                   DefaultValuedAttr<F32Attr, "0.0f">:$extrapolation_value,
                   DefaultValuedStrAttr<StrAttr, "nearest">:$mode,
                   DefaultValuedStrAttr<StrAttr, "round_prefer_floor">:$nearest_mode);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

#endif // ONNXC_RESAMPLE_OPS_TD
