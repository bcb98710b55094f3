"""Level 2 widgets: layers, xor and init-race, checked against hand computations
and through the same handlers the page calls."""
import json
import math
import re

import numpy as np
import pytest

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.init_race import EPOCHS, InitRace
from widgets.layers import GRID, Layers, make_network
from widgets._xor_cuts import handles
from widgets.xor import LABELS, POINTS, Xor


def texts(scene):
    return [it for it in scene["items"] if it["t"] == "text"]


def texts_near(scene, x, y, radius):
    return [it["s"] for it in texts(scene) if math.hypot(it["x"] - x, it["y"] - y) <= radius]


def set_all(widget, **values):
    for key, value in values.items():
        widget.on_input(key, value)
    return widget


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# -- layers ----------------------------------------------------------------------------

def fired(hidden=3, seed=0, x1=0.5, x2=0.5):
    w = Layers({"hidden": hidden, "seed": seed})
    w.reduced_motion = True
    set_all(w, x1=x1, x2=x2)
    w.on_click("fire")
    return w


@pytest.mark.parametrize("hidden", range(1, 7))
def test_layers_numbers_drawn_are_the_hand_computed_network(hidden):
    w = fired(hidden, x1=0.8, x2=0.15)
    weights = w.net.get_weights()
    W1, b1, W2, b2 = (weights[k] for k in ("W1", "b1", "W2", "b2"))
    h = sigmoid(np.array([0.8, 0.15]) @ W1 + b1)       # by hand: weigh, add the bias, squash
    y = sigmoid(h @ W2[:, 0] + b2[0])
    sc = w.scene()
    ins, hids, out = w.positions()
    assert [texts_near(sc, x, y0, 3) for x, y0 in hids] == [[f"{v:.2f}"] for v in h]
    assert texts_near(sc, out[0], out[1] + 8, 1) == [f"{y:.2f}"]
    assert f"output y = {y:.2f}" in sc["label"]
    for (hx, hy), w2 in zip(hids, W2[:, 0]):      # each output weight is written on its connection
        tag = (hx + 0.36 * (out[0] - hx), hy + 0.36 * (out[1] - hy))
        assert texts_near(sc, *tag, 1) == [f"{w2:.1f}".replace("-", "−")]


def test_layers_values_appear_layer_by_layer_when_fired():
    w = Layers()
    sc = w.scene()
    _, hids, out = w.positions()
    assert all(texts_near(sc, x, y, 3) == ["?"] for x, y in hids)
    w.on_click("fire")
    assert w.animating and "input layer" in w.status()
    seen = []
    for _ in range(40):
        w.tick(0.1)
        sc = w.scene()
        state = (texts_near(sc, *hids[0], 3)[0] != "?", texts_near(sc, out[0], out[1] + 8, 1)[0] != "?")
        if not seen or seen[-1] != state:
            seen.append(state)
    assert seen == [(False, False), (True, False), (True, True)]
    assert not w.animating


@pytest.mark.parametrize("seed", range(10))
def test_layers_start_never_wins_for_any_size(seed):
    for hidden in range(1, 7):
        w = fired(hidden, seed)
        assert not w.won and "below the firing line" in w.status()


def test_layers_every_seed_and_size_starts_below_and_can_fire():
    # The whole declared range: for each network, the start is below the line and some
    # slider setting shows an output above 0.50.
    for seed in range(1000):
        for hidden in range(1, 7):
            net = make_network(hidden, seed)
            assert net.forward(np.array([[0.5, 0.5]]))[0, 0] < 0.45
            assert np.mean(np.round(net.forward(GRID), 2) > 0.5) >= 0.05, (seed, hidden)


def test_layers_a_winning_setting_exists_and_turns_the_output_gold():
    w = fired(3, x1=1.0, x2=0.0)
    assert w.won
    assert w.status() == "Output 0.71, above the firing line 0.5: the output neuron fires. You win!"
    _, _, (ox, oy) = w.positions()
    assert any(it["t"] == "circle" and it["fill"] == "gold" and (it["x"], it["y"]) == (ox, oy)
               for it in w.scene()["items"])
    w.on_input("x2", 0.05)    # a new input hides the old answer: fire again to win again
    assert not w.won


