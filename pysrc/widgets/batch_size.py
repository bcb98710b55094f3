"""Batch size: three dots roll down the same least-squares bowl.

The problem is fitting a line t = w x + b to a small dataset (engine.surfaces:
LineFit and line_data); the map shows the mean squared error over all the
data for every (w, b). Each dot takes plain SGD steps (the engine's) from the
same start, with its gradient estimated from a different number of examples:
all of them (full batch), a mini-batch, or a single example. Batches are drawn
without replacement, reshuffled every pass over the data (an epoch).

A step's noise is how far it lands from the step the full gradient would have
taken from the same point:  noise = lr * |grad_batch - grad_full|.
"""
from __future__ import annotations

import numpy as np

from engine.optimizers import SGD
from engine.surfaces import LineFit, line_data
from kit import Setting
from kit.scene import fmt, line, scene, text

from ._stepping import Stepping
from ._surface_map import SurfaceMap

N_POINTS, MAX_STEPS, STEPS_PER_SECOND = 24, 120, 12
XR, YR = (-1.5, 4.5), (-2.4, 1.6)
START = (-1.0, 1.2)
COLORS = ("teal", "gold", "rose")


class Roller:
    """One dot: its SGD, its shuffled order of examples, its path and its steps' noise."""

    def __init__(self, fit, size, lr, seed):
        self.fit, self.size = fit, size
        self.opt = SGD(lr)
        self.rng = np.random.default_rng(seed)
        self.order, self.cursor = [], 0
        self.points, self.noise = [np.array(START, dtype=float)], []

    def next_batch(self):
        if self.size >= N_POINTS:
            return None                        # the whole dataset
        if self.cursor + self.size > len(self.order):
            self.order, self.cursor = self.rng.permutation(N_POINTS), 0
        batch = self.order[self.cursor:self.cursor + self.size]
        self.cursor += self.size
        return batch

    def step(self):
        p = self.points[-1].copy()
        g = self.fit.grad(p, self.next_batch())
        self.noise.append(self.opt.lr * float(np.linalg.norm(g - self.fit.grad(p))))
        self.opt.step([("p", p, g)])
        self.points.append(p)

    def loss(self):
        return float(self.fit.value(self.points[-1]))


def layout(width):
    w = 340 if width <= 420 else 460
    return {"w": w, "box": (10, 10, w - 20, (w - 20) / 1.5), "narrow": width <= 420}


class BatchSize(Stepping):
    name = "batch-size"
    max_steps, steps_per_second = MAX_STEPS, STEPS_PER_SECOND
    play_label = "Roll"
    title = "Batch size"
    code = ["engine.surfaces.LineFit", "engine.optimizers.SGD"]
    settings = [
        Setting("batch", "int", 4, lo=2, hi=12, step=1, label="Mini-batch size",
                doc="examples per step for the middle dot"),
        Setting("lr", "float", 0.1, lo=0.01, hi=0.5, step=0.01, label="Learning rate η",
                doc="the step size of all three dots"),
        Setting("seed", "int", 0, lo=0, hi=99, doc="which dataset and which shuffles"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.fit = LineFit(*line_data(N_POINTS, self.state["seed"]))
        self.lay = layout(self.width)
        self.reset()

    def sizes(self):
        return (N_POINTS, self.state["batch"], 1)

    def reset(self):
        self.rollers = [Roller(self.fit, size, self.state["lr"], [self.state["seed"], k])
                        for k, size in enumerate(self.sizes())]
        self.playing = self.animating = False
        self.clock = 0.0

    @property
    def steps(self):
        return len(self.rollers[0].points) - 1

    def advance(self, n):
        for _ in range(min(n, MAX_STEPS - self.steps)):
            for r in self.rollers:
                r.step()
        if self.steps >= MAX_STEPS:
            self.playing = self.animating = False

    # -- input -----------------------------------------------------------------------
    def changed(self, name, old):
        self.reset()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def names(self):
        return (f"Full batch ({N_POINTS})", f"Mini-batch ({self.state['batch']})", "One example")

    def mean_noise(self, r):
        return float(np.mean(r.noise)) if r.noise else 0.0

    def status(self):
        start = float(self.fit.value(np.array(START)))
        parts = [f"{name.lower()} {fmt(r.loss(), 3)} (step noise {fmt(self.mean_noise(r), 3)})"
                 for name, r in zip(self.names(), self.rollers)]
        return (f"Step {self.steps} of {MAX_STEPS}, loss from {fmt(start, 3)}: " + "; ".join(parts)
                + f". Lowest possible loss {fmt(self.fit.value(self.fit.minimum), 3)}.")

    def scene(self):
        m = SurfaceMap(f"line-fit-{self.state['seed']}", self.fit, self.lay["box"], XR, YR)
        items = m.background() + m.cross(self.fit.minimum)
        for color, r in zip(COLORS, self.rollers):
            items += m.trail(r.points, color, width=2.5 if color == "teal" else 2)
        x0, y0, w, h = m.box
        items += [text(x0 + w - 8, y0 + h - 12, "slope w →", size=13, fill="muted", anchor="end"),
                  text(x0 + 8, y0 + h - 12, "↑ intercept b", size=13, fill="muted", anchor="start")]
        items += self.table(y0 + h)
        return scene(self.lay["w"], int(y0 + h + 112), items, self.label())

    def table(self, top):
        narrow = self.lay["narrow"]
        c_loss, c_noise = (236, 326) if narrow else (300, 446)
        items = [text(12, top + 20, f"step {self.steps}", size=13, fill="muted", anchor="start"),
                 text(c_loss, top + 20, "loss", size=13, fill="muted", anchor="end"),
                 text(c_noise, top + 20, "noise" if narrow else "step noise", size=13, fill="muted",
                      anchor="end")]
        for k, (name, color, r) in enumerate(zip(self.names(), COLORS, self.rollers)):
            y = top + 44 + 22 * k
            items += [line(12, y, 28, y, stroke=color, width=4),
                      text(34, y, name, size=14, anchor="start"),
                      text(c_loss, y, fmt(r.loss(), 3), size=14, font="mono", anchor="end"),
                      text(c_noise, y, fmt(self.mean_noise(r), 3), size=14, font="mono", anchor="end")]
        return items

    def label(self):
        return ("Contour map of the mean squared error of a line fit over its slope and intercept, "
                "with three SGD paths: full batch (teal), mini-batch (gold), one example (rose). "
                + self.status())
