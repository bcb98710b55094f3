"""Batch norm: a layer's weighted sums, before and after normalizing, and what it does to training.

The data: 400 points of the engine's circle, shifted and stretched (x·3 + 15),
so a first layer's weighted sums come out far from zero and of uneven spread.
Left, for one batch of 64 points, three neurons' sums before batch norm; middle,
the same after: (z − mean) / sd, then γ·ẑ + β with the learner's γ and β.
Right, the engine trains the same 2 → 12 → 12 → 12 → 1 tanh network (same
starting weights, same batches, plain SGD) with and without batch norm.
"""
from __future__ import annotations

import time

import numpy as np

from engine.batch_norm import BatchNorm
from engine.bn_net import BatchNormMLP
from engine.data import circle
from engine.optimizers import SGD
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import line, path, rect, scene, text

EPOCHS, BATCH, BUDGET = 40, 32, 0.012
SIZES = [2, 12, 12, 12, 1]
COLORS = ("teal", "accent", "rose")


def make_data():
    X, y = circle(400, noise=0.3, seed=1)
    return X * 3 + 15, y.reshape(-1, 1)


def layout(width):
    if width <= 480:
        return {"w": 360, "h": 700, "before": (12, 40, 336, 180), "after": (12, 270, 336, 180),
                "loss": (44, 500, 300, 170)}
    return {"w": 700, "h": 320, "before": (10, 40, 210, 250), "after": (240, 40, 210, 250),
            "loss": (500, 40, 190, 230)}


class BatchNormWidget(Widget):
    name = "batch-norm"
    title = "Batch normalization"
    code = ["engine.batch_norm.BatchNorm"]
    settings = [
        Setting("gamma", "float", 1.0, lo=0.2, hi=3.0, step=0.1, label="Scale γ"),
        Setting("beta", "float", 0.0, lo=-3.0, hi=3.0, step=0.1, label="Shift β"),
        Setting("batch", "int", 0, lo=0, hi=999, doc="which random batch is shown"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.X, self.y = make_data()
        self.lay = layout(self.width)
        self.reset_training()

    def reset_training(self):
        self.nets = {bn: BatchNormMLP(SIZES, bn, "tanh", seed=0) for bn in (False, True)}
        self.optimizers = {bn: SGD(lr=0.1) for bn in (False, True)}
        self.losses = {False: [], True: []}
        self.cursor = 0
        self.animating = False

    # -- the math ----------------------------------------------------------------------
    @per_view
    def sums(self):
        """(raw weighted sums of three first-layer neurons over one batch, the same after batch norm)."""
        rng = np.random.default_rng(self.state["batch"])
        batch = self.X[rng.choice(len(self.X), 64, replace=False)]
        layer = BatchNormMLP(SIZES, False, seed=0).layers[0]
        Z = layer.forward(batch)[:, :3]
        norm = BatchNorm(3)
        norm.gamma[:], norm.beta[:] = self.state["gamma"], self.state["beta"]
        return Z, norm.forward(Z, training=True)

    def step(self):
        """One mini-batch for both networks (the same rows); an epoch's end records both losses."""
        epoch = len(self.losses[True])
        order = np.random.default_rng(epoch).permutation(len(self.X))
        rows = order[self.cursor:self.cursor + BATCH]
        for bn, net in self.nets.items():
            net.train_step(self.X[rows], self.y[rows], self.optimizers[bn])
        self.cursor += BATCH
        if self.cursor >= len(self.X):
            self.cursor = 0
            for bn, net in self.nets.items():
                self.losses[bn].append(net.loss(self.X, self.y))

    def train(self, epochs=None):
        """For `epochs` whole epochs, or for one frame's time budget."""
        start, goal = time.perf_counter(), len(self.losses[True]) + (epochs or 0)
        while len(self.losses[True]) < min(EPOCHS, goal if epochs else EPOCHS):
            self.step()
            if not epochs and time.perf_counter() - start > BUDGET:
                break
        self.animating = self.animating and len(self.losses[True]) < EPOCHS

    # -- input -------------------------------------------------------------------------
    def actions(self):
        done = len(self.losses[True]) >= EPOCHS
        return [button("batch", "New batch"),
                button("train", "Pause" if self.animating else "Train both", primary=True, disabled=done),
                button("reset", "Reset training")]

    def on_click(self, control_id):
        if control_id == "batch":
            self.state["batch"] = (self.state["batch"] + 1) % 1000
        elif control_id == "train":
            self.animating = not self.animating
            if self.reduced_motion and self.animating:
                self.train(EPOCHS)
        elif control_id == "reset":
            self.reset_training()

    def tick(self, dt):
        self.train()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        raw, out = self.sums()
        text_ = (f"Before: means {', '.join(fmt(m, 1) for m in raw.mean(0))}; after: means "
                 f"{', '.join(fmt(m) for m in out.mean(0))}, standard deviations {', '.join(fmt(s) for s in out.std(0))}.")
        if self.losses[True]:
            text_ += (f" Epoch {len(self.losses[True])}: loss {fmt(self.losses[False][-1], 3)} without batch norm, "
                      f"{fmt(self.losses[True][-1], 3)} with it.")
        return text_

    def scene(self):
        raw, out = self.sums()
        L = self.lay
        items = (self.histograms(raw, *L["before"], "Before: raw weighted sums", None)
                 + self.histograms(out, *L["after"], "After batch norm (γ·ẑ + β)", (-6.0, 6.0))
                 + self.loss_plot(*L["loss"]))
        return scene(L["w"], L["h"], items, f"Histograms of three neurons' weighted sums. {self.status()}")

    def histograms(self, Z, x0, y0, w, h, title, span):
        lo, hi = span or (float(Z.min()) - 1, float(Z.max()) + 1)
        row = h / 3
        items = [text(x0, y0 - 18, title, size=13, fill="muted", anchor="start")]
        for j in range(3):
            top = y0 + j * row
            counts, edges = np.histogram(np.clip(Z[:, j], lo, hi), bins=24, range=(lo, hi))
            bar_w = w / 24
            items.append(rect(x0, top, w, row - 6, fill="panel", stroke="line"))
            for k, c in enumerate(counts):
                bh = (row - 30) * c / max(1, counts.max())
                items.append(rect(x0 + k * bar_w, top + row - 26 - bh, bar_w - 1, bh, fill=COLORS[j]))
            if span:
                zero = x0 + (0 - lo) / (hi - lo) * w
                items.append(line(zero, top, zero, top + row - 26, stroke="faint", dash=[3, 3]))
            items.append(text(x0 + 6, top + row - 15, f"mean {fmt(Z[:, j].mean(), 2)}, sd {fmt(Z[:, j].std(), 2)}",
                              size=13, anchor="start", fill="ink"))
        return items

    def loss_plot(self, x0, y0, w, h):
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 18, "Training loss", size=13, fill="muted", anchor="start"),
                 text(x0 + w / 2, y0 + h + 16, f"epochs 0–{EPOCHS}", size=13, fill="muted")]
        top = 0.8
        for bn, color, name, dy in ((False, "gold", "without", 16), (True, "teal", "with batch norm", 34)):
            losses = self.losses[bn]
            if len(losses) > 1:
                items.append(path([(x0 + i / (EPOCHS - 1) * w, y0 + (1 - min(top, v) / top) * h)
                                   for i, v in enumerate(losses)], stroke=color, width=2.5))
            items.append(text(x0 + w - 6, y0 + dy, name, size=13, fill=color, anchor="end", weight="bold"))
        return items
