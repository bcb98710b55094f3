import warnings

import numpy as np
import pytest

from engine.activations import sigmoid, softmax
from engine.losses import loss_for, mse, sigmoid_cross_entropy, softmax_cross_entropy
from engine_gradcheck import assert_gradients_match, numerical_gradient

rng = np.random.default_rng(0)
CASES = {
    "mse": (mse, rng.normal(size=(6, 2)), rng.normal(size=(6, 2))),
    "sigmoid_cross_entropy": (sigmoid_cross_entropy, rng.normal(size=(6, 1)) * 3, rng.integers(0, 2, size=6)),
    "softmax_cross_entropy": (softmax_cross_entropy, rng.normal(size=(6, 3)) * 3, rng.integers(0, 3, size=6)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_gradient_matches_finite_differences(name):
    loss_fn, outputs, targets = CASES[name]
    outputs = outputs.copy()
    _, grad = loss_fn(outputs, targets)
    numeric = numerical_gradient(lambda: loss_fn(outputs, targets)[0], outputs)
    assert_gradients_match(grad, numeric)


def test_the_famous_cancellation():
    z = np.array([[-2.0], [0.5], [3.0]])
    y = np.array([0, 1, 1])
    p = sigmoid(z)
    dL_dp = (p - y[:, None]) / (p * (1 - p)) / len(z)  # the long way round, through p
    _, dL_dz = sigmoid_cross_entropy(z, y)
    np.testing.assert_allclose(dL_dp * p * (1 - p), dL_dz)
    np.testing.assert_allclose(dL_dz, (p - y[:, None]) / len(z))

    logits = np.array([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]])
    labels = np.array([2, 1])
    _, grad = softmax_cross_entropy(logits, labels)
    np.testing.assert_allclose(grad, (softmax(logits) - np.eye(3)[labels]) / 2)


def test_cross_entropies_stay_finite_for_confident_wrong_answers():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, grad = sigmoid_cross_entropy(np.array([[1000.0], [-1000.0]]), np.array([0, 1]))
        assert loss == pytest.approx(1000.0) and np.allclose(grad, [[0.5], [-0.5]])
        loss, grad = softmax_cross_entropy(np.array([[1000.0, -1000.0]]), np.array([1]))
        assert loss == pytest.approx(2000.0) and np.allclose(grad, [[1.0, -1.0]])


def test_values_match_pytorch():
    torch = pytest.importorskip("torch")
    for name, torch_loss in [("mse", torch.nn.MSELoss()),
                             ("sigmoid_cross_entropy", torch.nn.BCEWithLogitsLoss()),
                             ("softmax_cross_entropy", torch.nn.CrossEntropyLoss())]:
        loss_fn, outputs, targets = CASES[name]
        t_out = torch.tensor(outputs)
        t_target = torch.tensor(targets)
        if name == "sigmoid_cross_entropy":
            t_target = t_target.double().reshape(-1, 1)
        assert loss_fn(outputs, targets)[0] == pytest.approx(torch_loss(t_out, t_target).item(), rel=1e-12)


@pytest.mark.parametrize("head", ["sigmoid", "softmax"])
def test_squared_error_on_probabilities_has_the_right_gradient(head):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    k = 1 if head == "sigmoid" else 3
    logits = rng.normal(0, 2, size=(7, k))
    labels = rng.integers(0, 2 if head == "sigmoid" else 3, size=7)
    y = labels.reshape(-1, 1).astype(float) if head == "sigmoid" else labels
    loss, grad = loss_for(head, "mse")(logits, y)
    z = torch.tensor(logits, requires_grad=True)
    p = torch.sigmoid(z) if head == "sigmoid" else torch.softmax(z, dim=1)
    target = torch.tensor(y) if head == "sigmoid" else torch.nn.functional.one_hot(torch.tensor(labels), 3).double()
    expected = ((p - target) ** 2).mean()
    expected.backward()
    assert loss == pytest.approx(expected.item(), abs=1e-12)
    assert np.allclose(grad, z.grad.numpy(), atol=1e-12)


def test_a_linear_head_always_trains_on_squared_error():
    assert loss_for("linear", "ce") is mse and loss_for("linear", "mse") is mse
    with pytest.raises(ValueError):
        loss_for("sigmoid", "hinge")
