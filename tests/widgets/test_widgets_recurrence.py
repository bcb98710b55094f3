"""The recurrence widget: the state is the formula, step by step, and training really teaches parity."""
import numpy as np
import pytest

from helpers import assert_text_readable_and_apart
from widgets.recurrence import MAX_LEN, STEPS, Recurrence, parity_batch, verdict


def test_every_state_is_the_formula_computed_by_hand():
    w = Recurrence({"seq": "1101", "t": 4})
    Wx, Wh, b = w.cell.Wx, w.cell.Wh, w.cell.b
    h = np.zeros(6)
    for t, bit in enumerate("1101", start=1):
        h = np.tanh(float(bit) * Wx[0] + h @ Wh + b)
        np.testing.assert_allclose(w.states()[0][t], h, atol=1e-12)
    xw, hw, bias, z, h_t = w.terms()
    np.testing.assert_allclose(z, xw + hw + bias)
    np.testing.assert_allclose(h_t, np.tanh(z))
    np.testing.assert_allclose(xw, 1.0 * Wx[0])


def test_training_teaches_the_running_parity_even_on_longer_sequences_than_it_saw():
    w = Recurrence()
    x, y = parity_batch(np.random.default_rng(5), n=100, length=20)
    w.train(STEPS)
    assert len(w.losses) == STEPS and w.losses[-1] < w.losses[0] / 10
    hs = w.cell.forward(x)
    p = 1 / (1 + np.exp(-(hs @ w.readout.W[:, 0] + w.readout.b[0])))
    assert np.mean((p > 0.5) == (y[..., 0] > 0.5)) > 0.99
    w.on_click("restart")
    for _ in range(7):
        w.on_click("step")
        assert "so it is right" in w.status()


def test_an_untrained_cell_is_no_better_than_guessing():
    w = Recurrence({"seq": "101100111010", "t": 12})
    truth = [str("101100111010"[:t].count("1") % 2) for t in range(1, 13)]
    right = [verdict(p) == want for p, want in zip(w.states()[1], truth)]
    assert sum(right) <= 8


def test_feeding_bits_and_a_link_restore_the_sequence():
    w = Recurrence({"seq": "", "t": 0})
    for bit in "1001":
        w.on_click(f"feed{bit}")
    assert w.state["seq"] == "1001" and w.state["t"] == 4
    w.on_click("restart"), w.on_click("step")
    again = Recurrence.open({"seq": "", "t": 0}, w.share())
    assert again.state == w.state
    for _ in range(MAX_LEN + 3):
        w.on_click("feed1")
    assert len(w.state["seq"]) == MAX_LEN
    assert "12 bits" in Recurrence.open({}, {"seq": "10x"}).notice


def test_a_shown_one_half_decides_nothing():
    assert verdict(0.504) == "?" and verdict(0.506) == "1" and verdict(0.494) == "0"


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_and_apart(width):
    w = Recurrence({"seq": "101100111010", "t": 12})
    w.train(50)
    w.on_resize(width)
    assert_text_readable_and_apart(w.scene())
