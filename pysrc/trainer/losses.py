"""Which loss a run trains with.

The engine's network pairs each output with its natural loss: sigmoid or
softmax with cross-entropy, linear with squared error. A classifier may also be
trained with squared error on its probabilities (Playground's only loss). Like
every engine loss, these take the logits z and return (loss, dL/dz): the
engine's mse gives dL/dp, and one chain-rule factor through the output's
squashing turns it into dL/dz.
"""
from __future__ import annotations

import numpy as np

from engine import mse, sigmoid, softmax
from engine.network import LOSS_OF_HEAD


def sigmoid_squared_error(logits, y):
    """mean (p - y)^2 with p = sigmoid(z);  dL/dz = dL/dp * p (1 - p)."""
    p = sigmoid(logits)
    loss, dp = mse(p, y)
    return loss, dp * p * (1.0 - p)


def softmax_squared_error(logits, labels):
    """mean over classes and examples of (p_k - onehot_k)^2 with p = softmax(z);
    dL/dz_j = p_j (dL/dp_j - sum_k dL/dp_k p_k)  (the softmax Jacobian)."""
    p = softmax(logits)
    onehot = np.eye(p.shape[1])[np.asarray(labels).reshape(-1).astype(int)]
    loss, dp = mse(p, onehot)
    return loss, p * (dp - np.sum(dp * p, axis=1, keepdims=True))


SQUARED = {"sigmoid": sigmoid_squared_error, "softmax": softmax_squared_error}


def loss_for(output, loss_name):
    """The loss function for an output head ('sigmoid', 'softmax', 'linear') and a choice ('ce', 'mse')."""
    if output != "linear" and loss_name == "mse":
        return SQUARED[output]
    return LOSS_OF_HEAD[output]
