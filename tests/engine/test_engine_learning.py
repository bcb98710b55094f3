"""Claims the lessons make, checked."""
import numpy as np
import pytest

from engine.data import make_dataset, train_test_split
from engine.network import MLP
from engine.optimizers import SGD
from engine.train import Epoch, accuracy, check_divergence, evaluate, fit, train_epoch


def split(name, noise=0.0):
    X, y = make_dataset(name, n=500, noise=noise, seed=0)
    return train_test_split(X, y, train_ratio=0.5, seed=1)


@pytest.mark.parametrize("name", ["circle", "xor"])
def test_the_default_setup_learns(name):
    # TensorFlow Playground's defaults: tanh, learning rate 0.03, batch 10, half the points for training.
    X_train, X_test, y_train, y_test = split(name, noise=0.1)
    net = MLP([2, 8, 8, 1], activation="tanh", output="sigmoid", init="xavier", seed=0)
    history, problem = fit(net, X_train, y_train, SGD(lr=0.03), epochs=200, batch_size=10,
                           rng=np.random.default_rng(2))
    assert problem is None
    assert history[-1] < history[0]
    assert accuracy(net, X_test, y_test) >= 0.95


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_zero_init_keeps_hidden_units_identical_xavier_breaks_symmetry(activation):
    X_train, _, y_train, _ = split("circle")
    for init, identical in [("zeros", True), ("xavier", False)]:
        net = MLP([2, 6, 1], activation=activation, init=init, seed=0)
        for _ in range(20):
            train_epoch(net, X_train, y_train, SGD(lr=0.1), 10, np.random.default_rng(0))
        W1 = net.layers[0].W
        columns_equal = np.allclose(W1, W1[:, :1], rtol=0, atol=1e-12)
        assert columns_equal == identical, init
        if activation == "sigmoid":
            assert np.any(W1 != 0), "the weights did move, just all in the same way"


def test_three_classes_and_regression_learn_too():
    X_train, X_test, y_train, y_test = split("three_gaussians", noise=0.1)
    net = MLP([2, 8, 3], output="softmax", seed=0)
    fit(net, X_train, y_train, SGD(lr=0.03), epochs=30, batch_size=10, rng=np.random.default_rng(0))
    assert accuracy(net, X_test, y_test) >= 0.95

    X_train, X_test, y_train, y_test = split("wave")
    net = MLP([2, 8, 8, 1], output="linear", seed=0)
    fit(net, X_train, y_train, SGD(lr=0.03), epochs=100, batch_size=10, rng=np.random.default_rng(0))
    assert evaluate(net, X_test, y_test) < 0.2 * np.var(y_test)


def test_too_large_a_learning_rate_diverges_and_fit_restores_the_last_good_weights():
    X_train, _, y_train, _ = split("circle")
    net = MLP([2, 8, 8, 1], seed=0)
    initial = net.get_weights()
    history, problem = fit(net, X_train, y_train, SGD(lr=1e4), epochs=50, batch_size=10,
                           rng=np.random.default_rng(0))
    assert history == [] and "learning rate" in problem  # diverged in the very first epoch
    for name, value in net.get_weights().items():
        np.testing.assert_array_equal(value, initial[name])


def test_check_divergence():
    assert check_divergence(0.5, reference_loss=0.7) is None
    assert "NaN" in check_divergence(float("nan"))
    assert "infinite" in check_divergence(float("inf"))
    assert "exploded" in check_divergence(80.0, reference_loss=0.7)
    net = MLP([2, 3, 1])
    net.layers[0].W[0, 0] = np.inf
    assert check_divergence(0.5, net=net) is not None


def test_an_epoch_taken_up_again_later_trains_exactly_like_train_epoch():
    X_train, _, y_train, _ = split("circle", noise=0.1)
    whole, pieces = MLP([2, 5, 1], seed=3), MLP([2, 5, 1], seed=3)
    opt_whole, opt_pieces = SGD(lr=0.1), SGD(lr=0.1)
    rng_whole, rng_pieces = np.random.default_rng(8), np.random.default_rng(8)
    means = [train_epoch(whole, X_train, y_train, opt_whole, 10, rng_whole) for _ in range(2)]
    for expected in means:
        epoch, seen = Epoch(len(X_train), rng_pieces), []
        while not epoch.done:                       # a few mini-batches, a pause, a few more ...
            seen.extend(epoch.order[epoch.cursor:epoch.cursor + 10])
            epoch.step(pieces, X_train, y_train, opt_pieces, 10)
        assert sorted(seen) == list(range(len(X_train)))   # every example exactly once
        assert epoch.mean_loss == expected
    for (_, a, _), (_, b, _) in zip(whole.params(), pieces.params()):
        np.testing.assert_array_equal(a, b)


def test_the_batch_size_may_change_inside_an_epoch():
    X_train, _, y_train, _ = split("xor")
    epoch = Epoch(len(X_train), np.random.default_rng(0))
    net, sizes = MLP([2, 4, 1], seed=0), []
    for batch_size in (3, 50, 1, 1000):
        before = epoch.cursor
        epoch.step(net, X_train, y_train, SGD(), batch_size)
        sizes.append(epoch.cursor - before)
    assert sizes == [3, 50, 1, len(X_train) - 54] and epoch.done and len(epoch.losses) == 4
