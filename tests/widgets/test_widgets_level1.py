"""Level 1 widgets: dimmer-game, neuron-gate and forward-pass, checked the way a
learner meets them: what they can do, what they see, and when they win."""
import itertools
import json
import math
import re

import numpy as np
import pytest

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.dimmer_game import BULB_X, BULB_Y, DimmerGame
from widgets.forward_pass import HIDDEN_XY, INPUT_XY, OUTPUT_XY, R, ForwardPass
from widgets.neuron_gate import COLS, GATES, ROW_Y, NeuronGate

MINUS = "−"


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def texts(scene):
    return [it for it in scene["items"] if it["t"] == "text"]


def texts_near(scene, x, y, radius):
    return [it["s"] for it in texts(scene) if math.hypot(it["x"] - x, it["y"] - y) <= radius]


def distance_to_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
    t = min(1, max(0, t))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


def set_all(widget, **values):
    for key, value in values.items():
        widget.on_input(key, value)
    return widget


def neuron_values(w):
    """What a learner reads inside h1, h2, h3 and y ('?' before it is computed)."""
    sc = w.scene()
    shown = []
    for x, y in [*HIDDEN_XY, OUTPUT_XY]:
        inside = [s for s in texts_near(sc, x, y, R) if s[0] not in "hy"]
        assert len(inside) == 1
        shown.append(inside[0])
    return shown


# -- dimmer-game ---------------------------------------------------------------------

def test_dimmer_can_be_won_and_says_so():
    g = set_all(DimmerGame(), x1=True, x2=True, w1=0.6, w2=0.18)
    assert g.won
    assert g.status() == "Bulb 0.78, target 0.80: within 0.10, you win!"


def test_dimmer_says_how_far_off_before_the_win():
    g = set_all(DimmerGame(), x1=True, w1=0.3)
    assert not g.won
    assert g.status() == "Bulb 0.30, target 0.80: 0.50 too dark."
    set_all(g, x2=True, w2=0.9)
    assert g.status() == "Bulb 1.00, target 0.80: 0.20 too bright."


def test_dimmer_exactly_at_the_tolerance_counts():
    # 0.6 + 0.1 is 0.7 on paper, 0.1 from the target 0.8: a hit, whatever floats say.
    assert set_all(DimmerGame(), x1=True, x2=True, w1=0.6, w2=0.1).won
    assert not set_all(DimmerGame(), x1=True, w1=0.69).won


@pytest.mark.parametrize("tolerance", [0.01, 0.1, 0.3])
def test_dimmer_start_never_wins(tolerance):
    for target in [*np.linspace(0.05, 0.95, 19), 0.49, 0.5, 0.51]:
        g = DimmerGame({"target": float(target), "tolerance": tolerance})
        assert not g.won, (target, tolerance)
        assert "win" not in g.status()


def test_dimmer_random_play_rarely_wins():
    # On paper: both switches on (1/4) wins 16% of the time, one switch on (1/2) wins 20%:
    # 14% in all. 200 seeded draws give 17.5%.
    rng = np.random.default_rng(0)
    wins = 0
    for _ in range(200):
        g = set_all(DimmerGame(), x1=bool(rng.integers(2)), x2=bool(rng.integers(2)),
                    w1=float(rng.uniform(0, 1)), w2=float(rng.uniform(0, 1)))
        wins += g.won
    assert wins / 200 < 0.3


@pytest.mark.parametrize("inputs, bulb, equation", [
    (dict(x1=True, w1=0.63), "0.63", "0.63·1 + 0.50·0 = 0.63"),
    (dict(x1=True, x2=True, w1=0.45, w2=0.38), "0.83", "0.45·1 + 0.38·1 = 0.83"),
    (dict(x1=True, x2=True, w1=0.9, w2=0.8), "1.00", "0.90·1 + 0.80·1 = 1.70 → 1.00 (full)"),
])
def test_dimmer_bulb_shows_the_weighted_sum(inputs, bulb, equation):
    sc = set_all(DimmerGame(), **inputs).scene()
    assert texts_near(sc, BULB_X, BULB_Y, 1) == [bulb]
    assert equation in [it["s"] for it in texts(sc)]
    assert bulb in sc["label"]


