// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-transpose-recurrent-weights,onnx-dead-node-elimination))' | FileCheck %s

// onnx-transpose-recurrent-weights: a constant W [dirs, gates * hidden,
// input] or R [dirs, gates * hidden, hidden] becomes a constant of the same
// type holding each direction's W^T [input, gates * hidden] or R^T [hidden,
// gates * hidden] row-major, and the op is marked onnxc.w_transposed or
// onnxc.r_transposed. Here RNN (1 gate), hidden 2, input 2, two directions:
// R[0] = [[1, 2], [3, 4]] -> [[1, 3], [2, 4]]; the other matrices likewise.
// CHECK-LABEL: func.func @rnn_bidirectional
// CHECK: %[[WT:.*]] = onnx.Constant dense<{{\[\[\[}}5.000000e-01, 2.500000e+00], [1.500000e+00, 3.500000e+00]], {{\[\[}}-1.000000e+00, -3.000000e+00], [-2.000000e+00, -4.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK: %[[RT:.*]] = onnx.Constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]], {{\[\[}}5.000000e+00, 7.000000e+00], [6.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK-NOT: onnx.Constant
// CHECK: "onnx.RNN"(%arg0, %[[WT]], %[[RT]], {{.*}}onnxc.r_transposed, onnxc.w_transposed
func.func @rnn_bidirectional(%x: tensor<3x1x2xf32>) -> tensor<3x2x1x2xf32> {
  %n = onnx.NoValue
  %w = onnx.Constant dense<[[[0.5, 1.5], [2.5, 3.5]], [[-1.0, -2.0], [-3.0, -4.0]]]> : tensor<2x2x2xf32>
  %r = onnx.Constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %y, %yh = "onnx.RNN"(%x, %w, %r, %n, %n, %n) {direction = "bidirectional"}
      : (tensor<3x1x2xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>, none, none, none)
      -> (tensor<3x2x1x2xf32>, tensor<2x1x2xf32>)
  return %y : tensor<3x2x1x2xf32>
}

// LSTM (4 gates, hidden 1): R [1, 4, 1] transposed is [1, 1, 4], the same
// values in the same order. Two LSTMs sharing R share one R^T; a W or R
// that is a function argument stays as it is, unmarked.
// CHECK-LABEL: func.func @lstm_shared_and_argument
// CHECK: %[[RT:.*]] = onnx.Constant dense<{{\[\[\[}}1.000000e+00], [2.000000e+00], [3.000000e+00], [4.000000e+00]]]>
// CHECK: "onnx.LSTM"(%arg0, %arg1, %[[RT]], {{.*}}{onnxc.r_transposed}
// CHECK: "onnx.LSTM"(%arg0, %arg1, %[[RT]], {{.*}}{onnxc.r_transposed}
// CHECK: "onnx.LSTM"(%arg0, %arg1, %arg2,
// CHECK-NOT: onnxc.r_transposed
// CHECK-NOT: onnxc.w_transposed
// CHECK: return
func.func @lstm_shared_and_argument(%x: tensor<2x1x3xf32>, %w: tensor<1x4x3xf32>, %r2: tensor<1x4x1xf32>)
    -> (tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>) {
  %n = onnx.NoValue
  %r = onnx.Constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %y0, %h0, %c0 = "onnx.LSTM"(%x, %w, %r, %n, %n, %n, %n, %n)
      : (tensor<2x1x3xf32>, tensor<1x4x3xf32>, tensor<1x4x1xf32>, none, none, none, none, none)
      -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  %y1, %h1, %c1 = "onnx.LSTM"(%x, %w, %r, %n, %n, %n, %n, %n)
      : (tensor<2x1x3xf32>, tensor<1x4x3xf32>, tensor<1x4x1xf32>, none, none, none, none, none)
      -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  %y2, %h2, %c2 = "onnx.LSTM"(%x, %w, %r2, %n, %n, %n, %n, %n)
      : (tensor<2x1x3xf32>, tensor<1x4x3xf32>, tensor<1x4x1xf32>, none, none, none, none, none)
      -> (tensor<2x1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>)
  return %h0, %h1, %h2 : tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>
}
