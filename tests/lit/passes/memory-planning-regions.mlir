// RUN: onnxc-opt %s --split-input-file -onnx-memory-planning | FileCheck %s

// onnx-memory-planning over regions (onnx.If, Loop). Program order numbers an op,
// then the ops of its then branch, of its else branch, then the op's end.
// A value is live from its op to the end of the last op of its own block
// that uses it (directly or inside that op's regions), so:
// - a value read inside a branch stays live over the whole If;
// - the two branches' intermediates have disjoint live ranges and share
//   bytes (only one branch runs);
// - the If's results are live from the If's start (each branch copies its
//   outputs into them at its end) and do not share with either branch.
// 16 floats = 64 bytes per buffer.

// Positions: Relu 0, If 1, Neg 2, Abs 3, yield 4, Exp 5, yield 6, If end 7,
// Sigmoid 8. Live ranges: Relu [0, 7] (read in the else branch), Neg [2, 3],
// Abs [3, 4], Exp [5, 6], If [1, 8]. Exp takes Neg's bytes.
// CHECK: module attributes {onnxc.arena_bytes = 256 : i64}
// CHECK-LABEL: func.func @branches
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.If"
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [64]
// CHECK: "onnx.Abs"{{.*}}onnxc.arena_offset = [128]
// CHECK: "onnx.Exp"{{.*}}onnxc.arena_offset = [64]
// CHECK: onnxc.arena_offset = [192]
// CHECK: "onnx.Sigmoid"{{.*}}onnxc.arena_offset = [-1]
func.func @branches(%c: tensor<1xi1>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %r = "onnx.If"(%c) ({
    %a = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    %b = "onnx.Abs"(%a) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %b : tensor<16xf32>
  }, {
    %d = "onnx.Exp"(%0) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %d : tensor<16xf32>
  }) : (tensor<1xi1>) -> tensor<16xf32>
  %s = "onnx.Sigmoid"(%r) : (tensor<16xf32>) -> tensor<16xf32>
  return %s : tensor<16xf32>
}

// -----

// A value yielded by a branch is a buffer of its own (the branch copies it
// into the If's result): it is not mistaken for a graph output. The If's
// result, returned once, is written straight into the graph output.
// CHECK-LABEL: func.func @yielded
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Exp"{{.*}}onnxc.arena_offset = [0]
// CHECK: onnxc.arena_offset = [-1]
func.func @yielded(%c: tensor<1xi1>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %r = "onnx.If"(%c) ({
    %a = "onnx.Neg"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %a : tensor<16xf32>
  }, {
    %d = "onnx.Exp"(%x) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %d : tensor<16xf32>
  }) : (tensor<1xi1>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

// A Loop body runs many times: %0, read by the body's first op, must stay
// live until the Loop ends, or the Neg of the first iteration would
// overwrite it before the second reads it. Positions: Relu 0, Loop 1, Add 2,
// Neg 3, yield 4, Loop end 5, Sigmoid 6. Live ranges: Relu [0, 5], Add
// [2, 3], Neg [3, 4], Loop [1, 6]: nothing can share.
// CHECK: module attributes {onnxc.arena_bytes = 256 : i64}
// CHECK-LABEL: func.func @loop
// CHECK: "onnx.Relu"{{.*}}onnxc.arena_offset = [0]
// CHECK: "onnx.Loop"
// CHECK: "onnx.Add"{{.*}}onnxc.arena_offset = [64]
// CHECK: "onnx.Neg"{{.*}}onnxc.arena_offset = [128]
// CHECK: onnxc.arena_offset = [192]
// CHECK: "onnx.Sigmoid"{{.*}}onnxc.arena_offset = [-1]
func.func @loop(%m: tensor<i64>, %c: tensor<i1>, %x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = "onnx.Relu"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %l = "onnx.Loop"(%m, %c, %x) ({
  ^bb0(%i: tensor<i64>, %cin: tensor<i1>, %y: tensor<16xf32>):
    %a = "onnx.Add"(%y, %0) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    %b = "onnx.Neg"(%a) : (tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %cin, %b : tensor<i1>, tensor<16xf32>
  }) : (tensor<i64>, tensor<i1>, tensor<16xf32>) -> tensor<16xf32>
  %s = "onnx.Sigmoid"(%l) : (tensor<16xf32>) -> tensor<16xf32>
  return %s : tensor<16xf32>
}

// -----

// A Loop's results hold its carried state while it runs, even when nothing
// reads them afterwards (ONNX's Range expansion uses only the scan output):
// the body's Add must not share the unused state's bytes, or it would
// overwrite the state that the scan output then reads. Loop [1, 4] (its
// span, though unused), Add [2, 3].
// CHECK: module attributes {onnxc.arena_bytes = 128 : i64}
// CHECK-LABEL: func.func @unused_state
// CHECK: "onnx.Add"{{.*}}onnxc.arena_offset = [0]
// CHECK: onnxc.arena_offset = [64, -1]
func.func @unused_state(%m: tensor<i64>, %c: tensor<i1>, %x: tensor<16xf32>) -> tensor<2x16xf32> {
  %l:2 = "onnx.Loop"(%m, %c, %x) ({
  ^bb0(%i: tensor<i64>, %cin: tensor<i1>, %y: tensor<16xf32>):
    %a = "onnx.Add"(%y, %x) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    onnx.Yield %cin, %a, %y : tensor<i1>, tensor<16xf32>, tensor<16xf32>
  }) : (tensor<i64>, tensor<i1>, tensor<16xf32>) -> (tensor<16xf32>, tensor<2x16xf32>)
  return %l#1 : tensor<2x16xf32>
}
