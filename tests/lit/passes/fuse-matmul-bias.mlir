// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fuse-matmul-bias,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fuse-matmul-bias: Add(MatMul(A, B), bias[N]) is a linear layer; the
// bias moves into the product's kernel.

// 2-D operands: a Gemm with the bias as C (alpha = beta = 1).
// CHECK-LABEL: func.func @gemm
// CHECK: %[[Y:.*]] = "onnx.Gemm"(%arg0, %arg1, %arg2) <{alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = 0 : i64, transB = 0 : i64}>
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @gemm(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %bias: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = "onnx.Add"(%0, %bias) : (tensor<3x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %1 : tensor<3x5xf32>
}

// A transformer's [batch, tokens, features] linear layer: the MatMul takes
// the bias as its third operand; the bias may be Add's first operand, and a
// constant [1, 1, N] becomes a [N] constant.
// CHECK-LABEL: func.func @batched
// CHECK: %[[BIAS:.*]] = onnx.Constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = "onnx.MatMul"(%arg0, %{{.*}}, %[[BIAS]]) {onnxc.fused = ["Add"]} : (tensor<2x3x4xf32>, tensor<4x2xf32>, tensor<2xf32>) -> tensor<2x3x2xf32>
// CHECK-NOT: onnx.Add
// CHECK: return %[[Y]]
func.func @batched(%a: tensor<2x3x4xf32>) -> tensor<2x3x2xf32> {
  %w = onnx.Constant dense<1.0> : tensor<4x2xf32>
  %bias = onnx.Constant dense<[[[1.0, 2.0]]]> : tensor<1x1x2xf32>
  %0 = "onnx.MatMul"(%a, %w) : (tensor<2x3x4xf32>, tensor<4x2xf32>) -> tensor<2x3x2xf32>
  %1 = "onnx.Add"(%bias, %0) : (tensor<1x1x2xf32>, tensor<2x3x2xf32>) -> tensor<2x3x2xf32>
  return %1 : tensor<2x3x2xf32>
}

// The MatMul's result has a second user, which must see it without bias: kept.
// CHECK-LABEL: func.func @second_user
// CHECK: "onnx.MatMul"(%arg0, %arg1) :
// CHECK: "onnx.Add"
func.func @second_user(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %bias: tensor<5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = "onnx.Add"(%0, %bias) : (tensor<3x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0, %1 : tensor<3x5xf32>, tensor<3x5xf32>
}

// An addend that varies along M (a residual, a [M, 1] column) is not a bias: kept.
// CHECK-LABEL: func.func @not_a_bias
// CHECK: "onnx.MatMul"(%arg0, %arg1) :
// CHECK: "onnx.Add"
// CHECK: "onnx.MatMul"(%arg0, %arg1) :
// CHECK: "onnx.Add"
func.func @not_a_bias(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %r: tensor<3x5xf32>, %c: tensor<3x1xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = "onnx.Add"(%0, %r) : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  %2 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %3 = "onnx.Add"(%2, %c) : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %1, %3 : tensor<3x5xf32>, tensor<3x5xf32>
}

// A bias computed after the MatMul is not ready when the kernel starts: kept.
// CHECK-LABEL: func.func @bias_after
// CHECK: "onnx.MatMul"(%arg0, %arg1) :
// CHECK: "onnx.Add"
func.func @bias_after(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %v: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %bias = "onnx.Relu"(%v) : (tensor<5xf32>) -> tensor<5xf32>
  %1 = "onnx.Add"(%0, %bias) : (tensor<3x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %1 : tensor<3x5xf32>
}

// A 1-D B (a matrix-vector product) has no N axis: kept.
// CHECK-LABEL: func.func @vector_b
// CHECK: "onnx.MatMul"
// CHECK: "onnx.Add"
func.func @vector_b(%a: tensor<3x4xf32>, %b: tensor<4xf32>, %bias: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  %1 = "onnx.Add"(%0, %bias) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}
