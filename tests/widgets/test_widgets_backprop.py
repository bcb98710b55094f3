"""backprop: the chain-rule product along one path equals the engine's backward pass, a finite
difference, a hand-written backward pass and PyTorch autograd, for every weight."""
import json
import math

import numpy as np
import pytest
import torch

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.backprop import LAST, NAMES, PARAMS, Backprop


def by_hand(weights, x, y):
    """Forward and backward written out for 2 -> 2 -> 1, sigmoid hidden and output, cross-entropy."""
    w11, w12, w21, w22, b1, b2, v1, v2, c = weights
    z1, z2 = x[0] * w11 + x[1] * w21 + b1, x[0] * w12 + x[1] * w22 + b2
    h1, h2 = 1 / (1 + math.exp(-z1)), 1 / (1 + math.exp(-z2))
    p = 1 / (1 + math.exp(-(h1 * v1 + h2 * v2 + c)))
    loss = -(y * math.log(p) + (1 - y) * math.log(1 - p))
    d = p - y
    d1, d2 = d * v1 * h1 * (1 - h1), d * v2 * h2 * (1 - h2)
    grads = [d1 * x[0], d2 * x[0], d1 * x[1], d2 * x[1], d1, d2, d * h1, d * h2, d]
    return loss, grads


def by_torch(weights, x, y):
    w = torch.tensor(weights, dtype=torch.float64, requires_grad=True)
    W1, b1, W2, c = w[:4].reshape(2, 2), w[4:6], w[6:8].reshape(2, 1), w[8:9]
    h = torch.sigmoid(torch.tensor([x], dtype=torch.float64) @ W1 + b1)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(h @ W2 + c, torch.tensor([[float(y)]],
                                                                dtype=torch.float64))
    loss.backward()
    return loss.item(), w.grad.numpy()


def random_widget(seed, follow="w₁₂"):
    rng = np.random.default_rng(seed)
    return Backprop({"weights": rng.uniform(-3, 3, 9).round(2).tolist(), "follow": follow,
                     "x": rng.uniform(-2, 2, 2).round(2).tolist(), "target": int(rng.integers(2))})


def test_registered_and_starts_from_the_engines_weights():
    assert registry()["backprop"] is Backprop
    from engine.network import MLP
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", init="xavier", seed=4)
    w = net.get_weights()
    assert Backprop().state["weights"] == [round(float(w[k][i]), 2) for k, i, _, _ in PARAMS]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", range(9))
def test_chain_product_equals_engine_finite_difference_hand_and_torch(seed, k):
    w = random_widget(seed, NAMES[k])
    product, engine, fd = w.check()
    loss, hand = by_hand(w.state["weights"], w.state["x"], w.state["target"])
    t_loss, t_grad = by_torch(w.state["weights"], w.state["x"], w.state["target"])
    assert np.isclose(w.run()["loss"], loss) and np.isclose(loss, t_loss)
    assert np.isclose(product, hand[k], rtol=1e-10, atol=1e-14)
    assert np.isclose(engine, hand[k], rtol=1e-10, atol=1e-14)
    assert np.isclose(t_grad[k], hand[k], rtol=1e-10, atol=1e-14)
    assert abs(fd - hand[k]) < 1e-8
    # the three numbers on screen agree to the digits shown
    shown = [it["s"] for it in w.scene()["items"] if it["t"] == "text" and it.get("font") == "mono"
             and it["weight"] == "bold"]
    assert len(shown) == 3 and len(set(shown)) == 1
    assert shown[0] == f"{hand[k]:.5f}".replace("-", "−") or float(shown[0].replace("−", "-")) == 0


