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
# A file name that is a C++ keyword: the default model name must not be it.
save(relu, "new.onnx")
# Identity + a dead node: -O2 folds the Identity, DCE drops the Neg.
save(model([helper.make_node("Identity", ["x"], ["i"], name="id"),
            helper.make_node("Relu", ["i"], ["y"], name="relu"),
            helper.make_node("Neg", ["x"], ["unused"], name="dead")],
           [vi("x", [2, 3])], [vi("y", [2, 3])]), "pipeline.onnx")
# Ops whose kernels call libm (tanhf, erff, expf...): what `nm -u` may list.
rng = np.random.default_rng(0)
save(model([helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
            helper.make_node("Tanh", ["c"], ["t"]),
            helper.make_node("Erf", ["t"], ["e"]),
            helper.make_node("Exp", ["e"], ["ex"]),
            helper.make_node("Sigmoid", ["ex"], ["s"]),
            helper.make_node("MaxPool", ["s"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
            helper.make_node("Reshape", ["p", "shape"], ["r"]),
            helper.make_node("Softmax", ["r"], ["y"])],
           [vi("x", [1, 3, 8, 8])], [vi("y", [1, 64])],
           [numpy_helper.from_array(rng.standard_normal((4, 3, 3, 3)).astype(np.float32), "w"),
            numpy_helper.from_array(np.array([1, -1], np.int64), "shape")]), "libm.onnx")
# Outputs that are not plain node results: an initializer, a graph input
# passed through, and one node result listed twice.
save(model([helper.make_node("Relu", ["x"], ["r"], name="relu")], [vi("x", [2])],
           [vi("c", [2]), vi("x", [2]), vi("r", [2]), vi("r", [2])],
           [numpy_helper.from_array(np.array([7, 8], np.float32), "c")]), "odd_outputs.onnx")
# Imports fine, but the C++ backend has no float16 Softmax: fails at code generation.
save(model([helper.make_node("Softmax", ["x"], ["y"], name="soft")], [vi("x", [2], TensorProto.FLOAT16)],
           [vi("y", [2], TensorProto.FLOAT16)]), "float16.onnx")
save(model([helper.make_node("Add", ["a", "b"], ["c"], name="add")], [vi("a", [4]), vi("b", [4])],
           [vi("c", [4])]), "add.onnx")

with open(os.path.join(out, "garbage.onnx"), "wb") as f:
    f.write(bytes(np.random.default_rng(1).integers(0, 256, 3000, dtype=np.uint8)))
with open(os.path.join(out, "truncated.onnx"), "wb") as f:
    f.write(relu.SerializeToString()[:20])

# Random ops cannot be compiled to reproducible code: a lasting "unsupported".
save(model([helper.make_node("Bernoulli", ["x"], ["y"], name="coin")], [vi("x", [2, 2])],
           [vi("y", [2, 2])]), "unsupported.onnx")
save(model([helper.make_node("Bernoulli", ["x"], ["y"])], [vi("x", [2, 2])], [vi("y", [2, 2])]),
     "unsupported_unnamed.onnx")
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


def external(location, folder, name, **keys):
    """A model whose weight lives in an external file at `location`."""
    w = numpy_helper.from_array(np.ones(4, np.float32), "w")
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    w.external_data.add(key="location", value=location)
    for key, value in keys.items():
        w.external_data.add(key=key, value=str(value))
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
# A link inside the folder that points out of it is outside all the same.
os.symlink(os.path.join("..", "secret.bin"), os.path.join(out, "sub", "link.bin"))
external("link.bin", os.path.join(out, "sub"), "external_symlink.onnx")
# offset + length overflows int64 (and would ask for an 8 EiB buffer).
external("weights.bin", os.path.join(out, "sub"), "external_overflow.onnx",
         offset=8, length=(1 << 63) - 1)
external("weights.bin", os.path.join(out, "sub"), "external_past_end.onnx", offset=8, length=16)

# A residual block as PyTorch exports it: Conv-BN-Relu, Conv-BN, Add, Relu.
# -O2 folds both BNs, fuses the first Relu (the second follows an Add).
bn_params = lambda name, c: [numpy_helper.from_array(v.astype(np.float32), f"{name}_{k}") for k, v in
                             (("scale", rng.uniform(0.5, 2, c)), ("bias", rng.standard_normal(c)),
                              ("mean", rng.standard_normal(c)), ("var", rng.uniform(0.5, 2, c)))]
save(model([helper.make_node("Conv", ["x", "w1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
            helper.make_node("BatchNormalization", ["c1"] + [f"bn1_{k}" for k in ("scale", "bias", "mean", "var")],
                             ["b1"], name="bn1"),
            helper.make_node("Relu", ["b1"], ["r1"], name="relu1"),
            helper.make_node("Conv", ["r1", "w2"], ["c2"], pads=[1, 1, 1, 1], name="conv2"),
            helper.make_node("BatchNormalization", ["c2"] + [f"bn2_{k}" for k in ("scale", "bias", "mean", "var")],
                             ["b2"], name="bn2"),
            helper.make_node("Add", ["b2", "x"], ["s"], name="add"),
            helper.make_node("Relu", ["s"], ["y"], name="relu2")],
           [vi("x", [1, 4, 6, 6])], [vi("y", [1, 4, 6, 6])],
           [numpy_helper.from_array(rng.standard_normal((4, 4, 3, 3)).astype(np.float32), "w1"),
            numpy_helper.from_array(rng.standard_normal((4, 4, 3, 3)).astype(np.float32), "w2")]
           + bn_params("bn1", 4) + bn_params("bn2", 4)), "residual.onnx")
# A linear layer (MatMul by constant weights, then Relu) whose 70 columns are
# no whole number of GEMM panels (16 with AVX2, 64 with AVX-512).
save(model([helper.make_node("MatMul", ["x", "w"], ["m"], name="linear"),
            helper.make_node("Relu", ["m"], ["y"], name="relu")],
           [vi("x", [8, 16])], [vi("y", [8, 70])],
           [numpy_helper.from_array(rng.standard_normal((16, 70)).astype(np.float32), "w")]),
     "linear.onnx")
