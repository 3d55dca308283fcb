// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fold-pad,onnx-dead-node-elimination))' | FileCheck %s

// onnx-fold-pad: a constant-mode Pad of the spatial axes in front of a
// window op becomes that op's own padding when the padded values act as its
// implicit padding (Conv: 0, MaxPool: -inf, AveragePool: 0 counted).

// Conv: Pad's [top, left, bottom, right] = [1, 2, 0, 1] add to the Conv's own
// pads [1, 1, 1, 1]; value 0 given or absent.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: onnx.Pad
// CHECK: "onnx.Conv"(%arg0, %arg1, %{{.*}}) <{auto_pad = "NOTSET", group = 1 : i64, pads = [2, 3, 1, 2]}> {onnxc.fused = ["Pad"]}
// CHECK: "onnx.Conv"(%arg0, %arg1, %{{.*}}) <{auto_pad = "NOTSET", group = 1 : i64, pads = [1, 2, 0, 1]}> {onnxc.fused = ["Pad"]}
func.func @conv(%x: tensor<1x2x5x5xf32>, %w: tensor<3x2x3x3xf32>) -> (tensor<1x3x6x8xf32>, tensor<1x3x4x6xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %pads = onnx.Constant dense<[0, 0, 1, 2, 0, 0, 0, 1]> : tensor<8xi64>
  %zero = onnx.Constant dense<0.0> : tensor<f32>
  %0 = "onnx.Pad"(%x, %pads, %zero) {mode = "constant"} : (tensor<1x2x5x5xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x2x6x8xf32>
  %1 = "onnx.Conv"(%0, %w, %none) {pads = [1, 1, 1, 1]} : (tensor<1x2x6x8xf32>, tensor<3x2x3x3xf32>, none) -> tensor<1x3x6x8xf32>
  %2 = "onnx.Pad"(%x, %pads, %none) : (tensor<1x2x5x5xf32>, tensor<8xi64>, none) -> tensor<1x2x6x8xf32>
  %3 = "onnx.Conv"(%2, %w, %none) {auto_pad = "VALID"} : (tensor<1x2x6x8xf32>, tensor<3x2x3x3xf32>, none) -> tensor<1x3x4x6xf32>
  return %1, %3 : tensor<1x3x6x8xf32>, tensor<1x3x4x6xf32>
}

// MaxPool: only a -inf Pad; not when the pool also returns Indices, nor with
// ceil_mode (a last window may start in explicit padding but not in
// implicit end padding: folding could change the output size).
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[P:.*]] = "onnx.Pad"
// CHECK: "onnx.MaxPool"(%arg0) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, kernel_shape = [2, 2], pads = [1, 1, 1, 1], storage_order = 0 : i64}> {onnxc.fused = ["Pad"]}
// CHECK: "onnx.MaxPool"(%[[P]])
// CHECK: "onnx.MaxPool"(%[[P]])
func.func @max_pool(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x5x5xf32>, tensor<1x1x5x5xf32>, tensor<1x1x5x5xi64>, tensor<1x1x3x3xf32>) {
  %pads = onnx.Constant dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xi64>
  %ninf = onnx.Constant dense<0xFF800000> : tensor<1xf32>
  %0 = "onnx.Pad"(%x, %pads, %ninf) {mode = "constant"} : (tensor<1x1x4x4xf32>, tensor<8xi64>, tensor<1xf32>) -> tensor<1x1x6x6xf32>
  %1 = "onnx.MaxPool"(%0) {kernel_shape = [2, 2]} : (tensor<1x1x6x6xf32>) -> tensor<1x1x5x5xf32>
  %2, %3 = "onnx.MaxPool"(%0) {kernel_shape = [2, 2]} : (tensor<1x1x6x6xf32>) -> (tensor<1x1x5x5xf32>, tensor<1x1x5x5xi64>)
  %4 = "onnx.MaxPool"(%0) {kernel_shape = [2, 2], strides = [2, 2], ceil_mode = 1} : (tensor<1x1x6x6xf32>) -> tensor<1x1x3x3xf32>
  return %1, %2, %3, %4 : tensor<1x1x5x5xf32>, tensor<1x1x5x5xf32>, tensor<1x1x5x5xi64>, tensor<1x1x3x3xf32>
}

