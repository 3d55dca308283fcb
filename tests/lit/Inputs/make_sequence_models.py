#!/usr/bin/python3
"""Writes small models with ONNX sequences and optionals into argv[1] for
onnxc/sequences.test: ones onnxc resolves at compile time, and ones it must
refuse because a length, position or presence is only known at run time."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
F = TensorProto.FLOAT


def save(name, nodes, inputs, outputs, inits=(), opset=17):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    with open(os.path.join(out, name), "wb") as f:
        f.write(m.SerializeToString())


def vi(name, shape, dtype=F):
    return helper.make_tensor_value_info(name, dtype, shape)


def seq(name, shape=None, dtype=F):
    return helper.make_tensor_sequence_value_info(name, dtype, shape)


def opt(name, elem):
    return helper.make_value_info(name, helper.make_optional_type_proto(elem))


def i64(name, *v, scalar=False):
    return numpy_helper.from_array(np.array(v[0] if scalar else list(v), np.int64), name)


N = helper.make_node
# Construct, insert (negative position), erase, at: y = b, z = Concat(a, c).
save("ops.onnx",
     [N("SequenceConstruct", ["a", "b"], ["s"]),
      N("SequenceInsert", ["s", "c", "minus1"], ["s2"]),   # a, c, b
      N("SequenceErase", ["s2"], ["s3"]),                   # a, c
      N("SequenceAt", ["s2", "minus1"], ["y"]),             # b
      N("ConcatFromSequence", ["s3"], ["z"], axis=0),
      N("SequenceLength", ["s2"], ["n"])],
     [vi("a", [2]), vi("b", [2]), vi("c", [3])],
     [vi("y", [2]), vi("z", [5]), vi("n", [], TensorProto.INT64)],
     [i64("minus1", -1, scalar=True)])
# SplitToSequence without split, keepdims=0, then stacked on a new last axis.
save("split.onnx",
     [N("SplitToSequence", ["x"], ["s"], axis=1, keepdims=0),
      N("ConcatFromSequence", ["s"], ["y"], axis=-1, new_axis=1)],
     [vi("x", [2, 3])], [vi("y", [2, 3])])
# Sequence inputs and outputs: one buffer per element; SequenceMap unrolled.
body = helper.make_graph([N("Neg", ["e"], ["o"])], "body", [vi("e", None)], [vi("o", None)])
save("map.onnx", [N("SequenceMap", ["s"], ["t"], body=body)], [seq("s")], [seq("t")])
# Optionals: present tensor, absent (--absent), has-element folded.
save("optional.onnx",
     [N("OptionalHasElement", ["o"], ["has"]), N("OptionalGetElement", ["o"], ["v"])],
     [opt("o", helper.make_tensor_type_proto(F, [2]))],
     [vi("has", [], TensorProto.BOOL), vi("v", [2])])
save("has_element.onnx", [N("OptionalHasElement", ["o"], ["has"])],
     [opt("o", helper.make_tensor_type_proto(F, [2]))], [vi("has", [], TensorProto.BOOL)])

# Not static: a position that is a graph input, a Loop carrying a sequence,
# If branches of different lengths, an absent optional's element.
save("runtime_position.onnx", [N("SequenceAt", ["s", "p"], ["y"], name="at")],
     [seq("s"), vi("p", [], TensorProto.INT64)], [vi("y", [2])])
loop_body = helper.make_graph(
    [N("Identity", ["c"], ["c2"]), N("SequenceInsert", ["sin", "x"], ["sout"])], "body",
    [vi("i", [], TensorProto.INT64), vi("c", [], TensorProto.BOOL), seq("sin")],
    [vi("c2", [], TensorProto.BOOL), seq("sout")])
save("loop.onnx", [N("SequenceEmpty", [], ["e"]), N("Loop", ["m", "", "e"], ["r"], body=loop_body, name="grow")],
     [vi("m", [], TensorProto.INT64), vi("x", [2])], [seq("r")])
# The same Loop with a constant trip count is unrolled.
save("loop_unrolled.onnx", [N("SequenceEmpty", [], ["e"]), N("Loop", ["two", "", "e"], ["r"], body=loop_body)],
     [vi("x", [2])], [seq("r")], [i64("two", 2, scalar=True)])
then_g = helper.make_graph([N("SequenceConstruct", ["x"], ["t"])], "then", [], [seq("t")])
else_g = helper.make_graph([N("SequenceConstruct", ["x", "x"], ["u"])], "else", [], [seq("u")])
save("if_lengths.onnx", [N("If", ["c"], ["r"], then_branch=then_g, else_branch=else_g, name="choose")],
     [vi("c", [], TensorProto.BOOL), vi("x", [2])], [seq("r")])
