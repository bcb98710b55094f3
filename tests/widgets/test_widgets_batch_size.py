"""batch-size: three SGD paths on a real least-squares bowl; all reduce the loss, and the
one-example path's steps are the noisiest; gradients and losses recomputed here by hand."""
import json

import numpy as np
import pytest

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.batch_size import MAX_STEPS, N_POINTS, START, BatchSize


def mse(p, x, t):
    return float(np.mean((p[0] * x + p[1] - t) ** 2))


def full_gradient(p, x, t):
    e = p[0] * x + p[1] - t
    return np.array([2 * np.mean(e * x), 2 * np.mean(e)])


def rolled(**config):
    w = BatchSize(config)
    w.reduced_motion = True
    w.on_click("play")
    return w


def test_registered():
    assert registry()["batch-size"] is BatchSize


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("batch", [2, 4, 8])
def test_all_three_go_downhill_and_one_example_is_noisiest(seed, batch):
    w = rolled(seed=seed, batch=batch)
    x, t = w.fit.x, w.fit.t
    start = mse(np.array(START), x, t)
    best = mse(np.polyfit(x, t, 1), x, t)
    variances = []
    for r in w.rollers:
        path = np.array(r.points)
        assert len(path) == MAX_STEPS + 1
        assert mse(path[-1], x, t) < start / 5              # each heads downhill ...
        assert mse(path[-1], x, t) < best + 0.2             # ... to near the bottom of the bowl
        steps = np.diff(path, axis=0)
        expected = np.array([-w.state["lr"] * full_gradient(p, x, t) for p in path[:-1]])
        variances.append(np.mean(np.sum((steps - expected) ** 2, axis=1)))
    full, mini, one = variances
    assert full < 1e-20 < mini < one
    # the widget's own noise figures order the same way
    noise = [w.mean_noise(r) for r in w.rollers]
    assert noise[0] == 0 and noise[1] < noise[2]


def test_the_full_batch_path_is_plain_gradient_descent_by_hand():
    w = rolled(lr=0.15)
    p = np.array(START, dtype=float)
    for q in w.rollers[0].points[1:]:
        p = p - 0.15 * full_gradient(p, w.fit.x, w.fit.t)
        assert np.allclose(q, p)


def test_batches_cover_every_example_once_per_epoch():
    w = BatchSize({"batch": 6})
    r = w.rollers[1]
    seen = [r.next_batch() for _ in range(N_POINTS // 6)]
    assert sorted(np.concatenate(seen).tolist()) == list(range(N_POINTS))
    assert all(len(b) == 6 for b in seen)


def test_losses_on_screen_are_the_full_data_losses():
    w = BatchSize()
    for _ in range(7):
        w.on_click("step")
    texts = [it["s"] for it in w.scene()["items"] if it["t"] == "text"]
    for r in w.rollers:
        assert f"{mse(r.points[-1], w.fit.x, w.fit.t):.3f}" in texts


@pytest.mark.parametrize("width", [640, 390])
def test_text_readable_at_every_step(width):
    w = BatchSize({"batch": 12})
    w.on_resize(width)
    assert_text_readable_and_apart(w.view()["scene"])
    w.on_click("play")
    while w.animating:
        w.tick(0.1)
        view = w.view()
        assert_text_readable_and_apart(view["scene"])
    json.dumps(w.view(), allow_nan=False)


def test_every_control_keeps_a_valid_view():
    press_every_control(BatchSize())
