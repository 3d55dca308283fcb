// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-dead-node-elimination))' | FileCheck %s

// onnx-dead-node-elimination: ops (initializers included) whose results
// nothing uses are erased, transitively; everything that reaches a return
// stays, in its order.

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
// CHECK-NEXT: %[[R:.*]] = "onnx.Relu"(%arg0)
// CHECK-NEXT: %[[N:.*]] = "onnx.Neg"(%[[R]])
// CHECK-NEXT: return %[[R]], %[[N]]
func.func @all_live(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Neg"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// A constant shared by a dead and a live op stays; the dead op goes. A dead
// op with several users of its operand does not take the operand with it.
// CHECK-LABEL: func.func @shared_constant
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<1.000000e+00>
// CHECK-NEXT: %[[R:.*]] = "onnx.Relu"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "onnx.Add"(%[[R]], %[[C]])
// CHECK-NEXT: return %[[A]]
func.func @shared_constant(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = onnx.Constant dense<1.0> : tensor<4xf32>
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Sub"(%0, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%0, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// A dead diamond (two dead branches joining in a dead op) and an unused
// NoValue all go; only the return of the argument is left.
// CHECK-LABEL: func.func @dead_diamond
// CHECK-NEXT: return %arg0
func.func @dead_diamond(%x: tensor<4xf32>) -> tensor<4xf32> {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Neg"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Abs"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%1, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %x : tensor<4xf32>
}
