"""The overfitting widget: the validation curve really turns up, and both cures really help."""
import numpy as np
import pytest

from helpers import assert_text_readable_and_apart
from widgets.overfitting import EPOCHS, PATIENCE, Overfitting


@pytest.fixture(scope="module")
def plain():
    w = Overfitting()
    w.train(epochs=EPOCHS)
    return w


def test_training_loss_keeps_falling_while_validation_loss_has_its_minimum_well_before_the_end(plain):
    best_epoch, best_val = plain.best()
    assert best_epoch < EPOCHS // 2
    assert plain.val_loss[-1] > 2 * best_val                       # it turned up, clearly
    assert plain.train_loss[-1] < plain.train_loss[best_epoch] / 2  # while training loss kept falling
    net = plain.net                                                 # the numbers are the data's mean squared error
    net.forward(plain.X_val)
    assert plain.val_loss[-1] == pytest.approx(np.mean((net.logits - plain.y_val) ** 2))


def test_weight_decay_ends_with_a_much_lower_validation_loss(plain):
    w = Overfitting({"wd": "0.001"})
    w.train(epochs=EPOCHS)
    assert w.val_loss[-1] < plain.val_loss[-1] / 2
    assert w.train_loss[-1] > plain.train_loss[-1]                 # it fits the noise less


def test_early_stopping_stops_after_patience_and_restores_the_best_weights(plain):
    w = Overfitting({"early": True})
    w.train(epochs=EPOCHS)
    best_epoch, best_val = w.best()
    assert w.stopped and len(w.val_loss) == best_epoch + 1 + PATIENCE
    w.net.forward(w.X_val)
    assert np.mean((w.net.logits - w.y_val) ** 2) == pytest.approx(best_val)
    assert best_epoch == plain.best()[0]                            # the same run, until it stopped
    assert "Stopped early" in w.status() and not w.animating


def test_changing_a_cure_restarts_from_the_same_weights_and_the_link_keeps_it():
    w = Overfitting()
    start = w.net.get_weights()
    w.train(epochs=50)
    w.on_input("wd", "0.01")
    assert w.train_loss == [] and all(np.array_equal(v, start[k]) for k, v in w.net.get_weights().items())
    assert Overfitting.open({}, w.share()).state["wd"] == "0.01"


def test_the_start_shows_no_training_and_train_then_pause_animate(plain):
    w = Overfitting()
    assert w.best() is None and "Press Train" in w.status()
    w.on_click("play")
    assert w.animating
    w.tick(0.016)
    assert len(w.train_loss) >= 1
    w.on_click("play")
    assert not w.animating


@pytest.mark.parametrize("width", [390, 800])
def test_texts_are_readable_and_apart(plain, width):
    plain.on_resize(width)
    assert_text_readable_and_apart(plain.scene())
