//===- OnnxLinalgOps.td - Det, Einsum ---------------------------*- tablegen -*-===//
//
// Linear algebra beyond MatMul/Gemm. verify() and inferShapes() live in
// LinalgOps.cpp; Einsum's subscripts are planned by EinsumPlan.h, which the
// C++ backend shares.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_LINALG_OPS_TD
#define ONNXC_LINALG_OPS_TD

def ONNX_DetOp : ONNX_Op<"Det"> {
  let summary = "determinant of each square matrix in the last two dims";
  let arguments = (ins FloatTensor:$X);
  let results = (outs FloatTensor:$Y);
  let hasVerifier = 1;
}

def ONNX_EinsumOp : ONNX_Op<"Einsum"> {
  let summary = "Einstein summation over the subscripts of `equation`";
  let arguments = (ins Variadic<AnyTensor>:$Inputs, StrAttr:$equation);
  let results = (outs AnyTensor:$Output);
  let hasVerifier = 1;
}

#endif // ONNXC_LINALG_OPS_TD
