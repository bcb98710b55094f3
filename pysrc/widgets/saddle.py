"""Saddle point: a dot rolls onto a flat ridge; can momentum carry it off?

The surface is engine.surfaces.Saddle: f(x, y) = c (x^4/4 - x^2/2) + y^2/2, with
a saddle at (0, 0) and valleys at (-1, 0) and (1, 0). The dot starts just off
the ridge line x = 0, high up the y slope, and is moved by the engine's
Momentum optimizer (momentum 0 is plain gradient descent). Near the saddle
the gradient is tiny, so plain steps are tiny too; momentum's velocity keeps
what it gathered on the way down and builds up speed along the faint slope.
The challenge: reach a valley (within REACHED of its bottom) within GOAL steps.
"""
from __future__ import annotations

import numpy as np

from engine.optimizers import Momentum
from engine.surfaces import Saddle as SaddleSurface
from kit import Setting
from kit.scene import fmt, scene, text

from ._stepping import Stepping
from ._surface_map import SurfaceMap

SURFACE = SaddleSurface(c=0.3)
XR, YR = (-2.7, 2.7), (-1.8, 1.8)
START = (0.02, 1.6)
GOAL, MAX_STEPS, REACHED, STEPS_PER_SECOND = 50, 150, 0.2, 20
LR = 0.1   # fixed: a bigger step alone would also get off the ridge, and momentum is the point


def layout(width):
    w = 340 if width <= 420 else 460
    return {"w": w, "box": (10, 10, w - 20, (w - 20) / 1.5), "narrow": width <= 420}


class Saddle(Stepping):
    name = "saddle"
    max_steps, steps_per_second = MAX_STEPS, STEPS_PER_SECOND
    play_label = "Roll"
    title = "Saddle point"
    challenge = True
    code = ["engine.optimizers.Momentum", "engine.surfaces.Saddle"]
    settings = [
        Setting("beta", "float", 0.0, lo=0.0, hi=0.99, step=0.01, label="Momentum β",
                doc="how much of its last step the dot keeps (0: plain gradient descent)"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)
        self.best = None        # the fewest steps to a valley so far, at any momentum
        self.reset()

    def reset(self):
        self.optimizer = Momentum(LR, self.state["beta"])
        self.points = [np.array(START)]
        self.escaped = None
        self.playing = self.animating = False
        self.clock = 0.0

    @property
    def steps(self):
        return len(self.points) - 1

    def advance(self, n):
        for _ in range(min(n, MAX_STEPS - self.steps)):
            p = self.points[-1].copy()
            self.optimizer.step([("p", p, SURFACE.grad(p))])
            self.points.append(p)
            if self.escaped is None and self.valley_distance(p) < REACHED:
                self.escaped = self.steps
                self.best = self.escaped if self.best is None else min(self.best, self.escaped)
        if self.steps >= MAX_STEPS or (self.escaped is not None and self.steps >= self.escaped + 20):
            self.playing = self.animating = False

    @staticmethod
    def valley_distance(p):
        return float(np.min(np.linalg.norm(SURFACE.minima - p, axis=1)))

    @property
    def won(self):
        return self.escaped is not None and self.escaped <= GOAL

    # -- input -----------------------------------------------------------------------
    def changed(self, name, old):
        self.reset()

    def starts_over(self):
        return self.finished or self.escaped is not None

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        p = self.points[-1]
        grad = float(np.linalg.norm(SURFACE.grad(p)))
        beta = fmt(self.state["beta"])
        if self.won:
            return (f"Momentum {beta}: the dot reached a valley at step {self.escaped}, within "
                    f"{GOAL} steps. You win!")
        if self.escaped is not None:
            return (f"Momentum {beta}: a valley at step {self.escaped}, too slow for the goal of "
                    f"{GOAL}. Raise the momentum and roll again.")
        if self.steps == 0:
            return (f"Momentum {beta}. Press Roll: can the dot reach a valley within {GOAL} steps?")
        return (f"Step {self.steps}, momentum {beta}: the dot is {fmt(self.valley_distance(p))} from "
                f"a valley; the gradient there is only {fmt(grad, 4)} long.")

    def scene(self):
        m = SurfaceMap("saddle", SURFACE, self.lay["box"], XR, YR)
        items = m.background()
        for q in SURFACE.minima:
            items += m.cross(q, color="ok")
        sx, sy = m.to_scene(SURFACE.saddle)
        items += [text(sx, sy, "✦", size=24, fill="gold", weight="bold"),
                  text(sx, sy + 26, "saddle", size=13, fill="muted")]
        items += m.trail(self.points, "rose", width=2.5, every=5)
        items += self.readout(m.box[1] + m.box[3])
        s = scene(self.lay["w"], int(m.box[1] + m.box[3] + 100), items, self.label())
        return s

    def readout(self, top):
        p = self.points[-1]
        grad = float(np.linalg.norm(SURFACE.grad(p)))
        narrow = self.lay["narrow"]
        cols = (12, 120, 226) if narrow else (12, 160, 310)
        labels = ["step", "|gradient|", "to a valley"]
        values = [f"{self.steps} / {MAX_STEPS}", fmt(grad, 4), fmt(self.valley_distance(p))]
        items = []
        for x, label, value in zip(cols, labels, values):
            items += [text(x, top + 20, label, size=13, fill="muted", anchor="start"),
                      text(x, top + 40, value, size=15, weight="bold", font="mono", anchor="start")]
        note = "a small dot every 5 steps" + ("" if self.best is None else f" · best so far {self.best}")
        items += [text(12, top + 70, f"Goal: a valley (✕) within {GOAL} steps", size=13,
                       fill="ok" if self.won else "ink", anchor="start", weight="bold"),
                  text(12, top + 88, note, size=13, fill="muted", anchor="start")]
        return items

    def label(self):
        return ("Contour map of a surface with a saddle (✦) in the middle and a valley on each side; "
                "the rose path is the dot's. " + self.status())
