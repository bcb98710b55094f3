"""Optimizers on a loss surface: SGD, momentum and Adam race from one start.

Each racer (_racer.py) is the engine's own optimizer stepping one point on a
2-D surface from engine/surfaces.py, until it reaches the minimum or diverges.

On the quadratic valley plain gradient descent converges exactly when
lr < 2 / lambda_max, lambda_max the largest eigenvalue of the Hessian: along
that direction each step multiplies the distance by (1 - lr * lambda_max).
"""
from __future__ import annotations

import numpy as np

from engine.optimizers import SGD, Adam, Momentum
from engine.surfaces import Rosenbrock, Valley, curvatures
from kit import Setting
from kit.scene import fmt, line, rect, scene, text

from ._racer import REACHED, Racer
from ._stepping import Stepping
from ._surface_map import SurfaceMap, wrap

MAX_STEPS = 500
STEPS_PER_SECOND = 40
# key: (menu text, surface, x range, y range, suggested learning rate, start as map fractions)
SURFACES = {
    "valley": ("Elongated valley", Valley(), (-3.0, 3.0), (-2.0, 2.0), 0.16, [0.08, 0.85]),
    "banana": ("Rosenbrock's banana", Rosenbrock(), (-2.2, 2.2), (-0.5, 2.43), 0.01, [0.227, 0.512]),
}
RACERS = [("SGD", "teal"), ("Momentum", "rose"), ("Adam", "gold")]


def layout(width):
    w = 340 if width <= 420 else 460
    map_w = w - 20
    return {"w": w, "box": (10, 10, map_w, map_w / 1.5), "narrow": width <= 420}


