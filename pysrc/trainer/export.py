"""The trained network, taken away: as JSON, and as PyTorch code that rebuilds it.

The PyTorch code computes the input features the same way, stacks the same
layers (nn.Linear stores its weight as (out, in), the transpose of the engine's
(in, out) matrix) and ends with the same output squashing, in float64, so its
predictions equal the trainer's, and the trainer's loss and optimizer (with its
learning rate and momentum β), so training it further takes the same steps.
The JSON is the engine's serializer's (MLP.to_json). Numbers are written with
repr(): every float comes back bit for bit.
"""
from __future__ import annotations

from typing import NamedTuple

from .setup import FEATURES

FORMAT = "deep-learning-course/mlp-trainer 2"

TORCH_ACT = {"tanh": "nn.Tanh()", "relu": "nn.ReLU()", "sigmoid": "nn.Sigmoid()", "linear": None}
# (output head, loss) -> the trainer's loss on the model's outputs p and the labels y, in PyTorch
TORCH_LOSS = {
    ("sigmoid", "ce"): "F.binary_cross_entropy(p, y.double().reshape(-1, 1))",
    ("sigmoid", "mse"): "F.mse_loss(p, y.double().reshape(-1, 1))",
    ("softmax", "ce"): "F.nll_loss(torch.log(p), y.long())",
    ("softmax", "mse"): "F.mse_loss(p, F.one_hot(y.long(), 3).double())",
    ("linear", "mse"): "F.mse_loss(p, y.double().reshape(-1, 1))",
}
TORCH_PENALTY = {"l2": "0.5 * (w ** 2).sum()", "l1": "w.abs().sum()"}
TORCH_HEAD = {"sigmoid": ("nn.Sigmoid()", "probability of class 1 (blue)"),
              "softmax": ("nn.Softmax(dim=1)", "probabilities of classes 0, 1, 2"),
              "linear": (None, "the predicted value")}


def _list(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def _matrix(rows, indent):
    """One row per line (valid JSON and Python alike: no comma after the last)."""
    pad = " " * indent
    return "[\n" + ",\n".join(f"{pad}    {_list(r)}" for r in rows) + f"\n{pad}]"


class Export(NamedTuple):
    """The network taken away at one epoch: as JSON and as PyTorch code."""
    json: str
    pytorch: str
    epoch: int

    @classmethod
    def of(cls, run):
        return cls(to_json(run), to_pytorch(run), run.epoch)


def to_json(run):
    """The engine's own serializer (MLP.to_json), with what the network learned from."""
    return run.net.to_json(format=FORMAT, task=run.data.task, features=list(run.features), epoch=run.epoch)


def _training(run):
    """The trainer's loss and optimizer, with its settings, and one training step."""
    h = run.hyper
    lr, beta = repr(h["lr"]), repr(h["beta"])
    optimizer = {"sgd": f"torch.optim.SGD(model.parameters(), lr={lr})",
                 "momentum": f"torch.optim.SGD(model.parameters(), lr={lr}, momentum={beta})",
                 "adam": f"torch.optim.Adam(model.parameters(), lr={lr}, betas=({beta}, 0.999), eps=1e-08)"}[h["opt"]]
    loss = TORCH_LOSS[(run.output, "mse" if run.output == "linear" else h["loss"])]
    penalty = "" if h["reg"] == "none" else \
        f" + {h['rate']!r} * sum({TORCH_PENALTY[h['reg']]} for w in (m.weight for m in linears))"
    return f'''
# To train it further as the trainer does, in mini-batches of {h["batch"]} points: the same loss
# and optimizer settings (the optimizer starts afresh: no momentum is carried over).
optimizer = {optimizer}


def loss_fn(p, y):
    """The trainer's loss of the outputs p against the labels y (weights penalized, biases not)."""
    return {loss}{penalty}


def train_step(points, labels):
    """One optimizer step on one mini-batch; returns its loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(features(torch.as_tensor(points, dtype=torch.float64))), torch.as_tensor(labels))
    loss.backward()
    optimizer.step()
    return loss.item()
'''


def to_pytorch(run):
    net = run.net
    shape = " → ".join(str(s) for s in net.sizes)
    columns = ", ".join(FEATURES[k].torch for k in run.feature_keys)
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
import torch.nn.functional as F
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
{_training(run)}

if __name__ == "__main__":
    print(predict([[0.0, 0.0], [3.0, -2.0]]))
'''