@pytest.mark.parametrize("k", range(9))
def test_each_link_on_screen_is_its_local_slope(k):
    w = Backprop({"follow": NAMES[k]})
    weights, (x1, x2) = w.state["weights"], w.state["x"]
    _, grads = by_hand(weights, (x1, x2), 1)
    links = [v for _, _, v in w.chain(k)]
    assert len(links) == {0: 4, 1: 2, 2: 2}[0 if k < 6 else 1 if k < 8 else 2]
    assert np.isclose(np.prod(links), grads[k])
    texts = [it["s"] for it in w.scene()["items"] if it["t"] == "text"]
    for value in links:
        assert f"{value:.4f}".replace("-", "−") in texts


def test_a_tap_on_a_connection_or_a_bias_tag_follows_it():
    for width in (640, 390):
        w = Backprop()
        w.on_resize(width)
        for k, ((x1, y1), (x2, y2)) in enumerate(w.spots()):
            t = w.lay["t"][0 if k < 4 else 1]        # where its value tag sits
            w.on_pointer("down", x1 + t * (x2 - x1) + 3, y1 + t * (y2 - y1) + 3)
            assert w.state["follow"] == NAMES[k]
        w.on_pointer("down", 2, w.lay["top"] + 100)          # far from everything: no change
        assert w.state["follow"] == NAMES[-1]


def test_play_flows_forward_then_backward_and_step_walks_it():
    w = Backprop()
    assert w.phase == LAST
    w.on_click("play")
    phases, statuses = [w.phase], []
    while w.animating:
        w.tick(0.1)
        sc = w.scene()
        if w.phase != phases[-1]:
            phases.append(w.phase)
        pulses = [it for it in sc["items"] if it["t"] == "circle" and it["r"] == 6]
        if w.animating:
            assert pulses and pulses[0]["fill"] == ("teal" if w.phase < 3 else "rose")
        statuses.append(w.status())
    assert phases == list(range(LAST + 1))
    assert "chain-rule product" in statuses[-1]
    w.on_click("step")
    assert w.phase == 1 and "?" in [it["s"] for it in w.scene()["items"] if it["t"] == "text"]
    links = [v for _, _, v in w.chain(w.k)]
    shown = {}
    for _ in range(4):        # phases 2..5: the links appear from the loss end, p - y first
        w.on_click("step")
        texts = [it["s"] for it in w.scene()["items"] if it["t"] == "text"]
        shown[w.phase] = [f"{v:.4f}".replace("-", "−") in texts for v in links]
    assert shown[3] == [False] * 3 + [False] and shown[4] == [False] * 3 + [True]
    assert shown[5] == [True] * 4
    w.on_click("step")
    assert w.phase == LAST


def test_nudging_a_weight_and_a_gradient_step_recompute_everything():
    w = Backprop({"follow": "v₁"})
    before = w.run()["loss"]
    grads = np.array(w.run()["grad"])
    start = np.array(w.state["weights"])
    w.on_click("descend")
    assert np.allclose(w.state["weights"], (start - 1.0 * grads).round(4))
    assert w.run()["loss"] < before and "took the loss from" in w.status()
    w.on_input("value", 2.5)
    assert w.state["weights"][6] == 2.5
    loss, hand = by_hand(w.state["weights"], w.state["x"], 1)
    assert np.allclose(w.check(), hand[6]) and np.isclose(w.run()["loss"], loss)
    again = Backprop.open({}, w.share())
    assert again.state["weights"] == w.state["weights"]
    w.on_click("reset")
    assert w.state["weights"] == list(start)


@pytest.mark.parametrize("width", [640, 390])
def test_text_readable_in_every_phase(width):
    w = Backprop({"target": 0})
    w.on_resize(width)
    for k in range(9):
        w.on_input("follow", NAMES[k])
        view = w.view()
        assert_text_readable_and_apart(view["scene"])
    w.on_click("play")
    while w.animating:
        w.tick(0.05)
        view = w.view()
        assert_text_readable_and_apart(view["scene"])
    json.dumps(view, allow_nan=False)


def test_every_control_keeps_a_valid_view():
    press_every_control(Backprop())