# -- neuron-gate ---------------------------------------------------------------------

SOLUTIONS = {"AND": (6, 6, -9), "OR": (6, 6, -3), "NAND": (-6, -6, 9), "NOR": (-6, -6, 3)}


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_can_be_won_and_says_so(gate):
    w1, w2, b = SOLUTIONS[gate]
    g = set_all(NeuronGate(), gate=gate, w1=w1, w2=w2, b=b)
    assert g.won
    assert g.status().startswith(f"{gate} solved") and "You win!" in g.status()


@pytest.mark.parametrize("gate", list(GATES))
@pytest.mark.parametrize("margin", [0.05, 0.1, 0.4])
def test_gate_start_never_wins(gate, margin):
    g = NeuronGate({"gate": gate, "margin": margin})
    assert not g.won
    assert g.status() == f"{gate}: 0 of 4 rows right; still off: (0, 0), (0, 1), (1, 0), (1, 1)."


def test_switching_gate_keeps_the_weights():
    g = set_all(NeuronGate(), gate="OR", w1=6, w2=6, b=-3)
    assert g.won
    g.on_input("gate", "NAND")
    assert not g.won
    values = {c["id"]: c["value"] for c in g.controls()}
    assert values == {"gate": "NAND", "w1": 6.0, "w2": 6.0, "b": -3.0}
    assert "still off" in g.status()


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_random_weights_rarely_win(gate):
    rng = np.random.default_rng(1)
    wins = sum(set_all(NeuronGate({"gate": gate}), w1=float(rng.uniform(-10, 10)),
                       w2=float(rng.uniform(-10, 10)), b=float(rng.uniform(-10, 10))).won
               for _ in range(200))
    assert wins / 200 < 0.05  # measured: 0 to 2 wins in 200


def test_gate_table_shows_the_neuron_outputs():
    g = set_all(NeuronGate(), w1=2, w2=-1, b=0.5)
    sc = g.scene()
    # z = 2·x1 - 1·x2 + 0.5 on rows 00, 01, 10, 11; y = 1 / (1 + e^-z)
    expected_z = ["0.5", "−0.5", "2.5", "1.5"]   # the true minus sign
    expected_y = ["0.622", "0.378", "0.924", "0.818"]   # sigmoid(0.5) = 0.6225, ...
    for r in range(4):
        assert texts_near(sc, COLS["z"], ROW_Y[r], 1) == [expected_z[r]]
        assert texts_near(sc, COLS["y"], ROW_Y[r], 1) == [expected_y[r]]
    # AND wants 0, 0, 0, 1: no row is close enough (the last needs >= 0.90, not 0.818).
    marks = [texts_near(sc, COLS["mark"], y, 1)[0] for y in ROW_Y]
    assert marks == ["✗", "✗", "✗", "✗"]
    set_all(g, w1=3, w2=3, b=-4.5)   # rows: sigmoid(-4.5) = 0.011, sigmoid(-1.5), sigmoid(1.5)
    marks = [texts_near(g.scene(), COLS["mark"], y, 1)[0] for y in ROW_Y]
    assert marks == ["✓", "✗", "✗", "✗"]
    assert g.status() == "AND: 1 of 4 rows right; still off: (0, 1), (1, 0), (1, 1)."


# -- forward-pass --------------------------------------------------------------------

def hand_forward(x1, x2):
    """The default network, written out: W1 = [[2.0, -1.5, 0.6], [0.5, 1.8, -2.2]],
    b1 = [-1.0, 0.3, 0.8], W2 = [2.4, -1.8, 1.5], b2 = -0.6."""
    h1 = sigmoid(2.0 * x1 + 0.5 * x2 - 1.0)
    h2 = sigmoid(-1.5 * x1 + 1.8 * x2 + 0.3)
    h3 = sigmoid(0.6 * x1 - 2.2 * x2 + 0.8)
    return [h1, h2, h3], sigmoid(2.4 * h1 - 1.8 * h2 + 1.5 * h3 - 0.6)


