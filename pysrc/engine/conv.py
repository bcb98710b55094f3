"""2-D convolution, the layer that looks at an image through a small sliding window.

A kernel is a small grid of weights. Laid over one patch of the image, it
gives one number: the sum of products of the kernel with the patch under it.
Sliding it over every position gives a feature map, large where the patch
looks like the kernel. (Deep-learning "convolution" does not flip the kernel:
strictly it is cross-correlation, which is what every framework computes.)

Shapes: images X are (N, C_in, H, W), kernels K are (C_out, C_in, k, k), the
output is (N, C_out, H_out, W_out) with H_out = (H + 2·padding − k) // stride + 1.
"""
from __future__ import annotations

import numpy as np


def output_size(size, k, stride, padding):
    return (size + 2 * padding - k) // stride + 1


def correlate2d(image, kernel):
    """One grey image (H, W), one kernel (k, k), stride 1, no padding: the feature map
    a learner can check by hand, cell by cell."""
    k = kernel.shape[0]
    rows, cols = image.shape[0] - k + 1, image.shape[1] - k + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i:i + k, j:j + k] * kernel)
    return out


class Conv2D:
    def __init__(self, n_in, n_out, k, stride=1, padding=0, rng=None):
        rng = rng or np.random.default_rng(0)
        scale = np.sqrt(2.0 / (n_in * k * k))       # He: the fan-in of one output is C_in·k·k
        self.K = rng.normal(0.0, scale, (n_out, n_in, k, k))
        self.b = np.zeros(n_out)
        self.stride, self.padding = stride, padding

    def forward(self, X):
        p, s = self.padding, self.stride
        self.Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
        n_out, _, k, _ = self.K.shape
        H = output_size(X.shape[2], k, s, p)
        W = output_size(X.shape[3], k, s, p)
        Y = np.zeros((X.shape[0], n_out, H, W)) + self.b[None, :, None, None]
        # One kernel offset (di, dj) at a time: every output cell adds K[:, :, di, dj]
        # times the input pixel that offset lands on.
        for di in range(k):
            for dj in range(k):
                patch = self.Xp[:, :, di:di + s * H:s, dj:dj + s * W:s]      # (N, C_in, H, W)
                Y += np.einsum("nchw,oc->nohw", patch, self.K[:, :, di, dj])
        return Y

    def backward(self, dY):
        """dY = dLoss/dY; fills dK, db and returns dLoss/dX."""
        p, s = self.padding, self.stride
        k = self.K.shape[2]
        H, W = dY.shape[2], dY.shape[3]
        self.db = dY.sum(axis=(0, 2, 3))
        self.dK = np.zeros_like(self.K)
        dXp = np.zeros_like(self.Xp)
        for di in range(k):
            for dj in range(k):
                patch = self.Xp[:, :, di:di + s * H:s, dj:dj + s * W:s]
                self.dK[:, :, di, dj] = np.einsum("nohw,nchw->oc", dY, patch)
                dXp[:, :, di:di + s * H:s, dj:dj + s * W:s] += np.einsum("nohw,oc->nchw", dY, self.K[:, :, di, dj])
        return dXp[:, :, p:dXp.shape[2] - p, p:dXp.shape[3] - p]
