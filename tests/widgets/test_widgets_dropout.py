"""The dropout widget: real runs, a green zone that is reachable and not the start."""
import sys

import numpy as np
import pytest

from helpers import ROOT, assert_text_readable_and_apart
from widgets.dropout import SHOWN, DropoutWidget, green_zone, runs

sys.path.insert(0, str(ROOT / "training"))
import train_dropout  # noqa: E402


def play(w, rate):
    w.on_input("rate", rate)
    w.on_click("train")
    while w.animating:
        w.tick(0.05)


def test_the_shipped_runs_are_what_the_engine_trains_and_match_their_hash():
    from buildlib.models import verify
    assert verify(log=lambda *_: None) == []
    train, val = train_dropout.run(0.5)
    i = runs()["rates"].index(0.5)
    np.testing.assert_array_equal(train, runs()["train"][i])
    np.testing.assert_array_equal(val, runs()["val"][i])


def test_more_dropout_closes_the_gap_and_too_much_starves_the_network():
    train, val = runs()["train"][:, -1], runs()["val"][:, -1]
    gaps = train - val
    assert gaps[0] > 0.2 and gaps[0] == gaps.max()              # no dropout: memorizes
    assert val[-1] < val.max() - 0.05 and train[-1] < 0.75      # 0.8: starved, both poor
    assert 0.0 not in green_zone() and 0.8 not in green_zone()


def test_the_green_zone_is_reachable_and_the_start_does_not_win():
    w = DropoutWidget()
    assert not w.won
    play(w, 0.0)
    assert not w.won and "Try other rates" in w.status()
    w.on_input("rate", green_zone()[0])
    assert not w.won                                            # choosing is not enough: train it
    play(w, green_zone()[0])
    assert w.won and "You win" in w.status()
    again = DropoutWidget.open({}, w.share())
    assert again.won and again.tried == w.tried


def test_random_rates_tried_without_training_never_win():
    rng = np.random.default_rng(0)
    w = DropoutWidget()
    for _ in range(30):
        w.on_input("rate", float(rng.uniform(-1, 2)))
        assert not w.won
        assert 0.0 <= w.state["rate"] <= 0.8


def test_neurons_blink_off_at_about_the_chosen_rate():
    w = DropoutWidget({"rate": 0.4})
    w.on_click("train")
    dropped = []
    for _ in range(40):
        w.tick(0.01)
        dropped += [np.mean(~m) for m in w.masks]
    assert 0.3 < np.mean(dropped) < 0.5
    assert all(len(m) == SHOWN for m in w.masks)


def test_the_numbers_shown_are_the_runs_numbers():
    w = DropoutWidget()
    play(w, 0.3)
    i = runs()["rates"].index(0.3)
    t, v = runs()["train"][i][-1], runs()["val"][i][-1]
    assert f"training accuracy {100 * t:.0f} %, validation {100 * v:.0f} %" in w.status()


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_and_apart(width):
    w = DropoutWidget()
    w.on_resize(width)
    play(w, 0.5)
    assert_text_readable_and_apart(w.scene())
