// RUN: onnxc-opt %s -cse | FileCheck %s

// Common-subexpression elimination (MLIR's -cse, which the -O2 pipeline runs):
// onnx ops are Pure, so an op equal to an earlier one (same name, operands,
// attributes and result types) is replaced by it.

// Two Relu(x) become one, and so do the Adds that used them.
// CHECK-LABEL: func.func @merges
// CHECK-NEXT: %[[R:.*]] = "onnx.Relu"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "onnx.Add"(%[[R]], %[[R]])
// CHECK-NEXT: return %[[A]], %[[A]]
func.func @merges(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%0, %1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Add"(%1, %0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2, %3 : tensor<4xf32>, tensor<4xf32>
}

// Not merged: other attributes, other operands, operands in another order
// (Sub is not commutative).
// CHECK-LABEL: func.func @keeps
// CHECK-COUNT-2: "onnx.LeakyRelu"
// CHECK-COUNT-2: "onnx.Exp"
// CHECK-COUNT-2: "onnx.Sub"
func.func @keeps(%x: tensor<4xf32>, %y: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "onnx.LeakyRelu"(%x) {alpha = 0.1 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.LeakyRelu"(%x) {alpha = 0.2 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Exp"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.Sub"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %5 = "onnx.Sub"(%y, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
