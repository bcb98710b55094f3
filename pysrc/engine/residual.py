"""A deep stack of layers, with or without residual (skip) connections.

    plain:     h_l = f(h_{l−1} W_l + b_l)
    residual:  h_l = h_{l−1} + f(h_{l−1} W_l + b_l)      the input skips the layer and is added back
Backward through a residual layer: dL/dh_{l−1} = dL/dh_l + (the path through the layer).
The "+ dL/dh_l" term is the gradient's highway: it reaches early layers
undiminished, however much the path through the layers shrinks it.
"""
from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS


class Stack:
    def __init__(self, depth, width, skip, activation="tanh", gain=1.0, seed=0):
        rng = np.random.default_rng(seed)
        self.W = [rng.normal(0.0, gain / np.sqrt(width), (width, width)) for _ in range(depth)]
        self.b = [np.zeros(width) for _ in range(depth)]
        self.skip = skip
        self.f, self.f_prime = ACTIVATIONS[activation]

    def forward(self, x):
        """Returns every h_l, h_0 = x included (each (n, width))."""
        self.hs, self.zs = [np.asarray(x, dtype=float)], []
        for W, b in zip(self.W, self.b):
            h = self.hs[-1]
            z = h @ W + b
            a = self.f(z)
            self.zs.append((z, a))
            self.hs.append(h + a if self.skip else a)
        return self.hs

    def backward(self, dh):
        """dh = dL/dh_L; returns [dL/dh_0, …, dL/dh_L] and fills dW, db."""
        grads = [dh]
        self.dW, self.db = [None] * len(self.W), [None] * len(self.W)
        for l in reversed(range(len(self.W))):
            z, a = self.zs[l]
            delta = dh * self.f_prime(z, a)
            self.dW[l], self.db[l] = self.hs[l].T @ delta, delta.sum(axis=0)
            dh = delta @ self.W[l].T + (dh if self.skip else 0.0)
            grads.append(dh)
        return grads[::-1]


def gradient_sizes(depth, width=16, skip=False, activation="tanh", gain=1.0, seed=0, n=32):
    """The size (root mean square) of dL/dh at every layer, for L = mean of the last layer's
    outputs times a fixed random direction, on n random inputs."""
    rng = np.random.default_rng(seed)
    stack = Stack(depth, width, skip, activation, gain, seed)
    x = rng.normal(size=(n, width))
    stack.forward(x)
    direction = rng.normal(size=(n, width)) / n
    return [float(np.sqrt(np.mean(g ** 2))) for g in stack.backward(direction)]
