// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=2 panel-columns=2}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=2 panel-columns=2},onnx-prepack-weights{sliver-rows=2 panel-columns=2}))' | FileCheck %s
// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-prepack-weights{sliver-rows=2}))' | FileCheck %s --check-prefix=OFF

// onnx-prepack-weights with panel-columns: the constant B of a float32 Gemm
// or MatMul, as the [K, N] matrix it multiplies by (transB applied), is stored
// as panels of panel-columns columns, each K rows of contiguous elements, then
// the last N % panel-columns columns row-major. Same type, same size; the op
// is marked onnxc.prepacked_columns. Running it again changes nothing.

// B[3, 5] holds 5 * row + column: panels of columns 0-1 (0 1 5 6 10 11) and
// 2-3 (2 3 7 8 12 13), then column 4 (4 9 14). A transposed B (W[5, 3] holding
// 3 * row + column, so B[k, j] = 3 * j + k) packs to 0 3 1 4 2 5, 6 9 7 10 8 11,
// 12 13 14. A MatMul's 2-d B packs as a Gemm's.
// CHECK-LABEL: func.func @panels
// CHECK: %[[B:.*]] = onnx.Constant dense<{{\[}}[0.000000e+00, 1.000000e+00, 5.000000e+00, 6.000000e+00, 1.000000e+01], [1.100000e+01, 2.000000e+00, 3.000000e+00, 7.000000e+00, 8.000000e+00], [1.200000e+01, 1.300000e+01, 4.000000e+00, 9.000000e+00, 1.400000e+01]]> : tensor<3x5xf32>
// CHECK: "onnx.Gemm"(%arg0, %[[B]], %{{.*}}) <{{.*}}> {onnxc.prepacked_columns = 2 : i64}
// CHECK: %[[W:.*]] = onnx.Constant dense<{{\[}}[0.000000e+00, 3.000000e+00, 1.000000e+00], [4.000000e+00, 2.000000e+00, 5.000000e+00], [6.000000e+00, 9.000000e+00, 7.000000e+00], [1.000000e+01, 8.000000e+00, 1.100000e+01], [1.200000e+01, 1.300000e+01, 1.400000e+01]]> : tensor<5x3xf32>
// CHECK: "onnx.Gemm"(%arg1, %[[W]], %{{.*}}) <{{.*}}transB = 1 : i64}> {onnxc.prepacked_columns = 2 : i64}
// CHECK: %[[B2:.*]] = onnx.Constant dense<{{\[}}[0.000000e+00, 1.000000e+00, 5.000000e+00, 6.000000e+00, 1.000000e+01], [1.100000e+01, 2.000000e+00, 3.000000e+00, 7.000000e+00, 8.000000e+00], [1.200000e+01, 1.300000e+01, 4.000000e+00, 9.000000e+00, 1.400000e+01]]> : tensor<3x5xf32>
// CHECK: "onnx.MatMul"(%arg2, %[[B2]]) {onnxc.prepacked_columns = 2 : i64}
// OFF-LABEL: func.func @panels
// OFF-NOT: onnxc.prepacked_columns
// OFF: return
func.func @panels(%a: tensor<2x3xf32>, %at: tensor<3x2xf32>, %a3: tensor<1x2x3xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>, tensor<1x2x5xf32>) {
  %none = "onnx.NoValue"() : () -> none
  %b = onnx.Constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 9.0], [10.0, 11.0, 12.0, 13.0, 14.0]]> : tensor<3x5xf32>
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<2x3xf32>, tensor<3x5xf32>, none) -> tensor<2x5xf32>
  %w = onnx.Constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0], [9.0, 10.0, 11.0], [12.0, 13.0, 14.0]]> : tensor<5x3xf32>
  %1 = "onnx.Gemm"(%at, %w, %none) {transA = 1 : i64, transB = 1 : i64} : (tensor<3x2xf32>, tensor<5x3xf32>, none) -> tensor<2x5xf32>
  %b2 = onnx.Constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 9.0], [10.0, 11.0, 12.0, 13.0, 14.0]]> : tensor<3x5xf32>
  %2 = "onnx.MatMul"(%a3, %b2) : (tensor<1x2x3xf32>, tensor<3x5xf32>) -> tensor<1x2x5xf32>
  return %0, %1, %2 : tensor<2x5xf32>, tensor<2x5xf32>, tensor<1x2x5xf32>
}

// Left as they are: fewer rows of A than sliver-rows (the kernel's dot-product
// path reads B as it is), B known only at run time, a B two ops share, a
// batched (3-d) B, float64.
// CHECK-LABEL: func.func @kept
// CHECK-NOT: onnxc.prepacked_columns
// CHECK: return
func.func @kept(%row: tensor<1x3xf32>, %a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %a3: tensor<2x2x3xf32>, %ad: tensor<2x3xf64>)
    -> (tensor<1x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x2x5xf32>, tensor<2x5xf64>) {
  %none = "onnx.NoValue"() : () -> none
  %c = onnx.Constant dense<1.0> : tensor<3x5xf32>
  %0 = "onnx.Gemm"(%row, %c, %none) : (tensor<1x3xf32>, tensor<3x5xf32>, none) -> tensor<1x5xf32>
  %1 = "onnx.Gemm"(%a, %b, %none) : (tensor<2x3xf32>, tensor<3x5xf32>, none) -> tensor<2x5xf32>
  %shared = onnx.Constant dense<2.0> : tensor<3x5xf32>
  %2 = "onnx.Gemm"(%a, %shared, %none) : (tensor<2x3xf32>, tensor<3x5xf32>, none) -> tensor<2x5xf32>
  %3 = "onnx.MatMul"(%a, %shared) : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %b3 = onnx.Constant dense<3.0> : tensor<2x3x5xf32>
  %4 = "onnx.MatMul"(%a3, %b3) : (tensor<2x2x3xf32>, tensor<2x3x5xf32>) -> tensor<2x2x5xf32>
  %bd = onnx.Constant dense<4.0> : tensor<3x5xf64>
  %5 = "onnx.Gemm"(%ad, %bd, %none) : (tensor<2x3xf64>, tensor<3x5xf64>, none) -> tensor<2x5xf64>
  return %0, %1, %2, %3, %4, %5 : tensor<1x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x5xf32>, tensor<2x2x5xf32>, tensor<2x5xf64>
}