@pytest.mark.parametrize("seed", range(5))
def test_layers_every_size_can_win_but_random_settings_mostly_do_not(seed):
    grid = np.round(np.linspace(0, 1, 21), 2)
    for hidden in range(1, 7):
        w = fired(hidden, seed)      # one widget, moved through the grid as a learner would
        wins = [set_all(w, x1=a, x2=b).on_click("fire") or w.won for a in grid for b in grid]
        assert 0.1 < np.mean(wins) < 0.4, (hidden, np.mean(wins))   # by design about a quarter


def test_layers_the_win_is_what_the_learner_reads():
    # An output that shows as 0.50 is not above the line, whatever its third digit.
    w = fired(3)
    for y in (0.5049, 0.4951):
        assert not w.fires(y)
    assert w.fires(0.5051)


def test_layers_size_change_gives_fixed_new_weights():
    a = set_all(Layers(), hidden=5)
    b = Layers({"hidden": 5})
    assert np.array_equal(a.net.layers[0].W, b.net.layers[0].W)
    assert a.net.sizes == [2, 5, 1] and a.revealed == 0
    assert {c["id"]: c.get("value") for c in a.controls()}["hidden"] == 5


# -- xor -------------------------------------------------------------------------------

def cut_by_hand(angle, offset, points=POINTS):
    """Which side of the line each point is on: n · (x - c) > offset."""
    n = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
    return (points - 0.5) @ n - offset


def test_xor_no_single_line_gets_all_four():
    w = Xor()
    best = 0
    for angle in range(0, 360, 3):
        w.on_input("angle", angle)
        for offset in np.round(np.arange(-1, 1.001, 0.02), 2):
            w.on_input("offset", float(offset))
            n = w.correct()
            best = max(best, n)
            side = cut_by_hand(angle, offset)
            if np.abs(side).min() > 1e-9:   # (a point exactly on the line may fall either way)
                assert n == ((side > 0).astype(int) == LABELS).sum(), (angle, offset)
    assert best == 3
    assert not w.won


def test_xor_starts_unsolved_in_both_modes():
    w = Xor()
    assert w.correct() == 2 and not w.won
    assert w.status() == "One line, no hidden layer: 2 of 4 points right."
    w.on_input("hidden", True)
    assert w.correct() == 1 and not w.won
    assert Xor({"hidden": True}).correct() == 1


def band(w):
    """Set cut 1 to x1 + x2 > 0.5 and cut 2 to x1 + x2 < 1.5: a band around the 1s."""
    set_all(w, angle=45, offset=-0.35)
    w.on_click("switch")
    return set_all(w, angle=225, offset=-0.35)


def test_xor_hidden_layer_wins_with_two_cuts():
    w = Xor()
    w.on_input("hidden", True)
    band(w)
    assert w.correct() == 4 and w.won
    assert w.status() == "4 of 4 points right: two cuts and a squash solve XOR. You win!"
    # By hand: two steep sigmoid neurons, then an output that fires only when both do.
    h = sigmoid(12 * np.column_stack([cut_by_hand(45, -0.35), cut_by_hand(225, -0.35)]))
    y = sigmoid(10 * h.sum(axis=1) - 15)
    assert np.array_equal((y >= 0.5).astype(int), LABELS)


def test_xor_without_the_squash_two_cuts_collapse_to_one_line():
    w = band(Xor({"hidden": True}))
    w.on_input("squash", False)
    assert w.correct() < 4 and not w.won
    rng = np.random.default_rng(0)
    for _ in range(300):       # no pair of cuts wins once the hidden layer is linear
        w.cuts = [[int(rng.integers(360)), float(rng.uniform(-1, 1))] for _ in range(2)]
        assert w.correct() <= 3
    assert "one straight line" in w.status()


def test_xor_keys_turn_and_shift_the_active_line():
    w = Xor({"hidden": True})
    w.on_key("ArrowLeft")
    w.on_key("ArrowUp")
    assert w.cuts[0] == [5, 0.2]
    w.on_key(" ")
    w.on_key("ArrowRight")
    w.on_key("ArrowDown")
    assert w.cuts == [[5, 0.2], [85, -0.3]]
    w.on_input("hidden", False)
    buttons = {c["id"]: c["disabled"] for c in w.controls() if c["kind"] == "button"}
    assert w.active == 0 and buttons == {"switch": True}


