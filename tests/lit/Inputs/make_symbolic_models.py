"""Small models with symbolic dims (dim_param) for max-dim.test: DIR/NAME.onnx."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)


def save(name, nodes, inputs, outputs, inits=()):
    graph = helper.make_graph(nodes, name, inputs, outputs,
                              [numpy_helper.from_array(v, n) for n, v in inits])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.save(model, os.path.join(out, name + ".onnx"))


def value(name, dims, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, dims)


w = rng.standard_normal((4, 1, 3, 3)).astype(np.float32)
w2 = rng.standard_normal((4, 4, 1, 1)).astype(np.float32)
# Conv (stride 2) -> Relu -> Conv: the first result lives in the arena.
save("conv_hw", [helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[3, 3], strides=[2, 2],
                                  pads=[1, 1, 1, 1], name="conv"),
                 helper.make_node("Relu", ["c"], ["r"]),
                 helper.make_node("Conv", ["r", "w2"], ["y"], kernel_shape=[1, 1])],
     [value("x", [1, 1, "H", "W"])], [value("y", [1, 4, None, None])], [("w", w), ("w2", w2)])
# ReduceMean has no symbolic shape rule (yet).
save("reduce_n", [helper.make_node("ReduceMean", ["x"], ["y"], axes=[0], name="mean")],
     [value("x", ["N", 4])], [value("y", [1, 4])])
# Shape of a value with a symbolic dim would fold to the maximum.
save("shape_n", [helper.make_node("Shape", ["x"], ["y"], name="shape")],
     [value("x", ["N", 4])], [value("y", [2], TensorProto.INT64)])
# Resize by 1.5: floor(H * 1.5) is not an affine expression of H.
save("resize_odd", [helper.make_node("Resize", ["x", "", "s"], ["y"], name="up")],
     [value("x", [1, 1, "H", 4])], [value("y", [1, 1, None, 6])],
     [("s", np.array([1, 1, 1.5, 1.5], np.float32))])
# Slice to a fixed end: min(2, N) rows is not an affine expression of N.
save("slice_n", [helper.make_node("Slice", ["x", "st", "en", "ax"], ["y"], name="head2")],
     [value("x", ["N", 4])], [value("y", [None, 4])],
     [("st", np.array([0], np.int64)), ("en", np.array([2], np.int64)),
      ("ax", np.array([0], np.int64))])
