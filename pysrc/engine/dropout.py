"""Dropout: while training, silence each neuron at random with probability `rate`.

"Inverted" dropout scales the survivors by 1 / (1 − rate) during training, so
each neuron's expected output is the same as without dropout; at evaluation
nothing is dropped and nothing is scaled. No neuron can rely on any one other
being there, so the network spreads what it knows over many of them.
"""
from __future__ import annotations

import numpy as np


class Dropout:
    def __init__(self, rate, rng=None):
        if not 0 <= rate < 1:
            raise ValueError(f"dropout rate must be from 0 up to (not including) 1, got {rate}")
        self.rate = rate
        self.rng = rng or np.random.default_rng(0)
        self.mask = None

    def forward(self, A, training=True):
        if not training or self.rate == 0:
            self.mask = None
            return A
        keep = 1.0 - self.rate
        self.mask = (self.rng.random(A.shape) < keep) / keep    # 0 for a dropped neuron, 1/keep for a kept one
        return A * self.mask

    def backward(self, dA):
        return dA if self.mask is None else dA * self.mask
