// RUN: not onnxc-opt %s -onnx-memory-planning=alignment=48 2>&1 | FileCheck %s --check-prefix=ALIGN48
// RUN: not onnxc-opt %s -onnx-memory-planning=alignment=0 2>&1 | FileCheck %s --check-prefix=ALIGN0
// RUN: not onnxc-opt %s -onnx-memory-planning=alignment=-64 2>&1 | FileCheck %s --check-prefix=ALIGNNEG
// RUN: not onnxc-opt %s --split-input-file -onnx-memory-planning=max-arena-bytes=100 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not onnxc-opt %s --split-input-file -onnx-memory-planning 2>&1 | FileCheck %s --check-prefix=HUGE

// onnx-memory-planning refuses what it cannot plan: an alignment that is not
// a power of two (offsets would not be aligned; 0 would divide by zero), and
// an arena over max-arena-bytes (default 2^32: absurd shapes).

// ALIGN48: error: onnx-memory-planning: alignment must be a power of two, got 48
// ALIGN0: error: onnx-memory-planning: alignment must be a power of two, got 0
// ALIGNNEG: error: onnx-memory-planning: alignment must be a power of two, got -64

// @chain needs 2 x 64 bytes (%0 and %1 are live together at the Neg).
// LIMIT: error: the intermediate tensors need 128 bytes of arena, more than the limit of 100
func.func @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %1 = "onnx.Neg"(%0) : (tensor<16xf32>) -> tensor<16xf32>
  %2 = "onnx.Abs"(%1) : (tensor<16xf32>) -> tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----

// Sizes cannot overflow: three 2^63-byte tensors live at once saturate (at
// 2^62) and the plan is refused instead of wrapping around to a small or
// negative arena.
// HUGE: error: the intermediate tensors need 4611686018427387904 bytes of arena, more than the limit of 4294967296
// LIMIT: error: the intermediate tensors need 4611686018427387904 bytes of arena, more than the limit of 100
func.func @huge(%x: tensor<2305843009213693952xf32>) -> tensor<1xf32> {
  %0 = "onnx.Neg"(%x) : (tensor<2305843009213693952xf32>) -> tensor<2305843009213693952xf32>
  %1 = "onnx.Abs"(%x) : (tensor<2305843009213693952xf32>) -> tensor<2305843009213693952xf32>
  %2 = "onnx.Exp"(%x) : (tensor<2305843009213693952xf32>) -> tensor<2305843009213693952xf32>
  %3 = "onnx.Sum"(%0, %1, %2) : (tensor<2305843009213693952xf32>, tensor<2305843009213693952xf32>, tensor<2305843009213693952xf32>) -> tensor<2305843009213693952xf32>
  %none = "onnx.NoValue"() : () -> none
  %4 = "onnx.ReduceSum"(%3, %none) : (tensor<2305843009213693952xf32>, none) -> tensor<1xf32>
  return %4 : tensor<1xf32>
}
