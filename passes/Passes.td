//===- Passes.td - onnxc passes --------------------------------*- tablegen -*-===//
#ifndef ONNXC_PASSES_TD
#define ONNXC_PASSES_TD

include "mlir/Pass/PassBase.td"

def ShapePropagation : Pass<"onnx-shape-propagation", "mlir::func::FuncOp"> {
  let summary = "Make every tensor type static";
  let description = [{
    Walks the ops in order and, for each result whose type is not a static
    ranked tensor, computes it with the op's ShapeInference interface. Fails
    with an error naming the op when a shape cannot be made static. Updates
    the function signature to the refined result types.

    Once an op's results are static, its folder runs: shape computations
    (Shape -> Gather -> Unsqueeze -> Concat, integer arithmetic) become
    onnx.Constant, so that a Reshape, Expand or Slice after them has the
    constant operand its shape inference needs. The folded ops are left
    without uses, for dead-node elimination.
  }];
}

def DeadNodeElimination : Pass<"onnx-dead-node-elimination", "mlir::func::FuncOp"> {
  let summary = "Erase ops (and initializers) whose results nobody uses";
}

def EvaluateConstants : Pass<"onnx-evaluate-constants", "mlir::func::FuncOp"> {
  let summary = "Replace float ops whose operands are all constants by the constant they compute";
  let description = [{
    Elementwise arithmetic (numpy broadcasting), Transpose, MatMul and Gemm
    on float constants are computed at compile time in double with Eigen and
    stored in the result's element type, in program order so that a whole
    constant subgraph folds. A result larger than its largest operand (and
    than 4096 elements) is left to run time.
  }];
}

def CancelTransposeReshape : Pass<"onnx-cancel-transpose-reshape", "mlir::func::FuncOp"> {
  let summary = "Merge chained Transposes and reshapes; drop those that change nothing";
  let description = [{
    On static shapes (not with --max-dim symbols): a Reshape, Flatten,
    Squeeze or Unsqueeze to its input's type is removed, two of them in a row
    become one Reshape; Transpose(Transpose(x)) becomes one Transpose (none
    when the permutations compose to the identity), and a Transpose that
    only moves size-1 axes becomes a Reshape.
  }];
}

def FoldPad : Pass<"onnx-fold-pad", "mlir::func::FuncOp"> {
  let summary = "Fold a constant-mode Pad into the Conv/MaxPool/AveragePool reading it";
  let description = [{
    Pad(X) with mode "constant" and constant non-negative pads on the spatial
    axes only, read as X by a float Conv (value 0), MaxPool without Indices
    (value -inf) or AveragePool (value 0; count_include_pad = 1, or no pads of
    its own, then set to 1), pools without ceil_mode, is dropped from that
    op's input and its pads added to the op's own (auto_pad NOTSET or VALID).
  }];
}

def FoldBatchNorm : Pass<"onnx-fold-batchnorm", "mlir::func::FuncOp"> {
  let summary = "Fold inference BatchNormalization into the Conv/ConvTranspose/Gemm before it";
  let description = [{
    BatchNormalization(P(X, W, B)) with P a Conv, ConvTranspose or Gemm,
    constant W, B, scale, bias, mean and var, where P's result has no other
    user, becomes one P whose weights feeding channel m are multiplied by
    s[m] = scale[m] / sqrt(var[m] + eps) and B'[m] = (B[m] - mean[m]) * s[m] + bias[m].
  }];
}

def FuseMatMulBias : Pass<"onnx-fuse-matmul-bias", "mlir::func::FuncOp"> {
  let summary = "Fuse an Add of a bias vector into the MatMul before it (-> Gemm or MatMul with bias)";
  let description = [{
    Add(MatMul(A, B), bias) with bias of shape [N] (or a constant
    [1, ..., 1, N]) available before the MatMul, whose result has no other
    user, becomes Gemm(A, B, bias) when A and B are 2-D, otherwise
    MatMul(A, B, bias) with onnxc's bias operand.
  }];
}

