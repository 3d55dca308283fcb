"""Models with symbolic dims (dim_param) compiled once with --max-dim and run
at several sizes against ONNX Runtime (Suite.symbolic in run.py):

- a PaddleOCR-DB-like detector with dynamic height and width: Conv, Relu,
  MaxPool, Resize (nearest, scale 2), AveragePool, Concat, a broadcast Mul,
  BatchNormalization, Sigmoid, GlobalMaxPool, and a GlobalAveragePool ->
  Flatten -> Gemm head whose output is static;
- a sequence model with dynamic length T: Gather (embedding), Transpose, Add,
  LSTM, Squeeze, MatMul, Softmax, Reshape with -1, Slice, and a
  self-attention step (MatMul with T as the inner dim, Softmax over T, Where).

Weights are fixed-seed random initializers.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def _save(path, nodes, inputs, outputs, inits):
    graph = helper.make_graph(nodes, os.path.basename(path)[:-5], inputs, outputs,
                              [numpy_helper.from_array(v, n) for n, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def make_detector(path, rng):
    def rand(*shape):
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)

    inits = {
        "w1": rand(8, 3, 3, 3), "b1": rand(8), "w2": rand(8, 8, 3, 3), "b2": rand(8),
        "scale": rand(1, 8, 1, 1), "bn_s": rand(16) + 1, "bn_b": rand(16), "bn_m": rand(16),
        "bn_v": np.abs(rand(16)) + 0.5, "w3": rand(1, 16, 1, 1), "b3": rand(1),
        "up": np.array([1, 1, 2, 2], np.float32), "wh": rand(4, 8), "bh": rand(4),
    }
    n = helper.make_node
    nodes = [
        n("Conv", ["x", "w1", "b1"], ["c1"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        n("Relu", ["c1"], ["r1"]),
        n("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        n("Conv", ["p1", "w2", "b2"], ["c2"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        n("Relu", ["c2"], ["r2"]),
        n("Resize", ["r2", "", "up"], ["u"], mode="nearest"),
        n("AveragePool", ["u"], ["a"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        n("Mul", ["r1", "scale"], ["m"]),
        n("Concat", ["m", "a"], ["cat"], axis=1),
        n("BatchNormalization", ["cat", "bn_s", "bn_b", "bn_m", "bn_v"], ["bn"]),
        n("Conv", ["bn", "w3", "b3"], ["c3"], kernel_shape=[1, 1]),
        n("Sigmoid", ["c3"], ["prob"]),
        n("GlobalAveragePool", ["r2"], ["g"]),
        n("Flatten", ["g"], ["f"]),
        n("Gemm", ["f", "wh", "bh"], ["head"], transB=1),
        n("GlobalMaxPool", ["r1"], ["gmax"]),
    ]
    _save(path, nodes,
          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, "H", "W"])],
          [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1, 1, "H", "W"]),
           helper.make_tensor_value_info("head", TensorProto.FLOAT, [1, 4]),
           helper.make_tensor_value_info("gmax", TensorProto.FLOAT, [1, 8, 1, 1])], inits)


def make_sequence(path, rng):
    def rand(*shape):
        return (rng.standard_normal(shape) * 0.5).astype(np.float32)

    hidden = 6
    inits = {
        "emb": rand(10, 4), "perm_w": rand(4 * hidden, 4)[None], "r": rand(1, 4 * hidden, hidden),
        "b": rand(1, 8 * hidden), "axes": np.array([1], np.int64), "wo": rand(hidden, 3),
        "bo": rand(3), "shape": np.array([-1, 3], np.int64),
        "shape6": np.array([-1, hidden], np.int64), "zero": np.array(0, np.float32),
        "half": np.array(0.5, np.float32), "s_starts": np.array([0, 1], np.int64),
        "s_ends": np.array([2**62, 3], np.int64), "s_axes": np.array([0, 2], np.int64),
    }
    n = helper.make_node
    nodes = [
        n("Gather", ["emb", "ids"], ["e"]),                       # [1, T, 4]
        n("Transpose", ["e"], ["et"], perm=[1, 0, 2]),            # [T, 1, 4]
        n("Add", ["x", "et"], ["xe"]),
        n("LSTM", ["xe", "perm_w", "r", "b"], ["y", "y_h"], hidden_size=hidden),
        n("Squeeze", ["y", "axes"], ["ys"]),                      # [T, 1, 6]
        n("MatMul", ["ys", "wo"], ["logits"]),                    # [T, 1, 3]
        n("Add", ["logits", "bo"], ["lb"]),
        n("Softmax", ["lb"], ["sm"], axis=-1),
        n("Reshape", ["sm", "shape"], ["probs"]),                 # [T, 3]
        n("Slice", ["lb", "s_starts", "s_ends", "s_axes"], ["sl"]),  # [T, 1, 2]
        # self-attention over the LSTM states: [T, T] scores
        n("Reshape", ["ys", "shape6"], ["q"]),                    # [T, 6]
        n("Transpose", ["q"], ["qt"], perm=[1, 0]),
        n("MatMul", ["q", "qt"], ["scores"]),
        n("Softmax", ["scores"], ["att"], axis=-1),
        n("MatMul", ["att", "q"], ["ctx"]),                       # [T, 6]
        n("Greater", ["ctx", "zero"], ["pos"]),
        n("Mul", ["ctx", "half"], ["ctx_half"]),
        n("Where", ["pos", "ctx", "ctx_half"], ["gated"]),
    ]
    _save(path, nodes,
          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["T", 1, 4]),
           helper.make_tensor_value_info("ids", TensorProto.INT64, [1, "T"])],
          [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["T", 3]),
           helper.make_tensor_value_info("y_h", TensorProto.FLOAT, [1, 1, hidden]),
           helper.make_tensor_value_info("sl", TensorProto.FLOAT, ["T", 1, 2]),
           helper.make_tensor_value_info("gated", TensorProto.FLOAT, ["T", hidden])], inits)


def symbolic_cases(suite, work):
    """(name, thunk) for each model, as run.py's cases() lists them."""
    def detector():
        rng = np.random.default_rng(401)
        os.makedirs(work, exist_ok=True)
        path = os.path.join(work, "maxdim_detector.onnx")
        make_detector(path, rng)
        # H and W must be even (the upsampled branch meets the full one).
        runs = [((h, w), [("x", rng.standard_normal((1, 3, h, w)).astype(np.float32))])
                for h, w in [(2, 2), (2, 32), (14, 6), (32, 32)]]
        return suite.symbolic("maxdim_detector", path, [("H", 32), ("W", 32)], runs)

    def sequence():
        rng = np.random.default_rng(402)
        os.makedirs(work, exist_ok=True)
        path = os.path.join(work, "maxdim_sequence.onnx")
        make_sequence(path, rng)
        runs = [((t,), [("x", rng.standard_normal((t, 1, 4)).astype(np.float32)),
                        ("ids", rng.integers(0, 10, (1, t)).astype(np.int64))])
                for t in (1, 7, 16)]
        return suite.symbolic("maxdim_sequence", path, [("T", 16)], runs)

    return [("maxdim_detector", detector), ("maxdim_sequence", sequence)]
