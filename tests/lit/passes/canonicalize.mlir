// RUN: onnxc-opt %s -canonicalize | FileCheck %s

// -canonicalize with the onnx dialect: Identity folds to its input when the
// types agree; equal constants are merged (MLIR's constant deduplication).

// Identity folds away when its result type is its input's.
// CHECK-LABEL: func.func @identity
// CHECK-NOT: onnx.Identity
// CHECK: %[[R:.*]] = "onnx.Relu"(%arg0)
// CHECK-NEXT: return %[[R]]
func.func @identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.Identity"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Relu"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Identity"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// Equal constants are merged into one.
// CHECK-LABEL: func.func @constants
// CHECK-COUNT-1: onnx.Constant
// CHECK-NOT: onnx.Constant
func.func @constants(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = onnx.Constant dense<1.0> : tensor<4xf32>
  %b = onnx.Constant dense<1.0> : tensor<4xf32>
  %0 = "onnx.Add"(%x, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Add"(%0, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// An Identity that changes the type (here: refines it) is not folded: its
// users would see a different type.
// CHECK-LABEL: func.func @identity_refines
// CHECK: %[[I:.*]] = "onnx.Identity"(%arg0) : (tensor<*xf32>) -> tensor<4xf32>
// CHECK-NEXT: return %[[I]]
func.func @identity_refines(%x: tensor<*xf32>) -> tensor<4xf32> {
  %0 = "onnx.Identity"(%x) : (tensor<*xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Different constants are not merged.
// CHECK-LABEL: func.func @different_constants
// CHECK-COUNT-2: onnx.Constant
// CHECK-NOT: onnx.Constant
func.func @different_constants(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = onnx.Constant dense<1.0> : tensor<4xf32>
  %b = onnx.Constant dense<2.0> : tensor<4xf32>
  %0 = "onnx.Add"(%x, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Add"(%0, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
