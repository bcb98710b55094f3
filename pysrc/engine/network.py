"""A multilayer perceptron: dense layers stacked, trained end to end.

MLP([2, 8, 8, 1]) has 2 inputs, two hidden layers of 8 neurons, 1 output.
Hidden layers share one activation. The output layer is always linear and
computes the logits; the output "head" then turns them into what the
network predicts:
    "sigmoid"  probability of class 1 (binary classification)
    "softmax"  one probability per class (multi-class)
    "linear"   the raw values (regression)
Each head has its loss, which takes the logits (see losses.py for why).
"""
import json

import numpy as np

from .activations import linear, sigmoid, softmax
from .dense import Dense
from .losses import LOSSES

HEADS = {"sigmoid": sigmoid, "softmax": softmax, "linear": linear}
LOSS_OF_HEAD = LOSSES["ce"]       # each head's natural loss


class MLP:
    def __init__(self, sizes, activation="tanh", output="sigmoid", init="xavier", seed=0):
        """sizes: [n_inputs, hidden widths..., n_outputs]; seed: an int, or a np.random.Generator."""
        if len(sizes) < 2:
            raise ValueError("sizes needs at least an input and an output size")
        if output not in HEADS:
            raise ValueError(f"unknown output {output!r}; choose one of {list(HEADS)}")
        if (output == "sigmoid" and sizes[-1] != 1) or (output == "softmax" and sizes[-1] < 2):
            raise ValueError(f"a {output} output cannot have {sizes[-1]} units")
        self.sizes = [int(s) for s in sizes]
        self.activation = activation
        self.output = output
        self.init = init
        rng = np.random.default_rng(seed)
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        self.layers = [Dense(n_in, n_out, activation, init, rng) for n_in, n_out in shapes[:-1]]
        self.layers.append(Dense(*shapes[-1], "linear", init, rng))  # outputs the logits
        self.loss_fn = LOSS_OF_HEAD[output]

    def forward(self, X):
        A = np.asarray(X, dtype=float)
        for layer in self.layers:
            A = layer.forward(A)
        self.logits = A
        return HEADS[self.output](self.logits)

    def loss(self, y):
        """Loss of the last forward pass against targets y, and its gradient w.r.t. the logits."""
        return self.loss_fn(self.logits, y)

    def backward(self, dlogits):
        """Backpropagate from the logits down to the input; every layer stores its dW, db.
        dlogits is the loss's gradient at the logits (see losses.py: for cross-entropy, p - y)."""
        d = dlogits
        for layer in reversed(self.layers):
            d = layer.backward(d)
        return d

    def params(self):
        """[(name, value, grad)] for W1, b1, W2, b2, ...; values and grads are the live arrays."""
        result = []
        for i, layer in enumerate(self.layers, start=1):
            result.append((f"W{i}", layer.W, layer.dW))
            result.append((f"b{i}", layer.b, layer.db))
        return result

    @property
    def n_params(self):
        return sum(value.size for _, value, _ in self.params())

    def predict(self, X):
        """Class labels (n,) for classifiers; values (n,) for one regression output, (n, k) for k."""
        out = self.forward(X)
        if self.output == "sigmoid":
            return (out[:, 0] >= 0.5).astype(int)
        if self.output == "softmax":
            return out.argmax(axis=1)
        return out[:, 0] if out.shape[1] == 1 else out

    def hidden_activations(self, X):
        """What each hidden neuron outputs on X: one array (n, width) per hidden layer."""
        self.forward(X)
        return [layer.A for layer in self.layers[:-1]]

    def get_weights(self):
        """A deep copy {name: array} of all parameters, e.g. to restore the last good weights."""
        return {name: value.copy() for name, value, _ in self.params()}

    def set_weights(self, weights):
        for name, value, _ in self.params():
            new = np.asarray(weights[name], dtype=float)
            if new.shape != value.shape:
                raise ValueError(f"{name} has shape {value.shape}, got {new.shape}")
            value[...] = new

    def to_dict(self):
        """Everything needed to rebuild this network, as plain JSON-able values."""
        return {
            "sizes": list(self.sizes),
            "activation": self.activation,
            "output": self.output,
            "init": self.init,
            "weights": {name: value.tolist() for name, value in self.get_weights().items()},
        }

    @classmethod
    def from_dict(cls, d):
        net = cls(d["sizes"], d["activation"], d["output"], d.get("init", "xavier"))
        net.set_weights(d["weights"])
        return net

    def to_json(self, **about):
        """The network as JSON text a person can read: `about` first (what it learned, for how
        long), then to_dict(), one matrix row per line. Floats are written as repr() writes
        them, so from_json() gives back every weight bit for bit."""
        return _json_text({**about, **self.to_dict()}) + "\n"

    @classmethod
    def from_json(cls, text):
        return cls.from_dict(json.loads(text))

    def __repr__(self):
        shape = "-".join(str(s) for s in self.sizes)
        return f"MLP({shape}, {self.activation}, {self.output} output, {self.n_params} parameters)"


def _json_text(value, indent=0):
    pad = " " * indent
    if isinstance(value, dict):
        items = [f"{pad}  {json.dumps(k)}: {_json_text(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and isinstance(value[0], list):
        return "[\n" + ",\n".join(f"{pad}  {json.dumps(row)}" for row in value) + f"\n{pad}]"
    return json.dumps(value)
