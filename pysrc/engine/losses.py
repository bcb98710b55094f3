"""Loss functions: one number that says how wrong the network is.

Each loss returns (loss, grad): the mean loss over the batch and its gradient
with respect to the network's outputs, one row per example. Because the loss
is a mean, the gradient already contains the 1/n; layers below just sum.

The famous cancellation. With a sigmoid output p = sigmoid(z) and binary
cross-entropy L = -[y log p + (1 - y) log(1 - p)]:
    dL/dp = (p - y) / (p (1 - p))     and     dp/dz = p (1 - p)
so dL/dz = p - y. Softmax with cross-entropy gives the same p - y. Computed
the long way, a confident network (p near 0 or 1) would divide by a number
near zero. So the two cross-entropies below take the logits z (the output
layer's raw weighted sums, before any sigmoid/softmax) and return dL/dz
directly, (p - y) / n. The network's output layer is therefore "linear" and
the sigmoid/softmax lives here, inside the loss.
"""
import numpy as np

from .activations import sigmoid


def mse(y_pred, y):
    """Mean squared error: mean over all elements, no 1/2 (as torch.nn.MSELoss())."""
    y = np.asarray(y, dtype=float).reshape(y_pred.shape)
    error = y_pred - y
    return np.mean(error**2), 2.0 * error / error.size


def sigmoid_cross_entropy(logits, y):
    """Binary cross-entropy of p = sigmoid(logits) against labels 0/1 (as torch.nn.BCEWithLogitsLoss())."""
    z = logits
    y = np.asarray(y, dtype=float).reshape(z.shape)
    # Per example the loss is log(1 + e^z) - y z. Written as
    # max(z, 0) + log(1 + e^-|z|), no exp() can overflow and no log() sees 0.
    per_example = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - y * z
    return np.mean(per_example), (sigmoid(z) - y) / z.size


def softmax_cross_entropy(logits, labels):
    """Cross-entropy of softmax(logits) against integer class labels (as torch.nn.CrossEntropyLoss())."""
    n = logits.shape[0]
    labels = np.asarray(labels).reshape(-1).astype(int)
    rows = np.arange(n)
    # log softmax via log-sum-exp, shifted by the row maximum so exp() cannot overflow.
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[rows, labels])
    grad = np.exp(log_p)          # p ...
    grad[rows, labels] -= 1.0     # ... minus y (one-hot)
    return loss, grad / n
