// RUN: onnxc-opt %s --split-input-file -pass-pipeline='builtin.module(func.func(onnx-shape-propagation,onnx-dead-node-elimination))' | FileCheck %s

// onnx-shape-propagation folds shape computations on static shapes into
// constants as it goes, so that the Reshape/Expand after them gets the
// constant shape its shape inference needs; dead-node elimination then drops
// the folded ops. The graphs are the ones torch.onnx.export writes; each
// expected constant is worked out by hand from the ONNX operator spec.

// x.view(B, T, H, C // H) with B, T, C from x.shape, H = 4, and C // H as
// torch exports floor division of traced ints (Div, then minus 1 where the
// signs differ and the remainder is not 0): [2, 3, 8] -> [2, 3, 4, 2].
// CHECK-LABEL: func.func @torch_view
// CHECK-SAME: -> tensor<2x3x4x2xf32>
// CHECK: %[[S:.*]] = onnx.Constant dense<[2, 3, 4, 2]> : tensor<4xi64>
// CHECK: "onnx.Reshape"(%arg0, %[[S]]) {{.*}} -> tensor<2x3x4x2xf32>
// CHECK-NOT: onnx.Shape
// CHECK-NOT: onnx.Gather
// CHECK-NOT: onnx.Concat
// CHECK-NOT: onnx.Div
// CHECK-NOT: onnx.Xor
func.func @torch_view(%x: tensor<2x3x8xf32>) -> tensor<*xf32> {
  %i0 = onnx.Constant dense<0> : tensor<i64>
  %i1 = onnx.Constant dense<1> : tensor<i64>
  %i2 = onnx.Constant dense<2> : tensor<i64>
  %ax = onnx.Constant dense<[0]> : tensor<1xi64>
  %h = onnx.Constant dense<4> : tensor<i64>
  %h1 = onnx.Constant dense<[4]> : tensor<1xi64>
  %zero = onnx.Constant dense<0> : tensor<i64>
  %one = onnx.Constant dense<1> : tensor<i64>
  %shape = "onnx.Shape"(%x) : (tensor<2x3x8xf32>) -> tensor<*xi64>
  %b = "onnx.Gather"(%shape, %i0) {axis = 0} : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %t = "onnx.Gather"(%shape, %i1) {axis = 0} : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %c = "onnx.Gather"(%shape, %i2) {axis = 0} : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %div = "onnx.Div"(%c, %h) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %lt_c = "onnx.Less"(%c, %zero) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi1>
  %lt_h = "onnx.Less"(%h, %zero) : (tensor<i64>, tensor<i64>) -> tensor<*xi1>
  %neg = "onnx.Xor"(%lt_c, %lt_h) : (tensor<*xi1>, tensor<*xi1>) -> tensor<*xi1>
  %prod = "onnx.Mul"(%div, %h) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %mod = "onnx.Sub"(%c, %prod) : (tensor<*xi64>, tensor<*xi64>) -> tensor<*xi64>
  %exact = "onnx.Equal"(%mod, %zero) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi1>
  %inexact = "onnx.Not"(%exact) : (tensor<*xi1>) -> tensor<*xi1>
  %fix = "onnx.And"(%neg, %inexact) : (tensor<*xi1>, tensor<*xi1>) -> tensor<*xi1>
  %fix64 = "onnx.Cast"(%fix) {to = 7} : (tensor<*xi1>) -> tensor<*xi64>
  %fix1 = "onnx.Mul"(%fix64, %one) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %d = "onnx.Sub"(%div, %fix1) : (tensor<*xi64>, tensor<*xi64>) -> tensor<*xi64>
  %ub = "onnx.Unsqueeze"(%b, %ax) : (tensor<*xi64>, tensor<1xi64>) -> tensor<*xi64>
  %ut = "onnx.Unsqueeze"(%t, %ax) : (tensor<*xi64>, tensor<1xi64>) -> tensor<*xi64>
  %ud = "onnx.Unsqueeze"(%d, %ax) : (tensor<*xi64>, tensor<1xi64>) -> tensor<*xi64>
  %cat = "onnx.Concat"(%ub, %ut, %h1, %ud) {axis = 0} : (tensor<*xi64>, tensor<*xi64>, tensor<1xi64>, tensor<*xi64>) -> tensor<*xi64>
  %y = "onnx.Reshape"(%x, %cat) : (tensor<2x3x8xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// torch's floor division rounds towards -inf: -7 // 2 = -4 (Div truncates
// to -3, the fixup subtracts 1); 7 // -2 = -4 too; 6 // -2 = -3 (exact).
// CHECK-LABEL: func.func @floor_divide_negative
// CHECK: %[[R:.*]] = onnx.Constant dense<[-4, -4, -3]> : tensor<3xi64>
// CHECK: return %[[R]]
func.func @floor_divide_negative() -> tensor<*xi64> {
  %a = onnx.Constant dense<[-7, 7, 6]> : tensor<3xi64>
  %b = onnx.Constant dense<[2, -2, -2]> : tensor<3xi64>
  %zero = onnx.Constant dense<0> : tensor<i64>
  %div = "onnx.Div"(%a, %b) : (tensor<3xi64>, tensor<3xi64>) -> tensor<*xi64>
  %lt_a = "onnx.Less"(%a, %zero) : (tensor<3xi64>, tensor<i64>) -> tensor<*xi1>
  %lt_b = "onnx.Less"(%b, %zero) : (tensor<3xi64>, tensor<i64>) -> tensor<*xi1>
  %neg = "onnx.Xor"(%lt_a, %lt_b) : (tensor<*xi1>, tensor<*xi1>) -> tensor<*xi1>
  %prod = "onnx.Mul"(%div, %b) : (tensor<*xi64>, tensor<3xi64>) -> tensor<*xi64>
  %mod = "onnx.Sub"(%a, %prod) : (tensor<3xi64>, tensor<*xi64>) -> tensor<*xi64>
  %exact = "onnx.Equal"(%mod, %zero) : (tensor<*xi64>, tensor<i64>) -> tensor<*xi1>
  %inexact = "onnx.Not"(%exact) : (tensor<*xi1>) -> tensor<*xi1>
  %fix = "onnx.And"(%neg, %inexact) : (tensor<*xi1>, tensor<*xi1>) -> tensor<*xi1>
  %fix64 = "onnx.Cast"(%fix) {to = 7} : (tensor<*xi1>) -> tensor<*xi64>
  %r = "onnx.Sub"(%div, %fix64) : (tensor<*xi64>, tensor<*xi64>) -> tensor<*xi64>
  return %r : tensor<*xi64>
}

// -----

// F.interpolate(size=skip.shape[2:]): Shape -> Slice [2:INT64_MAX] and
// Shape -> Slice [0:2], concatenated: [1, 16] from x and [8, 6] from skip.
// Here it feeds an Expand, whose shape inference needs it constant.
// CHECK-LABEL: func.func @slice_of_shape
// CHECK-SAME: -> tensor<1x16x8x6xf32>
// CHECK: %[[S:.*]] = onnx.Constant dense<[1, 16, 8, 6]> : tensor<4xi64>
// CHECK: "onnx.Expand"(%arg0, %[[S]]) {{.*}} -> tensor<1x16x8x6xf32>
func.func @slice_of_shape(%x: tensor<1x16x1x1xf32>, %skip: tensor<1x4x8x6xf32>) -> tensor<*xf32> {
  %s0 = onnx.Constant dense<[0]> : tensor<1xi64>
  %s2 = onnx.Constant dense<[2]> : tensor<1xi64>
  %max = onnx.Constant dense<[9223372036854775807]> : tensor<1xi64>
  %none = onnx.NoValue
  %sx = "onnx.Shape"(%x) : (tensor<1x16x1x1xf32>) -> tensor<*xi64>
  %nc = "onnx.Slice"(%sx, %s0, %s2, %s0, %none) : (tensor<*xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<*xi64>
  %ss = "onnx.Shape"(%skip) : (tensor<1x4x8x6xf32>) -> tensor<*xi64>
  %hw = "onnx.Slice"(%ss, %s2, %max, %s0, %none) : (tensor<*xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<*xi64>
  %sizes = "onnx.Concat"(%nc, %hw) {axis = 0} : (tensor<*xi64>, tensor<*xi64>) -> tensor<*xi64>
  %y = "onnx.Expand"(%x, %sizes) : (tensor<1x16x1x1xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Gather with a negative index and with a 1-D index vector; Shape with
// start/end; Squeeze of a constant; Cast to int32 and to bool (nonzero).
// CHECK-LABEL: func.func @gather_shape_cast
// CHECK-DAG: onnx.Constant dense<6> : tensor<i64>
// CHECK-DAG: onnx.Constant dense<[6, 2]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<[4, 5]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<[2, 0]> : tensor<2xi32>
// CHECK-DAG: onnx.Constant dense<[true, false]> : tensor<2xi1>
// CHECK-NOT: onnx.Gather
// CHECK-NOT: onnx.Cast
// CHECK: return
func.func @gather_shape_cast(%x: tensor<2x4x5x6xf32>) -> (tensor<*xi64>, tensor<*xi64>, tensor<*xi64>, tensor<*xi32>, tensor<*xi1>) {
  %last = onnx.Constant dense<-1> : tensor<i64>
  %idx = onnx.Constant dense<[3, 0]> : tensor<2xi64>
  %s = "onnx.Shape"(%x) : (tensor<2x4x5x6xf32>) -> tensor<*xi64>
  %g0 = "onnx.Gather"(%s, %last) {axis = 0} : (tensor<*xi64>, tensor<i64>) -> tensor<*xi64>
  %g1 = "onnx.Gather"(%s, %idx) {axis = 0} : (tensor<*xi64>, tensor<2xi64>) -> tensor<*xi64>
  %mid = "onnx.Shape"(%x) {start = 1, end = -1} : (tensor<2x4x5x6xf32>) -> tensor<*xi64>
  %odd = onnx.Constant dense<[[2, 0]]> : tensor<1x2xi64>
  %ax = onnx.Constant dense<[0]> : tensor<1xi64>
  %sq = "onnx.Squeeze"(%odd, %ax) : (tensor<1x2xi64>, tensor<1xi64>) -> tensor<*xi64>
  %i32 = "onnx.Cast"(%sq) {to = 6} : (tensor<*xi64>) -> tensor<*xi32>
  %b = "onnx.Cast"(%sq) {to = 9} : (tensor<*xi64>) -> tensor<*xi1>
  return %g0, %g1, %mid, %i32, %b : tensor<*xi64>, tensor<*xi64>, tensor<*xi64>, tensor<*xi32>, tensor<*xi1>
}

// -----

// torch's x.expand(-1, 5): Where(Equal(target, -1), ones, target) turns
// the -1s into 1s: [-1, 5] -> [1, 5], and Expand broadcasts [3, 1] to [3, 5].
// CHECK-LABEL: func.func @torch_expand
// CHECK-SAME: -> tensor<3x5xf32>
// CHECK: %[[S:.*]] = onnx.Constant dense<[1, 5]> : tensor<2xi64>
// CHECK: "onnx.Expand"(%arg0, %[[S]])
func.func @torch_expand(%x: tensor<3x1xf32>) -> tensor<*xf32> {
  %target = onnx.Constant dense<[-1, 5]> : tensor<2xi64>
  %m1 = onnx.Constant dense<-1> : tensor<i64>
  %ones = onnx.Constant dense<1> : tensor<2xi64>
  %eq = "onnx.Equal"(%target, %m1) : (tensor<2xi64>, tensor<i64>) -> tensor<*xi1>
  %s = "onnx.Where"(%eq, %ones, %target) : (tensor<*xi1>, tensor<2xi64>, tensor<2xi64>) -> tensor<*xi64>
  %y = "onnx.Expand"(%x, %s) : (tensor<3x1xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// A Reshape of a constant (a weight reshaped by the exporter) folds to the
// constant with the new type, whatever its size.
// CHECK-LABEL: func.func @reshape_weight
// CHECK: %[[W:.*]] = onnx.Constant dense<1.500000e+00> : tensor<4x2xf32>
// CHECK: "onnx.MatMul"(%arg0, %[[W]])
func.func @reshape_weight(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %w = onnx.Constant dense<1.5> : tensor<8xf32>
  %s = onnx.Constant dense<[4, 2]> : tensor<2xi64>
  %r = "onnx.Reshape"(%w, %s) : (tensor<8xf32>, tensor<2xi64>) -> tensor<*xf32>
  %y = "onnx.MatMul"(%x, %r) : (tensor<3x4xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// What does not fold: float arithmetic on constants (it runs as generated
// code, with the target's float semantics), integer division by zero
// (undefined; not made up at compile time), ops on non-constant data.
// CHECK-LABEL: func.func @not_folded
// CHECK: "onnx.Add"
// CHECK: "onnx.Div"
// CHECK: "onnx.Mul"(%arg0
func.func @not_folded(%i: tensor<2xi64>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xi64>) {
  %a = onnx.Constant dense<1.5> : tensor<2xf32>
  %f = "onnx.Add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  %n = onnx.Constant dense<[4, 5]> : tensor<2xi64>
  %z = onnx.Constant dense<[1, 0]> : tensor<2xi64>
  %d = "onnx.Div"(%n, %z) : (tensor<2xi64>, tensor<2xi64>) -> tensor<*xi64>
  %m = "onnx.Mul"(%i, %n) : (tensor<2xi64>, tensor<2xi64>) -> tensor<*xi64>
  return %f, %d, %m : tensor<*xf32>, tensor<*xi64>, tensor<*xi64>
}

// -----

// Big integer tensors are left to run time (only shape-sized ones fold):
// 8192 elements.
// CHECK-LABEL: func.func @too_big
// CHECK: "onnx.Add"
func.func @too_big() -> tensor<*xi64> {
  %a = onnx.Constant dense<3> : tensor<8192xi64>
  %r = "onnx.Add"(%a, %a) : (tensor<8192xi64>, tensor<8192xi64>) -> tensor<*xi64>
  return %r : tensor<*xi64>
}
