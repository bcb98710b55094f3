"""How much each animation frame trains.

The page asks for one tick per animation frame and waits for the answer before
asking again, so a longer tick simply makes the frames (and the time between
two boundary pictures) longer. At full speed a tick trains for a time budget,
then draws once. The budget is steered so that a whole round trip (training,
drawing in Python, the page drawing the answer) takes PERIOD: `dt`, the time
since the previous tick, is measured by the page, and the budget grows while
dt is shorter and shrinks while it is longer. That finds, on each machine, the
most training that still leaves ~31 boundary pictures per second, but a tick
never trains for less time than it takes to draw (a big network's pictures are
slow: it then gets fewer of them, and keeps learning fast). At a set speed
(epochs per second) a tick trains the epochs that are due, within the same
budget.
"""
from __future__ import annotations

import time

PERIOD = 0.032        # seconds per tick the budget aims at: ~31 boundary pictures per second
GAIN = 0.25           # how much of the period's error the budget corrects each tick
TARGET_MIN, TARGET_MAX = 0.006, 0.040


class Pacer:
    def __init__(self):
        self.target = 0.016      # seconds of Python per tick: training + drawing the scene
        self.render = 0.008      # seconds the last scene took to compute (measured)
        self.credit = 0.0        # epochs due at a set speed
        self.rate = 0.0          # epochs per second, smoothed, as shown in the header
        self.disturbed = False   # another event ran since the last tick: its dt says nothing

    def plan(self, dt, epochs_per_second):
        """(epochs to train at most, seconds of training allowed) for this tick."""
        if dt < 0.1 and not self.disturbed:    # (dt >= 0.1: the page was hidden or busy)
            step = min(0.002, max(-0.002, GAIN * (PERIOD - dt)))
            self.target = min(TARGET_MAX, max(TARGET_MIN, self.target + step))
        self.disturbed = False
        budget = max(0.003, self.target - self.render, self.render)   # never less training than drawing
        if epochs_per_second is None:
            return 1_000_000, budget
        self.credit = min(self.credit + dt * epochs_per_second, max(1.0, epochs_per_second * 0.05))
        due = int(self.credit + 1e-9)        # (sixty 1/60 s frames make 0.99999…)
        self.credit -= due
        return due, budget

    def train(self, run, dt, epochs_per_second):
        """One tick's training of `run` (a trainer.run.Run); dt: seconds since the last tick."""
        start = time.perf_counter()
        epochs, budget = self.plan(dt, epochs_per_second)
        if run.mid_epoch:
            epochs = max(epochs, 1)          # an epoch longer than a frame goes on where it paused
        self.trained(run.train(epochs, start + budget) if epochs else 0, dt)

    def time_render(self, view):
        """view(), timed: the next ticks train for at least as long as drawing takes."""
        start = time.perf_counter()
        result = view()
        self.render = time.perf_counter() - start
        return result

    def trained(self, epochs, dt):
        if dt > 0:
            self.rate = 0.85 * self.rate + 0.15 * (epochs / dt)

    def reset(self):
        self.credit, self.rate = 0.0, 0.0
