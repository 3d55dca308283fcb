//===- OnnxControlOps.td - If, Loop, Scan and their terminator -*- tablegen -*-===//
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

def ONNX_LoopOp : ONNX_Op<"Loop"> {
  let summary = "runs the body while i < M and cond; carries state, stacks scan outputs";
  let description = [{
    The body's arguments are the iteration number (tensor<i64>), the
    condition (tensor<i1>) and the loop-carried values; it yields the next
    condition, the carried values and one slice of each scan output. Scan
    outputs have a static first dim (the constant M, or the model's declared
    output shape): a run that needs more iterations returns a status code.
  }];
  let arguments = (ins AnyTensorOrNone:$M, AnyTensorOrNone:$cond, Variadic<AnyTensor>:$v_initial);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let hasVerifier = 1;
}

def ONNX_ScanOp : ONNX_Op<"Scan"> {
  let summary = "runs the body over slices of the scan inputs, carrying state";
  let description = [{
    Operands: the initial states, then num_scan_inputs scan inputs. The body
    takes the states and one slice of each scan input and yields the next
    states and one slice of each scan output. Scan axes must be 0; either
    direction is supported.
  }];
  let arguments = (ins Variadic<AnyTensor>:$inputs, OnnxIntAttr:$num_scan_inputs,
                   OptionalAttr<I64ArrayAttr>:$scan_input_axes,
                   OptionalAttr<I64ArrayAttr>:$scan_input_directions,
                   OptionalAttr<I64ArrayAttr>:$scan_output_axes,
                   OptionalAttr<I64ArrayAttr>:$scan_output_directions);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let hasVerifier = 1;
}

def ONNX_YieldOp : ONNX_Op<"Yield", [Terminator, ParentOneOf<["IfOp", "LoopOp", "ScanOp"]>]> {
  let summary = "the outputs of a subgraph";
  let arguments = (ins Variadic<AnyTensor>:$outputs);
  let assemblyFormat = "attr-dict ($outputs^ `:` type($outputs))?";
}

#endif // ONNXC_CONTROL_OPS_TD
