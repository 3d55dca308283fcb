//===- OnnxIndexOps.td - indexing, gather/scatter, generators -*- tablegen -*-===//
//
// Ops whose work is index arithmetic: arg-reductions, gathers and scatters,
// splits and tiles, sequence generators. verify() and inferShapes() live in
// IndexOps.cpp. Ops whose result shape depends on input values (Range, Tile,
// OneHot, TopK, ConstantOfShape, Slice) take it from the model's declared
// type or from constant inputs; the generated code checks the run-time
// values against it.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_INDEX_OPS_TD
#define ONNXC_INDEX_OPS_TD

class ONNX_ArgOp<string mnemonic> : ONNX_Op<mnemonic> {
  let summary = "index of the max/min along an axis (first, or last with select_last_index)";
  let arguments = (ins AnyTensor:$data, DefaultValuedAttr<OnnxIntAttr, "0">:$axis,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$keepdims,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$select_last_index);
  let results = (outs AnyTensor:$reduced);
  let hasVerifier = 1;
}
def ONNX_ArgMaxOp : ONNX_ArgOp<"ArgMax">;
def ONNX_ArgMinOp : ONNX_ArgOp<"ArgMin">;

def ONNX_SizeOp : ONNX_Op<"Size"> {
  let summary = "element count of the input as an int64 scalar";
  let arguments = (ins AnyTensor:$data);
  let results = (outs AnyTensor:$size);
}

def ONNX_GatherElementsOp : ONNX_Op<"GatherElements"> {
  let arguments = (ins AnyTensor:$data, AnyTensor:$indices,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$axis);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_ScatterElementsOp : ONNX_Op<"ScatterElements"> {
  let arguments = (ins AnyTensor:$data, AnyTensor:$indices, AnyTensor:$updates,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$axis,
                   DefaultValuedStrAttr<StrAttr, "none">:$reduction);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_TriluOp : ONNX_Op<"Trilu"> {
  let summary = "upper/lower triangle of the last two dims, k-th diagonal (run-time k)";
  let arguments = (ins AnyTensor:$input, AnyTensorOrNone:$k,
                   DefaultValuedAttr<OnnxIntAttr, "1">:$upper);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_SplitOp : ONNX_Op<"Split"> {
  let summary = "split along an axis into constant-size parts (equal when `split` is absent)";
  let arguments = (ins AnyTensor:$input, AnyTensorOrNone:$split,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$axis);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let hasVerifier = 1;
}

def ONNX_RangeOp : ONNX_Op<"Range"> {
  let arguments = (ins AnyTensor:$start, AnyTensor:$limit, AnyTensor:$delta);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_CumSumOp : ONNX_Op<"CumSum"> {
  let summary = "cumulative sum along a (run-time) axis";
  let arguments = (ins AnyTensor:$x, AnyTensor:$axis,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$exclusive,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$reverse);
  let results = (outs AnyTensor:$y);
  let hasVerifier = 1;
}

def ONNX_TileOp : ONNX_Op<"Tile"> {
  let arguments = (ins AnyTensor:$input, AnyTensor:$repeats);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_OneHotOp : ONNX_Op<"OneHot"> {
  let arguments = (ins AnyTensor:$indices, AnyTensor:$depth, AnyTensor:$values,
                   DefaultValuedAttr<OnnxIntAttr, "-1">:$axis);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_EyeLikeOp : ONNX_Op<"EyeLike"> {
  let arguments = (ins AnyTensor:$input, OptionalAttr<OnnxIntAttr>:$dtype,
                   DefaultValuedAttr<OnnxIntAttr, "0">:$k);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def ONNX_ConstantOfShapeOp : ONNX_Op<"ConstantOfShape"> {
  let arguments = (ins AnyTensor:$input, OptionalAttr<ElementsAttr>:$value);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

#endif // ONNXC_INDEX_OPS_TD
