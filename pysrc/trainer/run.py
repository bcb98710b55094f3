"""One training run: the engine's network and optimizer, epochs, and their story.

A Run is rebuilt (same seed: same initial weights) when the architecture, the
data or the features change. The learning rate, momentum β, regularization,
batch size, optimizer and loss change in place, between two epochs, without a
reset.

An epoch may be spread over several animation frames: with many points and a
batch size of 1 it takes far longer than a frame, so a Run keeps the engine's
Epoch under way and may pause between two of its mini-batches. It is the very
loop the engine's train_epoch runs (one shuffle of the training points per
epoch, from the same random generator), however the epochs are sliced.

Training stops itself when it diverges (the engine's check_divergence: NaN,
infinite, or a loss that exploded past DIVERGE_FACTOR times the loss of the
initial weights), keeping the last weights that still looked healthy so the
learner can bring them back.
"""
from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from engine import MLP, check_divergence, evaluate, make_features, make_optimizer, penalty
from engine.losses import loss_for
from engine.train import Epoch
from engine.train_fast import FastStep

from .history import LossHistory
from .setup import FEATURES, LIVE, feature_keys, hidden_sizes

OUTPUTS = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
BETA = {"momentum": "momentum", "adam": "beta1"}   # optimizer -> its β's name (PyTorch's: Adam's first β)
DIVERGE_FACTOR = 1.5      # a loss above 1.5x that of the untrained network: the steps overshoot
HEALTHY_FACTOR = 1.2      # weights are kept as "last good" while the loss stays near or under the start


class Good(NamedTuple):
    """The last weights that looked healthy, and their epoch."""
    epoch: int
    weights: dict


class Score(NamedTuple):
    accuracy: float
    confusion: np.ndarray     # counts [true class, predicted class]


