#!/usr/bin/python3
"""Writes reduce_axes.onnx into argv[1]: ReduceSum of x[2,3] over axes given as
a graph input, with the output shape y[2,1] fixed in the model."""
import os
import sys

from onnx import TensorProto, helper

graph = helper.make_graph(
    [helper.make_node("ReduceSum", ["x", "axes"], ["y"], name="sum")], "g",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3]),
     helper.make_tensor_value_info("axes", TensorProto.INT64, [1])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 1])])
m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
m.ir_version = 8
os.makedirs(sys.argv[1], exist_ok=True)
with open(os.path.join(sys.argv[1], "reduce_axes.onnx"), "wb") as f:
    f.write(m.SerializeToString())
