"""Optimizers: how to turn gradients into a step.

Each optimizer has a public `lr` you may change between steps (the learning
rate slider), and step(params) that updates every parameter in place, where
params is a list of (name, value, grad) as given by MLP.params().
Momentum and Adam remember things per parameter name: call reset() when
the network is rebuilt or its weights are restored.
Formulas follow PyTorch exactly, so the tests can check against it.
"""
import numpy as np


class SGD:
    """Plain gradient descent:  p <- p - lr * g."""

    def __init__(self, lr=0.03):
        self.lr = lr

    def step(self, params):
        for name, p, g in params:
            p -= self.lr * g

    def reset(self):
        pass


class Momentum:
    """Gradient descent with a velocity that remembers past steps.

    v <- beta * v + g;   p <- p - lr * v        (beta is `momentum`, 0.9 by default)
    The velocity v is a running sum of past gradients, each step's weighted by beta
    once more: beta 0 is plain SGD, beta 0.9 lets ~10 past steps push at once.
    (PyTorch's SGD(momentum=...) form: lr scales v, so changing lr takes effect at once;
    so does changing beta, which only weighs what v remembers from now on.)
    """

    def __init__(self, lr=0.03, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.reset()

    def reset(self):
        self.velocity = {}

    def step(self, params):
        for name, p, g in params:
            v = self.velocity.get(name, 0.0)
            v = self.velocity[name] = self.momentum * v + g
            p -= self.lr * v


class Adam:
    """Momentum plus a per-parameter step size (Kingma & Ba, 2014).

    m <- beta1 m + (1 - beta1) g              running mean of gradients
    v <- beta2 v + (1 - beta2) g^2            running mean of squared gradients
    m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)
    p <- p - lr * m_hat / (sqrt(v_hat) + eps)
    m and v start at 0, so early on they are too small; dividing by
    1 - beta^t (the "bias correction") undoes exactly that.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.reset()

    def reset(self):
        self.t = 0
        self.m = {}
        self.v = {}

    def step(self, params):
        self.t += 1
        for name, p, g in params:
            m = self.m[name] = self.beta1 * self.m.get(name, 0.0) + (1 - self.beta1) * g
            v = self.v[name] = self.beta2 * self.v.get(name, 0.0) + (1 - self.beta2) * g**2
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name, lr, **options):
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {list(OPTIMIZERS)}")
    return OPTIMIZERS[name](lr=lr, **options)
