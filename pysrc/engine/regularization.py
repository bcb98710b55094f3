"""Regularization: a penalty on large weights, added to the loss.

With a rate lambda, the loss being minimized becomes  data loss + lambda * penalty:
    L2:  penalty = 1/2 * sum(w^2)    gradient  w         (big weights shrink fast, small ones slowly)
    L1:  penalty = sum(|w|)          gradient  sign(w)   (a constant pull toward 0 that zeroes useless weights)
The 1/2 in L2 is there so its gradient is simply lambda * w ("weight decay").
Only weights are penalized, never biases: a bias only shifts a neuron, it
does not make the function it computes any wilder.

`kind` is "l1", "l2" or None (no regularization); `params` is a list of
(name, value, grad) as given by MLP.params().
"""
import numpy as np


def l2(W):
    return 0.5 * np.sum(W**2)


def l2_grad(W):
    return W


def l1(W):
    return np.sum(np.abs(W))


def l1_grad(W):
    return np.sign(W)


# name -> (penalty, its gradient)
REGULARIZERS = {"l2": (l2, l2_grad), "l1": (l1, l1_grad)}


def is_weight(param_name):
    return param_name.startswith("W")


def _rule(kind):
    if kind not in REGULARIZERS:
        raise ValueError(f"unknown regularization {kind!r}; choose one of {list(REGULARIZERS)} or None")
    return REGULARIZERS[kind]


def penalty(params, kind, rate):
    """rate * penalty, summed over all weight matrices."""
    if kind is None or kind == "none":
        return 0.0
    penalty_of, _ = _rule(kind)
    return rate * sum(penalty_of(value) for name, value, _ in params if is_weight(name))


def add_penalty_gradient(params, kind, rate):
    """Add rate * (gradient of the penalty) to each weight's gradient, in place."""
    if kind is None or kind == "none":
        return
    _, gradient_of = _rule(kind)
    for name, value, grad in params:
        if is_weight(name):
            grad += rate * gradient_of(value)
