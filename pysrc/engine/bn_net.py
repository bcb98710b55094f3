"""A dense network that may batch-normalize each hidden layer's weighted sums.

    hidden:  Z = A_prev @ W + b;   Z = BatchNorm(Z) if use_bn;   A = act(Z)
    output:  one logit, with sigmoid cross-entropy as the loss
The same seed gives the same starting weights with and without batch norm,
so the two can be compared run for run.
"""
from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS
from .batch_norm import BatchNorm
from .dense import Dense
from .losses import sigmoid_cross_entropy


class BatchNormMLP:
    def __init__(self, sizes, use_bn, activation="tanh", seed=0):
        rng = np.random.default_rng(seed)
        shapes = list(zip(sizes[:-1], sizes[1:]))
        self.layers = [Dense(n_in, n_out, "linear", "xavier", rng) for n_in, n_out in shapes]
        self.norms = [BatchNorm(n_out) if use_bn else None for _, n_out in shapes[:-1]]
        self.act, self.act_prime = ACTIVATIONS[activation]

    def forward(self, X, training=False):
        A = np.asarray(X, dtype=float)
        self.cache = []
        for layer, norm in zip(self.layers, self.norms):
            Z = layer.forward(A)
            if norm is not None:
                Z = norm.forward(Z, training)
            A = self.act(Z)
            self.cache.append((Z, A))
        return self.layers[-1].forward(A)

    def train_step(self, X, y, optimizer):
        loss, d = sigmoid_cross_entropy(self.forward(X, training=True), y)
        d = self.layers[-1].backward(d)
        for layer, norm, (Z, A) in zip(reversed(self.layers[:-1]), reversed(self.norms), reversed(self.cache)):
            d = d * self.act_prime(Z, A)
            if norm is not None:
                d = norm.backward(d)
            d = layer.backward(d)
        optimizer.step(self.params())
        return loss

    def params(self):
        result = []
        for i, layer in enumerate(self.layers, start=1):
            result += [(f"W{i}", layer.W, layer.dW), (f"b{i}", layer.b, layer.db)]
        for i, norm in enumerate(self.norms, start=1):
            if norm is not None:
                result += [(f"gamma{i}", norm.gamma, norm.dgamma), (f"beta{i}", norm.beta, norm.dbeta)]
        return result

    def loss(self, X, y):
        return float(sigmoid_cross_entropy(self.forward(X), y)[0])
