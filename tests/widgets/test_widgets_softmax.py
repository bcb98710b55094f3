"""Softmax widget: the probabilities drawn are a softmax computed here by hand, they sum to
1 and stay finite for any logits (±1000 included), and the argmax is the one highlighted."""
import json
import math

import numpy as np
from hypothesis import given, settings, strategies as st

from engine.activations import softmax
from helpers import assert_text_readable_and_apart, press_every_control
from widgets.softmax import Softmax


def view_after(make, act):
    """A fresh widget from make(), act(widget), then its view, which must be valid JSON."""
    w = make()
    w.view()
    act(w)
    return json.loads(json.dumps(w.view(), allow_nan=False))


def texts(sc):
    return [it["s"] for it in sc["items"] if it["t"] == "text"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1000, 1000, allow_nan=False), min_size=3, max_size=5))
def test_engine_softmax_sums_to_one_and_is_finite_for_any_logits(z):
    p = softmax(np.array([z]))[0]
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    assert math.isclose(p.sum(), 1.0, rel_tol=0, abs_tol=1e-12)


def test_huge_logits_in_the_widget_stay_finite_and_sum_to_100_percent():
    rng = np.random.default_rng(0)
    cases = [[1000, -1000, 0, 999, -999]] + [list(rng.choice([-1000, 1000], 5) * rng.random(5))
                                               for _ in range(50)]
    for z in cases:
        w = Softmax({"classes": 5, "range": "1000", **{f"z{k + 1}": float(v) for k, v in enumerate(z)}})
        _, shifted, p = w.compute()
        assert np.all(np.isfinite(p)) and np.all(np.isfinite(shifted))
        assert "sum of p = 100.0 %" in texts(w.scene())
        json.dumps(w.view(), allow_nan=False)


def test_bars_are_a_softmax_by_hand_and_argmax_is_highlighted():
    z = [0.7, -1.3, 2.4, 0.2]
    w = Softmax({"classes": 4, **{f"z{k + 1}": v for k, v in enumerate(z)}})
    e = [math.exp(v) for v in z]
    by_hand = [v / sum(e) for v in e]
    shown = texts(w.scene())
    for q in by_hand:
        assert f"{100 * q:.1f}%" in shown
    assert "argmax: fox (the predicted class)" in shown
    bold = [it for it in w.scene()["items"] if it["t"] == "text" and it["s"] == "fox"]
    assert bold[0]["fill"] == "accent"
    assert "fox" in w.status().split("The largest logit, ")[1]


def test_sliding_a_logit_up_steals_probability_from_the_others():
    w = Softmax()
    before = w.compute()[2].copy()
    w.on_input("z2", 5.0)
    after = w.compute()[2]
    assert after[1] > before[1] and after[0] < before[0] and after[2] < before[2]


def test_range_switch_gives_1000_sliders_and_back_clamps():
    w = Softmax()
    w.on_input("range", "1000")
    assert [c["max"] for c in w.controls() if c["id"] == "z1"] == [1000.0]
    w.on_input("z1", 1000)
    assert w.state["z1"] == 1000
    w.on_input("range", "10")
    assert w.state["z1"] == 10


def test_names_are_a_setting():
    w = Softmax({"names": "apple, pear ,plum", "classes": 3})
    assert w.names == ["apple", "pear", "plum"]
    assert any("(pear)" in c.get("label", "") for c in w.controls())


def test_texts_readable_at_desktop_and_phone_widths():
    for width in (700, 390):
        for n in (3, 4, 5):
            for rng_ in ("10", "1000"):
                w = Softmax({"classes": n, "range": rng_})
                w.on_resize(width)
                if rng_ == "1000":
                    for k in range(1, 6):
                        w.on_input(f"z{k}", -1000 if k % 2 else 1000)
                assert_text_readable_and_apart(w.scene())


def test_every_control_and_each_event_gives_a_valid_view():
    press_every_control(Softmax())
    for value in np.linspace(-10, 10, 15):
        assert view_after(lambda: Softmax({"classes": 5}), lambda w: w.on_input("z1", float(value)))["scene"]["items"]
