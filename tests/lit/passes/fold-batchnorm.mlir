// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fold-batchnorm,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fold-batchnorm: BatchNormalization(Conv(X, W, B)) with constant
// weights and statistics becomes one Conv, s = scale / sqrt(var + epsilon),
// W' = W * s, B' = (B - mean) * s + bias. Values below worked by hand:
// epsilon = 1, var = [3, 0] gives s = [2 / 2, 0.5 / 1] = [1, 0.5];
// W' = [2 * 1, 3 * 0.5]; B' = [(1 - 1) * 1 + 0.5, (-1 - 3) * 0.5 + 1].

// CHECK-LABEL: func.func @folds
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}2.000000e+00]]], {{\[\[\[}}1.500000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = "onnx.Conv"(%arg0, %[[W]], %[[B]])
// CHECK-NOT: onnx.BatchNormalization
// CHECK: return %[[Y]]
func.func @folds(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.Constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %b = onnx.Constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = onnx.Constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[1.0, 3.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = "onnx.Conv"(%x, %w, %b) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// A Conv without B gets one: B' = -mean * s + bias = [-1 + 0.5, -1.5 + 1].
// CHECK-LABEL: func.func @adds_bias
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<-5.000000e-01> : tensor<2xf32>
// CHECK: "onnx.Conv"(%arg0, %{{.*}}, %[[B]])
// CHECK-NOT: onnx.BatchNormalization
func.func @adds_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.Constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %none = onnx.NoValue
  %scale = onnx.Constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[1.0, 3.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// The Conv's result has a second user, which must see it without BN: kept.
// CHECK-LABEL: func.func @second_user
// CHECK: "onnx.Conv"
// CHECK: "onnx.BatchNormalization"
func.func @second_user(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = onnx.Constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %none = onnx.NoValue
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// Statistics that arrive at run time cannot be folded: kept.
// CHECK-LABEL: func.func @runtime_mean
// CHECK: "onnx.BatchNormalization"
func.func @runtime_mean(%x: tensor<1x1x4x4xf32>, %mean: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.Constant dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %none = onnx.NoValue
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %mean, %p) : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// BN after something other than a Conv: kept.
// CHECK-LABEL: func.func @after_relu
// CHECK: "onnx.BatchNormalization"
func.func @after_relu(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Relu"(%x) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}
