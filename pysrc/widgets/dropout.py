"""Dropout: pick a rate, train, and find where training and validation meet.

The runs are real: the engine's DropoutMLP (2 → 48 → 48 → 1 ReLU, dropout after
each hidden layer) trained on 60 noisy XOR points at nine rates by
training/train_dropout.py; their accuracy curves ship in pysrc/models/ and are
hash-checked at build time. While a run plays, the drawn neurons blink off
with the engine's own Dropout masks at the chosen rate.

The green zone: the rates whose validation accuracy is within one point of
the best. (The smallest gap alone would reward a starved network whose
training and validation accuracy are both poor.)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

import models
from engine.dropout import Dropout
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import circle, line, path, rect, scene, text

RUN_SECONDS = 2.5
SHOWN = 8                       # neurons drawn per hidden layer (of 48)
ZONE = 0.01                     # within one point of the best validation accuracy


@lru_cache(maxsize=None)
def runs():
    with np.load(Path(models.__file__).parent / "dropout-runs.npz") as data:
        return {"rates": [round(float(r), 1) for r in data["rates"]], "train": data["train"], "val": data["val"],
                "every": int(data["every"])}


def green_zone():
    val = runs()["val"][:, -1]
    return [r for r, v in zip(runs()["rates"], val) if v >= val.max() - ZONE]


def layout(width):
    if width <= 480:
        return {"w": 360, "h": 640, "net": (10, 36, 340, 170), "curve": (50, 250, 290, 160), "tried": (50, 460, 290, 140)}
    return {"w": 660, "h": 300, "net": (8, 36, 190, 230), "curve": (240, 36, 180, 200), "tried": (464, 36, 180, 200)}


class DropoutWidget(Widget):
    name = "dropout"
    title = "Dropout"
    challenge = True
    code = ["engine.dropout.Dropout", "engine.dropout_net.DropoutMLP"]
    trained = True
    settings = [
        Setting("rate", "float", 0.0, lo=0.0, hi=0.8, step=0.1, label="Dropout rate"),
        Setting("tried", "str", "", doc="the rates trained so far, comma-separated"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.tried = self.parse_tried(self.state["tried"])
        self.shown_epochs = len(runs()["val"][0]) if self.state["rate"] in self.tried else 0
        self.masks = [np.ones(SHOWN), np.ones(SHOWN)]
        self.dropper = Dropout(self.state["rate"], np.random.default_rng(0)) if self.state["rate"] else None
        self.clock = 0.0
        self.lay = layout(self.width)

    def parse_tried(self, text_):
        rates = set()
        for part in text_.split(","):
            try:
                rate = round(float(part), 1)
            except ValueError:
                continue
            if rate in runs()["rates"]:
                rates.add(rate)
        return rates

    # -- the math ----------------------------------------------------------------------
    @per_view
    def run(self):
        """(training accuracy, validation accuracy) every few epochs for the chosen rate."""
        i = runs()["rates"].index(round(self.state["rate"], 1))
        return runs()["train"][i], runs()["val"][i]

    @property
    def won(self):
        return self.state["rate"] in self.tried and self.state["rate"] in green_zone() and not self.animating

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        self.animating, self.masks = False, [np.ones(SHOWN), np.ones(SHOWN)]
        self.shown_epochs = len(self.run()[0]) if self.state["rate"] in self.tried else 0
        rate = self.state["rate"]
        self.dropper = Dropout(rate, np.random.default_rng(0)) if rate else None

    def actions(self):
        return [button("train", "Training…" if self.animating else "Train", primary=True, disabled=self.animating)]

    def on_click(self, control_id):
        if control_id != "train" or self.animating:
            return
        self.shown_epochs, self.clock = 0, 0.0
        self.animating = not self.reduced_motion
        if self.reduced_motion:
            self.finish()

    def finish(self):
        self.shown_epochs = len(self.run()[0])
        self.animating = False
        self.masks = [np.ones(SHOWN), np.ones(SHOWN)]
        self.tried.add(self.state["rate"])
        self.state["tried"] = ",".join(f"{r:.1f}" for r in sorted(self.tried))

    def tick(self, dt):
        self.clock += dt
        total = len(self.run()[0])
        self.shown_epochs = min(total, int(self.clock / RUN_SECONDS * total) + 1)
        if self.dropper:   # a fresh random mask each step, drawn by the engine's own dropout
            self.masks = [self.dropper.forward(np.ones(SHOWN)) > 0 for _ in range(2)]
        if self.shown_epochs >= total:
            self.finish()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        rate = fmt(self.state["rate"], 1)
        if not self.shown_epochs:
            return f"Rate {rate}: press Train to train the network with this much dropout."
        train, val = (a[self.shown_epochs - 1] for a in self.run())
        epoch = self.shown_epochs * runs()["every"]
        start = (f"Rate {rate}, epoch {epoch}: training accuracy {fmt(100 * train, 0)} %, validation "
                 f"{fmt(100 * val, 0)} %, gap {fmt(100 * (train - val), 0)} points.")
        if self.won:
            return start + " This rate is in the green zone: its validation accuracy is within a point of the best of all nine rates. You win!"
        if not self.animating and self.state["rate"] in self.tried:
            return start + " Try other rates: where does validation accuracy peak?"
        return start

    def scene(self):
        L = self.lay
        items = self.network(*L["net"]) + self.curves(*L["curve"]) + self.tried_chart(*L["tried"])
        label = f"A network with dropout and its accuracy curves. {self.status()}"
        return scene(L["w"], L["h"], items, label)

    def network(self, x0, y0, w, h):
        cols = [x0 + 14, x0 + w * 0.38, x0 + w * 0.7, x0 + w - 14]
        layers = [[y0 + h * f for f in (0.35, 0.65)],
                  *[[y0 + h * (j + 0.5) / SHOWN for j in range(SHOWN)]] * 2, [y0 + h / 2]]
        on = [np.ones(2, bool), *[m > 0 for m in self.masks], np.ones(1, bool)]
        items = [text(x0, y0 - 18, "Neurons dropped this step", size=13, fill="muted", anchor="start")]
        for k in range(3):
            for i, ya in enumerate(layers[k]):
                for j, yb in enumerate(layers[k + 1]):
                    alive = on[k][i] and on[k + 1][j]
                    items.append(line(cols[k], ya, cols[k + 1], yb, stroke="accent" if alive else "line",
                                      width=1, alpha=0.45 if alive else 0.25))
        for k, ys in enumerate(layers):
            for i, y in enumerate(ys):
                items.append(circle(cols[k], y, 8, fill="teal" if on[k][i] else "panel",
                                    stroke="ink" if on[k][i] else "faint", width=1.5))
        return items

    def curves(self, x0, y0, w, h):
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 18, "Accuracy while training", size=13, fill="muted", anchor="start"),
                 text(x0 - 6, y0, "100 %", size=13, fill="muted", anchor="end"),
                 text(x0 - 6, y0 + h, "50 %", size=13, fill="muted", anchor="end")]
        n = len(self.run()[0])
        for values, color, name, dy in ((self.run()[0], "accent", "training", 16), (self.run()[1], "rose", "validation", 34)):
            shown = values[:self.shown_epochs]
            if len(shown) > 1:
                items.append(path([(x0 + i / (n - 1) * w, y0 + (1 - max(0.5, v)) * 2 * h) for i, v in enumerate(shown)],
                                  stroke=color, width=2))
            items.append(text(x0 + w - 6, y0 + h - dy - 4, name, size=13, fill=color, anchor="end", weight="bold"))
        return items

    def tried_chart(self, x0, y0, w, h):
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 18, "Final accuracy by rate", size=13, fill="muted", anchor="start")]
        rates = runs()["rates"]
        step = w / len(rates)
        if self.won:
            zone = [rates.index(r) for r in green_zone()]
            items.append(rect(x0 + min(zone) * step, y0, (max(zone) - min(zone) + 1) * step, h, fill="ok", alpha=0.18))
        for i, rate in enumerate(rates):
            cx = x0 + (i + 0.5) * step
            if i % 2 == 0:
                items.append(text(cx, y0 + h + 14, fmt(rate, 1), size=13, fill="muted"))
            if rate in self.tried:
                t, v = runs()["train"][i][-1], runs()["val"][i][-1]
                ty, vy = y0 + (1 - max(0.5, t)) * 2 * h, y0 + (1 - max(0.5, v)) * 2 * h
                items += [rect(cx - step * 0.3, vy, step * 0.6, y0 + h - vy, fill="rose", alpha=0.8),
                          line(cx - step * 0.4, ty, cx + step * 0.4, ty, stroke="accent", width=3)]
        return items
