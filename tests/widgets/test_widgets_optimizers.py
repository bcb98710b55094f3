"""optimizers: the three racers are the engine's optimizers on a real surface; plain gradient
descent diverges just above 2/lambda_max and converges just below, lambda_max found independently."""
import json

import numpy as np
import pytest

from helpers import assert_text_readable_and_apart, press_every_control
from widgets import registry
from widgets.optimizers import MAX_STEPS, REACHED, Optimizers


def hessian_by_finite_differences(f, p, h=1e-4):
    H = np.zeros((2, 2))
    for i, ei in enumerate(np.eye(2) * h):
        for j, ej in enumerate(np.eye(2) * h):
            H[i, j] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej) + f(p - ei - ej)) / (4 * h * h)
    return H


def lam_max(widget):
    f = lambda q: float(widget.surface.value(q))
    return np.linalg.eigvalsh(hessian_by_finite_differences(f, widget.start_point())).max()


def run(widget):
    widget.reduced_motion = True
    widget.on_click("play")
    return widget


def texts(scene):
    return " | ".join(it["s"] for it in scene["items"] if it["t"] == "text").replace("\u00a0", " ")


def test_registered():
    assert registry()["optimizers"] is Optimizers


@pytest.mark.parametrize("start", [[0.08, 0.85], [0.9, 0.2], [0.5, 0.95]])
def test_sgd_diverges_just_above_two_over_lambda_max_and_converges_just_below(start):
    w = Optimizers({"start": start})
    limit = 2 / lam_max(w)
    assert np.isclose(limit, 0.2, rtol=1e-4)         # the valley's curvatures are 0.2 and 10
    above = run(Optimizers({"start": start, "lr": round(limit * 1.05, 3)}))
    below = run(Optimizers({"start": start, "lr": round(limit * 0.95, 3)}))
    sgd_above, sgd_below = above.racers[0], below.racers[0]
    assert sgd_above.diverged is not None and "SGD diverged" in above.status()
    assert sgd_below.diverged is None and sgd_below.reached is not None
    assert np.linalg.norm(sgd_below.points[-1]) < 1e-3
    assert "diverges" in above.status() and f"{limit:.3f}" in above.status()
    # the scene says why, with the numbers, and marks the path as diverged
    shown = texts(above.scene())
    assert f"2/λmax = 2/10.0 = {limit:.3f}" in shown and "diverged at step" in shown
    factor = abs(1 - above.state["lr"] * 10.0)
    assert f"{factor:.2f}" in shown


def test_just_above_the_limit_the_steep_component_grows_by_one_minus_lr_lambda():
    w = Optimizers({"lr": 0.21})
    H = hessian_by_finite_differences(lambda q: float(w.surface.value(q)), np.zeros(2))
    vals, vecs = np.linalg.eigh(H)
    w.on_click("step"); w.on_click("step"); w.on_click("step")
    steep = [abs(p @ vecs[:, 1]) for p in w.racers[0].points]
    assert np.allclose(np.array(steep[1:]) / steep[:-1], abs(1 - 0.21 * vals[1]), rtol=1e-3)


@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_momentum_has_its_own_limit_two_times_one_plus_beta_over_lambda_max(beta):
    lam = lam_max(Optimizers())
    limit = 2 * (1 + beta) / lam
    # independent check: the heavy ball along the steep direction is x' = (1 + b - e l) x - b x_prev;
    # its companion matrix's spectral radius crosses 1 exactly at the limit
    for lr, stable in ((limit * 0.97, True), (limit * 1.03, False)):
        companion = np.array([[1 + beta - lr * lam, -beta], [1, 0]])
        assert (np.abs(np.linalg.eigvals(companion)).max() < 1) == stable
        w = run(Optimizers({"lr": round(lr, 3), "beta": beta}))
        assert (w.racers[1].diverged is None) == stable
    assert f"2(1 + β)/λmax = {limit:.3f}" in Optimizers({"beta": beta}).status()


