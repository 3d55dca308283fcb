// RUN: onnxc-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(onnx-evaluate-constants,onnx-dead-node-elimination))' | FileCheck %s

// onnx-evaluate-constants: an op whose operands are all float constants
// becomes the constant it computes, in program order, so whole constant
// subgraphs fold. Values worked by hand.

// BatchNorm-style scale: scale / sqrt(var + eps) with var = [3, 8], eps = 1,
// scale = [4, 9]: sqrt([4, 9]) = [2, 3], [4, 9] / [2, 3] = [2, 3].
// CHECK-LABEL: func.func @chain
// CHECK: %[[S:.*]] = onnx.Constant dense<[2.000000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK-NOT: onnx.Sqrt
// CHECK-NOT: onnx.Div
// CHECK: "onnx.Mul"(%arg0, %[[S]])
func.func @chain(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %var = onnx.Constant dense<[3.0, 8.0]> : tensor<2xf32>
  %eps = onnx.Constant dense<1.0> : tensor<f32>
  %scale = onnx.Constant dense<[4.0, 9.0]> : tensor<2xf32>
  %0 = "onnx.Add"(%var, %eps) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = "onnx.Sqrt"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "onnx.Div"(%scale, %1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %3 = "onnx.Mul"(%x, %2) : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %3 : tensor<3x2xf32>
}

// -----

// A weight stored transposed: Transpose (default perm reverses the axes)
// of [[1, 2, 3], [4, 5, 6]] is [[1, 4], [2, 5], [3, 6]].
// CHECK-LABEL: func.func @transposed_weight
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-NOT: onnx.Transpose
// CHECK: "onnx.MatMul"(%arg0, %[[W]])
func.func @transposed_weight(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = onnx.Constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %t = "onnx.Transpose"(%w) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %y = "onnx.MatMul"(%x, %t) : (tensor<1x3xf32>, tensor<3x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Transpose with a perm on rank 3: [2, 1, 2] -> perm [1, 2, 0] -> [1, 2, 2];
// out[0, j, i] = in[i, 0, j]: in = [[[1, 2]], [[3, 4]]] -> [[[1, 3], [2, 4]]].
// CHECK-LABEL: func.func @transpose_perm
// CHECK: onnx.Constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]> : tensor<1x2x2xf32>
func.func @transpose_perm() -> tensor<1x2x2xf32> {
  %w = onnx.Constant dense<[[[1.0, 2.0]], [[3.0, 4.0]]]> : tensor<2x1x2xf32>
  %t = "onnx.Transpose"(%w) {perm = [1, 2, 0]} : (tensor<2x1x2xf32>) -> tensor<1x2x2xf32>
  return %t : tensor<1x2x2xf32>
}

// -----

// MatMul: [[1, 2], [3, 4]] * [[5, 6], [7, 8]] = [[19, 22], [43, 50]];
// batched with a broadcast batch dim and onnxc's bias [1, -1]:
// [[1, 0], [0, 1]] * B + bias and [[2, 0], [0, 2]] * B + bias.
// CHECK-LABEL: func.func @matmul
// CHECK-DAG: onnx.Constant dense<{{\[\[}}1.900000e+01, 2.200000e+01], [4.300000e+01, 5.000000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: onnx.Constant dense<{{\[\[\[}}6.000000e+00, 5.000000e+00], [8.000000e+00, 7.000000e+00]], {{\[\[}}1.100000e+01, 1.100000e+01], [1.500000e+01, 1.500000e+01]]]> : tensor<2x2x2xf32>
// CHECK-NOT: onnx.MatMul
func.func @matmul() -> (tensor<2x2xf32>, tensor<2x2x2xf32>) {
  %a = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = onnx.Constant dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf32>
  %y = "onnx.MatMul"(%a, %b) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %i = onnx.Constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]]]> : tensor<2x2x2xf32>
  %bias = onnx.Constant dense<[1.0, -1.0]> : tensor<2xf32>
  %z = "onnx.MatMul"(%i, %b, %bias) : (tensor<2x2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2x2xf32>
  return %y, %z : tensor<2x2xf32>, tensor<2x2x2xf32>
}

// -----

// Gemm, alpha 2, beta 0.5, transB, C a broadcast [1]:
// 2 * [1, 2] * [[1, 0], [0, 1], [1, 1]]^T + 0.5 * 2 = 2 * [1, 2, 3] + 1 = [3, 5, 7].
// CHECK-LABEL: func.func @gemm
// CHECK: onnx.Constant dense<{{\[\[}}3.000000e+00, 5.000000e+00, 7.000000e+00]]> : tensor<1x3xf32>
// CHECK-NOT: onnx.Gemm
func.func @gemm() -> tensor<1x3xf32> {
  %a = onnx.Constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %b = onnx.Constant dense<[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]> : tensor<3x2xf32>
  %c = onnx.Constant dense<[2.0]> : tensor<1xf32>
  %y = "onnx.Gemm"(%a, %b, %c) {alpha = 2.0 : f32, beta = 0.5 : f32, transB = 1 : i64} : (tensor<1x2xf32>, tensor<3x2xf32>, tensor<1xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// Broadcasting and the variadic ops: [[1], [2]] + [10, 20, 30];
// Pow([2, 3], [3, 2]) = [8, 9]; Mean([1, 2], [3, 4], [5, 6]) = [3, 4];
// Max([1, 5], [4, 2]) = [4, 5]; Relu([-1, 2]) = [0, 2].
// CHECK-LABEL: func.func @elementwise
// CHECK-DAG: onnx.Constant dense<{{\[\[}}1.100000e+01, 2.100000e+01, 3.100000e+01], [1.200000e+01, 2.200000e+01, 3.200000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: onnx.Constant dense<[8.000000e+00, 9.000000e+00]> : tensor<2xf32>
// CHECK-DAG: onnx.Constant dense<[3.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK-DAG: onnx.Constant dense<[4.000000e+00, 5.000000e+00]> : tensor<2xf32>
// CHECK-DAG: onnx.Constant dense<[0.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NOT: "onnx.{{Add|Pow|Mean|Max|Relu}}"
func.func @elementwise() -> (tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %c = onnx.Constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %r = onnx.Constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %0 = "onnx.Add"(%c, %r) : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %b = onnx.Constant dense<[2.0, 3.0]> : tensor<2xf32>
  %e = onnx.Constant dense<[3.0, 2.0]> : tensor<2xf32>
  %1 = "onnx.Pow"(%b, %e) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %m0 = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %m1 = onnx.Constant dense<[3.0, 4.0]> : tensor<2xf32>
  %m2 = onnx.Constant dense<[5.0, 6.0]> : tensor<2xf32>
  %2 = "onnx.Mean"(%m0, %m1, %m2) : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %x0 = onnx.Constant dense<[1.0, 5.0]> : tensor<2xf32>
  %x1 = onnx.Constant dense<[4.0, 2.0]> : tensor<2xf32>
  %3 = "onnx.Max"(%x0, %x1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %n = onnx.Constant dense<[-1.0, 2.0]> : tensor<2xf32>
  %4 = "onnx.Relu"(%n) : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Left to run time: an operand that is not a constant; a result that would
// outgrow its largest operand (8192 x 2 from 8192 x 1 and 1 x 2); an op the
// evaluator does not compute (Softmax); an op with attributes that change
// its maths (LeakyRelu's alpha).
// CHECK-LABEL: func.func @kept
// CHECK: "onnx.Add"(%arg0
// CHECK: "onnx.Add"
// CHECK: "onnx.Softmax"
// CHECK: "onnx.LeakyRelu"
func.func @kept(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<8192x2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %c = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = "onnx.Add"(%x, %c) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %tall = onnx.Constant dense<1.0> : tensor<8192x1xf32>
  %wide = onnx.Constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %1 = "onnx.Add"(%tall, %wide) : (tensor<8192x1xf32>, tensor<1x2xf32>) -> tensor<8192x2xf32>
  %2 = "onnx.Softmax"(%c) : (tensor<2xf32>) -> tensor<2xf32>
  %3 = "onnx.LeakyRelu"(%c) {alpha = 0.5 : f32} : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<8192x2xf32>, tensor<2xf32>, tensor<2xf32>
}
