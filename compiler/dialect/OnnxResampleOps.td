//===- OnnxResampleOps.td - Resize, GridSample, RoiAlign ----------*- tablegen -*-===//
//
// Included from OnnxOps.td; verify() and inferShapes() are in ResizeOps.cpp
// (Resize) and SampleOps.cpp (GridSample, RoiAlign).
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

def ONNX_GridSampleOp : ONNX_Op<"GridSample"> {
  let summary = "samples X [N,C,H,W] at the normalized points of grid [N,Ho,Wo,2]";
  let arguments = (ins AnyTensor:$X, AnyTensor:$grid,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$align_corners,
                   DefaultValuedStrAttr<StrAttr, "bilinear">:$mode,
                   DefaultValuedStrAttr<StrAttr, "zeros">:$padding_mode);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_RoiAlignOp : ONNX_Op<"RoiAlign"> {
  let summary = "average or max of bilinear samples of X in each bin of each region";
  let arguments = (ins AnyTensor:$X, AnyTensor:$rois, AnyTensor:$batch_indices,
                   DefaultValuedStrAttr<StrAttr, "half_pixel">:$coordinate_transformation_mode,
                   DefaultValuedStrAttr<StrAttr, "avg">:$mode,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$output_height,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$output_width,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$sampling_ratio,
                   DefaultValuedAttr<F32Attr, "1.0f">:$spatial_scale);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

#endif // ONNXC_RESAMPLE_OPS_TD
