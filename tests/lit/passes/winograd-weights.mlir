// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-winograd-weights{sliver-rows=6}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-winograd-weights{sliver-rows=6},onnx-prepack-weights{sliver-rows=6}))' | FileCheck %s --check-prefix=PREPACK
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-winograd-weights))' | FileCheck %s --check-prefix=OFF

// onnx-winograd-weights: a 3x3, stride-1, group-1 float Conv with constant
// weights and at least 16 output tiles of 4x4 gets U = G g G^T (36 values
// per filter and channel) as a [M, C, 6, 6] constant and
// onnxc.winograd_rows; onnx-prepack-weights then leaves it alone.

// One filter, one channel, g all ones: U[e] = (G 1 G^T)[e] = r_i * r_j with
// r = G's row sums (1/4, -1/2, -1/6, 7/24, 1/8, 1); e = 6 i + j.
// CHECK-LABEL: func.func @transformed
// CHECK: %[[U:.*]] = onnx.Constant dense<{{\[}}{{\[}}{{\[}}[6.250000e-02, -1.250000e-01, -0.0416666679, 0.0729166642, 3.125000e-02, 2.500000e-01], [-1.250000e-01, 2.500000e-01,
// CHECK-SAME: tensor<1x1x6x6xf32>
// CHECK: "onnx.Conv"(%arg0, %[[U]], %{{.*}}) <{{.*}}> {onnxc.winograd_rows = 6 : i64}
// PREPACK-LABEL: func.func @transformed
// PREPACK-NOT: onnxc.prepacked_rows
// PREPACK: onnxc.winograd_rows = 6
// OFF-LABEL: func.func @transformed
// OFF-NOT: onnxc.winograd_rows
func.func @transformed(%x: tensor<1x1x16x16xf32>) -> tensor<1x1x16x16xf32> {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<1.0> : tensor<1x1x3x3xf32>
  %0 = "onnx.Conv"(%x, %w, %none) {pads = [1, 1, 1, 1]} : (tensor<1x1x16x16xf32>, tensor<1x1x3x3xf32>, none) -> tensor<1x1x16x16xf32>
  return %0 : tensor<1x1x16x16xf32>
}

// Left as they are: 8x8 outputs (4 tiles), stride 2, and a 1x1 window.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: onnxc.winograd_rows
// CHECK: return
func.func @kept(%x: tensor<1x2x8x8xf32>, %y: tensor<1x2x32x32xf32>) -> (tensor<1x2x8x8xf32>, tensor<1x2x16x16xf32>, tensor<1x2x32x32xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %w = onnx.Constant dense<1.0> : tensor<2x2x3x3xf32>
  %0 = "onnx.Conv"(%x, %w, %none) {pads = [1, 1, 1, 1]} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>, none) -> tensor<1x2x8x8xf32>
  %w2 = onnx.Constant dense<1.0> : tensor<2x2x3x3xf32>
  %1 = "onnx.Conv"(%y, %w2, %none) {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x2x32x32xf32>, tensor<2x2x3x3xf32>, none) -> tensor<1x2x16x16xf32>
  %w3 = onnx.Constant dense<1.0> : tensor<2x2x1x1xf32>
  %2 = "onnx.Conv"(%y, %w3, %none) : (tensor<1x2x32x32xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x32x32xf32>
  return %0, %1, %2 : tensor<1x2x8x8xf32>, tensor<1x2x16x16xf32>, tensor<1x2x32x32xf32>
}
