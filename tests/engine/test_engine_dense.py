import numpy as np
import pytest

from engine.activations import ACTIVATIONS
from engine.dense import Dense
from engine_gradcheck import assert_gradients_match, numerical_gradient


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_backward_matches_finite_differences(activation):
    rng = np.random.default_rng(1)
    layer = Dense(3, 4, activation, "xavier", rng)
    layer.b[:] = rng.normal(size=4)
    X = rng.normal(size=(5, 3))
    R = rng.normal(size=(5, 4))  # loss = sum(A * R), so dLoss/dA = R

    def loss():
        return np.sum(layer.forward(X) * R)

    loss()
    dX = layer.backward(R)
    assert_gradients_match(layer.dW, numerical_gradient(loss, layer.W))
    assert_gradients_match(layer.db, numerical_gradient(loss, layer.b))
    assert_gradients_match(dX, numerical_gradient(loss, X))


def test_shapes_follow_the_conventions():
    layer = Dense(2, 3, "tanh", "xavier", np.random.default_rng(0))
    assert layer.W.shape == (2, 3) and layer.b.shape == (3,)
    assert np.all(layer.b == 0)
    assert layer.forward(np.ones((7, 2))).shape == (7, 3)
    assert layer.backward(np.ones((7, 3))).shape == (7, 2)
