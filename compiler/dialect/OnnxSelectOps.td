//===- OnnxSelectOps.td - TopK, NonZero, Compress, Unique, NMS -*- tablegen -*-===//
//
// Ops that select elements by their values. Where the number selected
// depends on the data (all but TopK with a constant k), the result shape
// comes from the model's declared type and the generated code checks at run
// time that the data selects exactly that many. verify() and inferShapes()
// live in SelectOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_SELECT_OPS_TD
#define ONNXC_SELECT_OPS_TD

def ONNX_TopKOp : ONNX_Op<"TopK"> {
  let summary = "the k largest (or smallest) values along an axis and their indices";
  let arguments = (ins AnyTensor:$X, AnyTensor:$K,
                   DefaultValuedAttr<OnnxIntAttr, "-1">:$axis,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$largest,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$sorted);
  let results = (outs AnyTensor:$Values, AnyTensor:$Indices);
  let hasVerifier = 1;
}

def ONNX_NonZeroOp : ONNX_Op<"NonZero"> {
  let summary = "coordinates [rank, count] of the nonzero elements, in row-major order";
  let arguments = (ins AnyTensor:$X);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_CompressOp : ONNX_Op<"Compress"> {
  let summary = "the slices along axis (elements of the flattened input without axis) where condition is true";
  let arguments = (ins AnyTensor:$input, AnyTensor:$condition, OptionalAttr<OnnxIntAttr>:$axis);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_UniqueOp : ONNX_Op<"Unique"> {
  let summary = "distinct slices along axis (elements without axis), their first indices, inverse map and counts";
  let arguments = (ins AnyTensor:$X, OptionalAttr<OnnxIntAttr>:$axis,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$sorted);
  let results = (outs AnyTensor:$Y, AnyTensor:$indices, AnyTensor:$inverse_indices,
                 AnyTensor:$counts);
  let hasVerifier = 1;
}

def ONNX_NonMaxSuppressionOp : ONNX_Op<"NonMaxSuppression"> {
  let summary = "greedy per-class box selection by score, dropping boxes that overlap a kept one";
  let arguments = (ins AnyTensor:$boxes, AnyTensor:$scores,
                   AnyTensorOrNone:$max_output_boxes_per_class, AnyTensorOrNone:$iou_threshold,
                   AnyTensorOrNone:$score_threshold,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$center_point_box);
  let results = (outs AnyTensor:$selected_indices);
  let hasVerifier = 1;
}

#endif // ONNXC_SELECT_OPS_TD
