// RUN: onnxc-opt %s --split-input-file --verify-diagnostics -pass-pipeline='builtin.module(func.func(onnx-shape-propagation))' | FileCheck %s

// onnx-shape-propagation on LSTM/GRU/RNN, shapes from the ONNX spec:
// Y [seq, dirs, batch, hidden] and states [dirs, batch, hidden], or with
// layout = 1 Y [batch, seq, dirs, hidden] and states [batch, dirs, hidden].
// X here is [seq 5, batch 3, input 4]; hidden 6 comes from R.

// CHECK-LABEL: func.func @lstm_bidirectional
// CHECK: "onnx.LSTM"{{.*}} -> (tensor<5x2x3x6xf32>, tensor<2x3x6xf32>, tensor<2x3x6xf32>)
func.func @lstm_bidirectional(%x: tensor<5x3x4xf32>, %w: tensor<2x24x4xf32>, %r: tensor<2x24x6xf32>)
    -> tensor<*xf32> {
  %n = onnx.NoValue
  %y, %yh, %yc = "onnx.LSTM"(%x, %w, %r, %n, %n, %n, %n, %n) {direction = "bidirectional"}
      : (tensor<5x3x4xf32>, tensor<2x24x4xf32>, tensor<2x24x6xf32>, none, none, none, none, none)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %y : tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @gru_batchwise
// CHECK: "onnx.GRU"{{.*}} -> (tensor<3x5x1x6xf32>, tensor<3x1x6xf32>)
func.func @gru_batchwise(%x: tensor<3x5x4xf32>, %w: tensor<1x18x4xf32>, %r: tensor<1x18x6xf32>)
    -> tensor<*xf32> {
  %n = onnx.NoValue
  %y, %yh = "onnx.GRU"(%x, %w, %r, %n, %n, %n) {layout = 1 : i64}
      : (tensor<3x5x4xf32>, tensor<1x18x4xf32>, tensor<1x18x6xf32>, none, none, none)
      -> (tensor<*xf32>, tensor<*xf32>)
  return %yh : tensor<*xf32>
}

// -----

func.func @rnn_bad_w(%x: tensor<5x3x4xf32>, %w: tensor<1x7x4xf32>, %r: tensor<1x6x6xf32>)
    -> tensor<*xf32> {
  %n = onnx.NoValue
  // expected-error @+1 {{W or R has a shape that does not fit X, the direction and hidden size}}
  %y, %yh = "onnx.RNN"(%x, %w, %r, %n, %n, %n)
      : (tensor<5x3x4xf32>, tensor<1x7x4xf32>, tensor<1x6x6xf32>, none, none, none)
      -> (tensor<*xf32>, tensor<*xf32>)
  return %yh : tensor<*xf32>
}

// -----

func.func @lstm_activations(%x: tensor<5x3x4xf32>, %w: tensor<1x24x4xf32>, %r: tensor<1x24x6xf32>)
    -> tensor<*xf32> {
  %n = onnx.NoValue
  // expected-error @+1 {{expects 3 activations, got 2}}
  %y, %yh, %yc = "onnx.LSTM"(%x, %w, %r, %n, %n, %n, %n, %n) {activations = ["Sigmoid", "Tanh"]}
      : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x6xf32>, none, none, none, none, none)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %y : tensor<*xf32>
}
