// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-recognize-gelu,onnx-dead-node-elimination))' | FileCheck %s

// onnx-recognize-gelu: Gelu as models before opset 20 spell it becomes one
// onnx.Gelu.

// PyTorch's export of nn.GELU(): ((1 + Erf(x / sqrt2)) * x) * 0.5.
// CHECK-LABEL: func.func @erf_form
// CHECK-NEXT: %[[Y:.*]] = "onnx.Gelu"(%arg0) <{approximate = "none"}>
// CHECK-NEXT: return %[[Y]]
func.func @erf_form(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %sqrt2 = onnx.Constant dense<1.41421354> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Div"(%x, %sqrt2) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = "onnx.Erf"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "onnx.Add"(%1, %one) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %3 = "onnx.Mul"(%x, %2) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "onnx.Mul"(%3, %half) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %4 : tensor<2x3xf32>
}

// Other groupings and operand orders: (0.5 * x) * (1 + erf(x * 1/sqrt2)).
// CHECK-LABEL: func.func @erf_regrouped
// CHECK-NEXT: %[[Y:.*]] = "onnx.Gelu"(%arg0) <{approximate = "none"}>
// CHECK-NEXT: return %[[Y]]
func.func @erf_regrouped(%x: tensor<4xf32>) -> tensor<4xf32> {
  %rsqrt2 = onnx.Constant dense<0.707106769> : tensor<1xf32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Mul"(%rsqrt2, %x) : (tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Erf"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%one, %1) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%half, %x) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.Mul"(%3, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}

// The tanh form, x^3 as Pow: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))).
// CHECK-LABEL: func.func @tanh_form
// CHECK-NEXT: %[[Y:.*]] = "onnx.Gelu"(%arg0) <{approximate = "tanh"}>
// CHECK-NEXT: return %[[Y]]
func.func @tanh_form(%x: tensor<4xf32>) -> tensor<4xf32> {
  %three = onnx.Constant dense<3.0> : tensor<f32>
  %c = onnx.Constant dense<0.044715> : tensor<f32>
  %k = onnx.Constant dense<0.797884583> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Pow"(%x, %three) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "onnx.Mul"(%c, %0) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%x, %1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%2, %k) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %4 = "onnx.Tanh"(%3) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "onnx.Add"(%4, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %6 = "onnx.Mul"(%x, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %7 = "onnx.Mul"(%6, %5) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %7 : tensor<4xf32>
}

// The tanh form with x^3 as (x * x) * x.
// CHECK-LABEL: func.func @tanh_cube_by_muls
// CHECK-NEXT: %[[Y:.*]] = "onnx.Gelu"(%arg0) <{approximate = "tanh"}>
// CHECK-NEXT: return %[[Y]]
func.func @tanh_cube_by_muls(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = onnx.Constant dense<0.044715> : tensor<f32>
  %k = onnx.Constant dense<0.797884583> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %sq = "onnx.Mul"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = "onnx.Mul"(%sq, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.Mul"(%0, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%1, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%k, %2) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.Tanh"(%3) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "onnx.Add"(%4, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %6 = "onnx.Mul"(%5, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %7 = "onnx.Mul"(%6, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %7 : tensor<4xf32>
}

// The Erf's result is also returned: the chain must stay. Kept.
// CHECK-LABEL: func.func @inner_value_used
// CHECK-NOT: onnx.Gelu
// CHECK: onnx.Erf
func.func @inner_value_used(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %sqrt2 = onnx.Constant dense<1.41421354> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Div"(%x, %sqrt2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "onnx.Erf"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%1, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%x, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.Mul"(%3, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %4, %1 : tensor<4xf32>, tensor<4xf32>
}

// Wrong constants (x * 0.5 * (1 + erf(x / 2))) or a different x inside the
// Erf are other functions: kept.
// CHECK-LABEL: func.func @not_gelu
// CHECK-NOT: onnx.Gelu
// CHECK: return
func.func @not_gelu(%x: tensor<4xf32>, %z: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %two = onnx.Constant dense<2.0> : tensor<f32>
  %sqrt2 = onnx.Constant dense<1.41421354> : tensor<f32>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %half = onnx.Constant dense<0.5> : tensor<f32>
  %0 = "onnx.Div"(%x, %two) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "onnx.Erf"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.Add"(%1, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = "onnx.Mul"(%x, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.Mul"(%3, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %5 = "onnx.Div"(%z, %sqrt2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %6 = "onnx.Erf"(%5) : (tensor<4xf32>) -> tensor<4xf32>
  %7 = "onnx.Add"(%6, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %8 = "onnx.Mul"(%x, %7) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %9 = "onnx.Mul"(%8, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %4, %9 : tensor<4xf32>, tensor<4xf32>
}
