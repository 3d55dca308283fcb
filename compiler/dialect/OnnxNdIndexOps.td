//===- OnnxNdIndexOps.td - GatherND, ScatterND, ReverseSequence -*- tablegen -*-===//
//
// Ops that address whole slices of their data by run-time index tuples or
// lengths. verify() and inferShapes() live in NdIndexOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_ND_INDEX_OPS_TD
#define ONNXC_ND_INDEX_OPS_TD

def ONNX_GatherNDOp : ONNX_Op<"GatherND"> {
  let summary = "slices of data named by the index tuples in the last dim of indices";
  let arguments = (ins AnyTensor:$data, AnyTensor:$indices,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$batch_dims);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_ScatterNDOp : ONNX_Op<"ScatterND"> {
  let summary = "data with the slices named by index tuples replaced (or combined) by updates";
  let arguments = (ins AnyTensor:$data, AnyTensor:$indices, AnyTensor:$updates,
                   DefaultValuedStrAttr<StrAttr, "none">:$reduction);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_ReverseSequenceOp : ONNX_Op<"ReverseSequence"> {
  let summary = "reverses the first sequence_lens[b] steps along time_axis of each batch entry";
  let arguments = (ins AnyTensor:$input, AnyTensor:$sequence_lens,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$batch_axis,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$time_axis);
  let results = (outs AnyTensor:$Y);
  let hasVerifier = 1;
}

#endif // ONNXC_ND_INDEX_OPS_TD
