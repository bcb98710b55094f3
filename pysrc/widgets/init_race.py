"""Init race: one network, three starting points, three loss curves.

Three copies of the same 2 → 8 → 8 → 1 tanh network learn the same circle
data with the same optimizer. Only their starting weights differ (the
engine's initializers, biases always start at 0):
  "zeros"      every weight 0: all hidden neurons compute the same thing, get the
               same gradient, and stay identical; here they even stay at 0;
  "too-large"  normal with standard deviation 4: the tanh neurons saturate;
  "xavier"     uniform, scaled to the layer's size.
Each tick trains every network for the few epochs its time slice allows, so
the page stays smooth; the race ends after EPOCHS epochs.
"""
from __future__ import annotations

import numpy as np

from engine.data import make_dataset
from engine.network import MLP
from engine.optimizers import SGD
from engine.train import evaluate, train_epoch
from kit import Setting, Widget, button
from kit.fmt import fmt
from kit.scene import line, path, rect, scene, text

SIZES = [2, 8, 8, 1]
EPOCHS = 200
EPOCHS_PER_SECOND = 60   # the race lasts about 3 seconds; a tick (dt <= 0.1 s) trains at most 6
LR, BATCH, N_POINTS = 0.05, 20, 200
STARTS = [("zeros", "All zeros", "muted"), ("too-large", "Too large", "rose"),
          ("xavier", "Balanced", "teal")]
Y_MAX = 1.5  # the chart's top; the too-large start begins above it


class Racer:
    """One network and everything it needs to train: its optimizer, its shuffle, its curve."""

    def __init__(self, init, seed, X, y):
        self.net = MLP(SIZES, activation="tanh", output="sigmoid", init=init, seed=seed)
        self.optimizer = SGD(lr=LR)
        self.rng = np.random.default_rng(seed)
        self.X, self.y = X, y
        self.losses = [evaluate(self.net, X, y)]

    def train(self, epochs):
        for _ in range(epochs):
            train_epoch(self.net, self.X, self.y, self.optimizer, BATCH, self.rng)
            self.losses.append(evaluate(self.net, self.X, self.y))

    def identical(self):
        """True when, in every hidden layer, all neurons have the same weights and bias."""
        return all(np.allclose(layer.W, layer.W[:, :1]) and np.allclose(layer.b, layer.b[0])
                   for layer in self.net.layers[:-1])


def layout(width):
    if width <= 420:
        return {"w": 340, "h": 320, "chart": (44, 30, 274, 160), "cols": (14, 196, 286),
                "identical": "identical"}
    return {"w": 440, "h": 336, "chart": (52, 30, 372, 176), "cols": (30, 250, 370),
            "identical": "units identical"}


