"""The autoencoder widget: real trained models, checked weights, live reconstructions."""
import sys

import numpy as np
import pytest

from helpers import ROOT, assert_text_readable_and_apart
from widgets.autoencoder import SIZES, WEIGHTS, AutoencoderWidget, model, pixels, samples

sys.path.insert(0, str(ROOT / "training"))
import train_autoencoder  # noqa: E402


def test_every_shipped_model_matches_its_recorded_hash_and_is_small():
    from buildlib.models import MANIFEST, verify
    assert verify(log=lambda *_: None) == []
    names = [f"autoencoder-k{k}.npz" for k in SIZES]
    assert all(name in MANIFEST.read_text() for name in names)
    assert all((WEIGHTS / name).stat().st_size <= 100_000 for name in names)


def test_reconstruction_error_on_held_out_digits_grows_as_the_bottleneck_shrinks():
    _, X_test, _ = train_autoencoder.digits()
    errors = [np.mean((model(int(k)).forward(X_test) - X_test) ** 2) for k in SIZES]
    assert all(a > b for a, b in zip(errors, errors[1:])), errors
    assert errors[0] > 3 * errors[-1]


def test_retraining_gives_the_shipped_weights():
    X_train, _, _ = train_autoencoder.digits()
    retrained, _ = train_autoencoder.train_one(2, X_train)
    with np.load(WEIGHTS / "autoencoder-k2.npz") as shipped:
        for name, value in retrained.get_weights().items():
            np.testing.assert_allclose(value.astype(np.float32), shipped[name], atol=1e-5)


def test_the_widget_rebuilds_the_drawing_exactly_as_the_weights_compute_by_hand():
    w = AutoencoderWidget({"k": "8", "digit": "5"})
    x, code, y = w.squeeze()
    with np.load(WEIGHTS / "autoencoder-k8.npz") as p:
        h = np.tanh(x @ p["W1"] + p["b1"])
        c = h @ p["W2"] + p["b2"]
        out = 1 / (1 + np.exp(-(np.tanh(c @ p["W3"] + p["b3"]) @ p["W4"] + p["b4"])))
    np.testing.assert_allclose(code, c, atol=1e-9)
    np.testing.assert_allclose(y, out, atol=1e-9)
    assert f"{np.mean((x - out) ** 2):.4f}" in w.status()


def test_drawing_with_the_pointer_changes_the_input_and_a_link_restores_it():
    w = AutoencoderWidget()
    before = w.state["image"]
    x0, y0, s = w.lay["in"]
    w.on_click("clear")
    w.on_pointer("down", x0 + 3.5 * s, y0 + 1.5 * s)
    for row in range(2, 7):
        w.on_pointer("move", x0 + 3.5 * s, y0 + (row + 0.5) * s)
    w.on_pointer("up", 0, 0)
    image = pixels(w.state["image"]).reshape(8, 8)
    assert w.state["image"] != before and w.state["digit"] == "own"
    assert all(image[r, 3] == 1 for r in range(1, 7)) and image[0, 0] == 0
    again = AutoencoderWidget.open({}, w.share())
    assert again.state == w.state
    np.testing.assert_array_equal(again.squeeze()[2], w.squeeze()[2])


def test_picking_a_digit_shows_that_sample_and_a_bad_image_link_is_named():
    w = AutoencoderWidget()
    w.on_input("digit", "7")
    assert w.state["image"] == samples()[7]
    assert "64 hex digits" in AutoencoderWidget.open({}, {"image": "zz", "digit": "own"}).notice


@pytest.mark.parametrize("width", [390, 800])
@pytest.mark.parametrize("k", SIZES)
def test_texts_are_readable_and_apart(width, k):
    w = AutoencoderWidget({"k": k})
    w.on_resize(width)
    assert_text_readable_and_apart(w.scene())
