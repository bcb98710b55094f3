"""The batch-norm widget: the histograms' numbers and the training race are the engine's, checked by hand."""
import numpy as np
import pytest

from helpers import assert_text_readable_and_apart
from widgets.batch_norm import EPOCHS, BatchNormWidget


def test_after_batch_norm_each_neuron_has_mean_beta_and_spread_gamma():
    w = BatchNormWidget({"gamma": 2.0, "beta": -1.5, "batch": 7})
    raw, out = w.sums()
    z_hat = (raw - raw.mean(0)) / np.sqrt(raw.var(0) + 1e-5)      # by hand
    np.testing.assert_allclose(out, 2.0 * z_hat - 1.5, atol=1e-12)
    np.testing.assert_allclose(out.mean(0), -1.5, atol=1e-9)
    np.testing.assert_allclose(out.std(0), 2.0, atol=1e-3)
    assert np.all(np.abs(raw.mean(0)) > 2) and raw.std(0).max() > 1.5 * raw.std(0).min()   # off-centre, uneven


def test_raw_sums_are_the_first_layers_weighted_sums_and_a_new_batch_moves_them():
    w = BatchNormWidget()
    raw, _ = w.sums()
    layer = w.nets[False].layers[0]
    rows = np.random.default_rng(0).choice(len(w.X), 64, replace=False)
    np.testing.assert_allclose(raw, (w.X[rows] @ layer.W + layer.b)[:, :3], atol=1e-12)
    w.on_click("batch")
    assert not np.allclose(w.sums()[0].mean(0), raw.mean(0))


def test_the_same_network_trains_much_faster_with_batch_norm():
    w = BatchNormWidget()
    w0, w1 = w.nets[False].layers[0].W.copy(), w.nets[True].layers[0].W.copy()
    np.testing.assert_array_equal(w0, w1)                           # same start
    w.train(EPOCHS)
    assert len(w.losses[True]) == len(w.losses[False]) == EPOCHS
    assert w.losses[True][-1] < w.losses[False][-1] / 2
    assert "with it" in w.status() and not w.animating


def test_time_sliced_training_equals_whole_epochs():
    a, b = BatchNormWidget(), BatchNormWidget()
    a.train(3)
    b.on_click("train")
    while len(b.losses[True]) < 3:
        b.tick(0.016)
    assert a.losses[True][:3] == b.losses[True][:3] and a.losses[False][:3] == b.losses[False][:3]


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_and_apart(width):
    w = BatchNormWidget({"gamma": 3.0, "beta": -3.0})
    w.on_resize(width)
    w.train(2)
    assert_text_readable_and_apart(w.scene())
