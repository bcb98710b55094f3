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

A classifier may also be trained with squared error on its probabilities
(TensorFlow Playground's only loss): there nothing cancels, and the chain rule
through the squashing is written out.
"""
import numpy as np

from .activations import sigmoid, softmax


def one_hot(labels, k):
    """Class labels (n,) as rows of k numbers: 1 for the label's class, 0 for the others."""
    return np.eye(k)[np.asarray(labels).reshape(-1).astype(int)]


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
    p = sigmoid(z)
    # The output error is simply prediction minus target: the sigmoid's slope p (1 - p)
    # cancels the 1 / (p (1 - p)) in the slope of the log (see the top of this file).
    dz = p - y
    return np.mean(per_example), dz / z.size


def softmax_cross_entropy(logits, labels):
    """Cross-entropy of softmax(logits) against integer class labels (as torch.nn.CrossEntropyLoss())."""
    n, k = logits.shape
    labels = np.asarray(labels).reshape(-1).astype(int)
    # log softmax via log-sum-exp, shifted by the row maximum so exp() cannot overflow.
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(n), labels])
    p, target = np.exp(log_p), one_hot(labels, k)
    # Prediction minus target again: the softmax's Jacobian times the log's slope -y / p
    # collapses to p - y, because the target's numbers sum to 1.
    dz = p - target
    return loss, dz / n


def sigmoid_squared_error(logits, y):
    """mean (p - y)^2 with p = sigmoid(z);  dL/dz = dL/dp * p (1 - p)."""
    p = sigmoid(logits)
    loss, dp = mse(p, y)
    return loss, dp * p * (1.0 - p)


def softmax_squared_error(logits, labels):
    """mean over classes and examples of (p_k - onehot_k)^2 with p = softmax(z);
    dL/dz_j = p_j (dL/dp_j - sum_k dL/dp_k p_k)  (the softmax Jacobian)."""
    p = softmax(logits)
    loss, dp = mse(p, one_hot(labels, p.shape[1]))
    return loss, p * (dp - np.sum(dp * p, axis=1, keepdims=True))


# loss name -> output head -> loss; a linear head (regression) always trains on squared error
LOSSES = {
    "ce": {"sigmoid": sigmoid_cross_entropy, "softmax": softmax_cross_entropy, "linear": mse},
    "mse": {"sigmoid": sigmoid_squared_error, "softmax": softmax_squared_error, "linear": mse},
}


def loss_for(head, name="ce"):
    """The loss for an output head ("sigmoid", "softmax", "linear"): cross-entropy ("ce") or squared error ("mse")."""
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose one of {list(LOSSES)}")
    return LOSSES[name][head]
