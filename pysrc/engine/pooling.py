"""Pooling: shrink a feature map by keeping one number per window.

Max pooling keeps the strongest response in each k×k window; average pooling
keeps their mean. Sliding by `stride` (usually = k) halves the size when k = 2,
keeps the important signal, and makes the map a little indifferent to where
exactly a feature sat. Pooling has no weights: backward only routes the gradient,
all of it to the kept cell (max) or shared equally (average).

Shapes: X is (N, C, H, W); the output is (N, C, (H − k) // stride + 1, …).
"""
from __future__ import annotations

import numpy as np


def _windows(X, k, stride):
    """A view of every window: (N, C, H_out, W_out, k, k)."""
    N, C, H, W = X.shape
    H_out, W_out = (H - k) // stride + 1, (W - k) // stride + 1
    sN, sC, sH, sW = X.strides
    return np.lib.stride_tricks.as_strided(
        X, (N, C, H_out, W_out, k, k), (sN, sC, sH * stride, sW * stride, sH, sW), writeable=False)


class Pool2D:
    def __init__(self, kind="max", k=2, stride=None):
        if kind not in ("max", "average"):
            raise ValueError(f"unknown pooling {kind!r}; choose max or average")
        self.kind, self.k, self.stride = kind, k, stride or k

    def forward(self, X):
        self.shape = X.shape
        windows = _windows(np.ascontiguousarray(X), self.k, self.stride)
        if self.kind == "average":
            return windows.mean(axis=(4, 5))
        flat = windows.reshape(*windows.shape[:4], -1)
        self.argmax = flat.argmax(axis=-1)          # which cell of each window was kept
        return flat.max(axis=-1)

    def kept(self):
        """(row, col) in the input of the cell each max window kept: (N, C, H_out, W_out, 2)."""
        rows, cols = np.divmod(self.argmax, self.k)
        H_out, W_out = self.argmax.shape[2:]
        base_r = (np.arange(H_out) * self.stride)[:, None]
        base_c = (np.arange(W_out) * self.stride)[None, :]
        return np.stack([rows + base_r, cols + base_c], axis=-1)

    def backward(self, dY):
        dX = np.zeros(self.shape)
        k, s = self.k, self.stride
        H_out, W_out = dY.shape[2:]
        for i in range(H_out):
            for j in range(W_out):
                window = dX[:, :, i * s:i * s + k, j * s:j * s + k]      # a view: += writes into dX
                if self.kind == "average":
                    window += dY[:, :, i:i + 1, j:j + 1] / (k * k)
                    continue
                r, c = np.divmod(self.argmax[:, :, i, j], k)
                n, ch = np.indices(r.shape)
                window[n, ch, r, c] += dY[:, :, i, j]
        return dX
