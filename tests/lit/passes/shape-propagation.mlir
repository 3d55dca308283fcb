// RUN: onnxc-opt %s --split-input-file --verify-diagnostics -pass-pipeline='builtin.module(func.func(onnx-shape-propagation))' | FileCheck %s

// Broadcasting binary op; the function signature follows the refined result.
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: -> tensor<2x3x4xf32>
// CHECK: "onnx.Add"{{.*}} -> tensor<2x3x4xf32>
func.func @broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<*xf32> {
  %0 = "onnx.Add"(%a, %b) : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Conv: 1x3x32x32 * 16x3x3x3, stride 2, pads 1 -> floor((32+2-3)/2)+1 = 16.
// SAME_UPPER with stride 2 -> ceil(32/2) = 16; VALID 5x5 -> 28.
// CHECK-LABEL: func.func @conv
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x16x16xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x16x16x16xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x4x28x28xf32>
func.func @conv(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>, %w5: tensor<4x3x5x5xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %1 = "onnx.Conv"(%x, %w, %none) {auto_pad = "SAME_UPPER", strides = [2, 2]} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, none) -> tensor<*xf32>
  %2 = "onnx.Conv"(%x, %w5, %none) {auto_pad = "VALID"} : (tensor<1x3x32x32xf32>, tensor<4x3x5x5xf32>, none) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// MaxPool 3x3 stride 2 on 6x6: floor((6-3)/2)+1 = 2, with ceil_mode 3.
// CHECK-LABEL: func.func @pool
// CHECK: "onnx.MaxPool"{{.*}} -> tensor<1x2x2x2xf32>
// CHECK: "onnx.MaxPool"{{.*}} -> tensor<1x2x3x3xf32>
func.func @pool(%x: tensor<1x2x6x6xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = "onnx.MaxPool"(%x) {kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x2x6x6xf32>) -> tensor<*xf32>
  %1 = "onnx.MaxPool"(%x) {kernel_shape = [3, 3], strides = [2, 2], ceil_mode = 1} : (tensor<1x2x6x6xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Reshape: 0 copies the input dim, -1 takes what is left (24 / (2*3) = 4).
// CHECK-LABEL: func.func @reshape
// CHECK: "onnx.Reshape"{{.*}} -> tensor<2x3x4xf32>
func.func @reshape(%x: tensor<2x12xf32>) -> tensor<*xf32> {
  %s = onnx.Constant dense<[0, 3, -1]> : tensor<3xi64>
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x12xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @layout
// CHECK: "onnx.Transpose"{{.*}} -> tensor<4x2x3xf32>
// CHECK: "onnx.Concat"{{.*}} -> tensor<2x7x4xf32>
// CHECK: "onnx.Unsqueeze"{{.*}} -> tensor<1x2x3x1x4xf32>
// CHECK: "onnx.Squeeze"{{.*}} -> tensor<5xf32>
func.func @layout(%x: tensor<2x3x4xf32>, %y: tensor<2x4x4xf32>, %z: tensor<1x5x1xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = "onnx.Transpose"(%x) {perm = [2, 0, 1]} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  %1 = "onnx.Concat"(%x, %y) {axis = -2 : i64} : (tensor<2x3x4xf32>, tensor<2x4x4xf32>) -> tensor<*xf32>
  %axes = onnx.Constant dense<[0, -2]> : tensor<2xi64>
  %2 = "onnx.Unsqueeze"(%x, %axes) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  %none = "onnx.NoValue"() : () -> none
  %3 = "onnx.Squeeze"(%z, %none) : (tensor<1x5x1xf32>, none) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @linear
// CHECK: "onnx.Gemm"{{.*}} -> tensor<5x7xf32>
// CHECK: "onnx.MatMul"{{.*}} -> tensor<4x2x3x6xf32>
// CHECK: "onnx.ReduceMean"{{.*}} -> tensor<2x1xf32>
// CHECK: "onnx.ReduceMean"{{.*}} -> tensor<3xf32>
func.func @linear(%a: tensor<3x5xf32>, %b: tensor<7x3xf32>, %p: tensor<2x3x4xf32>, %q: tensor<4x1x4x6xf32>, %r: tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Gemm"(%a, %b, %none) {transA = 1, transB = 1} : (tensor<3x5xf32>, tensor<7x3xf32>, none) -> tensor<*xf32>
  %1 = "onnx.MatMul"(%p, %q) : (tensor<2x3x4xf32>, tensor<4x1x4x6xf32>) -> tensor<*xf32>
  %2 = "onnx.ReduceMean"(%r) {axes = [-1]} : (tensor<2x3xf32>) -> tensor<*xf32>
  %3 = "onnx.ReduceMean"(%r) {axes = [0], keepdims = 0} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// A shape that is only known at run time cannot be made static.
func.func @dynamic_shape(%x: tensor<2x12xf32>, %s: tensor<2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{shape must be a constant}}
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x12xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
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

// Comparisons broadcast like arithmetic and produce bool tensors.
// CHECK-LABEL: func.func @compare
// CHECK: "onnx.Less"{{.*}} -> tensor<3x4xi1>
func.func @compare(%a: tensor<3x1xf32>, %b: tensor<4xf32>) -> tensor<*xi1> {
  %0 = "onnx.Less"(%a, %b) : (tensor<3x1xf32>, tensor<4xf32>) -> tensor<*xi1>
  return %0 : tensor<*xi1>
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
