"""A tiny graph builder that names and shapes things the way torch.onnx.export
writes them, so that hand-built test models look like exported ones.

torch.onnx.export names a node after its module scope and op type
('/layer1/layer1.0/conv1/Conv'), a node's outputs after the node
('/layer1/layer1.0/conv1/Conv_output_0'), repeats within one scope with a
suffix ('/layer1/layer1.0/relu_1/Relu', 'Constant_1'), parameters after their
module path ('layer1.0.conv1.weight') and anonymous tensors after their first
consumer ('onnx::MatMul_123'). Python scalars become Constant nodes;
Unsqueeze/Squeeze axes (opset 13+) and Clip bounds are Constant inputs.
"""
import numpy as np
from onnx import TensorProto, helper, numpy_helper

INT64_MAX = np.iinfo(np.int64).max


class TorchStyleGraph:
    def __init__(self, rng):
        self.rng = rng
        self.nodes, self.initializers, self.inputs, self.outputs = [], [], [], []
        self._used = {}
        self._anon = 100

    # ------------------------------------------------------------ naming

    def _unique(self, base):
        n = self._used.get(base, 0)
        self._used[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def anon(self, consumer):
        """An anonymous tensor name, e.g. 'onnx::MatMul_101'."""
        self._anon += 1
        return f"onnx::{consumer}_{self._anon}"

    # ------------------------------------------------------------ tensors

    def param(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def input(self, name, dims, dtype=TensorProto.FLOAT):
        """dims: ints or strings (dynamic axes, as torch's dynamic_axes names them)."""
        self.inputs.append(helper.make_tensor_value_info(name, dtype, dims))
        return name

    def output(self, value, name, dims, dtype=TensorProto.FLOAT):
        """Declares graph output `name`, renaming `value` (a node output) to it,
        as torch does with output_names."""
        for node in self.nodes:
            for i, o in enumerate(node.output):
                if o == value:
                    node.output[i] = name
            for i, x in enumerate(node.input):
                if x == value:
                    node.input[i] = name
        self.outputs.append(helper.make_tensor_value_info(name, dtype, dims))
        return name

    # ------------------------------------------------------------ nodes

    def op(self, scope, op_type, inputs, outputs=1, **attrs):
        name = self._unique(f"{scope}/{op_type}")
        outs = [f"{name}_output_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op_type, list(inputs), outs, name=name, **attrs))
        return outs[0] if outputs == 1 else outs

    def const(self, scope, value, dtype=np.float32):
        """A Constant node holding `value` (a Python scalar becomes a 0-d tensor)."""
        t = numpy_helper.from_array(np.asarray(value, dtype=dtype), "")
        return self.op(scope, "Constant", [], value=t)

    def unsqueeze(self, scope, x, axes):
        return self.op(scope, "Unsqueeze", [x, self.const(scope, axes, np.int64)])

    def squeeze(self, scope, x, axes):
        return self.op(scope, "Squeeze", [x, self.const(scope, axes, np.int64)])

    def size(self, scope, x, dim):
        """x.size(dim) as a traced int: Shape -> Gather(scalar index), a 0-d int64."""
        shape = self.op(scope, "Shape", [x])
        return self.op(scope, "Gather", [shape, self.const(scope, dim, np.int64)], axis=0)

    def shape_of(self, scope, items):
        """A 1-D int64 shape from traced ints (0-d tensors, unsqueezed) and
        Python ints (constants), concatenated as torch does for view/reshape."""
        parts = [self.unsqueeze(scope, v, [0]) if isinstance(v, str) else self.const(scope, [v], np.int64)
                 for v in items]
        return self.op(scope, "Concat", parts, axis=0)

    def floor_divide(self, scope, a, b):
        """a // b of traced int64 scalars, as torch.onnx's _floor_divide writes
        it: truncating Div, then minus 1 where the signs differ and the
        remainder is not 0."""
        div = self.op(scope, "Div", [a, b])
        zero = self.const(scope, 0, np.int64)
        negative = self.op(scope, "Xor", [self.op(scope, "Less", [a, zero]), self.op(scope, "Less", [b, zero])])
        mod = self.op(scope, "Sub", [a, self.op(scope, "Mul", [div, b])])
        fixup = self.op(scope, "And", [negative, self.op(scope, "Not", [self.op(scope, "Equal", [mod, zero])])])
        one = self.const(scope, 1, np.int64)
        return self.op(scope, "Sub", [div, self.op(scope, "Mul", [self.op(scope, "Cast", [fixup], to=TensorProto.INT64), one])])

    # ------------------------------------------------------------ weights

    def normal(self, shape, std):
        return (self.rng.standard_normal(shape) * std).astype(np.float32)

    def uniform(self, shape, lo, hi):
        return self.rng.uniform(lo, hi, shape).astype(np.float32)

    def kaiming(self, shape, fan_in):
        """Weights that keep activations near unit scale (He init)."""
        return self.normal(shape, np.sqrt(2.0 / fan_in))

    # ------------------------------------------------------------ layers

    def conv(self, scope, x, cin, cout, k, stride=1, pad=None, group=1, prefix=None):
        """nn.Conv2d without bias, its weight named '<prefix>.weight'; with
        prefix None, a convolution that BatchNorm was folded into (as torch
        exports eval models): anonymous weight and a bias."""
        pad = k // 2 if pad is None else pad
        w = self.kaiming((cout, cin // group, k, k), cin // group * k * k)
        ins = [x, self.param(f"{prefix}.weight" if prefix else self.anon("Conv"), w)]
        if prefix is None:
            ins.append(self.param(self.anon("Conv"), self.normal((cout,), 0.05)))
        return self.op(scope, "Conv", ins, dilations=[1, 1], group=group, kernel_shape=[k, k],
                       pads=[pad] * 4, strides=[stride, stride])

    def batchnorm(self, scope, x, c, prefix):
        """nn.BatchNorm2d in eval mode with plausible running statistics."""
        p = [self.param(f"{prefix}.{n}", v) for n, v in
             (("weight", self.uniform((c,), 0.5, 1.5)), ("bias", self.normal((c,), 0.1)),
              ("running_mean", self.normal((c,), 0.1)), ("running_var", self.uniform((c,), 0.5, 1.5)))]
        return self.op(scope, "BatchNormalization", [x] + p, epsilon=1e-5, momentum=0.9)

    def linear(self, scope, x, fin, fout, prefix):
        """nn.Linear on a 3-D input: MatMul with the transposed weight (an
        anonymous initializer), then Add of the bias."""
        w = self.param(self.anon("MatMul"), self.normal((fin, fout), 1.0 / np.sqrt(fin)))
        y = self.op(scope, "MatMul", [x, w])
        return self.op(scope, "Add", [self.param(f"{prefix}.bias", self.normal((fout,), 0.02)), y])

    def gemm(self, scope, x, fin, fout, prefix):
        """nn.Linear on a 2-D input: Gemm with transB."""
        w = self.param(f"{prefix}.weight", self.normal((fout, fin), 1.0 / np.sqrt(fin)))
        b = self.param(f"{prefix}.bias", self.normal((fout,), 0.02))
        return self.op(scope, "Gemm", [x, w, b], alpha=1.0, beta=1.0, transB=1)

    # ------------------------------------------------------------ model

    def model(self, name, opset):
        graph = helper.make_graph(self.nodes, name, self.inputs, self.outputs, self.initializers)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="pytorch", producer_version="2.1.0")
        m.ir_version = 8
        return m
