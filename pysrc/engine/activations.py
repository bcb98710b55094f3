"""Activation functions: the nonlinearity a neuron applies to its weighted sum z.

Each one sits next to its derivative, because learning needs both: the value
on the way forward, the slope on the way back. A derivative receives both z
(the neuron's input) and a (its output, already computed on the forward pass)
and uses whichever gives the simplest formula.
"""
import numpy as np


def sigmoid(z):
    # The textbook 1 / (1 + e^-z) overflows e^-z when z is very negative.
    # e^-|z| is always <= 1, so both branches below are safe.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z, a):
    return a * (1.0 - a)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z, a):
    return 1.0 - a**2


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z, a):
    # At exactly z = 0 the slope is undefined; like PyTorch we call it 0.
    return (z > 0).astype(float)


def linear(z):
    return z


def linear_prime(z, a):
    return np.ones_like(z)


# name -> (function, derivative)
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "linear": (linear, linear_prime),
}


def softmax(z):
    """Turn each row of scores into probabilities that sum to 1.

    Softmax is not in ACTIVATIONS: it mixes a whole row, so its derivative is a
    matrix, not a slope per neuron. It only ever appears as the output of a
    classifier, where the loss handles its gradient (see losses.py).
    """
    # Subtracting the row maximum changes nothing mathematically but keeps exp() from overflowing.
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
