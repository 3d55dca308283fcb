// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6},onnx-prepack-weights{sliver-rows=6}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=2}))' | FileCheck %s --check-prefix=TWO
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights))' | FileCheck %s --check-prefix=OFF

// onnx-prepack-weights: a float32 Conv's constant weights W[M, C/group, k...],
// seen per group as the GEMM's a[M/group, C/group * taps], are stored as
// slivers: rows sliver-rows at a time, then 4 at a time, then one at a time,
// each sliver column-major over the whole depth. Same type, same size; the
// Conv is marked onnxc.prepacked_rows. Running it again changes nothing.

// 11 filters x depth 2 (element 2 * row + column): a sliver of rows 0-5, one
// of rows 6-9, then row 10.
// CHECK-LABEL: func.func @slivers
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[}}{{\[}}{{\[}}[0.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[4.000000e+00]], {{\[}}[6.000000e+00]]], {{\[}}{{\[}}[8.000000e+00]], {{\[}}[1.000000e+01]]], {{\[}}{{\[}}[1.000000e+00]], {{\[}}[3.000000e+00]]], {{\[}}{{\[}}[5.000000e+00]], {{\[}}[7.000000e+00]]], {{\[}}{{\[}}[9.000000e+00]], {{\[}}[1.100000e+01]]], {{\[}}{{\[}}[1.200000e+01]], {{\[}}[1.400000e+01]]], {{\[}}{{\[}}[1.600000e+01]], {{\[}}[1.800000e+01]]], {{\[}}{{\[}}[1.300000e+01]], {{\[}}[1.500000e+01]]], {{\[}}{{\[}}[1.700000e+01]], {{\[}}[1.900000e+01]]], {{\[}}{{\[}}[2.000000e+01]], {{\[}}[2.100000e+01]]]]> : tensor<11x2x1x1xf32>
// CHECK: "onnx.Conv"(%arg0, %[[W]], %{{.*}}) <{{.*}}> {onnxc.prepacked_rows = 6 : i64}
// TWO-LABEL: func.func @slivers
// TWO: onnxc.prepacked_rows = 2 : i64
// OFF-LABEL: func.func @slivers
// OFF-NOT: onnxc.prepacked_rows
func.func @slivers(%x: tensor<1x2x3x3xf32>) -> tensor<1x11x3x3xf32> {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<[[[[0.0]], [[1.0]]], [[[2.0]], [[3.0]]], [[[4.0]], [[5.0]]], [[[6.0]], [[7.0]]], [[[8.0]], [[9.0]]], [[[10.0]], [[11.0]]], [[[12.0]], [[13.0]]], [[[14.0]], [[15.0]]], [[[16.0]], [[17.0]]], [[[18.0]], [[19.0]]], [[[20.0]], [[21.0]]]]> : tensor<11x2x1x1xf32>
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x3x3xf32>, tensor<11x2x1x1xf32>, none) -> tensor<1x11x3x3xf32>
  return %0 : tensor<1x11x3x3xf32>
}

// Groups are packed one by one: with sliver-rows=2, each group of 3 filters
// x depth 2 is a sliver of its rows 0-1 and then its row 2. A 3x3 window
// makes the depth C/group * 9 = 18 (taps of one channel, then the next).
// TWO-LABEL: func.func @groups
// TWO: %[[W:.*]] = onnx.Constant dense<{{\[}}{{\[}}{{\[}}[0.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[1.000000e+00]], {{\[}}[3.000000e+00]]], {{\[}}{{\[}}[4.000000e+00]], {{\[}}[5.000000e+00]]], {{\[}}{{\[}}[6.000000e+00]], {{\[}}[8.000000e+00]]], {{\[}}{{\[}}[7.000000e+00]], {{\[}}[9.000000e+00]]], {{\[}}{{\[}}[1.000000e+01]], {{\[}}[1.100000e+01]]]]> : tensor<6x2x1x1xf32>
// TWO: "onnx.Conv"(%arg0, %[[W]], %{{.*}}) <{{.*}}group = 2 : i64{{.*}}> {onnxc.prepacked_rows = 2 : i64}
// TWO: "onnx.Conv"({{.*}}) <{{.*}}> {onnxc.prepacked_rows = 2 : i64}
func.func @groups(%x: tensor<1x4x3x3xf32>, %y: tensor<1x2x5x5xf32>) -> (tensor<1x6x3x3xf32>, tensor<1x3x3x3xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<[[[[0.0]], [[1.0]]], [[[2.0]], [[3.0]]], [[[4.0]], [[5.0]]], [[[6.0]], [[7.0]]], [[[8.0]], [[9.0]]], [[[10.0]], [[11.0]]]]> : tensor<6x2x1x1xf32>
  %0 = "onnx.Conv"(%x, %w, %none) {group = 2 : i64} : (tensor<1x4x3x3xf32>, tensor<6x2x1x1xf32>, none) -> tensor<1x6x3x3xf32>
  %w3 = onnx.Constant dense<1.0> : tensor<3x2x3x3xf32>
  %1 = "onnx.Conv"(%y, %w3, %none) : (tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>, none) -> tensor<1x3x3x3xf32>
  return %0, %1 : tensor<1x6x3x3xf32>, tensor<1x3x3x3xf32>
}

// Left as they are: weights known only at run time, a constant two Convs
// share (each would want it in its own layout, and a copy would double the
// weight bytes), one input channel per group (depthwise: conv.h reads W in
// place), float64 weights (the double GEMM reads them in place).
// CHECK-LABEL: func.func @kept
// CHECK-NOT: onnxc.prepacked_rows
// CHECK: return
func.func @kept(%x: tensor<1x2x3x3xf32>, %w: tensor<4x2x1x1xf32>, %xd: tensor<1x2x3x3xf64>)
    -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x4x3x3xf64>) {
  %none = "onnx.NoValue"() : () -> none
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>, none) -> tensor<1x4x3x3xf32>
  %shared = onnx.Constant dense<2.0> : tensor<4x2x1x1xf32>
  %1 = "onnx.Conv"(%x, %shared, %none) : (tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>, none) -> tensor<1x4x3x3xf32>
  %2 = "onnx.Conv"(%x, %shared, %none) : (tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>, none) -> tensor<1x4x3x3xf32>
  %dw = onnx.Constant dense<3.0> : tensor<2x1x3x3xf32>
  %3 = "onnx.Conv"(%x, %dw, %none) {group = 2 : i64, pads = [1, 1, 1, 1]} : (tensor<1x2x3x3xf32>, tensor<2x1x3x3xf32>, none) -> tensor<1x2x3x3xf32>
  %wd = onnx.Constant dense<4.0> : tensor<4x2x1x1xf64>
  %4 = "onnx.Conv"(%xd, %wd, %none) : (tensor<1x2x3x3xf64>, tensor<4x2x1x1xf64>, none) -> tensor<1x4x3x3xf64>
  return %0, %1, %2, %3, %4 : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x4x3x3xf64>
}
