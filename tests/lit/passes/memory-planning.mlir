// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning | FileCheck %s
// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning=alignment=128 | FileCheck %s --check-prefix=ALIGN128
// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning=alignment=1 | FileCheck %s --check-prefix=ALIGN1

// onnx-memory-planning: every intermediate tensor gets a byte offset in one
// arena (onnxc.arena_offset, one entry per result), so that tensors whose
// live ranges (defining op .. last user, in program order) overlap never
// share bytes and the others may. A result returned exactly once is written
// straight into that graph output (-1). The module gets the arena size
// (onnxc.arena_bytes, the largest over its functions). Every buffer is
// rounded up to `alignment` bytes (default 64). Errors: memory-planning-errors.mlir.

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
// With 128-byte alignment every buffer takes 128 bytes; with 1 byte, 64.
// ALIGN128: module attributes {onnxc.arena_bytes = 256 : i64}
// ALIGN128: "onnx.Neg"{{.*}}onnxc.arena_offset = [128]
// ALIGN1: module attributes {onnxc.arena_bytes = 128 : i64}
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

// -----

// Constants and NoValue are not placed: they get no arena offset. A value
// that is returned and also read by a later op is still written straight into
// its output (the later op reads it there): nothing is left for the arena.
// CHECK: module attributes {onnxc.arena_bytes = 0 : i64}
// CHECK-LABEL: func.func @outputs_and_constants
// CHECK-NEXT: onnx.Constant dense<1.000000e+00>
// CHECK-NEXT: "onnx.Add"{{.*}}onnxc.arena_offset = [-1]
// CHECK-NEXT: "onnx.Neg"{{.*}}onnxc.arena_offset = [-1]
func.func @outputs_and_constants(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %c = onnx.Constant dense<1.0> : tensor<16xf32>
  %0 = "onnx.Add"(%x, %c) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%0) : (tensor<16xf32>) -> tensor<16xf32>
  return %0, %1 : tensor<16xf32>, tensor<16xf32>
}

// -----

// Buffers are sized by element type: 3 x i1 takes 3 bytes, 3 x f32 12. With
// alignment 1 the larger %1 goes first at 0 and %0, live with it, at 12: 15
// bytes. With the default 64 both take 64 bytes; equal sizes keep program
// order, so %0 gets 0 and %1 64: 128 bytes.
// CHECK: module attributes {onnxc.arena_bytes = 128 : i64}
// CHECK-LABEL: func.func @element_sizes
// CHECK: "onnx.Less"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [64]
// ALIGN1: module attributes {onnxc.arena_bytes = 15 : i64}
// ALIGN1-LABEL: func.func @element_sizes
// ALIGN1: "onnx.Less"{{.*}}onnxc.arena_offset = [12]
// ALIGN1: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
func.func @element_sizes(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "onnx.Less"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %1 = "onnx.Relu"(%a) : (tensor<3xf32>) -> tensor<3xf32>
  %2 = "onnx.Where"(%0, %1, %b) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %2 : tensor<3xf32>
}

// -----

// Each function is planned on its own from offset 0; the module's arena is
// the largest of them (@two needs 192, @one 64).
// CHECK: module attributes {onnxc.arena_bytes = 192 : i64}
// CHECK-LABEL: func.func @one
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK-LABEL: func.func @two
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [64]
// CHECK: "onnx.Abs"{{.*}}onnxc.arena_offset = [128]
func.func @one(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%0) : (tensor<16xf32>) -> tensor<16xf32>
  return %1 : tensor<16xf32>
}
func.func @two(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "onnx.Abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  %3 = "onnx.Add"(%0, %2) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %3 : tensor<16xf32>
}
