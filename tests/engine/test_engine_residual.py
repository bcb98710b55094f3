"""The residual stack's backward pass, against finite differences and PyTorch."""
import numpy as np
import pytest
import torch

from engine.residual import Stack
from engine_gradcheck import assert_gradients_match, numerical_gradient


@pytest.mark.parametrize("skip", [False, True])
@pytest.mark.parametrize("act", ["sigmoid", "tanh"])
def test_stack_backward_matches_finite_differences_and_pytorch(skip, act):
    rng = np.random.default_rng(1)
    stack = Stack(5, 4, skip, act, seed=2)
    for b in stack.b:
        b[:] = rng.normal(size=4)
    x, R = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    loss = lambda: np.sum(stack.forward(x)[-1] * R)  # noqa: E731
    loss()
    grads = stack.backward(R)
    assert_gradients_match(grads[0], numerical_gradient(loss, x))
    assert_gradients_match(stack.dW[1], numerical_gradient(loss, stack.W[1]))
    h = torch.tensor(x, requires_grad=True)
    f = torch.sigmoid if act == "sigmoid" else torch.tanh
    out = h
    for W, b in zip(stack.W, stack.b):
        a = f(out @ torch.tensor(W) + torch.tensor(b))
        out = out + a if skip else a
    (out * torch.tensor(R)).sum().backward()
    np.testing.assert_allclose(grads[0], h.grad.numpy(), atol=1e-10)
