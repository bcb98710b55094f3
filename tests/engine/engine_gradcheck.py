"""Finite differences: the slow, obviously correct gradient that backprop must match."""
import numpy as np


def numerical_gradient(f, x, h=1e-6):
    """Central differences (f(x + h) - f(x - h)) / 2h for each entry of x, changed in place and restored."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f()
        x[i] = saved - h
        f_minus = f()
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def assert_gradients_match(analytic, numeric, tol=1e-6):
    scale = max(1.0, np.abs(numeric).max())
    np.testing.assert_allclose(analytic, numeric, rtol=0, atol=tol * scale)