class Run:
    def __init__(self, data, feature_keys, hidden, activation, seed, hyper):
        """hyper: {"lr", "batch", "opt", "beta", "reg", "rate", "loss"} (the settings changeable live)."""
        self.data = data
        self.feature_keys = list(feature_keys)
        self.features = [FEATURES[k].engine for k in self.feature_keys]
        self.output = OUTPUTS[data.task]
        weight_seed, order_seed = np.random.SeedSequence(seed).spawn(2)
        sizes = [len(self.features), *hidden, 3 if data.task == "multiclass" else 1]
        self.net = MLP(sizes, activation, self.output, init="he" if activation == "relu" else "xavier",
                       seed=np.random.default_rng(weight_seed))
        self.initial_weights = self.net.get_weights()
        self.step = FastStep(self.net)      # train_step's arithmetic in fewer NumPy calls: the same weights
        self.order_rng = np.random.default_rng(order_seed)     # the shuffling of each epoch
        self.hyper = dict(hyper)
        self.optimizer = self._optimizer()
        self.net.loss_fn = loss_for(self.output, hyper["loss"])
        self.epoch = 0
        self.current = None       # the engine's Epoch under way, if one is
        self.version = 0          # bumps whenever the weights or data change (pictures are cached by it)
        self.history = LossHistory()
        self.problem = None       # the divergence explanation, while diverged
        self.strikes = 0          # epochs in a row that looked diverged
        self.good = Good(0, self.initial_weights)
        self.refresh_data()

    @classmethod
    def from_settings(cls, data, config):
        """The run the trainer's settings describe (a regression always trains on squared error)."""
        hyper = {key: config[key] for key in LIVE}
        if data.task == "regression":
            hyper["loss"] = "mse"
        return cls(data, feature_keys(config), hidden_sizes(config), config["act"], config["seed"], hyper)

    # -- data ----------------------------------------------------------------------------
    def refresh_data(self):
        """Recompute the feature columns of the training and test points (after a data change)."""
        X, self.y_train = self.data.train
        Xt, self.y_test = self.data.test
        self.F_train = make_features(X, self.features)
        self.F_test = make_features(Xt, self.features)
        self.F_all = np.vstack([self.F_train, self.F_test])     # both, for one pass when scoring
        self.reference = self._start_loss()
        self.current = None               # an epoch under way starts over on the new points
        self.version += 1
        self.record(force=True)

    def _start_loss(self):
        """Training loss (with penalty) of the initial weights: the yardstick for divergence."""
        if not len(self.y_train):
            return 1.0
        now = self.net.get_weights()
        self.net.set_weights(self.initial_weights)
        loss = evaluate(self.net, self.F_train, self.y_train)
        loss += penalty(self.net.params(), self._reg(), self.hyper["rate"])
        self.net.set_weights(now)
        return max(loss, 1e-3)

    def _reg(self):
        return None if self.hyper["reg"] == "none" else self.hyper["reg"]

    def _optimizer(self):
        opt = self.hyper["opt"]
        return make_optimizer(opt, self.hyper["lr"], **({BETA[opt]: self.hyper["beta"]} if opt in BETA else {}))

    # -- live settings -------------------------------------------------------------------
    def set(self, name, value):
        """Change one of lr, batch, opt, beta, reg, rate, loss between epochs; nothing is reset
        (a new β keeps the velocity the optimizer has built up, as PyTorch does)."""
        self.hyper[name] = value
        if name == "lr":
            self.optimizer.lr = value
        elif name == "beta" and self.hyper["opt"] in BETA:
            setattr(self.optimizer, BETA[self.hyper["opt"]], value)
        elif name == "opt":
            self.optimizer = self._optimizer()
        elif name == "loss":
            self.net.loss_fn = loss_for(self.output, value)
        if name in ("loss", "reg", "rate"):
            self.reference = self._start_loss()
            self.record(force=True)

    # -- training ------------------------------------------------------------------------
    def train(self, epochs, deadline=None):
        """Train until `epochs` more epochs are complete, or until time.perf_counter() passes
        `deadline` (checked between mini-batches, after at least one), or training diverges.
        Returns the number of epochs completed."""
        if self.problem or not len(self.y_train):
            return 0
        done = steps = 0
        while done < epochs and (steps == 0 or deadline is None or time.perf_counter() < deadline):
            if self.current is None:
                self.current = Epoch(len(self.y_train), self.order_rng)
            self.current.step(self.net, self.F_train, self.y_train, self.optimizer, self.hyper["batch"],
                              self._reg(), self.hyper["rate"], train=self.step)
            steps += 1
            if self.current.done:
                done += 1
                if self._end_epoch(self.current.mean_loss):
                    break
        self.version += 1
        self.record(force=self.problem is not None)
        return done

    @property
    def mid_epoch(self):
        return self.current is not None

    def _end_epoch(self, mean):
        """Count the finished epoch (its mean mini-batch loss) and judge it; True if training has diverged."""
        self.current = None
        self.epoch += 1
        if np.isfinite(mean) and mean <= DIVERGE_FACTOR * self.reference:
            self.strikes = 0                  # the cheap test passed: the loss during the epoch
        elif self._diverged():
            return True
        if mean <= HEALTHY_FACTOR * self.reference:
            self.good = Good(self.epoch, self.net.get_weights())
        return False

    def _diverged(self):
        """Judged on the loss after the epoch (the mean during an epoch overstates a quick first
        drop), and twice in a row: one bumpy epoch is not yet a divergence."""
        loss = evaluate(self.net, self.F_train, self.y_train)
        loss += penalty(self.net.params(), self._reg(), self.hyper["rate"])
        problem = check_divergence(loss, self.reference, self.net, DIVERGE_FACTOR)
        self.strikes = self.strikes + 1 if problem else 0
        if problem and (self.strikes >= 2 or not np.isfinite(loss)):
            self.problem = problem
        return self.problem is not None

    def restore(self):
        """Back to the last healthy weights; the optimizer forgets its momentum."""
        epoch, weights = self.good.epoch, self.good.weights
        self.net.set_weights(weights)
        self.optimizer.reset()
        self.epoch, self.problem, self.strikes, self.current = epoch, None, 0, None
        self.history.truncate(epoch)
        self.version += 1
        self.record(force=True)
        return epoch

    def record(self, force=False):
        if force or self.history.due(self.epoch):
            train_loss, test_loss = self.losses()
            self.history.add(self.epoch, train_loss, test_loss if test_loss is not None else train_loss)

    # -- measuring -----------------------------------------------------------------------
    def losses(self):
        """(train loss, test loss or None): the data loss, without the penalty."""
        train = evaluate(self.net, self.F_train, self.y_train) if len(self.y_train) else float("nan")
        test = evaluate(self.net, self.F_test, self.y_test) if len(self.y_test) else None
        return train, test

    def scores(self):
        """{"train"/"test": a Score or None (for a regression, or no points)}."""
        result = {}
        if self.output == "linear" or self.problem:
            return {"train": None, "test": None}
        both = self.net.predict(self.F_all)                # (each point's prediction is its own row's)
        predictions = both[:len(self.y_train)], both[len(self.y_train):]
        for (part, y), predicted in zip((("train", self.y_train), ("test", self.y_test)), predictions):
            if not len(y):
                result[part] = None
                continue
            k = 3 if self.output == "softmax" else 2
            confusion = np.zeros((k, k), dtype=int)
            np.add.at(confusion, (np.asarray(y, int), predicted), 1)
            result[part] = Score(float(np.trace(confusion)) / len(y), confusion)
        return result

    def features_of(self, X):
        return make_features(X, self.features)