class Optimizers(Stepping):
    name = "optimizers"
    max_steps, steps_per_second = MAX_STEPS, STEPS_PER_SECOND
    title = "Optimizers on a loss surface"
    code = ["engine.optimizers.SGD", "engine.optimizers.Momentum", "engine.optimizers.Adam",
            "engine.surfaces.Valley", "engine.surfaces.curvatures"]
    settings = [
        Setting("surface", "choice", "valley", choices={k: v[0] for k, v in SURFACES.items()},
                label="Surface", doc="the loss surface"),
        Setting("lr", "float", 0.16, lo=0.001, hi=0.4, step=0.001, label="Learning rate η",
                doc="the step size of all three optimizers"),
        Setting("beta", "float", 0.9, lo=0.0, hi=0.99, step=0.01, label="Momentum β",
                doc="how much of the last step momentum keeps"),
        Setting("start", "floats", [0.08, 0.85], length=2, lo=0.0, hi=1.0,
                doc="the start, as fractions of the map's width and height (set by a click)"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)
        self.reset()

    @property
    def surface(self):
        return SURFACES[self.state["surface"]][1]

    def map(self):
        _, surface, xr, yr, _, _ = SURFACES[self.state["surface"]]
        return SurfaceMap(self.state["surface"], surface, self.lay["box"], xr, yr)

    def start_point(self):
        return self.map().at_fraction(*self.state["start"])

    def reset(self):
        lr, beta = self.state["lr"], self.state["beta"]
        optimizers = [SGD(lr), Momentum(lr, beta), Adam(lr)]
        self.racers = [Racer(o, self.start_point(), self.surface) for o in optimizers]
        self.playing = self.animating = False
        self.clock = 0.0

    @property
    def steps(self):
        return len(self.racers[0].points) - 1

    @property
    def finished(self):
        return self.steps >= MAX_STEPS or all(r.done or r.reached is not None for r in self.racers)

    def advance(self, n):
        for _ in range(min(n, MAX_STEPS - self.steps)):
            for r in self.racers:
                r.step()

    # -- input -----------------------------------------------------------------------
    def changed(self, name, old):
        if name == "surface":   # each surface starts from its own sensible step and start
            self.state["lr"] = SURFACES[self.state["surface"]][4]
            self.state["start"] = list(SURFACES[self.state["surface"]][5])
        self.reset()

    def on_pointer(self, phase, x, y):
        m = self.map()
        if phase == "down" and m.contains_scene(x, y):
            self.state["start"] = [round(float(v), 3) for v in m.fraction(m.to_data(x, y))]
            self.reset()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- what the page says ------------------------------------------------------------
    def limit(self):
        """(lambda_max at the start, 2 / lambda_max): GD's largest safe step there."""
        lam = float(curvatures(self.surface, self.start_point())[-1])
        return lam, 2.0 / lam

    def why(self):
        """One sentence about plain gradient descent's step size, with the numbers."""
        lam, limit = self.limit()
        lr = self.state["lr"]
        factor = abs(1 - lr * lam)
        if self.state["surface"] != "valley":
            return (f"Here the curvature changes from place to place: at the start the Hessian's "
                    f"largest is λmax = {fmt(lam, 1)}, so steps above 2/λmax = {fmt(limit, 3)} "
                    "overshoot across the valley there, while its floor is nearly flat.")
        beta = self.state["beta"]
        # The heavy ball's own limit: its two-step recurrence is stable while eta*lam < 2(1 + beta).
        heavy = (f" Momentum with β = {fmt(beta)} stays stable up to 2(1 + β)/λmax = "
                 f"{fmt(2 * (1 + beta) / lam, 3)}.")
        if lr > limit:
            return (f"η = {fmt(lr, 3)} is above 2/λmax = 2/{fmt(lam, 1)} = {fmt(limit, 3)}: "
                    f"along the steepest direction each SGD step multiplies the distance to the "
                    f"bottom by |1 − ηλmax| = {fmt(factor, 2)}, so it grows and SGD diverges." + heavy)
        return (f"The Hessian's largest curvature is λmax = {fmt(lam, 1)}, so SGD is stable "
                f"below η = 2/λmax = {fmt(limit, 3)}; now |1 − ηλmax| = {fmt(factor, 2)}." + heavy)

    def outcome(self, r):
        if r.diverged is not None:
            return f"diverged at step {r.diverged}"
        if r.reached is not None:
            return f"reached in {r.reached} steps"
        return "not yet" if self.steps < MAX_STEPS else f"not in {MAX_STEPS} steps"

    def status(self):
        parts = [f"{name} {self.outcome(r)}" for (name, _), r in zip(RACERS, self.racers)]
        return f"Step {self.steps}: " + "; ".join(parts) + ". " + self.why()

    def scene(self):
        m = self.map()
        items = m.background() + self.curvature_axes(m) + m.cross(self.surface.minimum)
        x, y = m.to_scene(self.start_point())
        items += [text(x, y - 16, "start", size=13, fill="ink", weight="bold")] if y > 30 else []
        for (_, color), r in zip(RACERS, self.racers):
            items += m.trail(r.points, color, width=2.5)
        items += self.table(m.box[1] + m.box[3])
        s = scene(self.lay["w"], self.height, items, self.label())
        s.update(tap=True)
        return s

    def curvature_axes(self, m):
        """The Hessian's eigenvectors at the minimum, each labelled with its curvature."""
        bottom = self.surface.minimum
        lams, vecs = np.linalg.eigh(self.surface.hessian(bottom))
        items = []
        for lam, v in zip(lams, vecs.T):
            drawn, (tx, ty) = m.axis(bottom, v, self.start_point())
            label = f"λ = {fmt(lam, 1)}"
            half = 0.55 * 13 * len(label) / 2 + 4
            x0, y0, w, h = m.box      # keep the label inside the map
            tx, ty = min(x0 + w - half - 2, max(x0 + half + 2, tx)), min(y0 + h - 12, max(y0 + 12, ty))
            items += drawn + [rect(tx - half, ty - 10, 2 * half, 20, fill="panel", alpha=0.85, radius=6),
                              text(tx, ty, label, size=13, fill="muted")]
        return items

    def table(self, top):
        w, narrow = self.lay["w"], self.lay["narrow"]
        c_loss, c_out = (178, 190) if narrow else (190, 260)
        items = [text(14, top + 22, f"step {self.steps}", size=13, fill="muted", anchor="start"),
                 text(c_loss, top + 22, "loss", size=13, fill="muted", anchor="end"),
                 text(c_out, top + 22, f"reached within {fmt(REACHED)}?", size=13, fill="muted", anchor="start")
                 if not narrow else text(c_out, top + 22, "minimum", size=13, fill="muted", anchor="start")]
        for k, ((name, color), r) in enumerate(zip(RACERS, self.racers)):
            y = top + 46 + 24 * k
            loss = r.loss()
            out = self.outcome(r)
            if narrow:
                out = out.replace("reached in ", "in ").replace("diverged at step", "diverged, step")
            items += [line(14, y, 30, y, stroke=color, width=4),
                      text(36, y, name, size=14, anchor="start"),
                      text(c_loss, y, self.loss_text(loss), size=14, font="mono", anchor="end"),
                      text(c_out, y, out, size=14, anchor="start",
                           fill="bad" if r.diverged else "ok" if r.reached is not None else "ink")]
        warn = self.sgd_unstable() and self.state["surface"] == "valley"
        for j, part in enumerate(wrap(self.short_why(), w - 24)):
            items.append(text(12, top + 126 + 18 * j, part, size=13, fill="bad" if warn else "muted",
                              anchor="start"))
        return items

    @staticmethod
    def loss_text(loss):
        if not np.isfinite(loss):
            return "∞"
        return fmt(loss, 4) if loss < 10 else fmt(loss, 1) if loss < 1000 else "> 999"

    def short_why(self):
        lam, limit = self.limit()
        lr = self.state["lr"]
        factor = fmt(abs(1 - lr * lam), 2)
        nb = "\u00a0"   # no-break spaces keep each formula on one line
        head = f"2/λmax{nb}={nb}2/{fmt(lam, 1)}{nb}={nb}{fmt(limit, 3)}"
        if self.state["surface"] != "valley":
            return (f"At the start λmax = {fmt(lam, 1)}, 2/λmax = {fmt(limit, 3)}; "
                    "the curvature changes along the way")
        if self.sgd_unstable():
            return f"η above {head}: each SGD step multiplies the error by |1{nb}−{nb}ηλmax|{nb}={nb}{factor}"
        return f"η below {head}: SGD's error shrinks by |1{nb}−{nb}ηλmax|{nb}={nb}{factor} per step"

    def sgd_unstable(self):
        return self.state["lr"] > self.limit()[1]

    @property
    def height(self):
        box = self.lay["box"]
        return int(box[1] + box[3] + 126 + 18 * (3 if self.lay["narrow"] else 2) + 2)

    def label(self):
        name = SURFACES[self.state["surface"]][0]
        return (f"Contour map of the {name.lower()} with SGD (teal), momentum (rose) and Adam (gold) "
                f"paths from one start, learning rate {fmt(self.state['lr'], 3)}, momentum "
                f"{fmt(self.state['beta'])}. " + self.status())
