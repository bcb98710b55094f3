"""Softmax: one slider per class's logit, and the probabilities they become.

    p_k = e^(z_k − max z) / Σ_j e^(z_j − max z)

The table shows every step of the engine's computation: the logit z, the
shifted exponential (subtracting the largest logit changes nothing but keeps
e^z from overflowing at z = 1000) and the probability. The sum shown is
computed from the probabilities, not written in.
"""
from __future__ import annotations

import numpy as np

from engine.activations import softmax
from kit import Setting, Widget, per_view, slider
from kit.scene import fmt, line, rect, scene, text

MAX_CLASSES = 5
DEFAULT_NAMES = "cat,dog,fox,owl,bee"
RANGES = {"10": "±10", "1000": "±1000 (huge logits)"}
START_LOGITS = (2.0, 1.0, 0.1, -1.0, 0.5)


def logit_settings(lo=-1000, hi=1000):
    return [Setting(f"z{k}", "float", START_LOGITS[k - 1], lo=lo, hi=hi, step=0.1, label=f"Logit {k}",
                    doc=f"class {k}'s logit") for k in range(1, MAX_CLASSES + 1)]


CLASSES = Setting("classes", "int", 3, lo=3, hi=MAX_CLASSES, step=1, label="Classes", doc="how many classes (3 to 5)")
NAMES = Setting("names", "str", DEFAULT_NAMES, doc="the class names, separated by commas")


class Classes:
    """What both softmax widgets read from their settings: how many classes, their names and
    their logits."""

    @property
    def n(self):
        return self.state["classes"]

    @property
    def names(self):
        return class_names(self.state["names"], self.n)

    @property
    def z(self):
        return np.array([self.state[f"z{k}"] for k in range(1, self.n + 1)])


def class_names(text_, n):
    """The first n names of a comma-separated list, short enough for a column."""
    given = [s.strip()[:8] for s in text_.split(",") if s.strip()]
    return [given[k] if k < len(given) else f"class {k + 1}" for k in range(n)]


def short(x):
    """A positive number in five characters or fewer: 0.135, <0.001, 0."""
    if x == 0:
        return "0"
    return "<0.001" if x < 0.0005 else fmt(x, 3)


def columns(width, n, label_w_wide=118, label_w_narrow=98):
    """(scene width, left edge of the class columns, column width) for a page this wide."""
    w = 340 if width <= 420 else 480
    left = label_w_narrow if width <= 420 else label_w_wide
    return w, left, (w - left - 6) / n


class Softmax(Classes, Widget):
    name = "softmax"
    title = "Softmax"
    code = ["engine.activations.softmax"]
    settings = [
        CLASSES,
        Setting("range", "choice", "10", choices=RANGES, label="Logit range",
                doc="how far the logit sliders go: 10 or 1000"),
        *logit_settings(),
        NAMES,
    ]

    def changed(self, name, old):
        if name == "range" and self.state["range"] == "10":   # bring the logits back into reach
            for k in range(1, MAX_CLASSES + 1):
                self.state[f"z{k}"] = float(np.clip(self.state[f"z{k}"], -10, 10))

    def controls(self):
        r = float(self.state["range"])
        step, digits = (0.1, 1) if r == 10 else (10, 0)
        sliders = [slider(f"z{k}", f"Logit z{'₁₂₃₄₅'[k - 1]} ({name})", self.state[f"z{k}"], -r, r, step, digits)
                   for k, name in zip(range(1, self.n + 1), self.names)]
        return self.setting_controls("classes", "range") + sliders

    # -- the math: the engine's --------------------------------------------------------
    @per_view
    def compute(self):
        z = self.z
        shifted = np.exp(z - z.max())          # the numerators softmax uses
        p = softmax(z[None, :])[0]
        return z, shifted, p

    # -- output ------------------------------------------------------------------------
    def status(self):
        z, _, p = self.compute()
        best = int(np.argmax(p))
        parts = ", ".join(f"{name} {fmt(100 * q, 1)} %" for name, q in zip(self.names, p))
        return (f"Probabilities {parts}; they sum to {fmt(100 * p.sum(), 1)} %. "
                f"The largest logit, {self.names[best]}, gets the most.")

    def scene(self):
        z, shifted, p = self.compute()
        W, left, cw = columns(self.width, self.n)
        digits = 0 if self.state["range"] == "1000" else 1
        top, bottom = 44, 182
        best = int(np.argmax(p))
        items = [text(4, 16, "softmax(z)", size=14, fill="muted", anchor="start", weight="bold"),
                 text(W - 4, 16, f"sum of p = {fmt(100 * p.sum(), 1)} %", size=14, anchor="end",
                      weight="bold", fill="ok")]
        for frac in (0.0, 0.5, 1.0):
            y = bottom - frac * (bottom - top)
            items += [line(left, y, W - 4, y, stroke="line", dash=None if frac == 0 else [3, 4]),
                      text(left - 8, y, f"{int(100 * frac)} %", size=13, fill="muted", anchor="end")]
        rows = {"class": 200, "logit z": 224, "exp(z − max)": 248, "p": 272}
        for label, y in rows.items():
            items.append(text(4, y, label, size=13, fill="muted", anchor="start"))
        for k in range(self.n):
            cx, winner = left + (k + 0.5) * cw, k == best
            h = p[k] * (bottom - top)
            if winner:
                items.append(rect(cx - cw / 2 + 2, top - 16, cw - 4, 300 - top, fill="accent",
                                  alpha=0.08, radius=8))
            items += [rect(cx - cw * 0.3, bottom - h, cw * 0.6, h, fill="accent" if winner else "faint",
                           radius=3),
                      text(cx, max(top - 6, bottom - h - 10), f"{fmt(100 * p[k], 1)}%", size=13,
                           weight="bold" if winner else "normal"),
                      text(cx, rows["class"], self.names[k], size=14, weight="bold",
                           fill="accent" if winner else "ink"),
                      text(cx, rows["logit z"], fmt(z[k], digits), size=13),
                      text(cx, rows["exp(z − max)"], short(shifted[k]), size=13),
                      text(cx, rows["p"], short(p[k]), size=13)]
        items.append(text(W / 2, 292, f"argmax: {self.names[best]} (the predicted class)", size=13,
                          fill="accent"))
        label = (f"Bars of the softmax probabilities of {self.n} classes: "
                 + ", ".join(f"{n} logit {fmt(v, digits)} gives {fmt(100 * q, 1)} %"
                             for n, v, q in zip(self.names, z, p))
                 + f"; the sum is {fmt(100 * p.sum(), 1)} %; argmax {self.names[best]}.")
        return scene(W, 304, items, label)
