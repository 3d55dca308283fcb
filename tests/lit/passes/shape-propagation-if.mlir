// RUN: onnxc-opt %s --split-input-file --verify-diagnostics -pass-pipeline='builtin.module(func.func(onnx-shape-propagation))' | FileCheck %s

// onnx-shape-propagation through onnx.If: the ops of both branches are made
// static first (they read outer values), then the If's results take the
// shapes the branches yield, which must agree.

// CHECK-LABEL: func.func @branches
// CHECK-SAME: -> tensor<2x3xf32>
// CHECK: "onnx.Add"{{.*}} -> tensor<2x3xf32>
// CHECK: "onnx.Mul"{{.*}} -> tensor<2x3xf32>
// CHECK: }) : (tensor<1xi1>) -> tensor<2x3xf32>
func.func @branches(%c: tensor<1xi1>, %x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<*xf32> {
  %r = "onnx.If"(%c) ({
    %a = "onnx.Add"(%x, %y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
    onnx.Yield %a : tensor<*xf32>
  }, {
    %b = "onnx.Mul"(%x, %y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
    onnx.Yield %b : tensor<*xf32>
  }) : (tensor<1xi1>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

func.func @disagree(%c: tensor<1xi1>, %x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{the branches yield different shapes}}
  %r = "onnx.If"(%c) ({
    onnx.Yield %x : tensor<2x3xf32>
  }, {
    onnx.Yield %y : tensor<3xf32>
  }) : (tensor<1xi1>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

// A condition that is a constant by now (a rank or shape check folded from
// static shapes) selects its branch: the results take the taken branch's
// shapes even when the other branch yields something else.
// CHECK-LABEL: func.func @constant_condition
// CHECK-SAME: -> tensor<3xf32>
// CHECK: }) : (tensor<1xi1>) -> tensor<3xf32>
func.func @constant_condition(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<*xf32> {
  %c = "onnx.Constant"() {value = dense<false> : tensor<1xi1>} : () -> tensor<1xi1>
  %r = "onnx.If"(%c) ({
    onnx.Yield %x : tensor<2x3xf32>
  }, {
    onnx.Yield %y : tensor<3xf32>
  }) : (tensor<1xi1>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}
