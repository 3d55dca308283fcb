// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-cancel-transpose-reshape,onnx-dead-node-elimination))' | FileCheck %s

// onnx-cancel-transpose-reshape: layout-only ops on static shapes merge, and
// those that change nothing disappear.

// Transposes that compose to the identity (NCHW -> NHWC -> NCHW) vanish.
// CHECK-LABEL: func.func @transpose_roundtrip
// CHECK-NOT: onnx.Transpose
// CHECK: return %arg0
func.func @transpose_roundtrip(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %0 = "onnx.Transpose"(%x) {perm = [0, 2, 3, 1]} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %1 = "onnx.Transpose"(%0) {perm = [0, 3, 1, 2]} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  return %1 : tensor<1x2x3x4xf32>
}

// Two Transposes become one with the composed permutation (the second one's
// default perm reverses the axes); the first stays for its other user.
// CHECK-LABEL: func.func @transpose_merge
// CHECK: %[[T:.*]] = "onnx.Transpose"(%arg0) <{perm = [1, 0, 2]}> : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
// CHECK: %[[M:.*]] = "onnx.Transpose"(%arg0) <{perm = [2, 0, 1]}> {onnxc.fused = ["Transpose"]} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK: return %[[T]], %[[M]]
func.func @transpose_merge(%x: tensor<2x3x4xf32>) -> (tensor<3x2x4xf32>, tensor<4x2x3xf32>) {
  %0 = "onnx.Transpose"(%x) {perm = [1, 0, 2]} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %1 = "onnx.Transpose"(%0) : (tensor<3x2x4xf32>) -> tensor<4x2x3xf32>
  return %0, %1 : tensor<3x2x4xf32>, tensor<4x2x3xf32>
}

// A Transpose that moves only size-1 axes is a Reshape; one that moves two
// axes of size > 1 is kept.
// CHECK-LABEL: func.func @unit_axes
// CHECK: %[[S:.*]] = onnx.Constant dense<[3, 1, 4, 1]> : tensor<4xi64>
// CHECK: %[[R:.*]] = "onnx.Reshape"(%arg0, %[[S]]) <{allowzero = 0 : i64}> {onnxc.fused = ["Transpose"]} : (tensor<1x3x1x4xf32>, tensor<4xi64>) -> tensor<3x1x4x1xf32>
// CHECK: %[[T:.*]] = "onnx.Transpose"(%arg0) <{perm = [0, 3, 2, 1]}>
// CHECK: return %[[R]], %[[T]]
func.func @unit_axes(%x: tensor<1x3x1x4xf32>) -> (tensor<3x1x4x1xf32>, tensor<1x4x1x3xf32>) {
  %0 = "onnx.Transpose"(%x) {perm = [1, 0, 3, 2]} : (tensor<1x3x1x4xf32>) -> tensor<3x1x4x1xf32>
  %1 = "onnx.Transpose"(%x) {perm = [0, 3, 2, 1]} : (tensor<1x3x1x4xf32>) -> tensor<1x4x1x3xf32>
  return %0, %1 : tensor<3x1x4x1xf32>, tensor<1x4x1x3xf32>
}

// Reshape-like ops in a row become one Reshape of the first one's input,
// which records them.
// CHECK-LABEL: func.func @reshape_chain
// CHECK: %[[S:.*]] = onnx.Constant dense<[6, 4]> : tensor<2xi64>
// CHECK: %[[R:.*]] = "onnx.Reshape"(%arg0, %[[S]]) <{allowzero = 0 : i64}> {onnxc.fused = ["Reshape", "Unsqueeze", "Flatten"]} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
// CHECK-NOT: onnx.Unsqueeze
// CHECK-NOT: onnx.Flatten
// CHECK: return %[[R]]
func.func @reshape_chain(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %shape = onnx.Constant dense<[6, 1, 4]> : tensor<3xi64>
  %axes = onnx.Constant dense<[0]> : tensor<1xi64>
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<6x1x4xf32>
  %1 = "onnx.Unsqueeze"(%0, %axes) : (tensor<6x1x4xf32>, tensor<1xi64>) -> tensor<1x6x1x4xf32>
  %2 = "onnx.Flatten"(%1) {axis = 2 : i64} : (tensor<1x6x1x4xf32>) -> tensor<6x4xf32>
  return %2 : tensor<6x4xf32>
}

// Reshape-like ops to their input's shape are removed, also a pair that
// returns to the original shape.
// CHECK-LABEL: func.func @no_op
// CHECK-NOT: onnx.Reshape
// CHECK-NOT: onnx.Squeeze
// CHECK: return %arg0, %arg0
func.func @no_op(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %shape = onnx.Constant dense<[2, 3]> : tensor<2xi64>
  %flat = onnx.Constant dense<[6]> : tensor<1xi64>
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %1 = "onnx.Squeeze"(%0, %none) : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
  %2 = "onnx.Reshape"(%x, %flat) : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<6xf32>
  %3 = "onnx.Reshape"(%2, %shape) : (tensor<6xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %1, %3 : tensor<2x3xf32>, tensor<2x3xf32>
}

// Kept: a Reshape of a computed value to a new shape, a Transpose after a
// Reshape (they do not commute), dynamic shapes.
// CHECK-LABEL: func.func @kept
// CHECK: "onnx.Reshape"(%arg0
// CHECK: "onnx.Transpose"
// CHECK: "onnx.Reshape"(%arg1
// CHECK: "onnx.Reshape"
func.func @kept(%x: tensor<2x3xf32>, %d: tensor<?x3xf32>) -> (tensor<3x2xf32>, tensor<?x3xf32>) {
  %shape = onnx.Constant dense<[3, 2]> : tensor<2xi64>
  %dshape = onnx.Constant dense<[-1, 3]> : tensor<2xi64>
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  %1 = "onnx.Transpose"(%0) {perm = [1, 0]} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %2 = "onnx.Reshape"(%d, %dshape) : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<?x3xf32>
  %3 = "onnx.Reshape"(%2, %dshape) : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<?x3xf32>
  %4 = "onnx.Reshape"(%1, %shape) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %4, %3 : tensor<3x2xf32>, tensor<?x3xf32>
}
