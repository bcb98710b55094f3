"""saddle: with momentum 0 the dot stalls near the saddle for the goal's steps; with 0.9 it
escapes into a valley in time; the path is the heavy-ball iteration written by hand."""
import json

import numpy as np
import pytest

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.saddle import GOAL, MAX_STEPS, START, Saddle


def rolled(beta, steps=MAX_STEPS):
    w = Saddle({"beta": beta})
    for _ in range(steps):
        w.on_click("step")
    return w


def by_hand(beta, steps, lr=0.1, c=0.3):
    """v <- beta v + grad f;  p <- p - lr v, for f = c (x^4/4 - x^2/2) + y^2/2."""
    p, v, path = np.array(START, dtype=float), np.zeros(2), [np.array(START)]
    for _ in range(steps):
        x, y = p
        v = beta * v + np.array([c * (x**3 - x), y])
        p = p - lr * v
        path.append(p)
    return np.array(path)


def test_registered_as_a_challenge():
    assert registry()["saddle"] is Saddle and Saddle.challenge


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_path_is_the_heavy_ball_by_hand(beta):
    assert np.allclose(rolled(beta, 80).points, by_hand(beta, 80))


def test_momentum_zero_stalls_near_the_saddle_for_the_goals_steps():
    w = rolled(0.0, GOAL)
    path = by_hand(0.0, GOAL)
    # the last 40 % of the goal's steps are all spent within 0.12 of the saddle, crawling
    late = slice(int(0.6 * GOAL), GOAL + 1)
    assert np.all(np.linalg.norm(path[late], axis=1) < 0.12)
    assert np.all(np.linalg.norm(w.points[late], axis=1) < 0.12)
    assert np.linalg.norm(np.diff(path[late], axis=0), axis=1).max() < 0.01
    assert w.escaped is None and not w.won


def test_momentum_point_nine_escapes_within_the_goal_and_wins():
    w = rolled(0.9)
    path = by_hand(0.9, MAX_STEPS)
    first = int(np.argmax(np.min(np.linalg.norm(path[:, None] - np.array([[-1, 0], [1, 0]]), axis=2),
                                 axis=1) < 0.2))
    assert w.escaped == first <= GOAL and w.won and "You win" in w.status()


def test_win_not_met_at_the_start_nor_by_momentum_zero():
    w = Saddle()
    assert not w.won
    w.reduced_motion = True
    w.on_click("play")
    assert not w.won and w.steps == MAX_STEPS
    w.on_input("beta", 0.9)           # a new momentum starts a new roll
    assert w.steps == 0 and not w.won
    w.on_click("play")
    assert w.won


def test_the_goal_is_not_met_by_random_momentum_below_a_half():
    for beta in np.random.default_rng(0).uniform(0, 0.5, 5):
        assert not rolled(round(beta, 2)).won


@pytest.mark.parametrize("width", [640, 390])
@pytest.mark.parametrize("beta", [0.0, 0.9, 0.99])
def test_text_readable_at_every_step(width, beta):
    w = Saddle({"beta": beta})
    w.on_resize(width)
    assert_text_readable_and_apart(w.view()["scene"])
    w.on_click("play")
    while w.animating:
        w.tick(0.1)
        view = w.view()
        assert_text_readable_and_apart(view["scene"])
    assert_text_readable_and_apart(w.view()["scene"])
    json.dumps(w.view(), allow_nan=False)


def test_every_control_keeps_a_valid_view():
    press_every_control(Saddle())
