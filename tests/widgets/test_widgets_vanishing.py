"""Vanishing widget: its bars are the bias gradients of a real backward pass (checked
against PyTorch autograd on the same weights), sigmoid's gradient dies where ReLU's
lives, too-large weights explode, and the send animation walks down layer by layer."""
import json

import numpy as np
import pytest
import torch

from helpers import assert_text_readable_and_apart, press_every_control
from widgets.vanishing import Vanishing, sci

TORCH_ACT = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}


def view_after(make, act):
    """A fresh widget from make(), act(widget), then its view, which must be valid JSON."""
    w = make()
    w.view()
    act(w)
    return json.loads(json.dumps(w.view(), allow_nan=False))


@pytest.mark.parametrize("act,scale,depth", [("sigmoid", 1.0, 10), ("tanh", 0.5, 7), ("relu", 2.0, 15)])
def test_bars_equal_torch_autograd_bias_gradients(act, scale, depth):
    w = Vanishing({"act": act, "scale": scale, "depth": depth, "seed": 3})
    g = w.gradients()
    x, label = w.example
    a = torch.tensor(x)
    biases = []
    for i, layer in enumerate(w.net.layers):
        b = torch.tensor(layer.b, requires_grad=True)
        biases.append(b)
        a = a @ torch.tensor(layer.W) + b
        if i < len(w.net.layers) - 1:
            a = TORCH_ACT[act](a)
    torch.nn.functional.cross_entropy(a, torch.tensor(label)).backward()
    expected = np.array([b.grad.norm().item() for b in biases])
    np.testing.assert_allclose(g, expected, rtol=1e-9, atol=1e-300)
    assert len(g) == depth


@pytest.mark.parametrize("seed", range(5))
def test_sigmoid_layer_1_gradient_is_orders_of_magnitude_below_relu_with_he(seed):
    sig = Vanishing({"act": "sigmoid", "depth": 10, "seed": seed}).gradients()
    relu = Vanishing({"act": "relu", "depth": 10, "seed": seed}).gradients()
    assert sig[0] < 1e-3 * relu[0]
    assert Vanishing({"act": "sigmoid", "depth": 10, "seed": seed}).ratio() < 1e-3
    assert 1e-2 < Vanishing({"act": "relu", "depth": 10, "seed": seed}).ratio() < 1e2


def test_too_large_weights_explode_and_the_verdict_says_so():
    w = Vanishing({"act": "relu", "scale": 2.0, "depth": 20})
    assert w.ratio() > 1e3 and "exploded" in w.status()
    w = Vanishing({"act": "sigmoid", "depth": 10})
    shown = [it["s"] for it in w.scene()["items"] if it["t"] == "text"]
    assert f"layer 1 / last = {sci(w.ratio())}: vanished" in shown
    assert f"layer 1: {sci(w.gradients()[0])}" in shown


def test_deeper_sigmoid_stacks_lose_more():
    ratios = [Vanishing({"act": "sigmoid", "depth": d}).ratio() for d in (2, 5, 10, 20)]
    assert all(a > b for a, b in zip(ratios, ratios[1:]))


def test_send_reveals_bars_from_the_last_layer_down():
    w = Vanishing({"depth": 6})
    w.on_click("send")
    assert w.animating and w.shown == 0
    seen = [w.shown]
    for _ in range(100):
        w.tick(0.05)
        seen.append(w.shown)
        if not w.animating:
            break
    assert seen[-1] == 6 and sorted(set(seen)) == list(range(7)) and not w.animating
    w = Vanishing()
    w.reduced_motion = True
    w.on_click("send")
    assert not w.animating and w.shown == 10


def test_sci_formats_powers_of_ten():
    assert sci(3.2e-6) == "3.2 × 10⁻⁶" and sci(0.82) == "0.82" and sci(4.5e7) == "4.5 × 10⁷"
    assert sci(9.97e-5) == "1.0 × 10⁻⁴"


def test_texts_readable_at_desktop_and_phone_widths():
    for width in (700, 390):
        for depth in range(2, 21):
            for act in ("sigmoid", "relu"):
                w = Vanishing({"depth": depth, "act": act, "scale": 2.0 if act == "relu" else 0.5})
                w.on_resize(width)
                assert_text_readable_and_apart(w.scene())
                w.on_click("send")
                w.tick(0.3)
                assert_text_readable_and_apart(w.scene())


def test_every_control_and_each_event_and_tick_gives_a_valid_view():
    press_every_control(Vanishing())
    for depth in (2, 10, 20):
        assert view_after(Vanishing, lambda w: w.on_input("depth", depth))["scene"]["items"]
    assert view_after(lambda: Vanishing({"depth": 20}), lambda w: w.on_input("act", "relu"))["scene"]["items"]

    def sent(ticks):
        w = Vanishing({"depth": 20})
        w.on_click("send")
        for _ in range(ticks):
            w.tick(0.05)
        return w
    for ticks in range(0, 50, 7):
        assert view_after(lambda: sent(ticks), lambda w: w.tick(0.05))["scene"]["items"]


def test_the_lessons_claims_hold_on_the_widgets_own_numbers():
    """05-vanishing-gradients.md: sigmoid at depth 10 gives layer 1 'about a millionth';
    ReLU at scale 2 and depth 20 'hundreds of thousands of times more'; ReLU at scale 1 stays
    level at any depth; tanh holds up far better than sigmoid at depth 20, and vanishes at 0.5."""
    assert 1e-7 < Vanishing({"act": "sigmoid", "depth": 10}).ratio() < 1e-5
    assert 1e5 <= Vanishing({"act": "relu", "scale": 2.0, "depth": 20}).ratio() < 1e6
    assert all(0.1 < Vanishing({"act": "relu", "depth": d}).ratio() < 10 for d in range(2, 21))
    tanh, sigmoid = (Vanishing({"act": a, "depth": 20}).ratio() for a in ("tanh", "sigmoid"))
    assert tanh > 1e6 * sigmoid and tanh > 1e-3
    assert Vanishing({"act": "tanh", "scale": 0.5, "depth": 20}).ratio() < 1e-3


def test_the_pulse_stays_inside_the_picture_and_the_status_follows_it():
    for depth in (2, 10, 20):
        w = Vanishing({"depth": depth})
        w.on_click("send")
        assert w.status() == "The gradient leaves the loss…"
        while w.animating:
            w.tick(0.03)
            sc = w.scene()
            for it in (i for i in sc["items"] if i["t"] == "circle"):
                assert it["r"] <= it["x"] <= sc["w"] - it["r"] and it["r"] <= it["y"] <= sc["h"] - it["r"]
            if w.animating and w.shown:
                assert f"reached layer {depth - w.shown + 1}" in w.status()
