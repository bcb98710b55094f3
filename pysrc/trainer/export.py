"""The trained network, taken away: as JSON, and as PyTorch code that rebuilds it.

The PyTorch code computes the input features the same way, stacks the same
layers (nn.Linear stores its weight as (out, in), the transpose of the engine's
(in, out) matrix) and ends with the same output squashing, in float64, so its
predictions equal the trainer's. Numbers are written with repr(): every float
comes back bit for bit.
"""
from __future__ import annotations

from .setup import FEATURES

TORCH_ACT = {"tanh": "nn.Tanh()", "relu": "nn.ReLU()", "sigmoid": "nn.Sigmoid()", "linear": None}
TORCH_HEAD = {"sigmoid": ("nn.Sigmoid()", "probability of class 1 (blue)"),
              "softmax": ("nn.Softmax(dim=1)", "probabilities of classes 0, 1, 2"),
              "linear": (None, "the predicted value")}


def _list(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def _matrix(rows, indent):
    """One row per line (valid JSON and Python alike: no comma after the last)."""
    pad = " " * indent
    return "[\n" + ",\n".join(f"{pad}    {_list(r)}" for r in rows) + f"\n{pad}]"


def to_json(run):
    net = run.net
    lines = ["{",
             '  "format": "deep-learning-course/mlp-trainer 1",',
             f'  "task": "{run.data.task}",',
             f'  "features": [{", ".join(chr(34) + f + chr(34) for f in run.features)}],',
             f'  "sizes": {list(net.sizes)},',
             f'  "activation": "{net.activation}",',
             f'  "output": "{net.output}",',
             f'  "epoch": {run.epoch},',
             '  "weights": {']
    params = [(name, value) for name, value, _ in net.params()]
    for k, (name, value) in enumerate(params):
        text = _matrix(value.tolist(), 4) if value.ndim == 2 else _list(value.tolist())
        lines.append(f'    "{name}": {text}{"," if k < len(params) - 1 else ""}')
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def to_pytorch(run):
    net = run.net
    shape = " → ".join(str(s) for s in net.sizes)
    columns = ", ".join(FEATURES[k][2] for k in run.feature_keys)
    head, meaning = TORCH_HEAD[net.output]
    modules = []
    for i, layer in enumerate(net.layers):
        modules.append(f"nn.Linear({layer.W.shape[0]}, {layer.W.shape[1]})")
        act = TORCH_ACT[net.activation] if i < len(net.layers) - 1 else head
        if act:
            modules.append(act)
    weights = "".join(f"    ({_matrix(layer.W.T.tolist(), 4)},\n     {_list(layer.b.tolist())}),\n"
                      for layer in net.layers)
    stack = ",\n    ".join(modules)
    return f'''# A {shape} network trained for {run.epoch} epochs in the course's MLP trainer,
# rebuilt in PyTorch with the same weights. Its inputs are points (x1, x2).
import torch
from torch import nn


def features(points):
    """The network's inputs, computed from the points (x1, x2) as in the trainer."""
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([{columns}], dim=1)


model = nn.Sequential(
    {stack},
).double()

# (weight, bias) of each nn.Linear; a weight is (out, in), so row j feeds neuron j.
weights = [
{weights}]
with torch.no_grad():
    linears = [m for m in model if isinstance(m, nn.Linear)]
    for linear, (w, b) in zip(linears, weights):
        linear.weight.copy_(torch.tensor(w, dtype=torch.float64))
        linear.bias.copy_(torch.tensor(b, dtype=torch.float64))


def predict(points):
    """For each point (x1, x2): {meaning}."""
    with torch.no_grad():
        return model(features(torch.as_tensor(points, dtype=torch.float64)))


if __name__ == "__main__":
    print(predict([[0.0, 0.0], [3.0, -2.0]]))
'''
