"""Test data of any ONNX value type, flattened the way onnxc's generated API
takes it: a tensor is one buffer, a sequence one buffer per element, an
optional its value's buffers when present and none when absent.

onnxc fixes sequence lengths, element shapes and optional presence at
compile time (--sequence NAME=DxD,..., --absent NAME); compile_args() says
what the inputs of a data set need, as a user would for their own data.
"""
import onnx
from onnx import numpy_helper


def _parse(data, type_proto):
    """The value of one .pb file of `type_proto`'s kind: an array, a list
    (sequence) or ('absent',) / ('present', value) (optional)."""
    kind = type_proto.WhichOneof("value")
    if kind == "sequence_type":
        s = onnx.SequenceProto()
        s.ParseFromString(data)
        return [numpy_helper.to_array(t) for t in s.tensor_values]
    if kind == "optional_type":
        o = onnx.OptionalProto()
        o.ParseFromString(data)
        if o.HasField("tensor_value"):
            return ("present", numpy_helper.to_array(o.tensor_value))
        if o.HasField("sequence_value"):
            return ("present", [numpy_helper.to_array(t) for t in o.sequence_value.tensor_values])
        return ("absent",)
    t = onnx.TensorProto()
    t.ParseFromString(data)
    return numpy_helper.to_array(t)


def flatten(value):
    """The buffers of one value, in the generated API's order."""
    if isinstance(value, tuple):
        return flatten(value[1]) if value[0] == "present" else []
    if isinstance(value, list):
        return list(value)
    return [value]


def _shape(a):
    return "x".join(str(d) for d in a.shape) if a.ndim else "scalar"


def compile_args(ports, values):
    """onnxc arguments fixing the symbolic dims of tensors, the sequences'
    shapes and optionals' presence of graph inputs `ports` holding `values`."""
    args = []
    for (name, type_proto), v in zip(ports, values):
        dims = type_proto.tensor_type.shape.dim if type_proto.HasField("tensor_type") else []
        if any(not d.HasField("dim_value") for d in dims):
            args.append(f"--shape={name}={_shape(v)}")
        if isinstance(v, tuple):
            if v[0] == "absent":
                args.append(f"--absent={name}")
                continue
            v = v[1]
        if isinstance(v, list):
            args.append(f"--sequence={name}=" + ",".join(_shape(a) for a in v))
    return args


def graph_ports(model_path):
    """(inputs, outputs) of the model as [(name, TypeProto)], inputs without
    those that have an initializer (the test data leaves them out)."""
    g = onnx.load(model_path, load_external_data=False).graph
    inits = {t.name for t in g.initializer}
    return ([(i.name, i.type) for i in g.input if i.name not in inits],
            [(o.name, o.type) for o in g.output])


def read_values(files, ports):
    """The values of data files `files`, typed by `ports` in order."""
    out = []
    for f, (_, type_proto) in zip(files, ports):
        with open(f, "rb") as fh:
            out.append(_parse(fh.read(), type_proto))
    return out
