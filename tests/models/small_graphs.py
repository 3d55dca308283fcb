"""Runs small hand-built ONNX graphs through the models suite.

Shared by control_cases.py and graph_opt_cases.py: each case's build(rng)
returns (nodes, initializers, inputs, outputs); the model is saved as opset
16 and run on two sets of standard-normal float inputs, onnxc vs ONNX Runtime.
"""
import os

import numpy as np
import onnx
from onnx import helper


def small_graph_cases(suite, work, cases, seed_base, full_check):
    """(name, thunk) for each (name, build) of `cases`, as run.py's cases()
    lists them; case i draws its inputs from seed seed_base + i."""
    out = []
    for i, (name, build) in enumerate(cases):
        def run(name=name, build=build, seed=i):
            rng = np.random.default_rng(seed_base + seed)
            os.makedirs(work, exist_ok=True)
            nodes, inits, inputs, outputs = build(rng)
            model = helper.make_model(helper.make_graph(nodes, name, inputs, outputs, inits),
                                      opset_imports=[helper.make_opsetid("", 16)])
            model.ir_version = 8
            onnx.checker.check_model(model, full_check=full_check)
            path = os.path.join(work, name + ".onnx")
            onnx.save(model, path)
            shapes = [[d.dim_value for d in v.type.tensor_type.shape.dim] for v in inputs]
            sets = [[(v.name, rng.standard_normal(s).astype(np.float32))
                     for v, s in zip(inputs, shapes)] for _ in range(2)]
            return suite.single(name, path, sets)
        out.append((name, run))
    return out
