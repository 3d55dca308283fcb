#!/usr/bin/env python3
"""Architecture-shaped ONNX models with random weights (fixed seeds), built
node by node as torch.onnx.export (or, for the DB detector, Paddle2ONNX)
writes them: ResNet-18, MobileNetV2, a transformer encoder, a 2-layer LSTM,
a small U-Net and a PaddleOCR-DB-style text detector.

The models are written at test time (tests/models/run.py), never committed.
Each entry of MODELS says how to build the model, which inputs to feed it
(with the shapes fixed by --shape where the model declares dynamic axes)
and which ops it needs that onnxc may not have yet.

Usage: make_arch_models.py [--full] OUTDIR [NAME...]   writes OUTDIR/NAME.onnx
(CI sizes by default; --full: the architectures' real sizes)
"""
import inspect
import os
import sys
from dataclasses import dataclass, field

import numpy as np
from onnx import TensorProto

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_style import INT64_MAX, TorchStyleGraph  # noqa: E402


# ---------------------------------------------------------------- ResNet-18

def resnet18(g, width=64, classes=1000, size=224):
    """torchvision resnet18 exported with BatchNorm kept (training=PRESERVE
    style, as in the ONNX model zoo's ResNets); `width` is the first stage's
    channel count (64 in torchvision)."""
    x = g.input("input", ["batch_size", 3, size, size])
    x = g.conv("/conv1", x, 3, width, 7, stride=2, prefix="conv1")
    x = g.op("/relu", "Relu", [g.batchnorm("/bn1", x, width, "bn1")])
    x = g.op("/maxpool", "MaxPool", [x], ceil_mode=0, kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2])
    cin = width
    for stage in range(4):
        cout = width << stage
        for block in range(2):
            stride = 2 if stage > 0 and block == 0 else 1
            layer, name = f"layer{stage + 1}", f"layer{stage + 1}.{block}"
            s = f"/{layer}/{name}"
            y = g.conv(f"{s}/conv1", x, cin, cout, 3, stride=stride, prefix=f"{name}.conv1")
            y = g.op(f"{s}/relu", "Relu", [g.batchnorm(f"{s}/bn1", y, cout, f"{name}.bn1")])
            y = g.conv(f"{s}/conv2", y, cout, cout, 3, prefix=f"{name}.conv2")
            y = g.batchnorm(f"{s}/bn2", y, cout, f"{name}.bn2")
            if stride != 1 or cin != cout:
                d = f"{s}/downsample"
                x = g.conv(f"{d}/downsample.0", x, cin, cout, 1, stride=stride, pad=0,
                           prefix=f"{name}.downsample.0")
                x = g.batchnorm(f"{d}/downsample.1", x, cout, f"{name}.downsample.1")
            x = g.op(f"{s}/relu_1", "Relu", [g.op(s, "Add", [y, x])])
            cin = cout
    x = g.op("/avgpool", "GlobalAveragePool", [x])
    x = g.op("", "Flatten", [x], axis=1)
    x = g.gemm("/fc", x, cin, classes, "fc")
    g.output(x, "output", ["batch_size", classes])


# ---------------------------------------------------------------- MobileNetV2

