"""Batch normalization: re-centre and re-scale each feature over the batch.

Training, for each feature (column) of a batch X:
    mean, var = X.mean(0), X.var(0)
    X_hat = (X − mean) / sqrt(var + eps)      mean 0, variance 1
    Y = gamma · X_hat + beta                  learned slope and shift (may undo it)
Running averages of mean and var are kept; at evaluation they replace the
batch's own, so one example's output does not depend on the others in its batch.
"""
from __future__ import annotations

import numpy as np


class BatchNorm:
    def __init__(self, n, momentum=0.1, eps=1e-5):
        self.gamma, self.beta = np.ones(n), np.zeros(n)
        self.running_mean, self.running_var = np.zeros(n), np.ones(n)
        self.momentum, self.eps = momentum, eps

    def forward(self, X, training=True):
        if training:
            mean, var = X.mean(axis=0), X.var(axis=0)
            m = self.momentum
            n = X.shape[0]
            self.running_mean = (1 - m) * self.running_mean + m * mean
            # PyTorch keeps the unbiased variance (÷ n−1) in its running average; so do we.
            self.running_var = (1 - m) * self.running_var + m * var * n / max(n - 1, 1)
        else:
            mean, var = self.running_mean, self.running_var
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.X_hat = (X - mean) * self.inv_std
        return self.gamma * self.X_hat + self.beta

    def backward(self, dY):
        """Training-mode backward: every X_hat depends on the whole batch through mean and var."""
        n = dY.shape[0]
        self.dgamma = np.sum(dY * self.X_hat, axis=0)
        self.dbeta = dY.sum(axis=0)
        dX_hat = dY * self.gamma
        return self.inv_std / n * (n * dX_hat - dX_hat.sum(axis=0) - self.X_hat * np.sum(dX_hat * self.X_hat, axis=0))
