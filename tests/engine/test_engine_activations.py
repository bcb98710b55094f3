import warnings

import numpy as np
import pytest

from engine.activations import ACTIVATIONS, sigmoid, softmax

Z = np.array([-3.0, -1.2, -0.3, 0.2, 0.7, 2.5])  # no exact 0: relu has a kink there


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_derivative_matches_finite_differences(name):
    f, f_prime = ACTIVATIONS[name]
    h = 1e-6
    numeric = (f(Z + h) - f(Z - h)) / (2 * h)
    np.testing.assert_allclose(f_prime(Z, f(Z)), numeric, atol=1e-8)


def test_sigmoid_is_stable_for_huge_inputs():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail the test
        a = sigmoid(z)
    assert a[0] == 0.0 and a[-1] == 1.0 and a[2] == 0.5
    np.testing.assert_allclose(a[1:4], 1 / (1 + np.exp(-z[1:4])))


def test_softmax_rows_are_probabilities_even_for_huge_logits():
    p = softmax(np.array([[1000.0, 999.0, -1000.0], [0.0, 0.0, 0.0]]))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[1], 1 / 3)