def test_forward_compute_matches_hand_computation():
    f = ForwardPass()
    h, y = f.compute()
    hand_h, hand_y = hand_forward(0.5, 1.0)
    assert np.allclose(h, hand_h) and math.isclose(y, hand_y)


def test_forward_shows_every_weight_on_its_connection():
    sc = ForwardPass().scene()
    W1 = [[2.0, -1.5, 0.6], [0.5, 1.8, -2.2]]
    W2 = [2.4, -1.8, 1.5]
    connections = [(INPUT_XY[i], HIDDEN_XY[j], W1[i][j]) for i in range(2) for j in range(3)]
    connections += [(HIDDEN_XY[j], OUTPUT_XY, W2[j]) for j in range(3)]
    for a, b, w in connections:
        on_line = [it["s"] for it in texts(sc) if distance_to_segment((it["x"], it["y"]), a, b) < 1
                   and math.hypot(it["x"] - a[0], it["y"] - a[1]) > R
                   and math.hypot(it["x"] - b[0], it["y"] - b[1]) > R]
        assert on_line == [f"{w:.1f}".replace("-", "−")], (a, b)


def test_forward_play_lights_neurons_in_order():
    f = ForwardPass()
    assert neuron_values(f) == ["?"] * 4
    f.on_click("play")
    assert f.animating
    (h1, h2, h3), y = hand_forward(0.5, 1.0)
    seen, clock, times = [neuron_values(f)], 0.0, []
    while f.animating:
        f.tick(0.05)
        clock += 0.05
        if neuron_values(f) != seen[-1]:
            seen.append(neuron_values(f))
            times.append(clock)
    assert seen == [["0.62", "?", "?", "?"], ["0.62", "0.79", "?", "?"],
                    ["0.62", "0.79", "0.25", "?"], ["0.62", "0.79", "0.25", "0.46"]]
    assert [f"{h1:.2f}", f"{h2:.2f}", f"{h3:.2f}", f"{y:.2f}"] == seen[-1]
    assert np.allclose(np.diff([0, *times]), 0.6, atol=0.051)
    assert f.status() == "Output: sigmoid(2.4·0.62 − 1.8·0.79 + 1.5·0.25 − 0.6) = 0.46"
    f.tick(1.0)
    assert not f.animating and neuron_values(f) == seen[-1]


def test_forward_step_explains_each_neuron():
    f = ForwardPass()
    statuses = []
    for _ in range(4):
        f.on_click("step")
        statuses.append(f.status())
        assert not f.animating
    assert statuses == [
        "Hidden neuron 1: sigmoid(2.0·0.50 + 0.5·1.00 − 1.0) = 0.62",
        "Hidden neuron 2: sigmoid(−1.5·0.50 + 1.8·1.00 + 0.3) = 0.79",
        "Hidden neuron 3: sigmoid(0.6·0.50 − 2.2·1.00 + 0.8) = 0.25",
        "Output: sigmoid(2.4·0.62 − 1.8·0.79 + 1.5·0.25 − 0.6) = 0.46"]
    f.on_click("reset")
    assert neuron_values(f) == ["?"] * 4


def test_forward_reduced_motion_shows_all_at_once():
    f = ForwardPass()
    f.reduced_motion = True
    f.on_click("play")
    assert not f.animating
    assert neuron_values(f) == ["0.62", "0.79", "0.25", "0.46"]


def test_forward_new_input_clears_then_replay_recomputes():
    f = ForwardPass()
    f.reduced_motion = True
    f.on_click("play")
    f.on_input("x1", 0.0)
    assert neuron_values(f) == ["?"] * 4
    assert f.status() == ("x₁ is now 0.00, so the old values are hidden. "
                          "Press Play or Step to compute them again.")
    f.on_click("play")
    f.on_input("x1", 0.0)   # the same value again (e.g. a slider let go): nothing to hide
    assert neuron_values(f) != ["?"] * 4
    (h1, h2, h3), y = hand_forward(0.0, 1.0)   # 0.38, 0.89, 0.20, then 0.27
    assert neuron_values(f) == [f"{v:.2f}" for v in (h1, h2, h3, y)] == ["0.38", "0.89", "0.20", "0.27"]