def mobilenet_v2(g, classes=1000, size=224, width_mult=1.0):
    """torchvision mobilenet_v2 exported in eval mode: BatchNorm folded into
    the convolutions, ReLU6 as Clip(x, 0, 6) with constant bounds, depthwise
    convolutions as Conv group=C, inverted residual Adds."""
    def ch(c):  # torchvision's _make_divisible(c * width_mult, 8)
        v = max(8, int(c * width_mult + 4) // 8 * 8)
        return v + 8 if v < 0.9 * c * width_mult else v

    def conv_bn_relu6(scope, x, cin, cout, k, stride=1, group=1):
        y = g.conv(f"{scope}/{scope.rsplit('/', 1)[-1]}.0", x, cin, cout, k, stride=stride, group=group)
        relu = f"{scope}/{scope.rsplit('/', 1)[-1]}.2"
        return g.op(relu, "Clip", [y, g.const(relu, 0.0), g.const(relu, 6.0)])

    x = g.input("input", ["batch_size", 3, size, size])
    cin = ch(32)
    x = conv_bn_relu6("/features/features.0", x, 3, cin, 3, stride=2)
    layer = 1
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                       (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        cout = ch(c)
        for i in range(n):
            stride = s if i == 0 else 1
            scope = f"/features/features.{layer}/conv"
            hidden = cin * t
            y, k = x, 0
            if t != 1:
                y = conv_bn_relu6(f"{scope}/conv.{k}", y, cin, hidden, 1)
                k += 1
            y = conv_bn_relu6(f"{scope}/conv.{k}", y, hidden, hidden, 3, stride=stride, group=hidden)
            y = g.conv(f"{scope}/conv.{k + 1}", y, hidden, cout, 1, pad=0)
            x = g.op(f"/features/features.{layer}", "Add", [x, y]) if stride == 1 and cin == cout else y
            cin = cout
            layer += 1
    last = ch(1280) if width_mult > 1.0 else 1280
    x = conv_bn_relu6(f"/features/features.{layer}", x, cin, last, 1)
    x = g.op("", "GlobalAveragePool", [x])
    x = g.op("", "Flatten", [x], axis=1)
    x = g.gemm("/classifier/classifier.1", x, last, classes, "classifier.1")
    g.output(x, "output", ["batch_size", classes])


# ---------------------------------------------------------------- transformer

def transformer_encoder(g, layers=4, d_model=128, heads=4, d_ff=512):
    """A post-norm transformer encoder (BERT-like), exported at an opset
    before LayerNormalization and Gelu existed: multi-head attention with
    q/k/v views computed from x.shape (Shape -> Gather -> Unsqueeze ->
    Concat -> Reshape, the head size by floor division of a traced int),
    scores / sqrt(head_dim), LayerNorm decomposed into ReduceMean, Sub, Pow,
    Sqrt, Div, Mul, Add and Gelu in its Erf form."""
    def layer_norm(scope, x, prefix):
        mean = g.op(scope, "ReduceMean", [x], axes=[-1])
        d = g.op(scope, "Sub", [x, mean])
        var = g.op(scope, "ReduceMean", [g.op(scope, "Pow", [d, g.const(scope, 2.0)])], axes=[-1])
        std = g.op(scope, "Sqrt", [g.op(scope, "Add", [var, g.const(scope, 1e-5)])])
        y = g.op(scope, "Div", [d, std])
        y = g.op(scope, "Mul", [y, g.param(f"{prefix}.weight", g.uniform((d_model,), 0.8, 1.2))])
        return g.op(scope, "Add", [y, g.param(f"{prefix}.bias", g.normal((d_model,), 0.05))])

    def gelu(scope, x):
        e = g.op(scope, "Erf", [g.op(scope, "Div", [x, g.const(scope, 1.4142135381698608)])])
        y = g.op(scope, "Mul", [x, g.op(scope, "Add", [e, g.const(scope, 1.0)])])
        return g.op(scope, "Mul", [y, g.const(scope, 0.5)])

    def attention(scope, x, prefix):
        # B, T, C = x.shape ; D = C // heads
        b, t, c = (g.size(scope, x, i) for i in range(3))
        hd = g.floor_divide(scope, c, g.const(scope, heads, np.int64))

        def heads_view(name):
            y = g.linear(f"{scope}/{name}", x, d_model, d_model, f"{prefix}.{name}")
            y = g.op(scope, "Reshape", [y, g.shape_of(scope, [b, t, heads, hd])])
            return g.op(scope, "Transpose", [y], perm=[0, 2, 1, 3])

        q, k, v = heads_view("q_proj"), heads_view("k_proj"), heads_view("v_proj")
        kt = g.op(scope, "Transpose", [k], perm=[0, 1, 3, 2])
        s = g.op(scope, "Div", [g.op(scope, "MatMul", [q, kt]),
                                g.const(scope, np.sqrt(d_model // heads))])
        p = g.op(scope, "Softmax", [s], axis=-1)
        o = g.op(scope, "Transpose", [g.op(scope, "MatMul", [p, v])], perm=[0, 2, 1, 3])
        o = g.op(scope, "Reshape", [o, g.shape_of(scope, [b, t, c])])
        return g.linear(f"{scope}/out_proj", o, d_model, d_model, f"{prefix}.out_proj")

    x = g.input("src", ["batch", "sequence", d_model])
    for i in range(layers):
        s, p = f"/layers.{i}", f"layers.{i}"
        x = layer_norm(f"{s}/norm1", g.op(s, "Add", [x, attention(f"{s}/self_attn", x, f"{p}.self_attn")]),
                       f"{p}.norm1")
        h = gelu(f"{s}/activation", g.linear(f"{s}/linear1", x, d_model, d_ff, f"{p}.linear1"))
        h = g.linear(f"{s}/linear2", h, d_ff, d_model, f"{p}.linear2")
        x = layer_norm(f"{s}/norm2", g.op(s, "Add", [x, h]), f"{p}.norm2")
    g.output(x, "output", ["batch", "sequence", d_model])


# ---------------------------------------------------------------- LSTM

def lstm(g, layers=2, features=40, hidden=64):
    """nn.LSTM(features, hidden, num_layers) with (h0, c0) given, sequence
    first: per layer an LSTM op (gates reordered to ONNX's i, o, f, c; both
    biases in B) on that layer's slice of h0/c0, Y squeezed for the next
    layer, Y_h/Y_c concatenated into h_n/c_n."""
    x = g.input("input", ["sequence", "batch", features])
    h0 = g.input("h0", [layers, "batch", hidden])
    c0 = g.input("c0", [layers, "batch", hidden])
    hs, cs = [], []
    for i in range(layers):
        fin = features if i == 0 else hidden
        scale = 1.0 / np.sqrt(hidden)
        w = g.param(g.anon("LSTM"), g.uniform((1, 4 * hidden, fin), -scale, scale))
        r = g.param(g.anon("LSTM"), g.uniform((1, 4 * hidden, hidden), -scale, scale))
        b = g.param(g.anon("LSTM"), g.uniform((1, 8 * hidden), -scale, scale))

        def layer_slice(state):
            return g.op("/lstm", "Slice", [state, g.const("/lstm", [i], np.int64),
                                           g.const("/lstm", [i + 1], np.int64),
                                           g.const("/lstm", [0], np.int64)])

        y, yh, yc = g.op("/lstm", "LSTM", [x, w, r, b, "", layer_slice(h0), layer_slice(c0)],
                         outputs=3, hidden_size=hidden)
        x = g.squeeze("/lstm", y, [1])
        hs.append(yh)
        cs.append(yc)
    g.output(x, "output", ["sequence", "batch", hidden])
    g.output(g.op("/lstm", "Concat", hs, axis=0), "hn", [layers, "batch", hidden])
    g.output(g.op("/lstm", "Concat", cs, axis=0), "cn", [layers, "batch", hidden])


# ---------------------------------------------------------------- U-Net

def unet(g, size=64, base=16):
    """A two-level U-Net: double 3x3 conv blocks, MaxPool down, one level up
    by ConvTranspose(2, stride 2), the other by bilinear F.interpolate to the
    skip's size (sizes from Shape -> Slice -> Concat), channel Concats of
    the skips."""
    def block(name, x, cin, cout):
        for j in range(2):
            s = f"/{name}/{name}.double_conv.{3 * j}"
            x = g.conv(s, x, cin if j == 0 else cout, cout, 3, prefix=f"{name}.double_conv.{3 * j}")
            x = g.batchnorm(f"/{name}/{name}.double_conv.{3 * j + 1}", x, cout,
                            f"{name}.double_conv.{3 * j + 1}")
            x = g.op(f"/{name}/{name}.double_conv.{3 * j + 2}", "Relu", [x])
        return x

    def pool(name, x):
        return g.op(f"/{name}", "MaxPool", [x], ceil_mode=0, kernel_shape=[2, 2], pads=[0, 0, 0, 0],
                    strides=[2, 2])

    x = g.input("input", ["batch_size", 3, size, size])
    s1 = block("inc", x, 3, base)
    s2 = block("down1", pool("pool1", s1), base, 2 * base)
    m = block("down2", pool("pool2", s2), 2 * base, 4 * base)
    # up1: ConvTranspose 2x2 stride 2
    w = g.param("up1.up.weight", g.kaiming((4 * base, 2 * base, 2, 2), 4 * base))
    b = g.param("up1.up.bias", g.normal((2 * base,), 0.05))
    u = g.op("/up1/up", "ConvTranspose", [m, w, b], dilations=[1, 1], group=1, kernel_shape=[2, 2],
             pads=[0, 0, 0, 0], strides=[2, 2])
    u = block("up1", g.op("/up1", "Concat", [s2, u], axis=1), 4 * base, 2 * base)
    # up2: F.interpolate(u, size=s1.shape[2:], mode="bilinear", align_corners=False)
    sizes_hw = g.op("/up2", "Slice", [g.op("/up2", "Shape", [s1]), g.const("/up2", [2], np.int64),
                                      g.const("/up2", [INT64_MAX], np.int64), g.const("/up2", [0], np.int64)])
    sizes_nc = g.op("/up2", "Slice", [g.op("/up2", "Shape", [u]), g.const("/up2", [0], np.int64),
                                      g.const("/up2", [2], np.int64), g.const("/up2", [0], np.int64)])
    sizes = g.op("/up2", "Concat", [sizes_nc, sizes_hw], axis=0)
    u = g.op("/up2", "Resize", [u, "", "", sizes], coordinate_transformation_mode="pytorch_half_pixel",
             cubic_coeff_a=-0.75, mode="linear", nearest_mode="floor")
    u = block("up2", g.op("/up2", "Concat", [s1, u], axis=1), 3 * base, base)
    y = g.conv("/outc/conv", u, base, 2, 1, pad=0, prefix="outc.conv")
    g.output(y, "output", ["batch_size", 2, size, size])


# ---------------------------------------------------------------- PaddleOCR DB

def paddle_db(g):
    """A PaddleOCR DB text detector in miniature, named as Paddle2ONNX names
    things ('conv2d_3.w_0', 'p2o.Conv.3'): MobileNetV3-style backbone
    (HardSwish, depthwise convs, squeeze-excite with HardSigmoid), DBFPN
    neck (1x1 convs, nearest Resize by scales 2/4/8 and Adds, Concat) and
    DB head (Conv-BN-Relu, ConvTranspose-BN-Relu, ConvTranspose, Sigmoid).
    H and W are dynamic in the model and fixed with --shape."""
    count = {}

    def name(kind):
        count[kind] = count.get(kind, -1) + 1
        return f"{kind}_{count[kind]}"

    def conv(x, cin, cout, k, stride=1, group=1, act=None):
        n = name("conv2d")
        w = g.param(f"{n}.w_0", g.kaiming((cout, cin // group, k, k), cin // group * k * k))
        y = g.op("p2o", "Conv", [x, w], dilations=[1, 1], group=group, kernel_shape=[k, k],
                 pads=[k // 2] * 4, strides=[stride, stride])
        bn = name("batch_norm")
        y = g.op("p2o", "BatchNormalization",
                 [y] + [g.param(f"{bn}.{p}", v) for p, v in
                        (("w_0", g.uniform((cout,), 0.5, 1.5)), ("b_0", g.normal((cout,), 0.1)),
                         ("w_1", g.normal((cout,), 0.1)), ("w_2", g.uniform((cout,), 0.5, 1.5)))],
                 epsilon=1e-5, momentum=0.9)
        return g.op("p2o", act, [y]) if act else y

    def se(x, c):
        n1, n2 = name("conv2d"), name("conv2d")
        s = g.op("p2o", "GlobalAveragePool", [x])
        s = g.op("p2o", "Conv", [s, g.param(f"{n1}.w_0", g.kaiming((c // 4, c, 1, 1), c)),
                                 g.param(f"{n1}.b_0", g.normal((c // 4,), 0.05))], kernel_shape=[1, 1])
        s = g.op("p2o", "Relu", [s])
        s = g.op("p2o", "Conv", [s, g.param(f"{n2}.w_0", g.kaiming((c, c // 4, 1, 1), c // 4)),
                                 g.param(f"{n2}.b_0", g.normal((c,), 0.05))], kernel_shape=[1, 1])
        s = g.op("p2o", "HardSigmoid", [s], alpha=0.2, beta=0.5)
        return g.op("p2o", "Mul", [x, s])

    def bneck(x, cin, hidden, cout, k, stride, use_se, act):
        y = conv(x, cin, hidden, 1, act=act)
        y = conv(y, hidden, hidden, k, stride=stride, group=hidden, act=act)
        if use_se:
            y = se(y, hidden)
        y = conv(y, hidden, cout, 1)
        return g.op("p2o", "Add", [x, y]) if stride == 1 and cin == cout else y

    def upsample(x, scale):
        roi = g.const("p2o", np.zeros(0, np.float32))
        scales = g.const("p2o", [1.0, 1.0, scale, scale])
        return g.op("p2o", "Resize", [x, roi, scales], coordinate_transformation_mode="asymmetric",
                    mode="nearest", nearest_mode="floor")

    x = g.input("x", ["p2o.DynamicDimension.0", 3, "p2o.DynamicDimension.1", "p2o.DynamicDimension.2"])
    x = conv(x, 3, 16, 3, stride=2, act="HardSwish")                     # 1/2
    c2 = bneck(x, 16, 16, 16, 3, 2, True, "Relu")                         # 1/4
    c3 = bneck(bneck(c2, 16, 64, 24, 3, 2, False, "Relu"), 24, 72, 24, 3, 1, False, "Relu")   # 1/8
    c4 = bneck(c3, 24, 96, 40, 5, 2, True, "HardSwish")                   # 1/16
    c5 = bneck(bneck(c4, 40, 120, 48, 5, 2, True, "HardSwish"), 48, 144, 48, 5, 1, True, "HardSwish")  # 1/32
    inner = 32

    def conv_plain(x, cin, cout, k):
        n = name("conv2d")
        w = g.param(f"{n}.w_0", g.kaiming((cout, cin, k, k), cin * k * k))
        return g.op("p2o", "Conv", [x, w], dilations=[1, 1], group=1, kernel_shape=[k, k],
                    pads=[k // 2] * 4, strides=[1, 1])

    in2, in3, in4, in5 = (conv_plain(c, ch, inner, 1) for c, ch in ((c2, 16), (c3, 24), (c4, 40), (c5, 48)))
    out4 = g.op("p2o", "Add", [in4, upsample(in5, 2.0)])
    out3 = g.op("p2o", "Add", [in3, upsample(out4, 2.0)])
    out2 = g.op("p2o", "Add", [in2, upsample(out3, 2.0)])
    p5 = upsample(conv_plain(in5, inner, inner // 4, 3), 8.0)
    p4 = upsample(conv_plain(out4, inner, inner // 4, 3), 4.0)
    p3 = upsample(conv_plain(out3, inner, inner // 4, 3), 2.0)
    p2 = conv_plain(out2, inner, inner // 4, 3)
    fuse = g.op("p2o", "Concat", [p5, p4, p3, p2], axis=1)
    # DB head: the probability map at full resolution.
    y = conv(fuse, inner, inner // 4, 3, act="Relu")
    n = name("conv2d_transpose")
    w = g.param(f"{n}.w_0", g.kaiming((inner // 4, inner // 4, 2, 2), inner // 4))
    y = g.op("p2o", "ConvTranspose", [y, w, g.param(f"{n}.b_0", g.normal((inner // 4,), 0.05))],
             kernel_shape=[2, 2], strides=[2, 2])
    bn = name("batch_norm")
    y = g.op("p2o", "BatchNormalization",
             [y] + [g.param(f"{bn}.{p}", v) for p, v in
                    (("w_0", g.uniform((inner // 4,), 0.5, 1.5)), ("b_0", g.normal((inner // 4,), 0.1)),
                     ("w_1", g.normal((inner // 4,), 0.1)), ("w_2", g.uniform((inner // 4,), 0.5, 1.5)))],
             epsilon=1e-5, momentum=0.9)
    y = g.op("p2o", "Relu", [y])
    n = name("conv2d_transpose")
    w = g.param(f"{n}.w_0", g.kaiming((inner // 4, 1, 2, 2), inner // 4))
    y = g.op("p2o", "ConvTranspose", [y, w, g.param(f"{n}.b_0", g.normal((1,), 0.05))],
             kernel_shape=[2, 2], strides=[2, 2])
    y = g.op("p2o", "Sigmoid", [y])
    g.output(y, "sigmoid_0.tmp_0", ["p2o.DynamicDimension.3", 1, "p2o.DynamicDimension.4",
                                    "p2o.DynamicDimension.5"])


# ---------------------------------------------------------------- registry

@dataclass
class ArchModel:
    name: str
    build: object          # build(graph, **size) adds the nodes
    opset: int
    inputs: object         # inputs(rng, size) -> [(name, array)]: the shapes to compile and run with
    ci: dict               # size arguments of `build` for CI (cheap to compile and run)
    full: dict             # the architecture's real size
    needs: set = field(default_factory=set)  # ops that may be unsupported yet (another helper's work)

    def describe(self, size):
        return ", ".join(f"{k} {v}" for k, v in size.items())


def image(rng, shape):
    """A normalized image batch (ImageNet-style mean/std): ~N(0, 1) per pixel,
    smooth at a few pixels' scale like a photo."""
    x = rng.standard_normal(shape)
    for axis in (2, 3):  # a 3-tap blur along each spatial axis
        x = (np.roll(x, 1, axis) + 2 * x + np.roll(x, -1, axis)) / 4
    return (x / x.std()).astype(np.float32)


def normal(rng, shape, std=1.0):
    return (std * rng.standard_normal(shape)).astype(np.float32)


MODELS = [
    # Full size: 11.7M weights, whose C++ source (195 MB) alone takes a
    # minute and 4 GB to compile; CI runs the same graph at width 16.
    ArchModel("resnet18", resnet18, 13, lambda r, s: [("input", image(r, (1, 3, s["size"], s["size"])))],
              ci=dict(width=16, size=224), full=dict(width=64, size=224)),
    ArchModel("mobilenet_v2", mobilenet_v2, 17,
              lambda r, s: [("input", image(r, (1, 3, s["size"], s["size"])))],
              ci=dict(width_mult=0.5, size=160), full=dict(width_mult=1.0, size=224)),
    ArchModel("transformer_encoder", transformer_encoder, 14,
              lambda r, s: [("src", normal(r, (2, s["tokens"], s["d_model"])))],
              ci=dict(layers=4, d_model=128, heads=4, d_ff=512, tokens=32),
              full=dict(layers=4, d_model=256, heads=8, d_ff=1024, tokens=128)),
    ArchModel("lstm2", lstm, 15,
              lambda r, s: [("input", normal(r, (s["steps"], 1, s["features"]))),
                            ("h0", normal(r, (2, 1, s["hidden"]), 0.5)),
                            ("c0", normal(r, (2, 1, s["hidden"]), 0.5))],
              ci=dict(features=40, hidden=64, steps=50), full=dict(features=80, hidden=256, steps=200),
              needs={"LSTM"}),
    ArchModel("unet", unet, 16, lambda r, s: [("input", image(r, (1, 3, s["size"], s["size"])))],
              ci=dict(size=64, base=16), full=dict(size=256, base=32), needs={"ConvTranspose", "Resize"}),
    ArchModel("paddle_db", paddle_db, 14, lambda r, s: [("x", image(r, (1, 3, s["height"], s["width"])))],
              ci=dict(height=96, width=128), full=dict(height=640, width=640), needs={"ConvTranspose", "Resize"}),
]


def build(model, size, seed=1234):
    """The ONNX ModelProto of an ArchModel at `size` (its ci or full
    arguments; input-only ones such as tokens are not the builder's)."""
    g = TorchStyleGraph(np.random.default_rng(seed))
    params = inspect.signature(model.build).parameters
    model.build(g, **{k: v for k, v in size.items() if k in params})
    return g.model(model.name, model.opset)


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    import onnx
    full = argv[0] == "--full"
    out, names = argv[full], argv[full + 1:]
    os.makedirs(out, exist_ok=True)
    for m in MODELS:
        if names and m.name not in names:
            continue
        proto = build(m, m.full if full else m.ci)
        onnx.checker.check_model(proto)
        path = os.path.join(out, m.name + ".onnx")
        onnx.save(proto, path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
