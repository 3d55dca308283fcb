// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6 panel-columns=8}))' -mlir-print-elementsattrs-with-hex-if-larger=1000 | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6 panel-columns=8},onnx-prepack-weights{sliver-rows=6 panel-columns=8}))' -mlir-print-elementsattrs-with-hex-if-larger=1000 | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=6}))' | FileCheck %s --check-prefix=OFF

// onnx-prepack-weights with panel-columns: a float32 2-d Conv of group 1
// whose filter count is a multiple of 16 gets W^T[C * taps, filters] stored
// as panels of panel-columns (kernels/conv_filter_lanes.h) and is marked
// onnxc.prepacked_columns; without panel-columns its W is packed as slivers
// (onnxc.prepacked_rows). Running it again changes nothing.

// W[16, 1, 3, 3] holds 9 * filter + tap, so W^T[k, m] = 9 * m + k: panel 0
// (filters 0-7) is 0 9 18 .. 63, then 1 10 .. 64, .. 8 17 .. 71; panel 1
// (filters 8-15) is 72 81 .. 135, .. 80 89 .. 143. The constant keeps its type.
// CHECK-LABEL: func.func @transposed
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[}}{{\[}}{{\[}}{{\[}}0.000000e+00, 9.000000e+00, 1.800000e+01], {{\[}}2.700000e+01, 3.600000e+01, 4.500000e+01], {{\[}}5.400000e+01, 6.300000e+01, 1.000000e+00]]], {{\[}}{{\[}}{{\[}}1.000000e+01, 1.900000e+01, 2.800000e+01], {{\[}}3.700000e+01, 4.600000e+01, 5.500000e+01], {{\[}}6.400000e+01, 2.000000e+00, 1.100000e+01]]], {{\[}}{{\[}}{{\[}}2.000000e+01, 2.900000e+01, 3.800000e+01], {{\[}}4.700000e+01, 5.600000e+01, 6.500000e+01], {{\[}}3.000000e+00, 1.200000e+01, 2.100000e+01]]], {{\[}}{{\[}}{{\[}}3.000000e+01, 3.900000e+01, 4.800000e+01], {{\[}}5.700000e+01, 6.600000e+01, 4.000000e+00], {{\[}}1.300000e+01, 2.200000e+01, 3.100000e+01]]], {{\[}}{{\[}}{{\[}}4.000000e+01, 4.900000e+01, 5.800000e+01], {{\[}}6.700000e+01, 5.000000e+00, 1.400000e+01], {{\[}}2.300000e+01, 3.200000e+01, 4.100000e+01]]], {{\[}}{{\[}}{{\[}}5.000000e+01, 5.900000e+01, 6.800000e+01], {{\[}}6.000000e+00, 1.500000e+01, 2.400000e+01], {{\[}}3.300000e+01, 4.200000e+01, 5.100000e+01]]], {{\[}}{{\[}}{{\[}}6.000000e+01, 6.900000e+01, 7.000000e+00], {{\[}}1.600000e+01, 2.500000e+01, 3.400000e+01], {{\[}}4.300000e+01, 5.200000e+01, 6.100000e+01]]], {{\[}}{{\[}}{{\[}}7.000000e+01, 8.000000e+00, 1.700000e+01], {{\[}}2.600000e+01, 3.500000e+01, 4.400000e+01], {{\[}}5.300000e+01, 6.200000e+01, 7.100000e+01]]], {{\[}}{{\[}}{{\[}}7.200000e+01, 8.100000e+01, 9.000000e+01], {{\[}}9.900000e+01, 1.080000e+02, 1.170000e+02], {{\[}}1.260000e+02, 1.350000e+02, 7.300000e+01]]], {{\[}}{{\[}}{{\[}}8.200000e+01, 9.100000e+01, 1.000000e+02], {{\[}}1.090000e+02, 1.180000e+02, 1.270000e+02], {{\[}}1.360000e+02, 7.400000e+01, 8.300000e+01]]], {{\[}}{{\[}}{{\[}}9.200000e+01, 1.010000e+02, 1.100000e+02], {{\[}}1.190000e+02, 1.280000e+02, 1.370000e+02], {{\[}}7.500000e+01, 8.400000e+01, 9.300000e+01]]], {{\[}}{{\[}}{{\[}}1.020000e+02, 1.110000e+02, 1.200000e+02], {{\[}}1.290000e+02, 1.380000e+02, 7.600000e+01], {{\[}}8.500000e+01, 9.400000e+01, 1.030000e+02]]], {{\[}}{{\[}}{{\[}}1.120000e+02, 1.210000e+02, 1.300000e+02], {{\[}}1.390000e+02, 7.700000e+01, 8.600000e+01], {{\[}}9.500000e+01, 1.040000e+02, 1.130000e+02]]], {{\[}}{{\[}}{{\[}}1.220000e+02, 1.310000e+02, 1.400000e+02], {{\[}}7.800000e+01, 8.700000e+01, 9.600000e+01], {{\[}}1.050000e+02, 1.140000e+02, 1.230000e+02]]], {{\[}}{{\[}}{{\[}}1.320000e+02, 1.410000e+02, 7.900000e+01], {{\[}}8.800000e+01, 9.700000e+01, 1.060000e+02], {{\[}}1.150000e+02, 1.240000e+02, 1.330000e+02]]], {{\[}}{{\[}}{{\[}}1.420000e+02, 8.000000e+01, 8.900000e+01], {{\[}}9.800000e+01, 1.070000e+02, 1.160000e+02], {{\[}}1.250000e+02, 1.340000e+02, 1.430000e+02]]]]> : tensor<16x1x3x3xf32>
// CHECK: "onnx.Conv"(%arg0, %[[W]], %{{.*}}) <{{.*}}> {onnxc.prepacked_columns = 8 : i64}
// OFF-LABEL: func.func @transposed
// OFF-NOT: onnxc.prepacked_columns
// OFF: onnxc.prepacked_rows = 6
func.func @transposed(%x: tensor<1x1x4x4xf32>) -> tensor<1x16x2x2xf32> {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]], [[[9.0, 10.0, 11.0], [12.0, 13.0, 14.0], [15.0, 16.0, 17.0]]], [[[18.0, 19.0, 20.0], [21.0, 22.0, 23.0], [24.0, 25.0, 26.0]]], [[[27.0, 28.0, 29.0], [30.0, 31.0, 32.0], [33.0, 34.0, 35.0]]], [[[36.0, 37.0, 38.0], [39.0, 40.0, 41.0], [42.0, 43.0, 44.0]]], [[[45.0, 46.0, 47.0], [48.0, 49.0, 50.0], [51.0, 52.0, 53.0]]], [[[54.0, 55.0, 56.0], [57.0, 58.0, 59.0], [60.0, 61.0, 62.0]]], [[[63.0, 64.0, 65.0], [66.0, 67.0, 68.0], [69.0, 70.0, 71.0]]], [[[72.0, 73.0, 74.0], [75.0, 76.0, 77.0], [78.0, 79.0, 80.0]]], [[[81.0, 82.0, 83.0], [84.0, 85.0, 86.0], [87.0, 88.0, 89.0]]], [[[90.0, 91.0, 92.0], [93.0, 94.0, 95.0], [96.0, 97.0, 98.0]]], [[[99.0, 100.0, 101.0], [102.0, 103.0, 104.0], [105.0, 106.0, 107.0]]], [[[108.0, 109.0, 110.0], [111.0, 112.0, 113.0], [114.0, 115.0, 116.0]]], [[[117.0, 118.0, 119.0], [120.0, 121.0, 122.0], [123.0, 124.0, 125.0]]], [[[126.0, 127.0, 128.0], [129.0, 130.0, 131.0], [132.0, 133.0, 134.0]]], [[[135.0, 136.0, 137.0], [138.0, 139.0, 140.0], [141.0, 142.0, 143.0]]]]> : tensor<16x1x3x3xf32>
  %0 = "onnx.Conv"(%x, %w, %none) {kernel_shape = [3, 3]} : (tensor<1x1x4x4xf32>, tensor<16x1x3x3xf32>, none) -> tensor<1x16x2x2xf32>
  return %0 : tensor<1x16x2x2xf32>
}

