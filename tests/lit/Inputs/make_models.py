#!/usr/bin/python3
"""Writes the small models the CLI tests need into the folder given as argv[1]:
good ones (relu, add) and broken ones, one per way an input can be bad."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def model(nodes, inputs, outputs, inits=(), opset=17, domains=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    opsets = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, 1) for d in domains]
    m = helper.make_model(graph, opset_imports=opsets)
    m.ir_version = 8
    return m


def save(m, name, folder=out):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(m.SerializeToString())


def vi(name, shape, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, shape)


relu = model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [vi("x", [2, 3])], [vi("y", [2, 3])])
save(relu, "relu.onnx")
save(model([helper.make_node("Add", ["a", "b"], ["c"], name="add")], [vi("a", [4]), vi("b", [4])],
           [vi("c", [4])]), "add.onnx")

with open(os.path.join(out, "garbage.onnx"), "wb") as f:
    f.write(bytes(np.random.default_rng(1).integers(0, 256, 3000, dtype=np.uint8)))
with open(os.path.join(out, "truncated.onnx"), "wb") as f:
    f.write(relu.SerializeToString()[:20])

save(model([helper.make_node("Det", ["x"], ["y"], name="my_det")], [vi("x", [2, 2])], [vi("y", [])]),
     "unsupported.onnx")
save(model([helper.make_node("Foo", ["x"], ["y"], name="custom", domain="com.example")],
           [vi("x", [2])], [vi("y", [2])], domains=["com.example"]), "domain.onnx")
save(model([helper.make_node("Add", ["a", "b"], ["c"], name="bad_add")], [vi("a", [2, 3]), vi("b", [4, 5])],
           [vi("c", [2, 3])]), "mismatch.onnx")
save(model([helper.make_node("Relu", ["x"], ["y"])], [vi("x", [2])], [vi("y", [2])], opset=18),
     "opset18.onnx")
save(model([helper.make_node("Relu", ["x"], ["y"])], [vi("x", ["batch", 3])], [vi("y", ["batch", 3])]),
     "symbolic.onnx")
save(model([helper.make_node("Relu", ["x"], ["y"])], [vi("x", [65536, 65536, 65536])],
           [vi("y", [65536, 65536, 65536])]), "absurd.onnx")


def external(location, folder, name):
    """A model whose weight lives in an external file at `location`."""
    w = numpy_helper.from_array(np.ones(4, np.float32), "w")
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    w.external_data.add(key="location", value=location)
    m = model([helper.make_node("Add", ["x", "w"], ["y"])], [vi("x", [4])], [vi("y", [4])], [w])
    save(m, name, folder)


external("weights.bin", out, "external_missing.onnx")
# The escaping file exists, so only the path check can refuse it.
with open(os.path.join(out, "secret.bin"), "wb") as f:
    f.write(np.ones(4, np.float32).tobytes())
external("../secret.bin", os.path.join(out, "sub"), "external_escape.onnx")
external(os.path.join(out, "secret.bin"), os.path.join(out, "sub"), "external_absolute.onnx")
# A good external file next to the model.
with open(os.path.join(out, "sub", "weights.bin"), "wb") as f:
    f.write(np.full(4, 2.0, np.float32).tobytes())
external("weights.bin", os.path.join(out, "sub"), "external_ok.onnx")
