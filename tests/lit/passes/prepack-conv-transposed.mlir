// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6 panel-columns=8}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6 panel-columns=8},onnx-prepack-weights{sliver-rows=6 panel-columns=8}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6}))' | FileCheck %s --check-prefix=OFF

// onnx-prepack-weights with panel-columns: a float32 2-d Conv of group 1
// whose filter count is a multiple of 16 gets W^T[C * taps, filters] stored
// as panels of panel-columns (kernels/conv_filter_lanes.h) and is marked
// onnxc.prepacked_columns; without panel-columns its W is packed as slivers
// (onnxc.prepacked_rows). Running it again changes nothing.

// W[16, 1, 2, 1] holds 2 * filter + tap, so W^T[k, m] = 2 * m + k:
// panel 0 (filters 0-7) is 0 2 4 .. 14, then 1 3 5 .. 15; panel 1 (filters
// 8-15) is 16 18 .. 30, then 17 19 .. 31. The constant keeps its type.
// CHECK-LABEL: func.func @transposed
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[}}{{\[}}{{\[}}{{\[}}0.000000e+00], {{\[}}2.000000e+00]]], {{\[}}{{\[}}{{\[}}4.000000e+00], {{\[}}6.000000e+00]]], {{\[}}{{\[}}{{\[}}8.000000e+00], {{\[}}1.000000e+01]]], {{\[}}{{\[}}{{\[}}1.200000e+01], {{\[}}1.400000e+01]]], {{\[}}{{\[}}{{\[}}1.000000e+00], {{\[}}3.000000e+00]]], {{\[}}{{\[}}{{\[}}5.000000e+00], {{\[}}7.000000e+00]]], {{\[}}{{\[}}{{\[}}9.000000e+00], {{\[}}1.100000e+01]]], {{\[}}{{\[}}{{\[}}1.300000e+01], {{\[}}1.500000e+01]]], {{\[}}{{\[}}{{\[}}1.600000e+01], {{\[}}1.800000e+01]]], {{\[}}{{\[}}{{\[}}2.000000e+01], {{\[}}2.200000e+01]]], {{\[}}{{\[}}{{\[}}2.400000e+01], {{\[}}2.600000e+01]]], {{\[}}{{\[}}{{\[}}2.800000e+01], {{\[}}3.000000e+01]]], {{\[}}{{\[}}{{\[}}1.700000e+01], {{\[}}1.900000e+01]]], {{\[}}{{\[}}{{\[}}2.100000e+01], {{\[}}2.300000e+01]]], {{\[}}{{\[}}{{\[}}2.500000e+01], {{\[}}2.700000e+01]]], {{\[}}{{\[}}{{\[}}2.900000e+01], {{\[}}3.100000e+01]]]]> : tensor<16x1x2x1xf32>
// CHECK: "onnx.Conv"(%arg0, %[[W]], %{{.*}}) <{{.*}}> {onnxc.prepacked_columns = 8 : i64}
// OFF-LABEL: func.func @transposed
// OFF-NOT: onnxc.prepacked_columns
// OFF: onnxc.prepacked_rows = 6
func.func @transposed(%x: tensor<1x1x3x3xf32>) -> tensor<1x16x2x3xf32> {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<[[[[0.0], [1.0]]], [[[2.0], [3.0]]], [[[4.0], [5.0]]], [[[6.0], [7.0]]], [[[8.0], [9.0]]], [[[10.0], [11.0]]], [[[12.0], [13.0]]], [[[14.0], [15.0]]], [[[16.0], [17.0]]], [[[18.0], [19.0]]], [[[20.0], [21.0]]], [[[22.0], [23.0]]], [[[24.0], [25.0]]], [[[26.0], [27.0]]], [[[28.0], [29.0]]], [[[30.0], [31.0]]]]> : tensor<16x1x2x1xf32>
  %0 = "onnx.Conv"(%x, %w, %none) {kernel_shape = [2, 1]} : (tensor<1x1x3x3xf32>, tensor<16x1x2x1xf32>, none) -> tensor<1x16x2x3xf32>
  return %0 : tensor<1x16x2x3xf32>
}

// Left to the sliver layout: 8 filters (not whole vectors of 16), group 2,
// a 1-d Conv, a 1x1 Conv shallower than 96 (C * taps).
// CHECK-LABEL: func.func @slivers
// CHECK-NOT: onnxc.prepacked_columns
// CHECK: return
func.func @slivers(%x: tensor<1x2x3x3xf32>, %x1: tensor<1x2x5xf32>) -> (tensor<1x8x3x3xf32>, tensor<1x16x3x3xf32>, tensor<1x16x5xf32>, tensor<1x16x3x3xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %w8 = onnx.Constant dense<1.0> : tensor<8x2x1x1xf32>
  %0 = "onnx.Conv"(%x, %w8, %none) {kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<8x2x1x1xf32>, none) -> tensor<1x8x3x3xf32>
  %wg = onnx.Constant dense<2.0> : tensor<16x1x1x1xf32>
  %1 = "onnx.Conv"(%x, %wg, %none) {group = 2 : i64, kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<16x1x1x1xf32>, none) -> tensor<1x16x3x3xf32>
  %w1 = onnx.Constant dense<3.0> : tensor<16x2x1xf32>
  %2 = "onnx.Conv"(%x1, %w1, %none) {kernel_shape = [1]} : (tensor<1x2x5xf32>, tensor<16x2x1xf32>, none) -> tensor<1x16x5xf32>
  %wp = onnx.Constant dense<4.0> : tensor<16x2x1x1xf32>
  %3 = "onnx.Conv"(%x, %wp, %none) {kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<16x2x1x1xf32>, none) -> tensor<1x16x3x3xf32>
  return %0, %1, %2, %3 : tensor<1x8x3x3xf32>, tensor<1x16x3x3xf32>, tensor<1x16x5xf32>, tensor<1x16x3x3xf32>
}
