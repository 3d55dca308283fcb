// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fold-batchnorm,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fold-batchnorm into a Gemm: BN over Y[M, N]'s columns scales column n
// of B (row n with transB) by s[n] = scale[n] / sqrt(var[n] + epsilon) and
// makes C' = (beta * C - mean) * s + bias, beta' = 1. Worked by hand:
// epsilon = 1, var = [3, 0], scale = [2, 0.5] gives s = [1, 0.5];
// mean = [1, 3], bias = [0.5, 1].

// B = [[1, 2], [3, 4]] -> [[1, 1], [3, 2]]; beta * C = [2, -2] ->
// C' = [(2 - 1) * 1 + 0.5, (-2 - 3) * 0.5 + 1] = [1.5, -1.5].
// CHECK-LABEL: func.func @folds
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<{{\[\[}}1.000000e+00, 1.000000e+00], [3.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = onnx.Constant dense<[1.500000e+00, -1.500000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = "onnx.Gemm"(%arg0, %[[B]], %[[C]]) <{alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32
// CHECK-NOT: onnx.BatchNormalization
// CHECK: return %[[Y]]
func.func @folds(%a: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = onnx.Constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = onnx.Constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[1.0, 3.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %c) {beta = 2.0 : f32} : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// transB: B is [N, K], its row n scales: [[1, 2], [3, 4]] -> [[1, 2], [1.5, 2]].
// Without C the bias is -mean * s + bias = [-0.5, -0.5].
// CHECK-LABEL: func.func @trans_b_no_c
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [1.500000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = onnx.Constant dense<-5.000000e-01> : tensor<2xf32>
// CHECK: "onnx.Gemm"(%arg0, %[[B]], %[[C]])
// CHECK-NOT: onnx.BatchNormalization
func.func @trans_b_no_c(%a: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %none = onnx.NoValue
  %scale = onnx.Constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[1.0, 3.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %none) {transB = 1 : i64} : (tensor<3x2xf32>, tensor<2x2xf32>, none) -> tensor<3x2xf32>
  %1 = "onnx.BatchNormalization"(%0, %scale, %bias, %mean, %var) {epsilon = 1.0 : f32} : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// C with a row per example ([M, N]) is not a per-column bias: kept.
// CHECK-LABEL: func.func @c_per_row
// CHECK: "onnx.Gemm"
// CHECK: "onnx.BatchNormalization"
func.func @c_per_row(%a: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = onnx.Constant dense<1.0> : tensor<3x2xf32>
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %c) : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// The Gemm's result has a second user, which must see it without BN: kept.
// CHECK-LABEL: func.func @second_user
// CHECK: "onnx.Gemm"
// CHECK: "onnx.BatchNormalization"
func.func @second_user(%a: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %none = onnx.NoValue
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<3x2xf32>, tensor<2x2xf32>, none) -> tensor<3x2xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %0, %1 : tensor<3x2xf32>, tensor<3x2xf32>
}

// B computed at run time cannot be rescaled: kept.
// CHECK-LABEL: func.func @runtime_weights
// CHECK: "onnx.BatchNormalization"
func.func @runtime_weights(%a: tensor<3x2xf32>, %b: tensor<2x2xf32>) -> tensor<3x2xf32> {
  %none = onnx.NoValue
  %p = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<3x2xf32>, tensor<2x2xf32>, none) -> tensor<3x2xf32>
  %1 = "onnx.BatchNormalization"(%0, %p, %p, %p, %p) : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}
