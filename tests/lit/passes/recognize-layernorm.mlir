// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-recognize-layernorm,onnx-dead-node-elimination))' | FileCheck %s

// onnx-recognize-layernorm: LayerNorm as models before opset 17 spell it
// (PyTorch's export of nn.LayerNorm at opset 14) becomes one
// LayerNormalization over the last axis.

// (x - mean) / sqrt(mean((x - mean)^2) + 1e-5) * gamma + beta.
// CHECK-LABEL: func.func @full
// CHECK-DAG: %[[G:.*]] = onnx.Constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<[4.000000e+00, 5.000000e+00, 6.000000e+00]>
// CHECK: %[[Y:.*]] = "onnx.LayerNormalization"(%arg0, %[[G]], %[[B]]) <{{.*}}epsilon = 9.99999974E-6 : f32
// CHECK-NOT: onnx.ReduceMean
// CHECK: return %[[Y]]
func.func @full(%x: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  %two = onnx.Constant dense<2.0> : tensor<f32>
  %eps = onnx.Constant dense<1.0e-5> : tensor<f32>
  %gamma = onnx.Constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %beta = onnx.Constant dense<[4.0, 5.0, 6.0]> : tensor<3xf32>
  %mean = "onnx.ReduceMean"(%x) {axes = [-1]} : (tensor<2x4x3xf32>) -> tensor<2x4x1xf32>
  %d = "onnx.Sub"(%x, %mean) : (tensor<2x4x3xf32>, tensor<2x4x1xf32>) -> tensor<2x4x3xf32>
  %d2 = "onnx.Pow"(%d, %two) : (tensor<2x4x3xf32>, tensor<f32>) -> tensor<2x4x3xf32>
  %var = "onnx.ReduceMean"(%d2) {axes = [-1]} : (tensor<2x4x3xf32>) -> tensor<2x4x1xf32>
  %ve = "onnx.Add"(%var, %eps) : (tensor<2x4x1xf32>, tensor<f32>) -> tensor<2x4x1xf32>
  %std = "onnx.Sqrt"(%ve) : (tensor<2x4x1xf32>) -> tensor<2x4x1xf32>
  %n = "onnx.Div"(%d, %std) : (tensor<2x4x3xf32>, tensor<2x4x1xf32>) -> tensor<2x4x3xf32>
  %s = "onnx.Mul"(%n, %gamma) : (tensor<2x4x3xf32>, tensor<3xf32>) -> tensor<2x4x3xf32>
  %y = "onnx.Add"(%beta, %s) : (tensor<3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}

// The square as d * d, the axis as rank - 1, no gamma or beta: Scale 1, no B.
// CHECK-LABEL: func.func @plain
// CHECK: %[[ONE:.*]] = onnx.Constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: %[[Y:.*]] = "onnx.LayerNormalization"(%arg0, %[[ONE]], %[[NONE]])
// CHECK-NOT: onnx.ReduceMean
// CHECK: return %[[Y]]
func.func @plain(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %eps = onnx.Constant dense<1.0e-5> : tensor<1xf32>
  %mean = "onnx.ReduceMean"(%x) {axes = [1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %d = "onnx.Sub"(%x, %mean) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %d2 = "onnx.Mul"(%d, %d) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %var = "onnx.ReduceMean"(%d2) {axes = [-1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %ve = "onnx.Add"(%eps, %var) : (tensor<1xf32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  %std = "onnx.Sqrt"(%ve) : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = "onnx.Div"(%d, %std) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  return %n : tensor<4x3xf32>
}

// A gamma per row ([4, 1]) is no LayerNorm Scale: the normalisation is
// recognised, the Mul stays after it.
// CHECK-LABEL: func.func @row_gamma
// CHECK: %[[N:.*]] = "onnx.LayerNormalization"(%arg0,
// CHECK: "onnx.Mul"(%[[N]], %arg1)
func.func @row_gamma(%x: tensor<4x3xf32>, %g: tensor<4x1xf32>) -> tensor<4x3xf32> {
  %eps = onnx.Constant dense<1.0e-5> : tensor<f32>
  %mean = "onnx.ReduceMean"(%x) {axes = [-1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %d = "onnx.Sub"(%x, %mean) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %d2 = "onnx.Mul"(%d, %d) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %var = "onnx.ReduceMean"(%d2) {axes = [-1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %ve = "onnx.Add"(%var, %eps) : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %std = "onnx.Sqrt"(%ve) : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = "onnx.Div"(%d, %std) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %y = "onnx.Mul"(%n, %g) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// Normalising over a leading axis is not LayerNorm's last axis: kept.
// CHECK-LABEL: func.func @first_axis
// CHECK-NOT: onnx.LayerNormalization
// CHECK: return
func.func @first_axis(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %eps = onnx.Constant dense<1.0e-5> : tensor<f32>
  %mean = "onnx.ReduceMean"(%x) {axes = [0]} : (tensor<4x3xf32>) -> tensor<1x3xf32>
  %d = "onnx.Sub"(%x, %mean) : (tensor<4x3xf32>, tensor<1x3xf32>) -> tensor<4x3xf32>
  %d2 = "onnx.Mul"(%d, %d) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %var = "onnx.ReduceMean"(%d2) {axes = [0]} : (tensor<4x3xf32>) -> tensor<1x3xf32>
  %ve = "onnx.Add"(%var, %eps) : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
  %std = "onnx.Sqrt"(%ve) : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %n = "onnx.Div"(%d, %std) : (tensor<4x3xf32>, tensor<1x3xf32>) -> tensor<4x3xf32>
  return %n : tensor<4x3xf32>
}

// x - mean is also returned: the chain must stay. Kept.
// CHECK-LABEL: func.func @centered_used
// CHECK-NOT: onnx.LayerNormalization
// CHECK: return
func.func @centered_used(%x: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %eps = onnx.Constant dense<1.0e-5> : tensor<f32>
  %mean = "onnx.ReduceMean"(%x) {axes = [-1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %d = "onnx.Sub"(%x, %mean) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  %d2 = "onnx.Mul"(%d, %d) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %var = "onnx.ReduceMean"(%d2) {axes = [-1]} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  %ve = "onnx.Add"(%var, %eps) : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %std = "onnx.Sqrt"(%ve) : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = "onnx.Div"(%d, %std) : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  return %n, %d : tensor<4x3xf32>, tensor<4x3xf32>
}