// Left to the sliver layout: 8 filters (not whole vectors of 16), group 2,
// a 1-d Conv, a 1x1 Conv shallower than 16 (C * taps), a 1x3 window.
// CHECK-LABEL: func.func @slivers
// CHECK-NOT: onnxc.prepacked_columns
// CHECK: return
func.func @slivers(%x: tensor<1x2x3x3xf32>, %x1: tensor<1x2x5xf32>, %x64: tensor<1x64x3x3xf32>) -> (tensor<1x8x3x3xf32>, tensor<1x16x3x3xf32>, tensor<1x16x5xf32>, tensor<1x16x3x3xf32>, tensor<1x16x3x3xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %w8 = onnx.Constant dense<1.0> : tensor<8x2x1x1xf32>
  %0 = "onnx.Conv"(%x, %w8, %none) {kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<8x2x1x1xf32>, none) -> tensor<1x8x3x3xf32>
  %wg = onnx.Constant dense<2.0> : tensor<16x1x1x1xf32>
  %1 = "onnx.Conv"(%x, %wg, %none) {group = 2 : i64, kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<16x1x1x1xf32>, none) -> tensor<1x16x3x3xf32>
  %w1 = onnx.Constant dense<3.0> : tensor<16x2x1xf32>
  %2 = "onnx.Conv"(%x1, %w1, %none) {kernel_shape = [1]} : (tensor<1x2x5xf32>, tensor<16x2x1xf32>, none) -> tensor<1x16x5xf32>
  %wp = onnx.Constant dense<4.0> : tensor<16x2x1x1xf32>
  %3 = "onnx.Conv"(%x, %wp, %none) {kernel_shape = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<16x2x1x1xf32>, none) -> tensor<1x16x3x3xf32>
  %w13 = onnx.Constant dense<5.0> : tensor<16x64x1x3xf32>
  %4 = "onnx.Conv"(%x64, %w13, %none) {kernel_shape = [1, 3], pads = [0, 1, 0, 1]} : (tensor<1x64x3x3xf32>, tensor<16x64x1x3xf32>, none) -> tensor<1x16x3x3xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x3x3xf32>, tensor<1x16x3x3xf32>, tensor<1x16x5xf32>, tensor<1x16x3x3xf32>, tensor<1x16x3x3xf32>
}