class InitRace(Widget):
    name = "init-race"
    title = "Initialization race"
    code = ["engine.init.init_weights", "engine.train.train_epoch"]
    settings = [Setting("seed", "int", 0, lo=0, hi=9, step=1, label="Random seed",
                        doc="which random weights and data points")]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)
        self.reset()

    @property
    def seed(self):
        return self.state["seed"]

    def reset(self):
        X, y = make_dataset("circle", n=N_POINTS, seed=self.seed)
        self.racers = [Racer(init, self.seed, X, y) for init, _, _ in STARTS]
        self.animating, self.clock = False, 0.0

    @property
    def epoch(self):
        return len(self.racers[0].losses) - 1

    # -- input ---------------------------------------------------------------------------
    def on_click(self, control_id):
        if control_id == "train":
            if self.epoch:
                self.reset()
            if self.reduced_motion:
                self.train(EPOCHS)
            else:
                self.animating = True
        elif control_id == "reset":
            self.reset()

    def changed(self, name, old):
        self.reset()  # the seed: new data and new starting weights

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    def tick(self, dt):
        if self.animating:
            self.clock += min(dt, 0.1) * EPOCHS_PER_SECOND   # epochs owed, carried between ticks
            self.train(int(self.clock))
            self.clock -= int(self.clock)
            self.animating = self.epoch < EPOCHS

    def train(self, epochs):
        epochs = min(epochs, EPOCHS - self.epoch)
        for racer in self.racers:
            racer.train(epochs)

    def actions(self):
        return [button("train", "Train all three", primary=True, disabled=self.animating),
                button("reset", "Reset", disabled=self.epoch == 0)]

    def controls(self):
        return self.actions() + self.setting_controls("seed")

    # -- output --------------------------------------------------------------------------
    def finals(self):
        return [(name, racer.losses[-1]) for (_, name, _), racer in zip(STARTS, self.racers)]

    def status(self):
        losses = ", ".join(f"{name.lower()} {fmt(loss, 3)}" for name, loss in self.finals())
        if self.epoch == 0:
            return (f"Three copies of one 2 → 8 → 8 → 1 network on the circle data, starting losses "
                    f"{losses}. Press Train all three.")
        if self.epoch < EPOCHS:
            return f"Epoch {self.epoch} of {EPOCHS}: {losses}."
        best = min(self.finals(), key=lambda f: f[1])[0]
        same = "still identical" if self.racers[0].identical() else "no longer identical"
        return (f"After {EPOCHS} epochs the {best.lower()} start reached the lowest loss. Final losses: "
                f"{losses}; the all-zeros hidden units are {same}.")

    def scene(self):
        L = self.lay
        x0, y0, w, h = L["chart"]
        items = [rect(x0, y0, w, h, fill=None, stroke="line")]
        for v in (0.5, 1.0, 1.5, 0.0):
            y = y0 + h - v / Y_MAX * h
            items += [line(x0, y, x0 + w, y, stroke="line", dash=[2, 4]) if 0 < v < Y_MAX else None,
                      text(x0 - 6, y, fmt(v, 1), size=13, fill="muted", anchor="end")]
        for e in range(0, EPOCHS + 1, 50):
            items.append(text(x0 + e / EPOCHS * w, y0 + h + 14, str(e), size=13, fill="muted"))
        items += [text(x0 - 6, 12, "loss", size=13, fill="muted", anchor="end"),
                  text(x0 + w, 12, f"epoch {self.epoch} / {EPOCHS}", size=13, fill="muted", anchor="end")]
        items = [it for it in items if it is not None]
        start = self.racers[1].losses[0]
        if self.epoch and start > Y_MAX:  # where the too-large curve comes from, off the chart
            items.append(text(x0 + 14, y0 + 12, f"↑ from {fmt(start)}", size=13, fill="rose",
                              anchor="start"))
        for (_, _, color), racer in zip(STARTS, self.racers):
            pts = [(x0 + e / EPOCHS * w, y0 + h - min(loss, Y_MAX) / Y_MAX * h)
                   for e, loss in enumerate(racer.losses)]
            if len(pts) > 1:
                items.append(path(pts, stroke=color, width=3 if color == "teal" else 2.5))
        items += self.table()
        return scene(L["w"], L["h"], items, self.label())

    def table(self):
        c1, c2, c3 = self.lay["cols"]
        top = self.lay["chart"][1] + self.lay["chart"][3] + 38
        items = [text(c1, top, "start", size=13, fill="muted", anchor="start"),
                 text(c2, top, "loss now", size=13, fill="muted"),
                 text(c3, top, self.lay["identical"], size=13, fill="muted")]
        for k, ((_, name, color), racer) in enumerate(zip(STARTS, self.racers)):
            y = top + 26 * (k + 1)
            items += [line(c1, y, c1 + 16, y, stroke=color, width=4),
                      text(c1 + 24, y, name, size=14, anchor="start"),
                      text(c2, y, fmt(racer.losses[-1], 3), size=14, weight="bold", font="mono"),
                      text(c3, y, "yes" if racer.identical() else "no", size=14)]
        return items

    def label(self):
        parts = [f"{name}: loss {fmt(racer.losses[0], 3)} at the start, {fmt(racer.losses[-1], 3)} now, "
                 f"hidden units identical: {'yes' if racer.identical() else 'no'}"
                 for (_, name, _), racer in zip(STARTS, self.racers)]
        return f"Loss curves after {self.epoch} of {EPOCHS} epochs. " + "; ".join(parts) + "."
