"""Layer norm: each row comes out with mean 0 and variance 1; backward agrees with
finite differences and with PyTorch's layer_norm."""
import numpy as np
import pytest
import torch

from engine.layer_norm import LayerNorm
from engine_gradcheck import assert_gradients_match, numerical_gradient


@pytest.mark.parametrize("seed", range(5))
def test_each_row_has_mean_0_and_variance_1(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(3.0, 5.0, size=(6, 8))
    Y = LayerNorm(8).forward(X)
    np.testing.assert_allclose(Y.mean(axis=1), 0, atol=1e-12)
    # eps makes the variance a hair below 1: var / (var + eps)
    np.testing.assert_allclose(Y.var(axis=1), 1, atol=1e-5)


def random_norm(seed):
    rng = np.random.default_rng(seed)
    norm = LayerNorm(5)
    norm.gamma[:] = rng.normal(1.0, 0.5, 5)
    norm.beta[:] = rng.normal(0.0, 0.5, 5)
    return norm, rng.normal(size=(4, 5)), rng.normal(size=(4, 5))


@pytest.mark.parametrize("seed", range(3))
def test_backward_matches_finite_differences(seed):
    norm, X, R = random_norm(seed)          # loss = sum(Y * R), so dLoss/dY = R

    def loss():
        return np.sum(norm.forward(X) * R)

    loss()
    dX = norm.backward(R)
    assert_gradients_match(dX, numerical_gradient(loss, X))
    assert_gradients_match(norm.dgamma, numerical_gradient(loss, norm.gamma))
    assert_gradients_match(norm.dbeta, numerical_gradient(loss, norm.beta))


def test_forward_and_backward_match_pytorch():
    norm, X, R = random_norm(7)
    Y = norm.forward(X)
    dX = norm.backward(R)
    x = torch.tensor(X, requires_grad=True)
    g = torch.tensor(norm.gamma, requires_grad=True)
    b = torch.tensor(norm.beta, requires_grad=True)
    y = torch.nn.functional.layer_norm(x, (5,), g, b, eps=norm.eps)
    (y * torch.tensor(R)).sum().backward()
    np.testing.assert_allclose(Y, y.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(dX, x.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(norm.dgamma, g.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(norm.dbeta, b.grad.numpy(), atol=1e-10)
