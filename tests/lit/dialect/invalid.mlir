// RUN: onnxc-opt %s --split-input-file --verify-diagnostics

// The onnx dialect's verifiers: what ONNX (opset 17) requires of operand
// types and attributes, checked wherever the shapes involved are known.

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

func.func @bn_running_stats_inference(%x: tensor<1x2xf32>, %s: tensor<2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{running_mean and running_var are outputs of training_mode=1 only}}
  %0, %1 = "onnx.BatchNormalization"(%x, %s, %s, %s, %s) : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2xf32>, tensor<2xf32>)
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

// -----

func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{inner dimensions differ: 3 vs 4}}
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// transA makes A [3,2]: K = 2, but B has 3 rows.
func.func @gemm_trans(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  // expected-error @+1 {{inner dimensions differ: 2 vs 3}}
  %0 = "onnx.Gemm"(%a, %b, %none) {transA = 1} : (tensor<2x3xf32>, tensor<3x5xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_group(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  // expected-error @+1 {{output channels not divisible by group}}
  %0 = "onnx.Conv"(%x, %w, %none) {group = 2} : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<*xf32> {
  %none = "onnx.NoValue"() : () -> none
  // expected-error @+1 {{X and W ranks differ}}
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @perm_length(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{perm has 3 entries for rank 2}}
  %0 = "onnx.Transpose"(%a) {perm = [0, 1, 2]} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{axis out of range}}
  %0 = "onnx.Concat"(%a, %a) {axis = -3} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_types(%a: tensor<2xf32>, %b: tensor<2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{inputs have different element types}}
  %0 = "onnx.Concat"(%a, %b) {axis = 0} : (tensor<2xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reshape_shape(%a: tensor<2x3xf32>, %s: tensor<1x2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{shape must be 1-D}}
  %0 = "onnx.Reshape"(%a, %s) : (tensor<2x3xf32>, tensor<1x2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @maxpool_storage(%x: tensor<1x1x4x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{storage_order must be 0 or 1}}
  %0 = "onnx.MaxPool"(%x) {kernel_shape = [2, 2], storage_order = 2} : (tensor<1x1x4x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @unary_type(%a: tensor<2xf32>) -> tensor<2xf64> {
  // expected-error @+1 {{result element type differs from the input's}}
  %0 = "onnx.Relu"(%a) : (tensor<2xf32>) -> tensor<2xf64>
  return %0 : tensor<2xf64>
}

// -----

func.func @sum_types(%a: tensor<2xf32>, %b: tensor<2xf64>) -> tensor<*xf32> {
  // expected-error @+1 {{inputs have different element types}}
  %0 = "onnx.Sum"(%a, %b) : (tensor<2xf32>, tensor<2xf64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Pow is the one binary op whose operands may differ in element type.
func.func @pow_types(%a: tensor<2xf32>, %b: tensor<2xi64>) -> tensor<2xf32> {
  %0 = "onnx.Pow"(%a, %b) : (tensor<2xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
