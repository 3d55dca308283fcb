// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fold-batchnorm,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fold-batchnorm into a ConvTranspose: W is [C, M/group, k...], so the
// weights of output channel m = g * (M/group) + j are W[c, j] for the input
// channels c of group g. var = 0 and epsilon = 1 make s = scale.

// group 2, C = 2, M = 4: W[c, j] feeds channel 2c + j, so all-ones weights
// with s = [1, 2, 3, 4] become [[1, 2], [3, 4]]; B' = (B - mean) * s + bias
// = [0 * 1 + 1, 1 * 2 + 1, 2 * 3 + 1, 3 * 4 + 1] with B = [1, 2, 3, 4], mean = 1.
// CHECK-LABEL: func.func @grouped
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]]], {{\[\[\[}}3.000000e+00]], {{\[\[}}4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<[1.000000e+00, 3.000000e+00, 7.000000e+00, 1.300000e+01]> : tensor<4xf32>
// CHECK: %[[Y:.*]] = "onnx.ConvTranspose"(%arg0, %[[W]], %[[B]])
// CHECK-NOT: onnx.BatchNormalization
// CHECK: return %[[Y]]
func.func @grouped(%x: tensor<1x2x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %w = onnx.Constant dense<1.0> : tensor<2x2x1x1xf32>
  %b = onnx.Constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %scale = onnx.Constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %bias = onnx.Constant dense<1.0> : tensor<4xf32>
  %mean = onnx.Constant dense<1.0> : tensor<4xf32>
  %var = onnx.Constant dense<0.0> : tensor<4xf32>
  %0 = "onnx.ConvTranspose"(%x, %w, %b) {group = 2 : i64} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  return %1 : tensor<1x4x3x3xf32>
}

// group 1, C = 2, M = 2, no B: W[c, m] feeds channel m for every c;
// B' = -mean * s + bias = [-1 + 1, -2 + 1].
// CHECK-LABEL: func.func @ungrouped
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]]], {{\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<[0.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK: "onnx.ConvTranspose"(%arg0, %[[W]], %[[B]])
// CHECK-NOT: onnx.BatchNormalization
func.func @ungrouped(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = onnx.Constant dense<1.0> : tensor<2x2x1x1xf32>
  %none = onnx.NoValue
  %scale = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %bias = onnx.Constant dense<1.0> : tensor<2xf32>
  %mean = onnx.Constant dense<1.0> : tensor<2xf32>
  %var = onnx.Constant dense<0.0> : tensor<2xf32>
  %0 = "onnx.ConvTranspose"(%x, %w, %none) : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x3x3xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// The ConvTranspose's result has a second user: kept.
// CHECK-LABEL: func.func @second_user
// CHECK: "onnx.ConvTranspose"
// CHECK: "onnx.BatchNormalization"
func.func @second_user(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = onnx.Constant dense<1.0> : tensor<2x2x1x1xf32>
  %none = onnx.NoValue
  %p = onnx.Constant dense<1.0> : tensor<2xf32>
  %0 = "onnx.ConvTranspose"(%x, %w, %none) : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x3x3xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
