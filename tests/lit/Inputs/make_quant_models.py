#!/usr/bin/python3
"""Writes the quantized models of onnxc/quantized.test into argv[1]."""
import os
import sys

from onnx import TensorProto, helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
U8, F32 = TensorProto.UINT8, TensorProto.FLOAT


def save(nodes, inputs, outputs, name):
    m = helper.make_model(helper.make_graph(nodes, "g", inputs, outputs),
                          opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    with open(os.path.join(out, name), "wb") as f:
        f.write(m.SerializeToString())


def vi(name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


# Per-row zero point of A ([M]): unsqueezed to [M, 1] before the subtraction.
save([helper.make_node("MatMulInteger", ["a", "b", "za", "zb"], ["y"], name="mmi")],
     [vi("a", U8, [4, 3]), vi("b", U8, [3, 2]), vi("za", U8, [4]), vi("zb", U8, [])],
     [vi("y", TensorProto.INT32, [4, 2])], "matmulinteger.onnx")
# Per-output-channel weight scale: the requantization scale goes to [M, 1, 1].
save([helper.make_node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], ["y"],
                       name="qconv", pads=[1, 1, 1, 1])],
     [vi("x", U8, [1, 2, 5, 5]), vi("xs", F32, []), vi("xz", U8, []), vi("w", U8, [3, 2, 3, 3]),
      vi("ws", F32, [3]), vi("wz", U8, [3]), vi("ys", F32, []), vi("yz", U8, [])],
     [vi("y", U8, [1, 3, 5, 5])], "qlinearconv.onnx")