def test_xor_pointer_drags_and_turns_a_line():
    w = Xor()
    x, y = w.to_scene(0.65, 0.0)           # on the starting line x1 = 0.65
    w.on_pointer("down", x + 2, y)
    w.on_pointer("move", *w.to_scene(0.3, 0.0))
    w.on_pointer("up", 0, 0)
    assert w.cuts[0] == [0, -0.21]          # the line followed the pointer (2 px of grab kept)
    w = Xor()
    w.on_pointer("down", *w.to_scene(0.65, 1.05))      # the rotation handle, above the pivot (0.65, 0.5)
    w.on_pointer("move", *w.to_scene(0.1, 0.5))        # swung a quarter turn to the left
    w.on_pointer("up", 0, 0)
    assert w.cuts[0] == [90, 0.0]                       # now x2 > 0.5 ...
    assert abs(cut_by_hand(*w.cuts[0], np.array([[0.65, 0.5]]))[0]) < 1e-9   # ... still through the pivot


def test_xor_pointer_wins_through_the_canvas():
    w = Xor({"hidden": True})
    # Turn cut 1 by its handle to 45°, then drag it to x1 + x2 = 0.5; same for cut 2 at 225°.
    for i, (angle, offset) in enumerate(((45, -0.35), (225, -0.35))):
        w.active = i
        w.on_input("angle", angle)
        pivot = 0.5 + w.cuts[i][1] * np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
        w.on_pointer("down", *w.to_scene(*pivot))
        target = pivot + (offset - w.cuts[i][1]) * np.array([math.cos(math.radians(angle)),
                                                             math.sin(math.radians(angle))])
        w.on_pointer("move", *w.to_scene(*target))
        w.on_pointer("up", 0, 0)
    assert w.won, w.cuts


# -- init-race -------------------------------------------------------------------------

def raced(seed=0, dt=1 / 60):
    w = InitRace({"seed": seed})
    w.on_click("train")
    ticks = 0
    while w.animating:
        w.tick(dt)
        ticks += 1
        assert ticks <= 205
    return w, ticks


def test_init_race_finishes_and_the_balanced_start_wins():
    w, ticks = raced()
    assert 195 <= ticks <= 201 and w.epoch == EPOCHS and not w.animating   # 60 epochs a second
    assert raced(dt=0.1)[1] == 34                  # a slow page: at most 6 epochs a tick
    zeros, large, balanced = (r.losses[-1] for r in w.racers)
    assert balanced < 0.5 * large and balanced < 0.5 * zeros
    assert w.status().startswith(f"After {EPOCHS} epochs the balanced start reached the lowest loss.")
    w.tick(1 / 60)
    assert w.epoch == EPOCHS   # nothing trains after the end


def test_init_race_zero_start_keeps_identical_hidden_units():
    w, _ = raced()
    zero_net = w.racers[0].net
    for layer in zero_net.layers[:-1]:           # every column (one per hidden neuron) is equal
        assert all(np.array_equal(layer.W[:, j], layer.W[:, 0]) for j in range(layer.W.shape[1]))
        assert np.all(layer.b == layer.b[0])
    assert np.allclose(w.racers[0].losses, math.log(2), atol=0.002)     # stuck at "no idea"
    assert [r.identical() for r in w.racers] == [True, False, False]
    column = w.lay["cols"][2]   # the table's "units identical" column, one row per start
    assert [texts_near(w.scene(), column, y, 1) for y in (270, 296, 322)] == [["yes"], ["no"], ["no"]]


@pytest.mark.parametrize("seed", range(10))
def test_init_race_every_seed_on_the_slider_tells_the_same_story(seed):
    w = InitRace({"seed": seed})
    w.train(EPOCHS)
    zeros, large, balanced = (r.losses[-1] for r in w.racers)
    assert balanced < 0.05 and large > 0.15 and zeros > 0.69
    assert max(w.racers[1].losses[:3]) > 1.5     # the too-large start begins far off


def test_init_race_reduced_motion_reset_and_seed():
    w = InitRace()
    w.reduced_motion = True
    w.on_click("train")
    assert not w.animating and w.epoch == EPOCHS
    curve = [it for it in w.scene()["items"] if it["t"] == "path"]
    assert [len(c["pts"]) for c in curve] == [EPOCHS + 1] * 3
    w.on_click("reset")
    assert w.epoch == 0 and not any(it["t"] == "path" for it in w.scene()["items"])
    before = w.racers[2].losses[0]
    w.on_input("seed", 4)
    assert w.seed == 4 and w.racers[2].losses[0] != before and w.share() == {"seed": "4"}


# -- all three -------------------------------------------------------------------------

