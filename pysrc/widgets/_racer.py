"""One optimizer racing down a 2-D loss surface from engine/surfaces.py.

Each step is the engine's own update of one point p = (x, y):
g = surface.grad(p);  opt.step([p, g]). The racer notes the step at which it
came within REACHED of the minimum, and the step at which it flew past
BLOWN_UP (it diverged, and stops there).
"""
from __future__ import annotations

import numpy as np

REACHED = 0.05
BLOWN_UP = 1e4


class Racer:
    def __init__(self, optimizer, start, surface):
        self.opt, self.surface = optimizer, surface
        self.points = [np.array(start, dtype=float)]
        self.reached = self.diverged = None     # the step at which it happened

    @property
    def done(self):
        return self.diverged is not None

    def step(self):
        if self.done:
            return
        p = self.points[-1].copy()
        self.opt.step([("p", p, self.surface.grad(p))])
        self.points.append(p)
        t = len(self.points) - 1
        if not np.all(np.isfinite(p)) or np.abs(p).max() > BLOWN_UP:
            self.diverged = t
        elif self.reached is None and np.linalg.norm(p - self.surface.minimum) < REACHED:
            self.reached = t

    def loss(self):
        p = self.points[-1]
        return float(self.surface.value(p)) if not self.diverged else float("inf")