def FoldAffineChain : Pass<"onnx-fold-affine-chain", "mlir::func::FuncOp"> {
  let summary = "Combine Mul/Add/Sub/Div by constants into one affine map, or into a Conv/Gemm";
  let description = [{
    A chain of float Mul, Add, Sub and Div by constants (inner results used
    once) is x * a + b. When x comes from a Conv, ConvTranspose or Gemm used
    only by the chain, with constant weights, and a, b are per output channel,
    the producer's weights and bias absorb the map (as a BatchNormalization);
    otherwise the chain becomes Mul(x, a) and Add(.., b) (either dropped when
    it is the identity) if that is fewer ops.
  }];
}

def FuseResidualAdd : Pass<"onnx-fuse-residual-add", "mlir::func::FuncOp"> {
  let summary = "Fuse a residual Add into the epilogue of the Conv/Gemm producing one operand";
  let description = [{
    Add(P(...), skip) with P a float Conv or Gemm whose result has no other
    user (and no activation fused yet) and skip of exactly P's result type
    becomes P with onnxc's `addend` operand skip, placed where the Add was:
    Y = P(...) + skip, computed in P's kernel before its activation.
  }];
}

def RecognizeGelu : Pass<"onnx-recognize-gelu", "mlir::func::FuncOp"> {
  let summary = "Replace decomposed Gelu (erf or tanh form) by one onnx.Gelu";
  let description = [{
    x * 0.5 * (1 + Erf(x / sqrt(2))) and
    x * 0.5 * (1 + Tanh(sqrt(2/pi) * (x + 0.044715 * x^3))), factors in any
    order, whose inner ops have no other users, become onnx.Gelu(x) with
    approximate "none" or "tanh".
  }];
}

def RecognizeLayerNorm : Pass<"onnx-recognize-layernorm", "mlir::func::FuncOp"> {
  let summary = "Replace decomposed LayerNorm over the last axis by one LayerNormalization";
  let description = [{
    (x - mean) / Sqrt(ReduceMean((x - mean)^2) + eps) [* gamma] [+ beta],
    mean = ReduceMean(x) over the last axis, becomes
    LayerNormalization(x, gamma, beta, axis = -1, epsilon = eps).
  }];
}

def FuseActivation : Pass<"onnx-fuse-activation", "mlir::func::FuncOp"> {
  let summary = "Fuse an activation into the Conv/ConvTranspose/Gemm/MatMul producing its input";
  let description = [{
    Relu, LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh and Clip (constant
    bounds) after a float Conv, ConvTranspose, Gemm or MatMul whose result
    has no other user are erased; the producer records them as
    `onnxc.activation` and `onnxc.activation_params` and its kernel applies
    them to each output.
  }];
}

def FuseElementwise : Pass<"onnx-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Fuse chains and trees of float elementwise ops into one onnx.FusedElementwise loop";
  let description = [{
    Groups float32 elementwise ops (arithmetic, Max/Min, unary math,
    activations, Clip with constant bounds) of one static result shape into
    one onnx.FusedElementwise whose operands are the group's external
    inputs, when every result but the last has exactly one user, inside the
    group (so no intermediate is a graph output or read elsewhere). An
    external input may be broadcast when it is a scalar or varies along one
    contiguous run of the result's axes (per-channel scales, a last-axis
    gamma); any other broadcast keeps its op out of the group. The op's
    `program` lists the steps in order (see FusedElementwise.h); codegen runs
    them in one loop with the intermediates in registers, so they need no
    arena buffers.
  }];
}

