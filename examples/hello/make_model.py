#!/usr/bin/python3
"""Builds kws.onnx: a small keyword-spotting CNN over 49 frames x 10 MFCCs
(the shape of the Hello Edge / DS-CNN KWS front end), with fixed random
weights. Run it again only to change the model; the .onnx is checked in.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
LABELS = ["silence", "unknown", "yes", "no"]


def weight(name, *shape, scale=0.3):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


inits = [
    weight("conv1_w", 8, 1, 3, 3), weight("conv1_b", 8, scale=0.1),
    numpy_helper.from_array(rng.uniform(0.5, 1.5, 8).astype(np.float32), "bn_scale"),
    weight("bn_bias", 8, scale=0.1), weight("bn_mean", 8, scale=0.1),
    numpy_helper.from_array(rng.uniform(0.5, 1.5, 8).astype(np.float32), "bn_var"),
    weight("conv2_w", 16, 8, 3, 3, scale=0.15), weight("conv2_b", 16, scale=0.1),
    weight("fc_w", 16, len(LABELS), scale=0.5), weight("fc_b", len(LABELS), scale=0.1),
]
nodes = [
    helper.make_node("Conv", ["mfcc", "conv1_w", "conv1_b"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
    helper.make_node("BatchNormalization", ["c1", "bn_scale", "bn_bias", "bn_mean", "bn_var"], ["b1"], name="bn1"),
    helper.make_node("Relu", ["b1"], ["r1"], name="relu1"),
    helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2], name="pool1"),
    helper.make_node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"], pads=[1, 1, 1, 1], name="conv2"),
    helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
    helper.make_node("GlobalAveragePool", ["r2"], ["g"], name="gap"),
    helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["logits"], name="fc"),
    helper.make_node("Softmax", ["logits"], ["scores"], axis=1, name="softmax"),
]
graph = helper.make_graph(
    nodes, "kws",
    [helper.make_tensor_value_info("mfcc", TensorProto.FLOAT, [1, 1, 49, 10])],
    [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, len(LABELS)])],
    inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                          producer_name="onnxc examples/hello")
onnx.checker.check_model(model)
onnx.save(model, "kws.onnx")
print("wrote kws.onnx")