def test_momentum_is_the_heavy_ball_written_by_hand():
    w = Optimizers({"lr": 0.05, "beta": 0.7})
    for _ in range(30):
        w.on_click("step")
    p, v = w.start_point(), np.zeros(2)
    H = w.surface.H
    for k in range(30):
        v = 0.7 * v + H @ p
        p = p - 0.05 * v
        assert np.allclose(w.racers[1].points[k + 1], p)


def test_adam_by_hand_and_steps_to_reach_counted():
    w = run(Optimizers())
    p, m, s = w.start_point(), np.zeros(2), np.zeros(2)
    reached = None
    for t in range(1, 200):
        g = w.surface.H @ p
        m, s = 0.9 * m + 0.1 * g, 0.999 * s + 0.001 * g * g
        p = p - 0.16 * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
        if reached is None and np.linalg.norm(p) < REACHED:
            reached = t
    assert w.racers[2].reached == reached
    assert f"Adam reached in {reached} steps" in w.status()


def test_momentum_beats_sgd_on_the_valley_and_the_banana():
    for surface in ("valley", "banana"):
        w = Optimizers()
        w.on_input("surface", surface)
        run(w)
        sgd, momentum, _ = w.racers
        assert momentum.reached is not None
        assert sgd.reached is None or sgd.reached > 2 * momentum.reached


def test_banana_start_and_says_the_curvature_changes():
    w = Optimizers()
    w.on_input("surface", "banana")
    assert np.allclose(w.start_point(), [-1.2, 1.0], atol=0.01)
    assert "curvature changes" in w.status()
    assert "2/λmax = 0.013" in texts(w.scene())


def test_a_click_on_the_map_sets_the_start_and_is_shared():
    w = Optimizers()
    w.on_click("step")
    x0, y0, mw, mh = w.lay["box"]
    w.on_pointer("down", x0 + mw * 0.75, y0 + mh * 0.25)
    assert np.allclose(w.state["start"], [0.75, 0.75], atol=1e-3) and w.steps == 0
    assert np.allclose(w.start_point(), [1.5, 1.0], atol=0.01)
    assert "start" in w.share()
    again = Optimizers.open({}, w.share())
    assert np.allclose(again.start_point(), w.start_point())


@pytest.mark.parametrize("width", [640, 390])
@pytest.mark.parametrize("surface,lr", [("valley", 0.16), ("valley", 0.3), ("banana", 0.01), ("banana", 0.2)])
def test_text_readable_at_both_widths(width, surface, lr):
    w = Optimizers()
    w.on_resize(width)
    w.on_input("surface", surface)
    w.on_input("lr", lr)
    assert_text_readable_and_apart(w.view()["scene"])
    w.on_click("play")
    while w.animating:
        w.tick(0.1)
        assert_text_readable_and_apart(w.view()["scene"])
    assert w.steps <= MAX_STEPS
    json.dumps(w.view(), allow_nan=False)


def test_every_control_keeps_a_valid_view():
    press_every_control(Optimizers())


@pytest.mark.parametrize("surface", ["valley", "banana"])
def test_curvature_axes_are_the_hessians_eigenvectors_at_the_minimum(surface):
    w = Optimizers()
    w.on_input("surface", surface)
    bottom = w.surface.minimum
    H = hessian_by_finite_differences(lambda q: float(w.surface.value(q)), bottom)
    lams, vecs = np.linalg.eigh(H)
    shown = texts(w.scene())
    for lam in lams:
        assert f"λ = {lam:.1f}" in shown
    m = w.map()
    dashed = [it for it in w.scene()["items"] if it["t"] == "line" and it["dash"] == [5, 4]]
    assert len(dashed) == 2
    for it, v in zip(dashed, vecs.T):
        a, b = m.to_data(it["x1"], it["y1"]), m.to_data(it["x2"], it["y2"])
        d = (b - a) / np.linalg.norm(b - a)
        assert abs(abs(d @ v) - 1) < 1e-4                        # along the eigenvector ...
        cross = (bottom - a)[0] * d[1] - (bottom - a)[1] * d[0]
        assert abs(cross) < 1e-6                                 # ... through the minimum
