"""Softmax + cross-entropy widget: the loss is −log p_y computed by hand, the gradient on
the logits is p − y and equals PyTorch autograd's, and the on-screen check agrees."""
import json
import math

import numpy as np
import pytest
import torch

from helpers import assert_text_readable_and_apart, press_every_control
from widgets.softmax_ce import SoftmaxCE


def view_after(make, act):
    """A fresh widget from make(), act(widget), then its view, which must be valid JSON."""
    w = make()
    w.view()
    act(w)
    return json.loads(json.dumps(w.view(), allow_nan=False))


def texts(sc):
    return [it["s"] for it in sc["items"] if it["t"] == "text"]


@pytest.mark.parametrize("seed", range(8))
def test_gradient_is_p_minus_y_and_equals_torch_autograd(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 6))
    z = np.round(rng.uniform(-10, 10, n), 1)
    truth = int(rng.integers(1, n + 1))
    w = SoftmaxCE({"classes": n, "truth": truth, **{f"z{k + 1}": float(v) for k, v in enumerate(z)}})
    _, p, y, loss, grad, numeric = w.compute()
    logits = torch.tensor(z, requires_grad=True)
    torch_loss = torch.nn.functional.cross_entropy(logits[None], torch.tensor([truth - 1]))
    torch_loss.backward()
    np.testing.assert_allclose(grad, logits.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(grad, p - y, atol=1e-12)
    assert loss == pytest.approx(torch_loss.item(), abs=1e-12)
    e = np.exp(z)
    assert loss == pytest.approx(-math.log(e[truth - 1] / e.sum()), abs=1e-9)   # −log p_y by hand
    np.testing.assert_allclose(numeric, grad, atol=1e-6)
    assert w.agree().all()


def test_numbers_on_screen_are_the_gradient_and_loss():
    w = SoftmaxCE({"z1": 1.5, "z2": -0.5, "z3": 0.3, "truth": 1})
    _, p, _, loss, grad, _ = w.compute()
    shown = texts(w.scene())
    assert f"loss = −log p(cat) = −log {p[0]:.3f} = {loss:.3f}" in shown
    for g in grad:
        assert f"{g:.4f}".replace("-", "−") in shown
    assert shown.count("✓") == 3 and "✗" not in shown


def test_tapping_a_column_makes_it_the_true_class():
    w = SoftmaxCE()
    w.on_resize(700)
    sc = w.scene()
    fox = next(it for it in sc["items"] if it["t"] == "text" and it["s"] == "fox")
    w.on_pointer("down", fox["x"], fox["y"])
    assert w.truth == 2 and "True class fox" in w.status()
    assert w.compute()[4][2] < 0 and all(g > 0 for g in np.delete(w.compute()[4], 2))


def test_fewer_classes_keep_a_valid_true_class():
    w = SoftmaxCE({"classes": 5, "truth": 5})
    w.on_input("classes", 3)
    assert w.truth == 2
    json.dumps(w.view(), allow_nan=False)


def test_texts_readable_at_desktop_and_phone_widths():
    for width in (700, 390):
        for n in (3, 4, 5):
            w = SoftmaxCE({"classes": n, **{f"z{k}": -10.0 for k in range(1, 6)}})
            w.on_resize(width)
            assert_text_readable_and_apart(w.scene())


def test_every_control_and_each_event_gives_a_valid_view():
    press_every_control(SoftmaxCE({"classes": 5}))
    for value in np.linspace(-10, 10, 15):
        assert view_after(lambda: SoftmaxCE({"classes": 5}), lambda w: w.on_input("z3", float(value)))["scene"]["items"]
