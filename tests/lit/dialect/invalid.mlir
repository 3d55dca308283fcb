// RUN: onnxc-opt %s --split-input-file --verify-diagnostics

func.func @types(%a: tensor<2xf32>, %b: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+1 {{operands have different element types}}
  %0 = "onnx.Add"(%a, %b) : (tensor<2xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @broadcast(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{operand shapes are not broadcastable}}
  %0 = "onnx.Add"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @perm(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{perm is not a permutation}}
  %0 = "onnx.Transpose"(%a) {perm = [0, 0]} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  // expected-error @+1 {{input channels 3 != W channels 2 * group 1}}
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @bn_training(%x: tensor<1x2xf32>, %s: tensor<2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{training_mode=1 is not supported}}
  %0 = "onnx.BatchNormalization"(%x, %s, %s, %s, %s) {training_mode = 1} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

func.func @gemm(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  // expected-error @+1 {{inner dimensions differ: 3 vs 4}}
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<2x3xf32>, tensor<4x5xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_bias(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %c: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{C does not broadcast to [M, N]}}
  %0 = "onnx.Gemm"(%a, %b, %c) : (tensor<2x3xf32>, tensor<3x5xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @softmax_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis 2 out of range for rank 2}}
  %0 = "onnx.Softmax"(%a) {axis = 2} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @constant_type() -> tensor<3xf32> {
  // expected-error @+1 {{value type 'tensor<2xf32>' differs from result type 'tensor<3xf32>'}}
  %0 = "onnx.Constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
