// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-dead-node-elimination))' | FileCheck %s

// A dead chain goes, back to front, with the constant only it used; what
// reaches the result stays, including a constant it uses.
// CHECK-LABEL: func.func @dead_chain
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<2.000000e+00>
// CHECK-NEXT: %[[M:.*]] = "onnx.Mul"(%arg0, %[[C]])
// CHECK-NEXT: return %[[M]]
func.func @dead_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %used = onnx.Constant dense<2.0> : tensor<4xf32>
  %unused = onnx.Constant dense<3.0> : tensor<4xf32>
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Add"(%0, %unused) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Exp"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%x, %used) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// Nothing is dead: nothing changes.
// CHECK-LABEL: func.func @all_live
// CHECK: "onnx.Relu"
// CHECK: "onnx.Neg"
// CHECK: return
func.func @all_live(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Neg"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
