"""LSTM, GRU and RNN variants the ONNX backend tests do not cover, as small
generated models checked against ONNX Runtime: every direction, layout,
sequence_lens, initial states, peepholes, input_forget, linear_before_reset,
clip and non-default activations (with alpha/beta). Weights are fixed-seed
random initializers; X is the only graph input.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SEQ, BATCH, INPUT, HIDDEN = 5, 3, 4, 6
GATES = {"LSTM": 4, "GRU": 3, "RNN": 1}

# (name, op, attributes, which optional inputs to give, which outputs to name)
VARIANTS = [
    ("lstm_bidir_all", "LSTM", {"direction": "bidirectional"}, "B lens h c P", "Y Y_h Y_c"),
    ("lstm_reverse_clip", "LSTM", {"direction": "reverse", "clip": 0.5}, "B lens h c", "Y Y_h Y_c"),
    ("lstm_forget_acts", "LSTM",
     {"input_forget": 1, "activations": ["HardSigmoid", "LeakyRelu", "Softsign"],
      "activation_alpha": [0.3, 0.1], "activation_beta": [0.4]}, "B h", "Y_h Y_c"),
    # layout = 1 is in the ONNX backend tests (ONNX Runtime does not run it).
    ("lstm_lens_y_only", "LSTM", {}, "lens", "Y"),
    ("gru_bidir_lbr", "GRU", {"direction": "bidirectional", "linear_before_reset": 1}, "B lens h",
     "Y Y_h"),
    ("gru_reverse_acts", "GRU",
     {"direction": "reverse", "activations": ["Sigmoid", "ScaledTanh"], "activation_alpha": [1.3],
      "activation_beta": [0.7], "clip": 2.0}, "B h", "Y Y_h"),
    ("rnn_bidir_relu", "RNN", {"direction": "bidirectional", "activations": ["Relu", "Elu"],
                               "activation_alpha": [0.5]}, "B lens h", "Y Y_h"),
    ("rnn_reverse_affine", "RNN", {"direction": "reverse", "activations": ["Affine"],
                                   "activation_alpha": [0.8], "activation_beta": [0.1]}, "B",
     "Y Y_h"),
]


def make_model(path, op, attrs, inputs, outputs, rng):
    dirs = 2 if attrs.get("direction") == "bidirectional" else 1
    g, batchwise = GATES[op], attrs.get("layout", 0) == 1
    state = [BATCH, dirs, HIDDEN] if batchwise else [dirs, BATCH, HIDDEN]
    x_shape = [BATCH, SEQ, INPUT] if batchwise else [SEQ, BATCH, INPUT]

    def rand(*shape):
        return (rng.standard_normal(shape) * 0.5).astype(np.float32)

    inits = {"W": rand(dirs, g * HIDDEN, INPUT), "R": rand(dirs, g * HIDDEN, HIDDEN)}
    given = inputs.split()
    if "B" in given:
        inits["B"] = rand(dirs, 2 * g * HIDDEN)
    if "lens" in given:
        inits["lens"] = np.array([SEQ, 2, SEQ - 1][:BATCH], np.int32)
    if "h" in given:
        inits["h"] = rand(*state)
    if "c" in given:
        inits["c"] = rand(*state)
    if "P" in given:
        inits["P"] = rand(dirs, 3 * HIDDEN)
    order = ["X", "W", "R", "B", "lens", "h"] + (["c", "P"] if op == "LSTM" else [])
    node_inputs = [n if n in ("X", "W", "R") or n in inits else "" for n in order]
    while node_inputs[-1] == "":
        node_inputs.pop()
    all_outs = ["Y", "Y_h", "Y_c"][: 3 if op == "LSTM" else 2]
    named = outputs.split()
    node_outputs = [o if o in named else "" for o in all_outs]
    node = helper.make_node(op, node_inputs, node_outputs, hidden_size=HIDDEN, **attrs)
    y_shape = [BATCH, SEQ, dirs, HIDDEN] if batchwise else [SEQ, dirs, BATCH, HIDDEN]
    graph = helper.make_graph(
        [node], op.lower(), [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_shape)],
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, y_shape if o == "Y" else state)
         for o in named],
        [numpy_helper.from_array(v, n) for n, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return x_shape


def recurrent_cases(suite, work):
    """(name, thunk) for each variant, as run.py's cases() lists them."""
    out = []
    for i, (name, op, attrs, inputs, outputs) in enumerate(VARIANTS):
        def run(name=name, op=op, attrs=attrs, inputs=inputs, outputs=outputs, seed=i):
            rng = np.random.default_rng(300 + seed)
            os.makedirs(work, exist_ok=True)
            path = os.path.join(work, name + ".onnx")
            x_shape = make_model(path, op, attrs, inputs, outputs, rng)
            sets = [[("X", rng.standard_normal(x_shape).astype(np.float32))] for _ in range(2)]
            return suite.single(name, path, sets)
        out.append((name, run))
    return out