def MemoryPlanning : Pass<"onnx-memory-planning", "mlir::ModuleOp"> {
  let summary = "Assign every intermediate tensor an offset in one arena";
  let description = [{
    Computes each intermediate tensor's live range (from its defining op to
    its last use, in program order) and places the tensors in a single arena
    with a greedy best-fit over sizes, largest first, so that tensors whose
    live ranges do not overlap share bytes (as TFLite Micro's greedy planner).
    Records `onnxc.arena_offset` (one entry per result; -1 for a result that is
    written straight into a graph output) on each op and
    `onnxc.arena_bytes` on the module.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", "64",
           "byte alignment of every buffer in the arena">,
    Option<"maxArenaBytes", "max-arena-bytes", "int64_t", "int64_t(1) << 32",
           "refuse models whose arena would be larger (absurd shapes)">
  ];
}

def PrepackWeights : Pass<"onnx-prepack-weights", "mlir::func::FuncOp"> {
  let summary = "Store constant Conv weights and Gemm/MatMul B in the layouts the GEMM kernel reads";
  let description = [{
    A float32 Conv whose weights W[M, C/group, k...] are an onnx.Constant used
    by it alone, and that runs as a GEMM per group (C/group > 1: not the
    depthwise path), gets W's elements reordered at compile time so the GEMM
    reads its `a` operand (W of group g as a [M/group, C/group * taps] matrix)
    as one contiguous stream, without packing it at run time: per group, rows
    are taken `sliver-rows` at a time, then 4 at a time, then one at a time
    (the micro-kernel's row groups), each group stored column-major over the
    whole depth, so the group holding row i starts at element i * depth.
    The constant keeps its type and its size (no padding); the Conv is marked
    `onnxc.prepacked_rows = sliver-rows`, which the C++ backend passes on to
    the kernel as a type that static_asserts its micro-tile height matches.
    `sliver-rows` 0 (targets whose kernels read W in place) changes nothing.
    Where `panel-columns` is set too, a 2-d Conv of group 1 whose filter
    count is a multiple of 16 instead gets W^T ([C * taps, filters]) stored
    as panels of `panel-columns` (the layout below) and is marked
    `onnxc.prepacked_columns`: its kernel puts the filters in the vector
    lanes.

    Likewise a float32 Gemm or MatMul whose B is a 2-d onnx.Constant used by
    it alone, with at least `sliver-rows` static rows of A (fewer take the
    kernel's dot-product path, which reads B as it is), gets B (as the
    [K, N] matrix it multiplies by, transB applied) stored as the panels the
    GEMM sweeps: the first N / panel-columns * panel-columns columns panel by
    panel, each K rows of `panel-columns` contiguous elements, then the last
    N % panel-columns columns row-major. Same size; the op is marked
    `onnxc.prepacked_columns = panel-columns` and its kernel static_asserts
    the micro-tile width. `panel-columns` 0 changes nothing.
  }];
  let options = [
    Option<"sliverRows", "sliver-rows", "int64_t", "0",
           "micro-tile rows of the target's float GEMM (0: leave weights as they are)">,
    Option<"panelColumns", "panel-columns", "int64_t", "0",
           "micro-tile columns of the target's float GEMM (0: leave Gemm/MatMul B as it is)">
  ];
}

def WinogradWeights : Pass<"onnx-winograd-weights", "mlir::func::FuncOp"> {
  let summary = "Transform constant 3x3 Conv weights for the Winograd F(4,3) kernel";
  let description = [{
    A float32 2-d Conv with a 3x3, stride-1, undilated window, group 1 and
    constant weights W[M, C, 3, 3] used by it alone, whose output planes hold
    at least 16 4x4 tiles, gets W replaced by U = G W G^T (F(4,3), computed
    in double): 36 matrices U[e][M, C], one per element of the 6x6 block,
    each stored as PrepackWeights' slivers of `sliver-rows` rows; the
    constant's type becomes [M, C, 6, 6] and the Conv is marked
    `onnxc.winograd_rows = sliver-rows`, which the C++ backend reads to call
    conv_winograd.h. `sliver-rows` 0 changes nothing.
  }];
  let options = [
    Option<"sliverRows", "sliver-rows", "int64_t", "0",
           "micro-tile rows of the target's float GEMM (0: leave weights as they are)">
  ];
}

#endif
