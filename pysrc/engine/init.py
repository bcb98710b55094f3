"""Weight initialization: where learning starts.

Each initializer returns a weight matrix W of shape (n_in, n_out). Biases
always start at zero. The choice matters more than it looks:
  "zeros"      every hidden neuron is identical and stays identical forever.
  "too-large"  weighted sums are huge, tanh/sigmoid saturate, slopes vanish.
  "xavier"     Glorot & Bengio (2010), uniform version, made for tanh/sigmoid.
  "he"         He et al. (2015), normal version, made for ReLU.
"""
import numpy as np

TOO_LARGE_STD = 4.0


def zeros(n_in, n_out, rng):
    return np.zeros((n_in, n_out))


def too_large(n_in, n_out, rng):
    return rng.normal(0.0, TOO_LARGE_STD, size=(n_in, n_out))


def xavier(n_in, n_out, rng):
    # Uniform on [-limit, limit] has variance limit²/3 = 2 / (n_in + n_out):
    # a compromise that keeps signals about the same size going forward and backward.
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def he(n_in, n_out, rng):
    # ReLU zeroes about half its inputs, so the variance is doubled to compensate.
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))


INITIALIZERS = {"zeros": zeros, "too-large": too_large, "xavier": xavier, "he": he}


def init_weights(name, n_in, n_out, rng):
    if name not in INITIALIZERS:
        raise ValueError(f"unknown initializer {name!r}; choose one of {list(INITIALIZERS)}")
    return INITIALIZERS[name](n_in, n_out, rng)
