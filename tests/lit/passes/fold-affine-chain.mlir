// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fold-affine-chain,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fold-affine-chain: Mul/Add/Sub/Div by constants in a row compute
// x * a + b; they become one Mul and one Add, or fold into the weights of the
// Conv/Gemm producing x.

// (x * 2 + 1) * 3 - 4 = x * 6 - 1.
// CHECK-LABEL: func.func @scalar_chain
// CHECK: %[[A:.*]] = onnx.Constant dense<6.000000e+00> : tensor<f32>
// CHECK: %[[M:.*]] = "onnx.Mul"(%arg0, %[[A]]) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: %[[B:.*]] = onnx.Constant dense<-1.000000e+00> : tensor<f32>
// CHECK: %[[Y:.*]] = "onnx.Add"(%[[M]], %[[B]]) {onnxc.fused = ["Mul", "Add", "Mul", "Sub"]}
// CHECK-NOT: onnx.Sub
// CHECK: return %[[Y]]
func.func @scalar_chain(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c2 = onnx.Constant dense<2.0> : tensor<f32>
  %c1 = onnx.Constant dense<1.0> : tensor<f32>
  %c3 = onnx.Constant dense<3.0> : tensor<1xf32>
  %c4 = onnx.Constant dense<4.0> : tensor<f32>
  %0 = "onnx.Mul"(%x, %c2) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = "onnx.Add"(%c1, %0) : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "onnx.Mul"(%1, %c3) : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  %3 = "onnx.Sub"(%2, %c4) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// Broadcast constants: ((x - [1, 2, 3]) / 2) gives a = 0.5 (a scalar) and
// b = [-0.5, -1, -1.5]; then 10 - that: a = -0.5, b = [10.5, 11, 11.5].
// CHECK-LABEL: func.func @broadcast
// CHECK: %[[A:.*]] = onnx.Constant dense<-5.000000e-01> : tensor<f32>
// CHECK: %[[M:.*]] = "onnx.Mul"(%arg0, %[[A]])
// CHECK: %[[B:.*]] = onnx.Constant dense<[1.050000e+01, 1.100000e+01, 1.150000e+01]> : tensor<3xf32>
// CHECK: "onnx.Add"(%[[M]], %[[B]]) {onnxc.fused = ["Sub", "Div", "Sub"]}
func.func @broadcast(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %m = onnx.Constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %two = onnx.Constant dense<2.0> : tensor<f32>
  %ten = onnx.Constant dense<10.0> : tensor<f32>
  %0 = "onnx.Sub"(%x, %m) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "onnx.Div"(%0, %two) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = "onnx.Sub"(%ten, %1) : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// Two Muls are one Mul (no Add: b stays 0); Mul by 2 then by 0.5 is nothing.
// CHECK-LABEL: func.func @mul_mul
// CHECK: %[[A:.*]] = onnx.Constant dense<6.000000e+00> : tensor<f32>
// CHECK: %[[Y:.*]] = "onnx.Mul"(%arg0, %[[A]]) {onnxc.fused = ["Mul", "Mul"]}
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]], %arg0
func.func @mul_mul(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c2 = onnx.Constant dense<2.0> : tensor<f32>
  %c3 = onnx.Constant dense<3.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Mul"(%x, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "onnx.Mul"(%0, %c3) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = "onnx.Mul"(%x, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%2, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %1, %3 : tensor<4xf32>, tensor<4xf32>
}

// Per-channel Mul then Add after a Conv: W[m] *= s[m], B[m] = B[m] * s[m] + t[m]
// (W = 1, B = [1, 2]; s = [2, 3] as [2, 1, 1], t = 0.5).
// CHECK-LABEL: func.func @into_conv
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}3.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK: %[[B:.*]] = onnx.Constant dense<[2.500000e+00, 6.500000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %[[W]], %[[B]]) <{auto_pad = "NOTSET", group = 1 : i64}> {onnxc.fused = ["Mul", "Add"]}
// CHECK-NOT: onnx.Mul
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @into_conv(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = onnx.Constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %s = onnx.Constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %t = onnx.Constant dense<0.5> : tensor<1xf32>
  %0 = "onnx.Conv"(%x, %w, %b) : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = "onnx.Mul"(%0, %s) : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %2 = "onnx.Add"(%1, %t) : (tensor<1x2x3x3xf32>, tensor<1xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// Kept: a single Mul that is not per channel (it varies along a spatial
// axis), a chain whose inner result has another user (a Mul + an Add is no
// fewer ops), c / x, x / 0, integer tensors.
// CHECK-LABEL: func.func @kept
// CHECK: "onnx.Conv"(%arg0, %{{.*}}, %{{.*}}) <{auto_pad = "NOTSET", group = 1 : i64}> :
// CHECK: "onnx.Mul"
// CHECK: "onnx.Mul"(%arg1
// CHECK: "onnx.Add"
// CHECK: "onnx.Mul"
// CHECK: "onnx.Div"(%{{.*}}, %arg1)
// CHECK: "onnx.Add"
// CHECK: "onnx.Div"(%arg1
// CHECK: "onnx.Add"
// CHECK: "onnx.Mul"(%arg2
// CHECK: "onnx.Add"
func.func @kept(%x: tensor<1x1x3x3xf32>, %v: tensor<4xf32>, %i: tensor<4xi32>)
    -> (tensor<1x2x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  %w = onnx.Constant dense<1.0> : tensor<2x1x1x1xf32>
  %b = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %row = onnx.Constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %c2 = onnx.Constant dense<2.0> : tensor<f32>
  %zero = onnx.Constant dense<0.0> : tensor<f32>
  %i2 = onnx.Constant dense<2> : tensor<i32>
  %0 = "onnx.Conv"(%x, %w, %b) : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = "onnx.Mul"(%0, %row) : (tensor<1x2x3x3xf32>, tensor<3xf32>) -> tensor<1x2x3x3xf32>
  %2 = "onnx.Mul"(%v, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = "onnx.Add"(%2, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %4 = "onnx.Mul"(%3, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %5 = "onnx.Div"(%c2, %v) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %6 = "onnx.Add"(%5, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %7 = "onnx.Div"(%v, %zero) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %8 = "onnx.Add"(%7, %c2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %9 = "onnx.Mul"(%i, %i2) : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  %10 = "onnx.Add"(%9, %i2) : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  return %1, %3, %4, %6, %8, %10 : tensor<1x2x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}
