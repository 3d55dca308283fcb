// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fuse-residual-add,onnx-fuse-activation,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fuse-residual-add: Add(Conv(x), skip) with skip of the Conv's result
// shape (a residual connection) becomes the Conv with skip as its fourth
// operand, the addend its kernel adds before the activation; the Relu after
// the block then fuses into the same Conv.

// ResNet's identity block: Relu(Add(Conv(x), x)).
// CHECK-LABEL: func.func @identity_block
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %arg1, %arg2, %arg0) <{auto_pad = "NOTSET", group = 1 : i64, pads = [1, 1, 1, 1]}> {onnxc.activation = ["Relu"], onnxc.activation_params = {{\[\[}}]], onnxc.fused = ["Add", "Relu"]}
// CHECK-NOT: onnx.Add
// CHECK-NOT: onnx.Relu
// CHECK: return %[[Y]]
func.func @identity_block(%x: tensor<1x4x5x5xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x5x5xf32> {
  %0 = "onnx.Conv"(%x, %w, %b) {pads = [1, 1, 1, 1]} : (tensor<1x4x5x5xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x5x5xf32>
  %1 = "onnx.Add"(%0, %x) : (tensor<1x4x5x5xf32>, tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  %2 = "onnx.Relu"(%1) : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  return %2 : tensor<1x4x5x5xf32>
}

// The skip as the Add's first operand, without an activation after it.
// CHECK-LABEL: func.func @skip_first
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %arg1, %{{.*}}, %arg2) <{auto_pad = "NOTSET", group = 1 : i64}> {onnxc.fused = ["Add"]}
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @skip_first(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %s: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %1 = "onnx.Add"(%s, %0) : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// ResNet's downsampling block: Add(Conv2(...), ConvDown(x)) with the
// downsampling Conv computed last: it takes the other Conv's result as its
// addend, and nothing moves.
// CHECK-LABEL: func.func @downsample_block
// CHECK: %[[C2:.*]] = "onnx.Conv"(%arg0, %arg1, %arg2) <{auto_pad = "NOTSET", group = 1 : i64}> :
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %arg3, %arg2, %[[C2]]) <{auto_pad = "NOTSET", group = 1 : i64}> {onnxc.activation = ["Relu"], onnxc.activation_params = {{\[\[}}]], onnxc.fused = ["Add", "Relu"]}
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @downsample_block(%x: tensor<1x2x4x4xf32>, %w2: tensor<4x2x1x1xf32>, %b: tensor<4xf32>, %wd: tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32> {
  %0 = "onnx.Conv"(%x, %w2, %b) : (tensor<1x2x4x4xf32>, tensor<4x2x1x1xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %1 = "onnx.Conv"(%x, %wd, %b) : (tensor<1x2x4x4xf32>, tensor<4x2x1x1xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %2 = "onnx.Add"(%0, %1) : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %3 = "onnx.Relu"(%2) : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %3 : tensor<1x4x4x4xf32>
}

// A skip computed after the Conv: the fused Conv runs where the Add was,
// after the skip.
// CHECK-LABEL: func.func @skip_after_conv
// CHECK: %[[S:.*]] = "onnx.Sigmoid"(%arg2)
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %arg1, %{{.*}}, %[[S]]) <{auto_pad = "NOTSET", group = 1 : i64}> {onnxc.fused = ["Add"]}
// CHECK: return %[[Y]]
func.func @skip_after_conv(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %t: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %s = "onnx.Sigmoid"(%t) : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %1 = "onnx.Add"(%0, %s) : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// Gemm: a residual [M, N] added after the bias C.
// CHECK-LABEL: func.func @gemm
// CHECK: %[[Y:.*]] = "onnx.Gemm"(%arg0, %arg1, %arg2, %arg3) <{alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = 0 : i64, transB = 0 : i64}> {onnxc.activation = ["Relu"], onnxc.activation_params = {{\[\[}}]], onnxc.fused = ["Add", "Relu"]}
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @gemm(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>, %r: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = "onnx.Gemm"(%a, %b, %c) : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %1 = "onnx.Add"(%0, %r) : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  %2 = "onnx.Relu"(%1) : (tensor<3x5xf32>) -> tensor<3x5xf32>
  return %2 : tensor<3x5xf32>
}

// Kept: an addend that broadcasts (a per-channel [1, C, 1, 1] term is no
// residual), a Conv result with a second user (it must see the Conv alone),
// an activation already fused (the Add would come after it), an integer
// Conv, a MatMul.
// CHECK-LABEL: func.func @kept
// CHECK: %[[C1:.*]] = "onnx.Conv"(%arg0, %arg1, %0) <
// CHECK: "onnx.Add"(%[[C1]], %arg2)
// CHECK: %[[C2:.*]] = "onnx.Conv"(%arg0, %arg1, %0) <
// CHECK: "onnx.Add"(%[[C2]], %arg3)
// CHECK: %[[C3:.*]] = "onnx.Conv"(%arg0, %arg1, %0) <{{.*}}> {onnxc.activation = ["Relu"], onnxc.activation_params = {{\[\[}}]]} :
// CHECK: "onnx.Add"(%[[C3]], %arg3)
// CHECK: %[[C4:.*]] = "onnx.Conv"(%arg4, %arg5, %0) <
// CHECK: "onnx.Add"(%[[C4]], %arg6)
// CHECK: %[[M:.*]] = "onnx.MatMul"
// CHECK: "onnx.Add"(%[[M]], %arg9)
func.func @kept(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %c: tensor<1x3x1x1xf32>, %s: tensor<1x3x4x4xf32>,
                %xi: tensor<1x2x4x4xi32>, %wi: tensor<3x2x1x1xi32>, %si: tensor<1x3x4x4xi32>,
                %a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %r: tensor<3x5xf32>)
    -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xi32>, tensor<3x5xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %1 = "onnx.Add"(%0, %c) : (tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %2 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %3 = "onnx.Add"(%2, %s) : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %4 = "onnx.Conv"(%x, %w, %none) {onnxc.activation = ["Relu"], onnxc.activation_params = [[]]} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %5 = "onnx.Add"(%4, %s) : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %6 = "onnx.Conv"(%xi, %wi, %none) : (tensor<1x2x4x4xi32>, tensor<3x2x1x1xi32>, none) -> tensor<1x3x4x4xi32>
  %7 = "onnx.Add"(%6, %si) : (tensor<1x3x4x4xi32>, tensor<1x3x4x4xi32>) -> tensor<1x3x4x4xi32>
  %8 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %9 = "onnx.Add"(%8, %r) : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %1, %2, %3, %5, %7, %9 : tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x3x4x4xi32>, tensor<3x5xf32>
}
