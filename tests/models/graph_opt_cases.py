"""Small generated models whose graphs the -O2 fusion passes rewrite, checked
against ONNX Runtime (and at -O0 without the passes): explicit Pads before a
Conv, a MaxPool and AveragePools (FoldPad), Mul/Add/Sub/Div chains by
constants after a Conv and on their own (FoldAffineChain), Transpose and
reshape chains (CancelTransposeReshape), a residual Add after a Gemm
(FuseResidualAdd), chains and trees of elementwise ops (FuseElementwise).
X is the graph input.
"""
import numpy as np
from onnx import TensorProto, helper, numpy_helper

from small_graphs import small_graph_cases

F = TensorProto.FLOAT


def vi(name, shape):
    return helper.make_tensor_value_info(name, F, shape)


def init(name, value, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(value, dtype=dtype), name)


def pads_pools(rng):
    """Pad(0) -> Conv (own pads) -> Relu -> Pad(-inf) -> MaxPool ->
    Pad(0) -> AveragePool without pads (made to count them) and, ceil_mode,
    one counting its own pads."""
    nodes = [
        helper.make_node("Pad", ["X", "p1", "zero"], ["xp"]),
        helper.make_node("Conv", ["xp", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"]),
        helper.make_node("Pad", ["r", "p2", "ninf"], ["rp"]),
        helper.make_node("MaxPool", ["rp"], ["m"], kernel_shape=[3, 3], strides=[2, 2]),
        helper.make_node("Pad", ["m", "p2"], ["mp"]),
        helper.make_node("AveragePool", ["mp"], ["Y"], kernel_shape=[3, 3]),
        helper.make_node("AveragePool", ["mp"], ["Z"], kernel_shape=[2, 2], strides=[2, 2],
                         pads=[1, 1, 1, 1], count_include_pad=1, ceil_mode=1),
    ]
    inits = [init("p1", [0, 0, 1, 2, 0, 0, 2, 1], np.int64), init("p2", [0, 0, 1, 1, 0, 0, 1, 1], np.int64),
             init("zero", 0.0), init("ninf", -np.inf),
             init("w", rng.standard_normal((4, 3, 3, 3))), init("b", rng.standard_normal(4))]
    # 8x8 -> pad 11x11 -> conv 11x11 -> pad 13x13 -> maxpool 6x6 -> pad 8x8 -> 6x6, 5x5
    return nodes, inits, [vi("X", [1, 3, 8, 8])], [vi("Y", [1, 4, 6, 6]), vi("Z", [1, 4, 5, 5])]


def affine_chains(rng):
    """Conv -> Mul per channel -> Add per channel -> Sub scalar (into the
    Conv); then ((r * 2 + row) * 0.5) / 4 on its Relu (one Mul, one Add)."""
    nodes = [
        helper.make_node("Conv", ["X", "w", "b"], ["c"]),
        helper.make_node("Mul", ["c", "s"], ["cs"]),
        helper.make_node("Add", ["t", "cs"], ["ct"]),
        helper.make_node("Sub", ["ct", "one"], ["Y"]),
        helper.make_node("Relu", ["Y"], ["r"]),
        helper.make_node("Mul", ["r", "two"], ["r2"]),
        helper.make_node("Add", ["r2", "row"], ["r3"]),
        helper.make_node("Mul", ["half", "r3"], ["r4"]),
        helper.make_node("Div", ["r4", "four"], ["Z"]),
    ]
    inits = [init("w", rng.standard_normal((4, 2, 1, 1))), init("b", rng.standard_normal(4)),
             init("s", rng.standard_normal((1, 4, 1, 1))), init("t", rng.standard_normal((4, 1, 1))),
             init("one", 1.0), init("two", [2.0]), init("row", rng.standard_normal(5)),
             init("half", 0.5), init("four", 4.0)]
    return nodes, inits, [vi("X", [1, 2, 5, 5])], [vi("Y", [1, 4, 5, 5]), vi("Z", [1, 4, 5, 5])]


def layout_chains(rng):
    """Transpose pairs that cancel and merge, a Transpose of size-1 axes, a
    Reshape -> Unsqueeze -> Flatten chain."""
    nodes = [
        helper.make_node("Transpose", ["X"], ["t1"], perm=[0, 2, 3, 1]),
        helper.make_node("Transpose", ["t1"], ["t2"], perm=[0, 3, 1, 2]),
        helper.make_node("Add", ["t2", "X"], ["Y"]),
        helper.make_node("Transpose", ["X"], ["t3"], perm=[1, 0, 2, 3]),
        helper.make_node("Transpose", ["t3"], ["Z"], perm=[3, 1, 0, 2]),
        helper.make_node("Transpose", ["X"], ["U"], perm=[1, 0, 2, 3]),
        helper.make_node("Reshape", ["X", "shape"], ["v1"]),
        helper.make_node("Unsqueeze", ["v1", "axes"], ["v2"]),
        helper.make_node("Flatten", ["v2"], ["V"], axis=2),
    ]
    inits = [init("shape", [6, 1, 4], np.int64), init("axes", [0], np.int64)]
    return nodes, inits, [vi("X", [1, 2, 3, 4])], \
        [vi("Y", [1, 2, 3, 4]), vi("Z", [4, 1, 2, 3]), vi("U", [2, 1, 3, 4]), vi("V", [6, 4])]


def gemm_residual(rng):
    """Relu(Gemm(A, B^T, C) * alpha + A): the residual Add and the Relu in the Gemm."""
    nodes = [
        helper.make_node("Gemm", ["X", "w", "c"], ["g"], alpha=0.5, transB=1),
        helper.make_node("Add", ["X", "g"], ["s"]),
        helper.make_node("Relu", ["s"], ["Y"]),
    ]
    inits = [init("w", rng.standard_normal((8, 8))), init("c", rng.standard_normal(8))]
    return nodes, inits, [vi("X", [4, 8])], [vi("Y", [4, 8])]


def elementwise_chains(rng):
    """Chains and trees of elementwise ops (FuseElementwise): Swish with a
    per-channel scale and a last-axis shift; HardSwish written out,
    x * Clip(x + 3, 0, 6) / 6, then Tanh and a Max; a tree over an Exp read
    twice inside it, with a Sqrt also read by a Softmax (the Sqrt stays); a
    chain with a graph output in the middle; an Add whose operand broadcasts
    along axes 1 and 3 (not one run: left alone)."""
    nodes = [
        helper.make_node("Mul", ["X", "s"], ["a1"]),
        helper.make_node("Sigmoid", ["a1"], ["a2"]),
        helper.make_node("Mul", ["a1", "a2"], ["a3"]),
        helper.make_node("Sub", ["a3", "row"], ["Y"]),
        helper.make_node("Add", ["X", "three"], ["h1"]),
        helper.make_node("Clip", ["h1", "zero", "six"], ["h2"]),
        helper.make_node("Mul", ["X", "h2"], ["h3"]),
        helper.make_node("Div", ["h3", "six"], ["h4"]),
        helper.make_node("Tanh", ["h4"], ["h5"]),
        helper.make_node("Max", ["h5", "X"], ["Z"]),
        helper.make_node("Exp", ["X"], ["e"]),
        helper.make_node("Neg", ["e"], ["e1"]),
        helper.make_node("Sqrt", ["e"], ["e2"]),
        helper.make_node("Add", ["e1", "e2"], ["e3"]),
        helper.make_node("Erf", ["e3"], ["W"]),
        helper.make_node("Softmax", ["e2"], ["S"]),
        helper.make_node("Abs", ["X"], ["V"]),
        helper.make_node("Add", ["V", "one"], ["v1"]),
        helper.make_node("Log", ["v1"], ["v2"]),
        helper.make_node("Pow", ["v2", "two"], ["T"]),
        helper.make_node("Neg", ["X"], ["u1"]),
        helper.make_node("Add", ["u1", "gap"], ["U"]),
    ]
    inits = [init("s", rng.standard_normal((8, 1, 1))), init("row", rng.standard_normal(6)),
             init("three", 3.0), init("zero", 0.0), init("six", 6.0), init("one", [1.0]),
             init("two", 2.0), init("gap", rng.standard_normal((1, 8, 1, 6)))]
    shape = [1, 8, 6, 6]
    return nodes, inits, [vi("X", shape)], \
        [vi(n, shape) for n in ("Y", "Z", "W", "S", "V", "T", "U")]


CASES = [("opt_pads_pools", pads_pools), ("opt_affine_chains", affine_chains),
         ("opt_layout_chains", layout_chains), ("opt_gemm_residual", gemm_residual),
         ("opt_elementwise_chains", elementwise_chains)]


def graph_opt_cases(suite, work):
    """(name, thunk) for each model, as run.py's cases() lists them."""
    return small_graph_cases(suite, work, CASES, seed_base=500, full_check=True)
