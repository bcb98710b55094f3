"""The loss curves' memory, kept small however long training runs.

A point (epoch, train loss, test loss) is kept at most every `stride` epochs.
When more than MAX_POINTS are kept, every other one is dropped and the stride
doubles: after any number of epochs the curve has between MAX_POINTS / 2 and
MAX_POINTS points spread evenly over the whole run, so drawing it costs the
same at epoch 100 and at epoch 1,000,000.
"""
from __future__ import annotations

import math
from typing import NamedTuple

MAX_POINTS = 200


class LossPoint(NamedTuple):
    epoch: int
    train: float
    test: float


class LossHistory:
    def __init__(self):
        self.points = []      # [LossPoint]
        self.stride = 1

    def due(self, epoch):
        """Whether a point at this epoch would be kept (so the caller only evaluates then)."""
        return not self.points or epoch - self.points[-1].epoch >= self.stride

    def add(self, epoch, train_loss, test_loss):
        if not (math.isfinite(train_loss) and math.isfinite(test_loss)):
            return                                   # a diverged run leaves a gap, not a NaN
        if self.points and self.points[-1].epoch == epoch:
            self.points[-1] = LossPoint(epoch, train_loss, test_loss)
            return
        self.points.append(LossPoint(epoch, train_loss, test_loss))
        if len(self.points) > MAX_POINTS:
            first = self.points[0]
            self.points = [first] + self.points[2::2]   # keep the start, then every other one
            self.stride *= 2

    def truncate(self, epoch):
        """Forget points after `epoch` (when earlier weights are restored)."""
        self.points = [p for p in self.points if p.epoch <= epoch]

    @property
    def last(self):
        return self.points[-1] if self.points else None
