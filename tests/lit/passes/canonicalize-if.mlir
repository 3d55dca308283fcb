// RUN: onnxc-opt %s --split-input-file -canonicalize | FileCheck %s

// An onnx.If whose condition is a constant is replaced by the branch it
// takes, inlined; the other branch is dropped.

// CHECK-LABEL: func.func @constant_true
// CHECK-NOT: onnx.If
// CHECK-NOT: onnx.Exp
// CHECK: %[[N:.*]] = "onnx.Neg"(%arg0)
// CHECK-NEXT: return %[[N]]
func.func @constant_true(%x: tensor<16xf32>) -> tensor<16xf32> {
  %c = onnx.Constant dense<true> : tensor<1xi1>
  %r = "onnx.If"(%c) ({
    %a = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %a : tensor<16xf32>
  }, {
    %d = "onnx.Exp"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %d : tensor<16xf32>
  }) : (tensor<1xi1>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @constant_false
// CHECK-NOT: onnx.If
// CHECK-NOT: onnx.Neg
// CHECK: %[[E:.*]] = "onnx.Exp"(%arg0)
// CHECK-NEXT: return %[[E]]
func.func @constant_false(%x: tensor<16xf32>) -> tensor<16xf32> {
  %c = onnx.Constant dense<false> : tensor<i1>
  %r = "onnx.If"(%c) ({
    %a = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %a : tensor<16xf32>
  }, {
    %d = "onnx.Exp"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %d : tensor<16xf32>
  }) : (tensor<i1>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

// A runtime condition keeps the If.
// CHECK-LABEL: func.func @runtime
// CHECK: "onnx.If"
func.func @runtime(%c: tensor<1xi1>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %r = "onnx.If"(%c) ({
    %a = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %a : tensor<16xf32>
  }, {
    %d = "onnx.Exp"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %d : tensor<16xf32>
  }) : (tensor<1xi1>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}
