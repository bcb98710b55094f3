"""FastStep (engine/train_fast.py) against the plain train_step: bit-identical weights and losses."""
import numpy as np
import pytest

from engine.losses import loss_for
from engine.network import MLP
from engine.optimizers import make_optimizer
from engine.train import Epoch, train_step
from engine.train_fast import FastStep


def data(task, n=37, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    if task == "sigmoid":
        y = (X[:, 0] * X[:, 1] > 0).astype(float)
    elif task == "softmax":
        y = (np.arctan2(X[:, 1], X[:, 0]) // 2.1 + 1).astype(int)
    else:
        y = np.sin(X[:, :1]) + X[:, 1:]
    return X, y


def train_both(sizes, act, head, opt, batch, reg=None, rate=0.0, loss="ce", epochs=3):
    X, y = data(head)
    nets, opts, losses = [], [], []
    for fast in (False, True):
        net = MLP(sizes, act, head, init="he" if act == "relu" else "xavier", seed=5)
        net.loss_fn = loss_for(head, loss)
        optimizer = make_optimizer(opt, 0.05, **({"momentum": 0.9} if opt == "momentum" else {}))
        step = FastStep(net) if fast else train_step
        rng, seen = np.random.default_rng(11), []
        for _ in range(epochs):
            epoch = Epoch(len(X), rng)
            while not epoch.done:
                seen.append(epoch.step(net, X, y, optimizer, batch, reg, rate, train=step))
        nets.append(net)
        losses.append(seen)
    return nets, losses


CASES = [
    ([2, 8, 8, 1], "tanh", "sigmoid", "sgd", 10, None),
    ([2, 8, 8, 8, 8, 8, 8, 1], "tanh", "sigmoid", "sgd", 1, None),
    ([2, 6, 1], "relu", "sigmoid", "momentum", 7, "l2"),
    ([2, 5, 4, 3], "sigmoid", "softmax", "adam", 4, "l1"),
    ([2, 8, 1], "linear", "linear", "sgd", 5, None),
    ([2, 4, 4, 1], "relu", "linear", "adam", 1, "l2"),
    ([2, 1], "tanh", "sigmoid", "sgd", 1, None),                       # no hidden layer at all
    ([2, 6, 6, 6, 3, 3, 3, 1], "relu", "sigmoid", "momentum", 6, "l2"),  # two stacked runs, a batch
    ([2, 5, 5, 5, 3], "sigmoid", "softmax", "sgd", 1, "l1"),            # a stacked run, one example
    ([2, 4, 4, 4, 1], "linear", "linear", "adam", 3, None),             # linear hidden layers, stacked
]


@pytest.mark.parametrize("sizes, act, head, opt, batch, reg", CASES)
def test_fast_step_gives_bit_identical_weights_and_losses(sizes, act, head, opt, batch, reg):
    loss = "mse" if head == "linear" else "ce"
    (plain, fast), (plain_losses, fast_losses) = train_both(sizes, act, head, opt, batch, reg, 0.01, loss)
    assert plain_losses == fast_losses
    for (name, a, _), (_, b, _) in zip(plain.params(), fast.params()):
        assert a.tobytes() == b.tobytes(), name
    assert not np.array_equal(plain.params()[0][1], MLP(sizes, act, head, init="he" if act == "relu" else "xavier",
                                                        seed=5).params()[0][1])     # it did train


def test_the_network_keeps_working_on_the_flat_buffer():
    net = MLP([2, 3, 1], "tanh", "sigmoid", seed=1)
    before = net.get_weights()
    step = FastStep(net)
    assert all(np.array_equal(before[k], v) for k, v in net.get_weights().items())
    net.set_weights({k: v + 1 for k, v in before.items()})       # writes into the flat array
    assert np.array_equal(step.theta[:6], (before["W1"] + 1).ravel())
    X = np.ones((2, 2))
    assert np.array_equal(net.forward(X), MLP.from_dict(net.to_dict()).forward(X))


def test_the_fused_sigmoid_cross_entropy_gives_the_same_numbers():
    from engine.losses import sigmoid_cross_entropy
    from engine.train_fast import _sigmoid_cross_entropy
    rng = np.random.default_rng(0)
    for n in (1, 10, 250):
        z = np.concatenate([rng.normal(scale=4, size=n - 1), [-800.0 if n > 1 else 0.0]]).reshape(n, 1)
        y = rng.integers(0, 2, n)
        (a, da), (b, db) = sigmoid_cross_entropy(z, y), _sigmoid_cross_entropy(z, y, np.empty_like(z))
        assert a == b and da.tobytes() == db.tobytes()


def test_the_loss_of_one_example_gives_the_same_numbers():
    from engine.losses import sigmoid_cross_entropy
    from engine.train_fast import _sigmoid_cross_entropy_of_one
    rng = np.random.default_rng(1)
    for z in [*rng.normal(scale=5, size=200), 0.0, -0.0, 800.0, -800.0, 1e-300]:
        for y in (np.array([0]), np.array([1]), np.array([1.0]), np.array([[0.0]])):   # (a batch's labels)
            logits = np.array([[z]])
            (a, da), (b, db) = sigmoid_cross_entropy(logits, y), _sigmoid_cross_entropy_of_one(logits, y, np.empty((1, 1)))
            assert float(a) == b and da.tobytes() == db.tobytes(), (z, y)
