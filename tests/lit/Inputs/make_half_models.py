#!/usr/bin/python3
"""Writes the float16/bfloat16 models of onnxc/half-types.test into argv[1]."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(nodes, inputs, outputs, name, inits=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    with open(os.path.join(out, name), "wb") as f:
        f.write(m.SerializeToString())


def vi(name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


F16, BF16, F32 = TensorProto.FLOAT16, TensorProto.BFLOAT16, TensorProto.FLOAT
# float -> float16, + a float16 weight (1.5 = 0x3e00), -> bfloat16.
w = numpy_helper.from_array(np.full([2, 3], 1.5, np.float16), "w")
save([helper.make_node("Cast", ["x"], ["h"], to=F16),
      helper.make_node("Add", ["h", "w"], ["s"]),
      helper.make_node("Cast", ["s"], ["y"], to=BF16)],
     [vi("x", F32, [2, 3])], [vi("y", BF16, [2, 3])], "half.onnx", [w])
# STRING stays unsupported: errors name the dtype and the node.
save([helper.make_node("Cast", ["x"], ["y"], name="to_string", to=TensorProto.STRING)],
     [vi("x", F32, [2])], [vi("y", TensorProto.STRING, [2])], "cast_to_string.onnx")
save([helper.make_node("Cast", ["x"], ["y"], name="from_string", to=F32)],
     [vi("x", TensorProto.STRING, [2])], [vi("y", F32, [2])], "cast_from_string.onnx")
