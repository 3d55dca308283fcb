// RUN: onnxc-opt %s --split-input-file --verify-diagnostics -pass-pipeline='builtin.module(func.func(onnx-shape-propagation))' | FileCheck %s

// onnx-shape-propagation: every result that is unranked (tensor<*x..>) or
// has dynamic dims (tensor<?x..>) gets the static type that ONNX's shape rules
// give for its static operands; the function's result types follow. Every
// expected shape below is worked out by hand from the ONNX operator spec.

// Broadcasting binary op (numpy rules, right-aligned): [2,1,4] with [3,1]
// -> [2,3,4]; the function signature follows the refined result.
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: -> tensor<2x3x4xf32>
// CHECK: "onnx.Add"{{.*}} -> tensor<2x3x4xf32>
func.func @broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<*xf32> {
  %0 = "onnx.Add"(%a, %b) : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Results with dynamic dims are made static too, not only unranked ones.
// CHECK-LABEL: func.func @dynamic_dims
// CHECK-SAME: -> (tensor<4x3xf32>, tensor<4x3xf32>)
// CHECK: "onnx.Mul"{{.*}} -> tensor<4x3xf32>
// CHECK: "onnx.Relu"{{.*}} -> tensor<4x3xf32>
func.func @dynamic_dims(%a: tensor<4x3xf32>, %b: tensor<3xf32>) -> (tensor<?x?xf32>, tensor<?x3xf32>) {
  %0 = "onnx.Mul"(%a, %b) : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<?x?xf32>
  %1 = "onnx.Relu"(%0) : (tensor<?x?xf32>) -> tensor<?x3xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x3xf32>
}

// -----

// Types flow down a chain: each op sees its producer's refined type.
// Transpose without perm reverses the dims; Flatten(axis=0) -> [1, 6].
// CHECK-LABEL: func.func @chain
// CHECK-SAME: -> tensor<1x6xf32>
// CHECK: "onnx.Relu"{{.*}} -> tensor<2x3xf32>
// CHECK: "onnx.Transpose"{{.*}}(tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: "onnx.Flatten"{{.*}}(tensor<3x2xf32>) -> tensor<1x6xf32>
func.func @chain(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<2x3xf32>) -> tensor<*xf32>
  %1 = "onnx.Transpose"(%0) : (tensor<*xf32>) -> tensor<*xf32>
  %2 = "onnx.Flatten"(%1) {axis = 0} : (tensor<*xf32>) -> tensor<*xf32>
  return %2 : tensor<*xf32>
}

// -----

