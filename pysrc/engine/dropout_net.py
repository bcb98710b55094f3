"""A dense network with dropout after each hidden layer: train with it, evaluate without.

    hidden:  A = Dropout(relu(A_prev @ W + b))   (while training; unchanged at evaluation)
    output:  one logit, with sigmoid cross-entropy as the loss
Backward goes through each dropout mask first: a dropped neuron passes no gradient.
"""
from __future__ import annotations

import numpy as np

from .dense import Dense
from .dropout import Dropout
from .losses import sigmoid_cross_entropy


class DropoutMLP:
    def __init__(self, sizes, rate, seed=0):
        rng = np.random.default_rng(seed)
        shapes = list(zip(sizes[:-1], sizes[1:]))
        self.hidden = [Dense(n_in, n_out, "relu", "he", rng) for n_in, n_out in shapes[:-1]]
        self.out = Dense(*shapes[-1], "linear", "xavier", rng)
        self.drops = [Dropout(rate, np.random.default_rng([seed, i])) for i in range(len(self.hidden))]

    def forward(self, X, training=False):
        A = np.asarray(X, dtype=float)
        for layer, drop in zip(self.hidden, self.drops):
            A = drop.forward(layer.forward(A), training)
        return self.out.forward(A)

    def train_step(self, X, y, optimizer):
        loss, d = sigmoid_cross_entropy(self.forward(X, training=True), y)
        d = self.out.backward(d)
        for layer, drop in zip(reversed(self.hidden), reversed(self.drops)):
            d = layer.backward(drop.backward(d))
        optimizer.step(self.params())
        return loss

    def params(self):
        return [(f"{kind}{i}", value, grad) for i, layer in enumerate(self.hidden + [self.out], start=1)
                for kind, value, grad in (("W", layer.W, layer.dW), ("b", layer.b, layer.db))]

    def accuracy(self, X, y):
        return float(np.mean((self.forward(X)[:, 0] > 0) == (np.ravel(y) > 0.5)))
