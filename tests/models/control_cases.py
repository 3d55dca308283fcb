"""Loop, Scan and If nested in a Loop, as small generated models checked
against ONNX Runtime: loop-carried values, scan outputs, an early exit by the
body's condition, reversed scan directions, an If inside a Loop body that
reads values from outside the loop. X (and for Scan the sequence S) are the
graph inputs.
"""
import numpy as np
from onnx import TensorProto, helper, numpy_helper

from small_graphs import small_graph_cases

F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL


def vi(name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


def const(name, value):
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(value), name))


def loop_body(nodes, carried, scans, extra_inputs=()):
    """Loop body graph: (iter, cond, carried...) -> (cond, carried..., scans...)."""
    inputs = [vi("iter", I64, []), vi("cond_in", B, [])] + [vi(n + "_in", F, [3]) for n in carried]
    outputs = [vi("cond_out", B, [])] + [vi(n + "_out", F, [3]) for n in carried] + \
              [vi(n, F, [3]) for n in scans]
    return helper.make_graph(nodes, "body", inputs, outputs)


def loop_scan(_rng):
    """M = 4, always true: y = 0.5 y + iter * X; scan output relu(y) - 1."""
    body = loop_body([
        helper.make_node("Identity", ["cond_in"], ["cond_out"]),
        helper.make_node("Cast", ["iter"], ["it"], to=F),
        helper.make_node("Mul", ["X", "it"], ["xi"]),
        const("half", np.float32(0.5)),
        helper.make_node("Mul", ["y_in", "half"], ["yh"]),
        helper.make_node("Add", ["yh", "xi"], ["y_out"]),
        helper.make_node("Relu", ["y_out"], ["r"]),
        const("one", np.float32(1.0)),
        helper.make_node("Sub", ["r", "one"], ["s"]),
    ], ["y"], ["s"])
    nodes = [const("M", np.int64(4)), const("c", np.bool_(True)),
             helper.make_node("Loop", ["M", "c", "X"], ["Y", "S"], body=body)]
    return nodes, [], [vi("X", F, [3])], [vi("Y", F, [3]), vi("S", F, [4, 3])]


def loop_early_exit(_rng):
    """M = 10, no cond input: y *= 1.5 while sum(y) < 20 (exits early)."""
    body = loop_body([
        const("k", np.float32(1.5)),
        helper.make_node("Mul", ["y_in", "k"], ["y_out"]),
        helper.make_node("ReduceSum", ["y_out"], ["sum"], keepdims=0),
        const("limit", np.float32(20.0)),
        helper.make_node("Less", ["sum", "limit"], ["cond_out"]),
    ], ["y"], [])
    nodes = [const("M", np.int64(10)), helper.make_node("Abs", ["X"], ["ax"]),
             helper.make_node("Loop", ["M", "", "ax"], ["Y"], body=body)]
    return nodes, [], [vi("X", F, [3])], [vi("Y", F, [3])]


def if_in_loop(_rng):
    """M = 3: iteration 0 and 1 add X (from outside the loop), later ones
    double y, by an If in the body."""
    then_g = helper.make_graph([helper.make_node("Add", ["y_in", "X"], ["t"])], "then", [],
                               [vi("t", F, [3])])
    else_g = helper.make_graph([helper.make_node("Add", ["y_in", "y_in"], ["e"])], "else", [],
                               [vi("e", F, [3])])
    body = loop_body([
        helper.make_node("Identity", ["cond_in"], ["cond_out"]),
        const("two", np.int64(2)),
        helper.make_node("Less", ["iter", "two"], ["early"]),
        helper.make_node("If", ["early"], ["y_out"], then_branch=then_g, else_branch=else_g),
        helper.make_node("Neg", ["y_out"], ["n"]),
    ], ["y"], ["n"])
    nodes = [const("M", np.int64(3)), const("c", np.bool_(True)),
             helper.make_node("Loop", ["M", "c", "X"], ["Y", "N"], body=body)]
    return nodes, [], [vi("X", F, [3])], [vi("Y", F, [3]), vi("N", F, [3, 3])]


def scan_reverse(_rng):
    """Scan over S [5, 3] forward and S reversed; state s += a * b; output
    tanh(s), written in reverse order."""
    body = helper.make_graph([
        helper.make_node("Mul", ["a", "b"], ["ab"]),
        helper.make_node("Add", ["s_in", "ab"], ["s_out"]),
        helper.make_node("Tanh", ["s_out"], ["t"]),
    ], "body", [vi("s_in", F, [3]), vi("a", F, [3]), vi("b", F, [3])],
        [vi("s_out", F, [3]), vi("t", F, [3])])
    nodes = [helper.make_node("Scan", ["X", "S", "S"], ["Y", "T"], body=body, num_scan_inputs=2,
                              scan_input_directions=[0, 1], scan_output_directions=[1])]
    return nodes, [], [vi("X", F, [3]), vi("S", F, [5, 3])], [vi("Y", F, [3]), vi("T", F, [5, 3])]


CASES = [("loop_scan", loop_scan), ("loop_early_exit", loop_early_exit),
         ("if_in_loop", if_in_loop), ("scan_reverse", scan_reverse)]


def control_cases(suite, work):
    """(name, thunk) for each model, as run.py's cases() lists them."""
    return small_graph_cases(suite, work, CASES, seed_base=400, full_check=False)
