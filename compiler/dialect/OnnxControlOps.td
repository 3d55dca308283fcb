//===- OnnxControlOps.td - If and the region terminator --------*- tablegen -*-===//
//
// ONNX subgraphs become regions of one block. A subgraph reads values of the
// enclosing graphs directly (MLIR regions see the values defined above them)
// and ends in onnx.Yield, whose operands are the subgraph's outputs.
//
//===----------------------------------------------------------------------===//

#ifndef ONNXC_CONTROL_OPS_TD
#define ONNXC_CONTROL_OPS_TD

include "compiler/dialect/OnnxDialect.td"

def ONNX_IfOp : ONNX_Op<"If", [NoRegionArguments]> {
  let summary = "runs then_branch or else_branch by a one-element bool condition";
  let description = [{
    Both branches yield values of the result types. The C++ backend emits a
    real if/else; the branches' intermediates share the arena, since only one
    of them runs.
  }];
  let arguments = (ins AnyTensor:$cond);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let regions = (region SizedRegion<1>:$then_branch, SizedRegion<1>:$else_branch);
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def ONNX_YieldOp : ONNX_Op<"Yield", [Terminator, HasParent<"IfOp">]> {
  let summary = "the outputs of a subgraph";
  let arguments = (ins Variadic<AnyTensor>:$outputs);
  let assemblyFormat = "attr-dict ($outputs^ `:` type($outputs))?";
}

#endif // ONNXC_CONTROL_OPS_TD
