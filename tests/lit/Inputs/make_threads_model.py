#!/usr/bin/python3
"""Writes threads.onnx into argv[1]: Conv (group 1) with more output
positions than filters (split by positions) and one with fewer (split by
filters), depthwise Conv, Gemm (16 rows), a batched MatMul, a MatMul with 2 rows (split by columns), a
unary and a binary map: every kind of split kernels/parallel.h makes, with
fixed random weights."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)


def const(name, *shape):
    return numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)


nodes = [
    helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1], name="conv"),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu"),
    helper.make_node("Conv", ["r1", "w2"], ["c2"], pads=[1, 1, 1, 1], group=16, name="depthwise"),
    helper.make_node("Conv", ["c2", "w3"], ["c3"], pads=[1, 1, 1, 1], strides=[4, 4],
                     name="narrow"),
    helper.make_node("Reshape", ["c3", "rows"], ["m"], name="rows"),
    helper.make_node("Gemm", ["m", "wg", "bg"], ["g"], name="gemm"),
    helper.make_node("Reshape", ["g", "stack"], ["s"], name="stack"),
    helper.make_node("MatMul", ["s", "wm"], ["p"], name="batched"),
    helper.make_node("Reshape", ["p", "pair"], ["q"], name="pair"),
    helper.make_node("MatMul", ["q", "wq"], ["z"], name="matmul"),
    helper.make_node("Sin", ["z"], ["sz"], name="sin"),
    helper.make_node("Add", ["sz", "z"], ["y"], name="add"),
]
inits = [const("w1", 16, 3, 3, 3), const("b1", 16), const("w2", 16, 1, 3, 3),
         const("w3", 32, 16, 3, 3), numpy_helper.from_array(np.array([16, 32], np.int64), "rows"),
         const("wg", 32, 24), const("bg", 24),
         numpy_helper.from_array(np.array([4, 2, 48], np.int64), "stack"),
         const("wm", 4, 48, 40), numpy_helper.from_array(np.array([2, 160], np.int64), "pair"),
         const("wq", 160, 12)]
graph = helper.make_graph(nodes, "threads",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 12])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
with open(os.path.join(out, "threads.onnx"), "wb") as f:
    f.write(model.SerializeToString())
