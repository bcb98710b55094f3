"""Residual connections: skips really keep the gradient alive, and the widget says so with the engine's numbers."""
import numpy as np
import pytest
from engine.residual import gradient_sizes
from helpers import assert_text_readable_and_apart
from widgets.residual import Residual


def test_without_skips_a_deep_sigmoid_stack_starves_layer_one_and_with_them_it_does_not():
    plain = gradient_sizes(12, skip=False, activation="sigmoid")
    res = gradient_sizes(12, skip=True, activation="sigmoid")
    assert plain[0] / plain[-1] < 1e-6                 # vanished
    assert 0.1 < res[0] / res[-1] < 10                 # about the size it had at the top
    assert all(a > b for a, b in zip(plain[1:], plain[:-1]))   # shrinking all the way down


def test_the_widget_says_the_engines_numbers_and_the_pulse_reaches_layer_one():
    w = Residual({"depth": 12, "act": "sigmoid"})
    plain = gradient_sizes(12, skip=False, activation="sigmoid")
    from kit.fmt import sci
    assert f"the gradient is {sci(plain[0])} without skips" in w.status()
    w.on_input("skip", True)
    w.on_click("send")
    while w.animating:
        w.tick(0.05)
    assert w.pulse == 12
    pulses = [it for it in w.scene()["items"] if it["t"] == "circle" and it["fill"] in ("rose", "teal")]
    rose, teal = (next(p for p in pulses if p["fill"] == c) for c in ("rose", "teal"))
    assert teal["alpha"] > rose["alpha"] + 0.3         # the skip pulse arrives far brighter


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_and_apart(width):
    w = Residual({"depth": 24, "skip": True})
    w.on_resize(width)
    assert_text_readable_and_apart(w.scene())
