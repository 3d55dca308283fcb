// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fuse-activation))' | FileCheck %s

// onnx-fuse-activation: an activation whose input is a float Conv, Gemm or
// MatMul used by nothing else is erased; the producer carries it as
// onnxc.activation (+ onnxc.activation_params) for its kernel's epilogue,
// after any activation fused before it.

// CHECK-LABEL: func.func @conv_relu
// CHECK: %[[Y:.*]] = "onnx.Conv"{{.*}}onnxc.activation = ["Relu"], onnxc.activation_params = {{\[\[}}]]
// CHECK-NOT: onnx.Relu
// CHECK: return %[[Y]]
func.func @conv_relu(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %none = onnx.NoValue
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.Relu"(%0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// Clip with constant bounds (Relu6) keeps its bounds; an absent bound is inf.
// CHECK-LABEL: func.func @gemm_relu6
// CHECK: "onnx.Gemm"{{.*}}onnxc.activation = ["Clip"], onnxc.activation_params = {{\[\[}}0.000000e+00, 6.000000e+00]]
// CHECK-NOT: onnx.Clip
// CHECK-LABEL: func.func @matmul_clip_min_only
// CHECK: "onnx.MatMul"{{.*}}onnxc.activation = ["Clip"], onnxc.activation_params = {{\[\[}}-1.000000e+00, 0x7FF0000000000000 : f64]]
func.func @gemm_relu6(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %none = onnx.NoValue
  %lo = onnx.Constant dense<0.0> : tensor<f32>
  %hi = onnx.Constant dense<6.0> : tensor<f32>
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<2x3xf32>, tensor<3x4xf32>, none) -> tensor<2x4xf32>
  %1 = "onnx.Clip"(%0, %lo, %hi) : (tensor<2x4xf32>, tensor<f32>, tensor<f32>) -> tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}
func.func @matmul_clip_min_only(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %none = onnx.NoValue
  %lo = onnx.Constant dense<-1.0> : tensor<f32>
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "onnx.Clip"(%0, %lo, %none) : (tensor<2x4xf32>, tensor<f32>, none) -> tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}

// Attributes travel as params, in ONNX order.
// CHECK-LABEL: func.func @leaky_and_hard_sigmoid
// CHECK: "onnx.MatMul"{{.*}}onnxc.activation = ["HardSigmoid"], onnxc.activation_params = {{\[\[}}2.500000e-01, 5.000000e-01]]
// CHECK: "onnx.MatMul"{{.*}}onnxc.activation = ["LeakyRelu"], onnxc.activation_params = {{\[\[}}0.10000000149011612]]
func.func @leaky_and_hard_sigmoid(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "onnx.HardSigmoid"(%0) {alpha = 0.25 : f32, beta = 0.5 : f32} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %2 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %3 = "onnx.LeakyRelu"(%2) {alpha = 0.1 : f32} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %1, %3 : tensor<2x4xf32>, tensor<2x4xf32>
}

// Not fused: a second user of the producer; an integer MatMul; an
// activation after a non-producer; Clip with a run-time bound.
// CHECK-LABEL: func.func @not_fused
// CHECK: %[[C:.*]] = "onnx.Conv"
// CHECK-NOT: onnxc.activation
// CHECK: "onnx.Relu"(%[[C]])
// CHECK: "onnx.MatMul"{{.*}}-> tensor<2x2xi32>
// CHECK-NEXT: "onnx.Relu"
// CHECK: "onnx.Exp"
// CHECK-NEXT: "onnx.Relu"
// CHECK: "onnx.MatMul"
// CHECK-NEXT: "onnx.Clip"
func.func @not_fused(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>, %a: tensor<2x3xf32>, %b: tensor<3x4xf32>,
                     %i: tensor<2x2xi32>, %hi: tensor<f32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<2x2xi32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %none = onnx.NoValue
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.Relu"(%0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %5 = "onnx.MatMul"(%i, %i) : (tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  %6 = "onnx.Relu"(%5) : (tensor<2x2xi32>) -> tensor<2x2xi32>
  %7 = "onnx.Exp"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = "onnx.Relu"(%7) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = "onnx.MatMul"(%8, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %10 = "onnx.Clip"(%9, %none, %hi) : (tensor<2x4xf32>, none, tensor<f32>) -> tensor<2x4xf32>
  return %0, %1, %6, %10, %10 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<2x2xi32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// A chain fuses step by step, in order; Max or Min with a one-element
// constant (either operand) is a Clip with one bound.
// CHECK-LABEL: func.func @chains
// CHECK: "onnx.Conv"{{.*}}onnxc.activation = ["LeakyRelu", "Clip"], onnxc.activation_params = {{\[\[}}0.20000000298023224], [-5.000000e-01, 0x7FF0000000000000 : f64]]
// CHECK: "onnx.MatMul"{{.*}}onnxc.activation = ["Sigmoid", "Tanh", "Clip"], onnxc.activation_params = {{\[\[}}], [], [0xFFF0000000000000 : f64, 2.500000e-01]]
// CHECK-NOT: onnx.Max
// CHECK-NOT: onnx.Min
// CHECK: return
func.func @chains(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>, %a: tensor<2x3xf32>, %b: tensor<3x4xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<2x4xf32>) {
  %none = onnx.NoValue
  %floor = onnx.Constant dense<-0.5> : tensor<1x1x1x1xf32>
  %cap = onnx.Constant dense<0.25> : tensor<f32>
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %1 = "onnx.LeakyRelu"(%0) {alpha = 0.2 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = "onnx.Max"(%1, %floor) : (tensor<1x2x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %3 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %4 = "onnx.Sigmoid"(%3) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %5 = "onnx.Tanh"(%4) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %6 = "onnx.Min"(%cap, %5) : (tensor<f32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %2, %6 : tensor<1x2x4x4xf32>, tensor<2x4xf32>
}

// Max/Min stay: a constant of more than one element, two tensors, three
// operands, a constant that broadcasts the result to a bigger shape.
// CHECK-LABEL: func.func @max_min_kept
// CHECK-COUNT-4: "onnx.M{{ax|in}}"
func.func @max_min_kept(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>)
    -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<3x2x4xf32>) {
  %row = onnx.Constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %one = onnx.Constant dense<1.0> : tensor<3x1x1xf32>
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "onnx.Max"(%0, %row) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %3 = "onnx.Min"(%2, %c) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %4 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %5 = "onnx.Max"(%4, %c, %c) : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %6 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %7 = "onnx.Max"(%6, %one) : (tensor<2x4xf32>, tensor<3x1x1xf32>) -> tensor<3x2x4xf32>
  return %1, %3, %5, %7 : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<3x2x4xf32>
}
