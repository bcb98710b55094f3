import numpy as np
import pytest

from engine.network import MLP
from engine.regularization import add_penalty_gradient, penalty
from engine_gradcheck import assert_gradients_match, numerical_gradient


@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_penalty_gradient_matches_finite_differences(kind):
    net = MLP([2, 4, 3], output="softmax", seed=1)
    params = net.params()
    for _, value, grad in params:
        value += 0.3  # move biases away from 0 and keep weights off the kink of |w|
        grad[...] = 0.0
    add_penalty_gradient(params, kind, 0.1)
    for name, value, grad in params:
        assert_gradients_match(grad, numerical_gradient(lambda: penalty(params, kind, 0.1), value))
        if name.startswith("b"):
            assert np.all(grad == 0), "biases are not regularized"


def test_definitions():
    net = MLP([2, 3, 1], seed=0)
    weights = [net.layers[0].W, net.layers[1].W]
    assert penalty(net.params(), "l2", 0.5) == pytest.approx(0.5 * 0.5 * sum(np.sum(W**2) for W in weights))
    assert penalty(net.params(), "l1", 0.5) == pytest.approx(0.5 * sum(np.sum(np.abs(W)) for W in weights))
    assert penalty(net.params(), None, 0.5) == 0.0