// Conv: out = floor((in + pad_begin + pad_end - ((k-1)*dilation+1)) / stride) + 1.
//  %0: 1x3x32x32 * 16x3x3x3, stride 2, pads 1 -> floor((32+2-3)/2)+1 = 16.
//  %1: SAME_UPPER, stride 2 -> ceil(32/2) = 16.
//  %2: VALID 5x5 -> 32-5+1 = 28.
//  %3: SAME_LOWER, stride 2 on 7x7 -> ceil(7/2) = 4.
//  %4: dilation 2 widens 3 taps to 5 -> 32-5+1 = 28.
//  %5: pads [top=1, left=0, bottom=2, right=0] -> H 32+1+2-3+1 = 33,
//      W 32-3+1 = 30 (read as [b1,e1,b2,e2] it would be 31x32).
//  %6: group 2: 4 input channels, W 6x2x3x3 -> 6 output channels, 10-3+1 = 8.
//  %7: 1-D, stride 3: floor((10-3)/3)+1 = 3.
// CHECK-LABEL: func.func @conv
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x16x16xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x16x16xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x4x28x28xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x3x4x4xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x28x28xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x33x30xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x6x8x8xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x4x3xf32>
func.func @conv(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>, %w5: tensor<4x3x5x5xf32>,
                %x7: tensor<1x2x7x7xf32>, %w4: tensor<3x2x4x4xf32>,
                %xg: tensor<1x4x10x10xf32>, %wg: tensor<6x2x3x3xf32>,
                %x1: tensor<1x2x10xf32>, %w1: tensor<4x2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %1 = "onnx.Conv"(%x, %w, %none) {auto_pad = "SAME_UPPER", strides = [2, 2]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %2 = "onnx.Conv"(%x, %w5, %none) {auto_pad = "VALID"} : (tensor<1x3x32x32xf32>, tensor<4x3x5x5xf32>, none) -> tensor<*xf32>
  %3 = "onnx.Conv"(%x7, %w4, %none) {auto_pad = "SAME_LOWER", strides = [2, 2]} : (tensor<1x2x7x7xf32>, tensor<3x2x4x4xf32>, none) -> tensor<*xf32>
  %4 = "onnx.Conv"(%x, %w, %none) {dilations = [2, 2]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %5 = "onnx.Conv"(%x, %w, %none) {pads = [1, 0, 2, 0]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %6 = "onnx.Conv"(%xg, %wg, %none) {group = 2} : (tensor<1x4x10x10xf32>, tensor<6x2x3x3xf32>, none) -> tensor<*xf32>
  %7 = "onnx.Conv"(%x1, %w1, %none) {strides = [3]} : (tensor<1x2x10xf32>, tensor<4x2x3xf32>, none) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// MaxPool 3x3 stride 2 on 6x6: floor((6-3)/2)+1 = 2, with ceil_mode
// ceil((6-3)/2)+1 = 3 (the last window starts at 4, inside the input).
// With pads [0,0,1,1] and ceil_mode on 4x4, 2x2 stride 2:
// ceil((4+1-2)/2)+1 = 3, but the third window would start at 4, entirely in
// the end padding, so it is dropped -> 2.
// AveragePool SAME_UPPER stride 2 on 5x5 -> ceil(5/2) = 3.
// GlobalAveragePool keeps N and C, spatial dims become 1.
// CHECK-LABEL: func.func @pool
// CHECK: "onnx.MaxPool"{{.*}} -> tensor<1x2x2x2xf32>
// CHECK: "onnx.MaxPool"{{.*}} -> tensor<1x2x3x3xf32>
// CHECK: "onnx.MaxPool"{{.*}} -> tensor<1x2x2x2xf32>
// CHECK: "onnx.AveragePool"{{.*}} -> tensor<1x2x3x3xf32>
// CHECK: "onnx.GlobalAveragePool"{{.*}} -> tensor<1x2x1x1xf32>
func.func @pool(%x: tensor<1x2x6x6xf32>, %x4: tensor<1x2x4x4xf32>, %x5: tensor<1x2x5x5xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = "onnx.MaxPool"(%x) {kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x2x6x6xf32>) -> tensor<*xf32>
  %1 = "onnx.MaxPool"(%x) {kernel_shape = [3, 3], strides = [2, 2], ceil_mode = 1} : (tensor<1x2x6x6xf32>) -> tensor<*xf32>
  %2 = "onnx.MaxPool"(%x4) {kernel_shape = [2, 2], strides = [2, 2], pads = [0, 0, 1, 1], ceil_mode = 1} : (tensor<1x2x4x4xf32>) -> tensor<*xf32>
  %3 = "onnx.AveragePool"(%x5) {kernel_shape = [3, 3], strides = [2, 2], auto_pad = "SAME_UPPER"} : (tensor<1x2x5x5xf32>) -> tensor<*xf32>
  %4 = "onnx.GlobalAveragePool"(%x5) : (tensor<1x2x5x5xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Reshape: 0 copies the input dim, -1 takes what is left (24 / (2*3) = 4);
// [-1] flattens to 24.
// CHECK-LABEL: func.func @reshape
// CHECK: "onnx.Reshape"{{.*}} -> tensor<2x3x4xf32>
// CHECK: "onnx.Reshape"{{.*}} -> tensor<24xf32>
func.func @reshape(%x: tensor<2x12xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %s = onnx.Constant dense<[0, 3, -1]> : tensor<3xi64>
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x12xf32>, tensor<3xi64>) -> tensor<*xf32>
  %flat = onnx.Constant dense<[-1]> : tensor<1xi64>
  %1 = "onnx.Reshape"(%x, %flat) : (tensor<2x12xf32>, tensor<1xi64>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Transpose perm [2,0,1]: out[i] = in[perm[i]] -> [4,2,3].
// Concat on axis -2 (= 1): 3 + 4 = 7.
// Unsqueeze axes [0,-2] index the output (rank 5): positions 0 and 3 get 1.
// Squeeze without axes drops every 1; with axes [-1] only the last.
// CHECK-LABEL: func.func @layout
// CHECK: "onnx.Transpose"{{.*}} -> tensor<4x2x3xf32>
// CHECK: "onnx.Concat"{{.*}} -> tensor<2x7x4xf32>
// CHECK: "onnx.Unsqueeze"{{.*}} -> tensor<1x2x3x1x4xf32>
// CHECK: "onnx.Squeeze"{{.*}} -> tensor<5xf32>
// CHECK: "onnx.Squeeze"{{.*}} -> tensor<1x5xf32>
func.func @layout(%x: tensor<2x3x4xf32>, %y: tensor<2x4x4xf32>, %z: tensor<1x5x1xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = "onnx.Transpose"(%x) {perm = [2, 0, 1]} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  %1 = "onnx.Concat"(%x, %y) {axis = -2 : i64} : (tensor<2x3x4xf32>, tensor<2x4x4xf32>) -> tensor<*xf32>
  %axes = onnx.Constant dense<[0, -2]> : tensor<2xi64>
  %2 = "onnx.Unsqueeze"(%x, %axes) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  %none = "onnx.NoValue"() : () -> none
  %3 = "onnx.Squeeze"(%z, %none) : (tensor<1x5x1xf32>, none) -> tensor<*xf32>
  %last = onnx.Constant dense<[-1]> : tensor<1xi64>
  %4 = "onnx.Squeeze"(%z, %last) : (tensor<1x5x1xf32>, tensor<1xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Gemm: transA and transB swap the dims of A [3,5] -> M=5 and B [7,3] ->
// N=7; transB alone: A [2,3], B [4,3] -> [2,4].
// MatMul: batch dims [2] and [4,1] broadcast to [4,2]: [4,2,3,6]; a 1-D
// operand is promoted to a matrix and its dim dropped again: [3]x[3,4] -> [4],
// [2,3]x[3] -> [2].
// ReduceMean keepdims=1 (default) keeps a 1; keepdims=0 drops the axis;
// ReduceMax without axes reduces all, keepdims=0 -> a scalar.
// CHECK-LABEL: func.func @linear
// CHECK: "onnx.Gemm"{{.*}} -> tensor<5x7xf32>
// CHECK: "onnx.Gemm"{{.*}} -> tensor<2x4xf32>
// CHECK: "onnx.MatMul"{{.*}} -> tensor<4x2x3x6xf32>
// CHECK: "onnx.MatMul"{{.*}} -> tensor<4xf32>
// CHECK: "onnx.MatMul"{{.*}} -> tensor<2xf32>
// CHECK: "onnx.ReduceMean"{{.*}} -> tensor<2x1xf32>
// CHECK: "onnx.ReduceMean"{{.*}} -> tensor<3xf32>
// CHECK: "onnx.ReduceMax"{{.*}} -> tensor<f32>
func.func @linear(%a: tensor<3x5xf32>, %b: tensor<7x3xf32>, %p: tensor<2x3x4xf32>, %q: tensor<4x1x4x6xf32>, %r: tensor<2x3xf32>, %b43: tensor<4x3xf32>, %v: tensor<3xf32>, %m34: tensor<3x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Gemm"(%a, %b, %none) {transA = 1, transB = 1} : (tensor<3x5xf32>, tensor<7x3xf32>, none) -> tensor<*xf32>
  %1 = "onnx.Gemm"(%r, %b43, %none) {transB = 1} : (tensor<2x3xf32>, tensor<4x3xf32>, none) -> tensor<*xf32>
  %2 = "onnx.MatMul"(%p, %q) : (tensor<2x3x4xf32>, tensor<4x1x4x6xf32>) -> tensor<*xf32>
  %3 = "onnx.MatMul"(%v, %m34) : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  %4 = "onnx.MatMul"(%r, %v) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  %5 = "onnx.ReduceMean"(%r) {axes = [-1]} : (tensor<2x3xf32>) -> tensor<*xf32>
  %6 = "onnx.ReduceMean"(%r) {axes = [0], keepdims = 0} : (tensor<2x3xf32>) -> tensor<*xf32>
  %7 = "onnx.ReduceMax"(%r) {keepdims = 0} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// ReduceSum without axes reduces everything, unless noop_with_empty_axes.
// CHECK-LABEL: func.func @reduce_sum_no_axes
// CHECK: "onnx.ReduceSum"{{.*}} -> tensor<1x1xf32>
// CHECK: "onnx.ReduceSum"{{.*}} -> tensor<2x3xf32>
func.func @reduce_sum_no_axes(%x: tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.ReduceSum"(%x, %none) : (tensor<2x3xf32>, none) -> tensor<*xf32>
  %1 = "onnx.ReduceSum"(%x, %none) {noop_with_empty_axes = 1} : (tensor<2x3xf32>, none) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Comparisons broadcast like arithmetic and produce bool tensors; Where
// broadcasts all three operands; Cast keeps the shape, `to` = 6 is int32.
// CHECK-LABEL: func.func @element_types
// CHECK: "onnx.Less"{{.*}} -> tensor<3x4xi1>
// CHECK: "onnx.Where"{{.*}} -> tensor<3x4xf32>
// CHECK: "onnx.Cast"{{.*}} -> tensor<3x1xi32>
func.func @element_types(%a: tensor<3x1xf32>, %b: tensor<4xf32>) -> (tensor<*xi1>, tensor<*xf32>, tensor<*xi32>) {
  %0 = "onnx.Less"(%a, %b) : (tensor<3x1xf32>, tensor<4xf32>) -> tensor<*xi1>
  %1 = "onnx.Where"(%0, %a, %b) : (tensor<*xi1>, tensor<3x1xf32>, tensor<4xf32>) -> tensor<*xf32>
  %2 = "onnx.Cast"(%a) {to = 6} : (tensor<3x1xf32>) -> tensor<*xi32>
  return %0, %1, %2 : tensor<*xi1>, tensor<*xf32>, tensor<*xi32>
}

// -----

// Slice axis 0: [1, 10) step 2 -> 5; axis 1: start -1 -> 7, end -100 clamps
// to -1 for a negative step, step -1 -> 8 elements (7 down to 0).
// Gather: data[5,4,3] by indices[2,2] on axis 1 -> [5,2,2,3].
// Shape with start=1 on a rank-3 tensor -> 2 dims.
// CHECK-LABEL: func.func @slicing
// CHECK: "onnx.Slice"{{.*}} -> tensor<5x8xf32>
// CHECK: "onnx.Gather"{{.*}} -> tensor<5x2x2x3xf32>
// CHECK: "onnx.Shape"{{.*}} -> tensor<2xi64>
func.func @slicing(%x: tensor<10x8xf32>, %d: tensor<5x4x3xf32>, %i: tensor<2x2xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xi64>) {
  %starts = onnx.Constant dense<[1, -1]> : tensor<2xi64>
  %ends = onnx.Constant dense<[1000, -100]> : tensor<2xi64>
  %axes = onnx.Constant dense<[0, 1]> : tensor<2xi64>
  %steps = onnx.Constant dense<[2, -1]> : tensor<2xi64>
  %0 = "onnx.Slice"(%x, %starts, %ends, %axes, %steps) : (tensor<10x8xf32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<*xf32>
  %1 = "onnx.Gather"(%d, %i) {axis = 1} : (tensor<5x4x3xf32>, tensor<2x2xi64>) -> tensor<*xf32>
  %2 = "onnx.Shape"(%d) {start = 1} : (tensor<5x4x3xf32>) -> tensor<*xi64>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xi64>
}

// -----

// Errors: shapes that cannot be made static, and shapes that become
// inconsistent once the operands are known.

// A shape that is only known at run time cannot be made static.
func.func @dynamic_shape(%x: tensor<2x12xf32>, %s: tensor<2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{shape must be a constant}}
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x12xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Graph inputs must already be static (the importer's --shape fixes them).
// expected-error @+1 {{input 1 has no static shape}}
func.func @dynamic_input(%x: tensor<2xf32>, %y: tensor<?x3xf32>) -> tensor<*xf32> {
  %0 = "onnx.Relu"(%y) : (tensor<?x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// The verifier could not check perm against an unranked input; once the
// input is known to be 2-D, a 1-entry perm is an error (not a crash).
func.func @perm_too_short(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<2x3xf32>) -> tensor<*xf32>
  // expected-error @+1 {{perm has 1 entries for rank 2}}
  %1 = "onnx.Transpose"(%0) {perm = [0]} : (tensor<*xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// -----

// Same for an index far outside the rank.
func.func @perm_out_of_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<2x3xf32>) -> tensor<*xf32>
  // expected-error @+1 {{perm is not a permutation}}
  %1 = "onnx.Transpose"(%0) {perm = [100000000000, 0]} : (tensor<*xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// -----

// Conv channels are checked once X's shape is known.
func.func @conv_channels_late(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Relu"(%x) : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  // expected-error @+1 {{input channels 3 != W channels 2 * group 1}}
  %1 = "onnx.Conv"(%0, %w, %none) : (tensor<*xf32>, tensor<4x2x3x3xf32>, none) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// -----

func.func @matmul_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  %0 = "onnx.Relu"(%a) : (tensor<2x3xf32>) -> tensor<*xf32>
  // expected-error @+1 {{inner dimensions differ}}
  %1 = "onnx.MatMul"(%0, %b) : (tensor<*xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %s = onnx.Constant dense<[4, 2]> : tensor<2xi64>
  // expected-error @+1 {{element count changes from 6 to 8}}
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @squeeze_not_one(%x: tensor<1x5xf32>) -> tensor<*xf32> {
  %axes = onnx.Constant dense<[1]> : tensor<1xi64>
  // expected-error @+1 {{cannot squeeze axis 1}}
  %0 = "onnx.Squeeze"(%x, %axes) : (tensor<1x5xf32>, tensor<1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_dims(%x: tensor<2x3xf32>, %y: tensor<2x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input dims differ outside the concat axis}}
  %0 = "onnx.Concat"(%x, %y) {axis = 0} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @pool_window(%x: tensor<1x1x2x2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{the window is larger than the padded input}}
  %0 = "onnx.MaxPool"(%x) {kernel_shape = [3, 3]} : (tensor<1x1x2x2xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// A Range whose limit arrives at run time takes the 1-D length declared
// after the elementwise ops it feeds (ONNX's window function expansions);
// MaxPool's Indices have Y's shape, in int64; BatchNormalization's running
// statistics in training mode have the shape of input_mean/input_var.
// CHECK-LABEL: func.func @value_dependent_and_extra_results
// CHECK: "onnx.Range"{{.*}} -> tensor<10xf32>
// CHECK: "onnx.Mul"{{.*}} -> tensor<10xf32>
// CHECK: "onnx.MaxPool"{{.*}} -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
// CHECK: "onnx.BatchNormalization"{{.*}} -> (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>)
func.func @value_dependent_and_extra_results(%n: tensor<f32>, %x: tensor<1x1x4x4xf32>, %b: tensor<1x2x3xf32>, %s: tensor<2xf32>) -> (tensor<10xf32>, tensor<*xi64>, tensor<*xf32>) {
  %zero = onnx.Constant dense<0.0> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %0 = "onnx.Range"(%zero, %n, %one) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  %1 = "onnx.Mul"(%0, %n) : (tensor<*xf32>, tensor<f32>) -> tensor<*xf32>
  %2 = "onnx.Cos"(%1) : (tensor<*xf32>) -> tensor<10xf32>
  %3, %4 = "onnx.MaxPool"(%x) {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x1x4x4xf32>) -> (tensor<*xf32>, tensor<*xi64>)
  %5, %6, %7 = "onnx.BatchNormalization"(%b, %s, %s, %s, %s) {training_mode = 1} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %2, %4, %7 : tensor<10xf32>, tensor<*xi64>, tensor<*xf32>
}
