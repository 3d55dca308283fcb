// RUN: onnxc-opt %s -pass-pipeline='builtin.module(func.func(onnx-fuse-elementwise))' | FileCheck %s

// onnx-fuse-elementwise: float32 elementwise ops of one result shape whose
// intermediate results have no other reader become one
// onnx.FusedElementwise over the group's external inputs; its `program`
// lists the steps (an arg below the operand count is that operand, above it
// an earlier step) and codegen runs them in one loop.

// Swish: x is read twice but is an input, so both ops fuse over one operand.
// CHECK-LABEL: func.func @swish
// CHECK: %[[Y:.*]] = "onnx.FusedElementwise"(%arg0) {onnxc.fused = ["Sigmoid", "Mul"], program = [{args = [0], op = "Sigmoid"}, {args = [0, 1], op = "Mul"}]}
// CHECK-NOT: onnx.Sigmoid
// CHECK-NOT: onnx.Mul
// CHECK: return %[[Y]]
func.func @swish(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = "onnx.Sigmoid"(%x) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = "onnx.Mul"(%x, %0) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// Swish on a scaled input: t = x * s is read twice, both times inside the
// group, so it joins too.
// CHECK-LABEL: func.func @swish_shared
// CHECK: "onnx.FusedElementwise"(%arg0, %arg1) {{.*}}program = [{args = [0, 1], op = "Mul"}, {args = [2], op = "Sigmoid"}, {args = [2, 3], op = "Mul"}]}
// CHECK-NOT: "onnx.Mul"
func.func @swish_shared(%x: tensor<1x4x3x3xf32>, %s: tensor<4x1x1xf32>) -> tensor<1x4x3x3xf32> {
  %0 = "onnx.Mul"(%x, %s) : (tensor<1x4x3x3xf32>, tensor<4x1x1xf32>) -> tensor<1x4x3x3xf32>
  %1 = "onnx.Sigmoid"(%0) : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %2 = "onnx.Mul"(%0, %1) : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %2 : tensor<1x4x3x3xf32>
}

// A tree, (a + b) * (a - b): the two branches and their join are one loop.
// CHECK-LABEL: func.func @tree
// CHECK: "onnx.FusedElementwise"(%arg0, %arg1) {{.*}}program = [{args = [0, 1], op = "Add"}, {args = [0, 1], op = "Sub"}, {args = [2, 3], op = "Mul"}]}
// CHECK-NOT: "onnx.Add"
func.func @tree(%a: tensor<4x3xf32>, %b: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = "onnx.Add"(%a, %b) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %1 = "onnx.Sub"(%a, %b) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %2 = "onnx.Mul"(%0, %1) : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %2 : tensor<4x3xf32>
}

// Broadcast operands: a per-channel scale [C,1,1], a scalar and a
// last-axis vector ride along; Clip's constant bounds and LeakyRelu's alpha
// become params.
// CHECK-LABEL: func.func @broadcasts
// CHECK: "onnx.FusedElementwise"(%arg0, %arg1, %{{.*}}, %arg2) {{.*}}program = [{args = [0, 1], op = "Mul"}, {args = [4, 2], op = "Add"}, {args = [5, 3], op = "Sub"}, {args = [6], op = "Clip", params = [0.000000e+00, 6.000000e+00]}, {args = [7], op = "LeakyRelu", params = [0.10000000149011612]}]}
func.func @broadcasts(%x: tensor<1x8x4x5xf32>, %s: tensor<8x1x1xf32>, %g: tensor<5xf32>) -> tensor<1x8x4x5xf32> {
  %one = onnx.Constant dense<1.0> : tensor<f32>
  %lo = onnx.Constant dense<0.0> : tensor<f32>
  %hi = onnx.Constant dense<6.0> : tensor<f32>
  %0 = "onnx.Mul"(%x, %s) : (tensor<1x8x4x5xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x5xf32>
  %1 = "onnx.Add"(%0, %one) : (tensor<1x8x4x5xf32>, tensor<f32>) -> tensor<1x8x4x5xf32>
  %2 = "onnx.Sub"(%1, %g) : (tensor<1x8x4x5xf32>, tensor<5xf32>) -> tensor<1x8x4x5xf32>
  %3 = "onnx.Clip"(%2, %lo, %hi) : (tensor<1x8x4x5xf32>, tensor<f32>, tensor<f32>) -> tensor<1x8x4x5xf32>
  %4 = "onnx.LeakyRelu"(%3) {alpha = 0.1 : f32} : (tensor<1x8x4x5xf32>) -> tensor<1x8x4x5xf32>
  return %4 : tensor<1x8x4x5xf32>
}

// An Exp read twice, both times inside the group, joins it.
// CHECK-LABEL: func.func @read_twice_inside
// CHECK: "onnx.FusedElementwise"(%arg0) {{.*}}program = [{args = [0], op = "Exp"}, {args = [1], op = "Neg"}, {args = [1], op = "Abs"}, {args = [2, 3], op = "Add"}]}
func.func @read_twice_inside(%x: tensor<6xf32>) -> tensor<6xf32> {
  %0 = "onnx.Exp"(%x) : (tensor<6xf32>) -> tensor<6xf32>
  %1 = "onnx.Neg"(%0) : (tensor<6xf32>) -> tensor<6xf32>
  %2 = "onnx.Abs"(%0) : (tensor<6xf32>) -> tensor<6xf32>
  %3 = "onnx.Add"(%1, %2) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return %3 : tensor<6xf32>
}

// An intermediate with a reader outside the group (the Softmax) stays in
// memory: the Exp is left alone, Neg and Abs fuse over its result.
// CHECK-LABEL: func.func @second_user
// CHECK: %[[E:.*]] = "onnx.Exp"(%arg0)
// CHECK: "onnx.FusedElementwise"(%[[E]]) {{.*}}program = [{args = [0], op = "Neg"}, {args = [1], op = "Abs"}]}
// CHECK: "onnx.Softmax"(%[[E]])
func.func @second_user(%x: tensor<2x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = "onnx.Exp"(%x) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %1 = "onnx.Neg"(%0) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %2 = "onnx.Abs"(%1) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %3 = "onnx.Softmax"(%0) {axis = 1 : i64} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return %2, %3 : tensor<2x6xf32>, tensor<2x6xf32>
}

// A graph output in the middle of the chain must be written: nothing fuses
// across it (and single ops are left as they are).
// CHECK-LABEL: func.func @output_in_middle
// CHECK-NOT: FusedElementwise
// CHECK: return
func.func @output_in_middle(%x: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xf32>) {
  %0 = "onnx.Exp"(%x) : (tensor<6xf32>) -> tensor<6xf32>
  %1 = "onnx.Neg"(%0) : (tensor<6xf32>) -> tensor<6xf32>
  return %0, %1 : tensor<6xf32>, tensor<6xf32>
}

// A non-elementwise op (Softmax) splits the chain.
// CHECK-LABEL: func.func @not_elementwise
// CHECK-NOT: FusedElementwise
// CHECK: return
func.func @not_elementwise(%x: tensor<2x6xf32>) -> tensor<2x6xf32> {
  %0 = "onnx.Exp"(%x) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %1 = "onnx.Softmax"(%0) {axis = 1 : i64} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %2 = "onnx.Neg"(%1) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return %2 : tensor<2x6xf32>
}

// Broadcasts it does not support: an operand [2,1,4] against [2,3,4] (its
// varying axes are not one run) keeps the Add out; a producer of a smaller
// shape ([3,1], widened by the Mul) is not absorbed.
// CHECK-LABEL: func.func @unsupported_broadcast
// CHECK-NOT: FusedElementwise
// CHECK: return
func.func @unsupported_broadcast(%x: tensor<2x3x4xf32>, %y: tensor<2x1x4xf32>, %a: tensor<3x1xf32>, %b: tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x4xf32>) {
  %0 = "onnx.Neg"(%x) : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = "onnx.Add"(%0, %y) : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  %2 = "onnx.Exp"(%a) : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %3 = "onnx.Mul"(%2, %b) : (tensor<3x1xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %1, %3 : tensor<2x3x4xf32>, tensor<3x4xf32>
}

// Only float32: integer and double chains stay as they are, as does a Clip
// whose bounds are computed at run time.
// CHECK-LABEL: func.func @other_types
// CHECK-NOT: FusedElementwise
// CHECK: return
func.func @other_types(%i: tensor<4xi32>, %d: tensor<4xf64>, %x: tensor<4xf32>, %lo: tensor<f32>) -> (tensor<4xi32>, tensor<4xf64>, tensor<4xf32>) {
  %0 = "onnx.Neg"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  %1 = "onnx.Abs"(%0) : (tensor<4xi32>) -> tensor<4xi32>
  %2 = "onnx.Neg"(%d) : (tensor<4xf64>) -> tensor<4xf64>
  %3 = "onnx.Exp"(%2) : (tensor<4xf64>) -> tensor<4xf64>
  %none = "onnx.NoValue"() : () -> none
  %4 = "onnx.Neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "onnx.Clip"(%4, %lo, %none) : (tensor<4xf32>, tensor<f32>, none) -> tensor<4xf32>
  return %1, %3, %5 : tensor<4xi32>, tensor<4xf64>, tensor<4xf32>
}
