"""An autoencoder: squeeze the input through a bottleneck of k numbers, then rebuild it.

    encoder:  x (64) → 32 tanh → k          the code: k numbers, no squash
    decoder:  code (k) → 32 tanh → 64 sigmoid   a picture again, each pixel in [0, 1]

Trained to give back its own input, with the squared error per pixel as the
loss: there are no labels. The bottleneck forces it to keep only what matters
most for rebuilding; the smaller k, the more detail is lost.
"""
from __future__ import annotations

import numpy as np

from .dense import Dense
from .optimizers import Adam


class Autoencoder:
    def __init__(self, n_in=64, n_hidden=32, k=4, seed=0):
        rng = np.random.default_rng(seed)
        self.encoder = [Dense(n_in, n_hidden, "tanh", "xavier", rng), Dense(n_hidden, k, "linear", "xavier", rng)]
        self.decoder = [Dense(k, n_hidden, "tanh", "xavier", rng), Dense(n_hidden, n_in, "sigmoid", "xavier", rng)]
        self.k = k

    @property
    def layers(self):
        return self.encoder + self.decoder

    def encode(self, X):
        for layer in self.encoder:
            X = layer.forward(X)
        return X

    def decode(self, code):
        for layer in self.decoder:
            code = layer.forward(code)
        return code

    def forward(self, X):
        return self.decode(self.encode(np.asarray(X, dtype=float)))

    def loss(self, X):
        """Mean squared error of the last forward pass against its own input X, and its
        gradient with respect to the output."""
        out = self.layers[-1].A
        n = X.shape[0] * X.shape[1]
        return float(np.sum((out - X) ** 2) / n), 2 * (out - X) / n

    def backward(self, dout):
        for layer in reversed(self.layers):
            dout = layer.backward(dout)

    def params(self):
        return [(f"{kind}{i}", value, grad) for i, layer in enumerate(self.layers, start=1)
                for kind, value, grad in (("W", layer.W, layer.dW), ("b", layer.b, layer.db))]

    def get_weights(self):
        return {name: value.copy() for name, value, _ in self.params()}

    def set_weights(self, weights):
        for name, value, _ in self.params():
            value[...] = np.asarray(weights[name], dtype=float)


def train(model, X, epochs, batch_size=64, lr=0.01, seed=0):
    """Adam on mini-batches of X; returns the mean loss of every epoch."""
    rng = np.random.default_rng(seed)
    optimizer = Adam(lr=lr)
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for start in range(0, len(X), batch_size):
            batch = X[order[start:start + batch_size]]
            model.forward(batch)
            loss, dout = model.loss(batch)
            model.backward(dout)
            optimizer.step(model.params())
            total += loss * len(batch)
        history.append(total / len(X))
    return history
