"""A dense (fully connected) layer, and the backpropagation step through it.

Forward:   Z = X @ W + b        A = act(Z)
Backward, given dA = dLoss/dA from the layer above:
    delta = dA * act'(Z)        how the loss changes with each neuron's weighted sum
    dW    = X^T @ delta         each weight: its input times the delta it feeds
    db    = sum of delta over the batch
    dX    = delta @ W^T         handed down to the layer below: the recursion
Nothing here divides by the batch size: the loss gradient already carries the 1/n.
"""
import numpy as np

from .activations import ACTIVATIONS
from .init import init_weights


class Dense:
    def __init__(self, n_in, n_out, activation, init, rng):
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}; choose one of {list(ACTIVATIONS)}")
        self.activation = activation
        self.act, self.act_prime = ACTIVATIONS[activation]
        self.W = init_weights(init, n_in, n_out, rng)
        self.b = np.zeros(n_out)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def forward(self, X):
        # Remember the input and the weighted sums: backward needs them.
        self.X = X
        self.Z = X @ self.W + self.b
        self.A = self.act(self.Z)
        return self.A

    def backward(self, dA):
        delta = dA * self.act_prime(self.Z, self.A)
        self.dW = self.X.T @ delta
        self.db = delta.sum(axis=0)
        return delta @ self.W.T
