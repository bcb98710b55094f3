"""Layer normalization: give each token's vector mean 0 and variance 1.

Forward, for one row x of d numbers (one token):
    mu    = mean(x)                   var = mean((x - mu)^2)
    x_hat = (x - mu) / sqrt(var + eps)
    y     = gamma * x_hat + beta      gamma, beta: one learned number per feature
Unlike batch norm, every row is normalized on its own: no other example is
involved, so it works the same for one sentence or a thousand.

Backward, given dy = dLoss/dy:
    dgamma = sum over rows of dy * x_hat        dbeta = sum over rows of dy
    dx_hat = dy * gamma
    dx     = (dx_hat - mean(dx_hat) - x_hat * mean(dx_hat * x_hat)) / sqrt(var + eps)
The two means are there because every x moves mu and var, and so every x_hat of its row.
"""
import numpy as np

EPS = 1e-5  # as torch.nn.LayerNorm: keeps a constant row from dividing by zero


class LayerNorm:
    def __init__(self, d, eps=EPS):
        self.gamma = np.ones(d)
        self.beta = np.zeros(d)
        self.eps = eps
        self.dgamma = np.zeros(d)
        self.dbeta = np.zeros(d)

    def forward(self, X):
        self.mu = X.mean(axis=-1, keepdims=True)
        self.var = X.var(axis=-1, keepdims=True)       # divides by d, not d - 1
        self.std = np.sqrt(self.var + self.eps)
        self.X_hat = (X - self.mu) / self.std
        return self.gamma * self.X_hat + self.beta

    def backward(self, dY):
        rows = dY.reshape(-1, dY.shape[-1])
        self.dgamma = (rows * self.X_hat.reshape(rows.shape)).sum(axis=0)
        self.dbeta = rows.sum(axis=0)
        dX_hat = dY * self.gamma
        mean_d = dX_hat.mean(axis=-1, keepdims=True)
        mean_dx = (dX_hat * self.X_hat).mean(axis=-1, keepdims=True)
        return (dX_hat - mean_d - self.X_hat * mean_dx) / self.std