def test_forward_other_seeds_draw_one_decimal_weights():
    a, b, c = ForwardPass({"seed": 7}), ForwardPass({"seed": 7}), ForwardPass({"seed": 8})
    assert np.array_equal(a.W1, b.W1) and not np.array_equal(a.W1, c.W1)
    for w in [*a.W1.ravel(), *a.b1, *a.W2, a.b2]:
        assert round(w, 1) == w
    h, y = a.compute()
    manual = [sigmoid(a.W1[0, j] * 0.5 + a.W1[1, j] * 1.0 + a.b1[j]) for j in range(3)]
    assert np.allclose(h, manual)
    assert math.isclose(y, sigmoid(sum(a.W2[j] * manual[j] for j in range(3)) + a.b2))


# -- all three -----------------------------------------------------------------------

def states(cls):
    """A few states of each widget, as a learner would reach them."""
    yield cls()
    if cls is DimmerGame:
        yield set_all(cls(), x1=True, x2=True, w1=1.0, w2=1.0)
        yield set_all(cls({"target": 0.05, "tolerance": 0.3}), w1=0.0)
    elif cls is NeuronGate:
        yield set_all(cls(), w1=-10, w2=-10, b=-10)
        yield set_all(cls({"gate": "NOR"}), w1=10, w2=10, b=10)
    else:
        f = cls({"seed": 999})
        f.on_click("step")
        yield f
        f.on_click("play")
        yield f


ALL = [DimmerGame, NeuronGate, ForwardPass]


@pytest.mark.parametrize("cls", ALL)
def test_views_are_json_and_every_control_is_accepted(cls):
    for w in states(cls):
        json.dumps(w.view(), allow_nan=False)
        press_every_control(w)
        for _ in range(30):
            w.tick(0.1)
        assert not w.animating


@pytest.mark.parametrize("cls", ALL)
def test_scenes_keep_text_readable_and_apart(cls):
    for w in states(cls):
        sc = w.scene()
        assert sc["w"] == 440 and 240 <= sc["h"] <= 350 and sc["label"].endswith(".")
        assert_text_readable_and_apart(sc)


def test_registry_finds_the_three():
    found = registry()
    assert found["dimmer-game"] is DimmerGame
    assert found["neuron-gate"] is NeuronGate
    assert found["forward-pass"] is ForwardPass
    assert DimmerGame.challenge and NeuronGate.challenge and not ForwardPass.challenge


@pytest.mark.parametrize("cls, config, key", [
    (DimmerGame, {"bogus": 1}, "bogus"),
    (DimmerGame, {"target": 1.5}, "target"),
    (DimmerGame, {"tolerance": 0}, "tolerance"),
    (NeuronGate, {"gate": "XOR"}, "gate"),
    (NeuronGate, {"margin": 0.5}, "margin"),
    (ForwardPass, {"seed": 1000}, "seed"),
])
def test_bad_config_names_the_key(cls, config, key):
    with pytest.raises(ValueError, match=key):
        cls(config)


# -- links restore what the learner set ------------------------------------------------

@pytest.mark.parametrize("cls, moves", [
    (DimmerGame, dict(x1=True, w1=0.63, w2=0.2)),
    (NeuronGate, dict(gate="NOR", w1=-6, w2=-6, b=3)),
    (ForwardPass, dict(x1=0.0, x2=0.35)),
])
def test_a_link_restores_the_switches_sliders_and_gate(cls, moves):
    w = set_all(cls.open({}, {}), **moves)
    link = w.share()
    assert set(link) == set(moves)                        # each move is in the link, as text
    again = cls.open({}, link)
    assert {k: again.state[k] for k in moves} == {k: w.state[k] for k in moves}
    assert again.scene()["label"] == w.scene()["label"]


