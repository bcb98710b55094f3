import numpy as np
import pytest

from engine.data import make_dataset
from engine.init import INITIALIZERS, init_weights
from engine.network import MLP


@pytest.mark.parametrize("name", list(INITIALIZERS))
def test_shape_and_reproducibility(name):
    W = init_weights(name, 3, 5, np.random.default_rng(0))
    assert W.shape == (3, 5) and W.dtype == np.float64
    np.testing.assert_array_equal(W, init_weights(name, 3, 5, np.random.default_rng(0)))


def test_scales():
    rng = np.random.default_rng(0)
    assert np.all(init_weights("zeros", 4, 4, rng) == 0)
    xavier = init_weights("xavier", 200, 300, rng)
    assert np.abs(xavier).max() <= np.sqrt(6 / 500)
    assert np.std(xavier) == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    assert np.std(init_weights("he", 200, 300, rng)) == pytest.approx(np.sqrt(2 / 200), rel=0.02)
    with pytest.raises(ValueError):
        init_weights("ones", 2, 2, rng)


def test_too_large_weights_saturate_tanh():
    X, _ = make_dataset("circle", n=200, seed=0)
    for init, saturated in [("too-large", True), ("xavier", False)]:
        hidden = MLP([2, 8, 8, 1], activation="tanh", init=init, seed=0).hidden_activations(X)
        slope = np.mean(1 - hidden[-1] ** 2)  # tanh'(z): near 0 when saturated, and then learning stalls
        assert (slope < 0.15) == saturated, init