// AveragePool: zeros fold when the pool counts padding in its divisor, or
// has none of its own (it is then made to count it); not when it excludes its
// own padding (the Pad's zeros would drop out of the divisor).
// CHECK-LABEL: func.func @average_pool
// CHECK: %[[P:.*]] = "onnx.Pad"
// CHECK: "onnx.AveragePool"(%arg0) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, count_include_pad = 1 : i64, kernel_shape = [3, 3], pads = [1, 1, 1, 1]}> {onnxc.fused = ["Pad"]}
// CHECK: "onnx.AveragePool"(%arg0) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, count_include_pad = 1 : i64, kernel_shape = [3, 3], pads = [2, 2, 2, 2]}> {onnxc.fused = ["Pad"]}
// CHECK: "onnx.AveragePool"(%[[P]]) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, count_include_pad = 0 : i64, kernel_shape = [3, 3], pads = [1, 1, 1, 1]}> :
func.func @average_pool(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x4x4xf32>, tensor<1x1x6x6xf32>, tensor<1x1x6x6xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %pads = onnx.Constant dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xi64>
  %0 = "onnx.Pad"(%x, %pads, %none) : (tensor<1x1x4x4xf32>, tensor<8xi64>, none) -> tensor<1x1x6x6xf32>
  %1 = "onnx.AveragePool"(%0) {kernel_shape = [3, 3]} : (tensor<1x1x6x6xf32>) -> tensor<1x1x4x4xf32>
  %2 = "onnx.AveragePool"(%0) {kernel_shape = [3, 3], count_include_pad = 1, pads = [1, 1, 1, 1]} : (tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  %3 = "onnx.AveragePool"(%0) {kernel_shape = [3, 3], pads = [1, 1, 1, 1]} : (tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  return %1, %2, %3 : tensor<1x1x4x4xf32>, tensor<1x1x6x6xf32>, tensor<1x1x6x6xf32>
}

// Kept: reflect mode, a nonzero value, padding the channel axis, a negative
// pad (a crop), a Conv with auto_pad SAME_UPPER, pads known only at run time.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-6: "onnx.Conv"(%{{[0-9]+}}
// CHECK-NOT: onnx.fused
func.func @kept(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %w3: tensor<3x3x1x1xf32>, %rt: tensor<8xi64>)
    -> (tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>, tensor<1x3x4x4xf32>, tensor<1x3x3x4xf32>, tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %pads = onnx.Constant dense<[0, 0, 1, 1, 0, 0, 1, 1]> : tensor<8xi64>
  %cpads = onnx.Constant dense<[0, 1, 0, 0, 0, 0, 0, 0]> : tensor<8xi64>
  %crop = onnx.Constant dense<[0, 0, 0, 0, 0, 0, -1, 0]> : tensor<8xi64>
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %0 = "onnx.Pad"(%x, %pads, %none) {mode = "reflect"} : (tensor<1x2x4x4xf32>, tensor<8xi64>, none) -> tensor<1x2x6x6xf32>
  %1 = "onnx.Conv"(%0, %w, %none) : (tensor<1x2x6x6xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x6x6xf32>
  %2 = "onnx.Pad"(%x, %pads, %one) : (tensor<1x2x4x4xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1x2x6x6xf32>
  %3 = "onnx.Conv"(%2, %w, %none) : (tensor<1x2x6x6xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x6x6xf32>
  %4 = "onnx.Pad"(%x, %cpads, %none) : (tensor<1x2x4x4xf32>, tensor<8xi64>, none) -> tensor<1x3x4x4xf32>
  %5 = "onnx.Conv"(%4, %w3, %none) : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>, none) -> tensor<1x3x4x4xf32>
  %6 = "onnx.Pad"(%x, %crop, %none) : (tensor<1x2x4x4xf32>, tensor<8xi64>, none) -> tensor<1x2x3x4xf32>
  %7 = "onnx.Conv"(%6, %w, %none) : (tensor<1x2x3x4xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x3x4xf32>
  %8 = "onnx.Pad"(%x, %pads, %none) : (tensor<1x2x4x4xf32>, tensor<8xi64>, none) -> tensor<1x2x6x6xf32>
  %9 = "onnx.Conv"(%8, %w, %none) {auto_pad = "SAME_UPPER"} : (tensor<1x2x6x6xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x6x6xf32>
  %10 = "onnx.Pad"(%x, %rt, %none) : (tensor<1x2x4x4xf32>, tensor<8xi64>, none) -> tensor<1x2x6x6xf32>
  %11 = "onnx.Conv"(%10, %w, %none) : (tensor<1x2x6x6xf32>, tensor<3x2x1x1xf32>, none) -> tensor<1x3x6x6xf32>
  return %1, %3, %5, %7, %9, %11 : tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>, tensor<1x3x4x4xf32>, tensor<1x3x3x4xf32>, tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>
}