def test_dimmer_switches_start_far_from_the_target_and_a_link_keeps_them():
    low = DimmerGame({"target": 0.3})
    assert low.x == [1, 1] and low.share() == {}          # on, bulb 1.00: far from 0.30
    set_all(low, x1=False, x2=False)
    assert low.share() == {"x1": "false", "x2": "false"}
    assert DimmerGame.open({"target": 0.3}, low.share()).x == [0, 0]
    # The build passes every setting, filled in: the same start.
    from kit.settings import validate
    full, _ = validate(DimmerGame.settings, {"target": 0.3})
    assert DimmerGame(full).x == [1, 1] and DimmerGame(full).share() == {}


# -- no text contradicts the number behind it ------------------------------------------

DIMMER_STATUS = re.compile(r"Bulb (\S+), target (\S+): (?:within (\S+), you win!|(\S+) too (dark|bright)\.)")


@pytest.mark.parametrize("target, tolerance", [(0.8, 0.1), (0.805, 0.1), (0.5, 0.125), (0.8051, 0.1049),
                                               (0.05, 0.01), (0.95, 0.3), (0.333, 0.015)])
def test_dimmer_text_never_contradicts_the_numbers_it_shows(target, tolerance):
    seen = set()
    for x1, x2 in itertools.product((True, False), repeat=2):
        for w1 in np.linspace(0, 1, 101):
            g = set_all(DimmerGame({"target": target, "tolerance": tolerance}),
                        x1=x1, x2=x2, w1=float(w1), w2=0.37)
            m = DIMMER_STATUS.fullmatch(g.status())
            b, t = float(m[1]), float(m[2])
            tol = float(re.search(r"give or take (\S+)\.", g.scene()["label"])[1])
            assert abs(t - target) <= 0.0005 and abs(tol - tolerance) <= 0.0005
            if m[3]:
                assert g.won and float(m[3]) == tol and abs(b - t) <= tol + 1e-9
            else:
                off = float(m[4])
                assert not g.won and abs(b - t) > tol + 1e-9, g.status()
                assert off == round(abs(b - t), len(m[4]) - 2) and (m[5] == "dark") == (b < t)
            seen.add(bool(m[3]))
    assert seen == {True, False}


def gate_cases():
    """(margin, b) pairs: margins an author may give, and margins that put the output
    sigmoid(b) of the bias slider (weights 0: every row) right at a threshold."""
    for b in np.arange(-40, 41, 2) / 10:
        y = sigmoid(b)
        near = {round(edge, 3) + extra for edge in (1 - y, y) for extra in (0, 0.0004, -0.0004)}
        for margin in sorted({0.04, 0.1, 0.123, 0.1234, 0.4} | near):
            if 0.04 <= margin <= 0.4:
                yield margin, float(b)


def test_gate_marks_never_contradict_the_numbers_shown():
    checked = 0
    for margin, b in gate_cases():
        g = set_all(NeuronGate({"margin": margin}), b=b)
        for gate in GATES:
            g.on_input("gate", gate)
            sc = g.scene()
            rights = 0
            for r, ry in enumerate(ROW_Y):
                y = float(texts_near(sc, COLS["y"], ry, 1)[0])
                want = re.fullmatch(r"([01]) \((≥|≤) (\S+)\)", texts_near(sc, COLS["want"], ry, 1)[0])
                ok = y >= float(want[3]) if want[2] == "≥" else y <= float(want[3])
                assert texts_near(sc, COLS["mark"], ry, 1) == ["✓" if ok else "✗"], (margin, b, gate, r)
                rights += ok
                checked += 1
            assert g.status().startswith(f"{gate} solved" if rights == 4 else f"{gate}: {rights} of 4")
    assert checked > 1000


def test_no_hyphen_minus_before_a_number_on_screen():
    states = [set_all(NeuronGate(), w1=-2.5, w2=-0.1, b=-3), set_all(ForwardPass({"seed": 5}), x1=0.0),
              set_all(DimmerGame(), x1=True)]
    for w in states:
        for c in ("play", "step", "step", "step"):
            w.on_click(c)
            words = [it["s"] for it in texts(w.scene())] + [w.status(), w.scene()["label"]]
            assert not any(re.search(r"(^|[\s(=])-\d", s) for s in words), words