def states(cls):
    for width in (640, 375):
        w = cls()
        w.on_resize(width)
        yield w
        if cls is Layers:
            for hidden in (1, 6):
                w = fired(hidden, x1=1.0, x2=0.0)
                w.on_resize(width)
                yield w
            w = Layers()
            w.on_resize(width)
            w.on_click("fire")
            w.tick(0.3)
            yield w
        elif cls is Xor:
            w = band(Xor({"hidden": True}))
            w.on_resize(width)
            yield w
            w.on_input("squash", False)
            yield w
        else:
            w.on_click("train")
            for _ in range(20):
                w.tick(0.1)
            yield w


ALL = [Layers, Xor, InitRace]


@pytest.mark.parametrize("cls", ALL)
def test_views_are_json_and_every_control_is_accepted(cls):
    for w in states(cls):
        json.dumps(w.view(), allow_nan=False)
        press_every_control(w)
        for _ in range(EPOCHS):
            w.tick(0.1)
        assert not w.animating


@pytest.mark.parametrize("cls", ALL)
def test_scenes_keep_text_readable_and_apart(cls):
    for w in states(cls):
        sc = w.scene()
        assert sc["w"] == (340 if w.width <= 420 else 440) and sc["label"].endswith(".")
        assert_text_readable_and_apart(sc)


def test_registry_finds_the_three():
    found = registry()
    assert found["layers"] is Layers and found["xor"] is Xor and found["init-race"] is InitRace
    assert Layers.challenge and Xor.challenge and not InitRace.challenge


@pytest.mark.parametrize("cls, config, key", [
    (Layers, {"hidden": 7}, "hidden"),
    (Layers, {"seed": -1}, "seed"),
    (Xor, {"squash": "yes"}, "squash"),
    (InitRace, {"seed": 10}, "seed"),
    (InitRace, {"epochs": 5}, "epochs"),
])
def test_bad_config_names_the_key(cls, config, key):
    with pytest.raises(ValueError, match=key):
        cls(config)


# -- links restore what the learner set ------------------------------------------------

def test_xor_link_restores_the_dragged_cuts_and_switches():
    w = Xor({"hidden": True})
    band(w)                                           # two cuts moved, the second one chosen
    w.on_pointer("down", *w.to_scene(*handles(*w.cuts[1])[0]))
    w.on_pointer("move", *w.to_scene(0.62, 0.7))      # and dragged by the mouse
    w.on_pointer("up", 0, 0)
    link = w.share()
    assert {"angles", "offsets", "active"} <= set(link)
    again = Xor.open({"hidden": True}, link)
    assert again.cuts == w.cuts and again.active == 1 and again.correct() == w.correct()
    assert again.scene()["label"] == w.scene()["label"]
    off = Xor.open({}, {"hidden": "false", "active": "1"})   # one line: no second cut to adjust
    assert off.active == 0


def test_layers_link_restores_size_and_inputs():
    w = set_all(Layers(), hidden=5, x1=1.0, x2=0.2)
    again = Layers.open({}, w.share())
    assert (again.hidden, again.x) == (5, [1.0, 0.2])
    assert np.array_equal(again.net.layers[0].W, w.net.layers[0].W)


# -- no text contradicts the number behind it ------------------------------------------

LAYERS_STATUS = re.compile(r"Output (\S+), (above|on|below) the firing line 0\.5[,:.].*")


def test_layers_text_never_contradicts_the_output_it_shows():
    # Search every network of three seeds for the inputs whose output lands near the line
    # (0.504 shows as 0.50: "on the firing line", not "below" and not a win).
    sides = []
    for seed in range(3):
        for hidden in range(1, 7):
            ys = make_network(hidden, seed).forward(GRID)[:, 0]
            near = np.flatnonzero(np.abs(ys - 0.5) < 0.012)
            w = fired(hidden, seed)
            for k in [*near, *range(0, len(GRID), 40)]:
                set_all(w, x1=float(GRID[k, 0]), x2=float(GRID[k, 1])).on_click("fire")
                m = LAYERS_STATUS.fullmatch(w.status())
                shown, side = float(m[1]), m[2]
                assert side == ("above" if shown > 0.5 else "on" if shown == 0.5 else "below"), w.status()
                assert w.won == (side == "above") and f"output y = {m[1]}, {side} the firing line" in w.scene()["label"]
                sides.append((side, round(float(ys[k]), 3) != shown))
    assert {side for side, _ in sides} == {"above", "on", "below"}
    assert ("on", True) in sides           # an output like 0.504, shown and judged as 0.50
