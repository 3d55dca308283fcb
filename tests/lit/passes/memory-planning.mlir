// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning | FileCheck %s
// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning=alignment=128 | FileCheck %s --check-prefix=ALIGN128

// A chain: each buffer is live from its producer to its last user. %1 is
// live while %0 is read, so it cannot share %0's bytes; %2 can, because %0 is
// dead by then. The returned value is written straight into the output (-1).
// 16 floats = 64 bytes per buffer.
// CHECK: module attributes {onnxc.arena_bytes = 128 : i64}
// CHECK-LABEL: func.func @chain
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [64]
// CHECK: "onnx.Abs"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Exp"{{.*}}onnxc.arena_offset = [-1]
// With 128-byte alignment every buffer takes 128 bytes.
// ALIGN128: module attributes {onnxc.arena_bytes = 256 : i64}
// ALIGN128: "onnx.Neg"{{.*}}onnxc.arena_offset = [128]
func.func @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%0) : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "onnx.Abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = "onnx.Exp"(%2) : (tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// -----

// %0 stays live until the Add, across %1 and %2, so nothing overlaps it.
// CHECK: module attributes {onnxc.arena_bytes = 192 : i64}
// CHECK-LABEL: func.func @live_across
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [64]
// CHECK: "onnx.Abs"{{.*}}onnxc.arena_offset = [128]
func.func @live_across(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "onnx.Abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = "onnx.Add"(%0, %2) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}

// -----

// Larger buffers are placed first: the 1024-byte %1 takes offset 0; %0 and
// %2 (64 bytes each) are live with %1 and go after it; %3 is live only with
// %2, so it reuses %1's bytes. A value returned twice lives in the arena and
// is copied into both outputs.
// CHECK: module attributes {onnxc.arena_bytes = 1088 : i64}
// CHECK-LABEL: func.func @sizes
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [1024]
// CHECK: "onnx.Add"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.ReduceSum"{{.*}}onnxc.arena_offset = [1024]
// CHECK: "onnx.Reshape"{{.*}}onnxc.arena_offset = [0]
func.func @sizes(%x: tensor<16xf32>, %y: tensor<16x16xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Add"(%y, %0) : (tensor<16x16xf32>, tensor<16xf32>) -> tensor<16x16xf32>
  %none = "onnx.NoValue"() : () -> none
  %2 = "onnx.ReduceSum"(%1, %none) {keepdims = 0} : (tensor<16x16xf32>, none) -> tensor<f32>
  %s = onnx.Constant dense<[1]> : tensor<1xi64>
  %3 = "onnx.Reshape"(%2, %s) : (tensor<f32>, tensor<1xi64>) -> tensor<1xf32>
  return %3, %3 : tensor<1xf32>, tensor<1xf32>
}
