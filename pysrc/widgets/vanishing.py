"""Vanishing and exploding gradients: one bar per layer for the size of the gradient.

A deep random network from the engine (MLP: `depth` dense layers of WIDTH
neurons, a 10-class softmax on top) reads one random example; the engine's
backward pass then sends the cross-entropy gradient down. Each bar is the size
of the gradient on that layer's biases, ‖∂L/∂b‖, which for one example is
exactly the layer's error signal δ. Going down one layer multiplies δ by the
weights and by the activation's slope, so after many layers it shrinks to
nothing (sigmoid: slope at most 1/4) or blows up (weights too large).

Weights start at the engine's He scale for ReLU, Xavier for sigmoid and tanh,
times the weight-scale setting.
"""
from __future__ import annotations

import math

import numpy as np

from engine.network import MLP
from kit import Setting, Widget, button
from kit.fmt import SUPERSCRIPT, sci
from kit.scene import circle, fmt, line, rect, scene, text

WIDTH, CLASSES = 32, 10
LOG_LO, LOG_HI = -20, 6            # the chart's range: 10^-20 to 10^6
SECONDS_PER_LAYER = 0.12
ACTS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
INIT_OF = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he"}
H = 312


def verdict(ratio):
    if ratio < 1e-3:
        return "vanished"
    return "exploded" if ratio > 1e3 else "stayed alive"


class Vanishing(Widget):
    name = "vanishing"
    title = "Vanishing and exploding gradients"
    code = ["engine.dense.Dense.backward", "engine.network.MLP.backward"]
    settings = [
        Setting("act", "choice", "sigmoid", choices=ACTS, label="Activation", doc="sigmoid, tanh or relu"),
        Setting("scale", "float", 1.0, lo=0.5, hi=2.0, step=0.05, label="Weight scale ×",
                doc="the starting weights' size, as a multiple of He (ReLU) or Xavier (sigmoid, tanh)"),
        Setting("depth", "int", 10, lo=2, hi=20, step=1, label="Depth (layers)", doc="how many dense layers"),
        Setting("seed", "int", 0, lo=0, hi=99, doc="which random network and example"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.shown, self.clock = self.state["depth"], 0.0     # layers whose bar is drawn, from the top

    def changed(self, name, old):
        self.shown, self.animating = self.state["depth"], False

    def actions(self):
        return [button("send", "Send gradient back", primary=True, disabled=self.animating)]

    def on_click(self, control_id):
        if control_id == "send":
            self.shown, self.clock = (self.state["depth"], 0.0) if self.reduced_motion else (0, 0.0)
            self.animating = not self.reduced_motion

    def tick(self, dt):
        self.clock += dt
        while self.clock >= SECONDS_PER_LAYER and self.shown < self.state["depth"]:
            self.clock -= SECONDS_PER_LAYER
            self.shown += 1
        self.animating = self.shown < self.state["depth"]

    # -- the math: the engine's forward and backward pass -------------------------------
    def gradients(self):
        """‖∂L/∂b‖ for layers 1 … depth, from one real backward pass (redone when a setting changes)."""
        key = tuple(self.state[k] for k in ("act", "scale", "depth", "seed"))
        if getattr(self, "_key", None) != key:
            self._key, self._grads = key, self.backward_pass()
        return self._grads

    def backward_pass(self):
        act, seed = self.state["act"], self.state["seed"]
        net = MLP([WIDTH] * self.state["depth"] + [CLASSES], activation=act, output="softmax",
                  init=INIT_OF[act], seed=seed)
        for layer in net.layers:
            layer.W *= self.state["scale"]
        rng = np.random.default_rng([seed, 1])
        x, label = rng.normal(size=(1, WIDTH)), rng.integers(CLASSES, size=1)
        net.forward(x)
        _, dlogits = net.loss(label)
        net.backward(dlogits)
        self.net, self.example = net, (x, label)
        return np.array([np.linalg.norm(layer.db) for layer in net.layers])

    def ratio(self):
        g = self.gradients()
        return g[0] / g[-1] if g[-1] else 0.0

    # -- output ------------------------------------------------------------------------
    def status(self):
        g, act = self.gradients(), ACTS[self.state["act"]]
        if self.animating:
            if self.shown == 0:
                return "The gradient leaves the loss…"
            return f"The gradient has reached layer {self.state['depth'] - self.shown + 1}…"
        return (f"{self.state['depth']} {act} layers, weights × {fmt(self.state['scale'])} of the "
                f"{INIT_OF[self.state['act']].capitalize()} scale: the gradient is {sci(g[-1])} at the last "
                f"layer and {sci(g[0])} at layer 1, a ratio of {sci(self.ratio())}; it {verdict(self.ratio())}.")

    def scene(self):
        narrow = self.width <= 420
        W = 340 if narrow else 560
        g, depth = self.gradients(), self.state["depth"]
        x0, x1, top, bottom = (62 if narrow else 74), W - 8, 44, 214
        yof = lambda v: bottom - (min(LOG_HI, max(LOG_LO, v)) - LOG_LO) / (LOG_HI - LOG_LO) * (bottom - top)  # noqa: E731
        items = [text(4, 14, "gradient size ‖∂L/∂b‖ per layer, log scale", size=13, fill="muted",
                      anchor="start", weight="bold"),
                 text(x1, 32, "← backward pass", size=13, fill="rose", anchor="end")]
        for e in range(LOG_LO, LOG_HI + 1, 5):
            items += [line(x0, yof(e), x1, yof(e), stroke="line", dash=None if e == LOG_LO else [3, 4]),
                      text(x0 - 6, yof(e), f"10{str(e).translate(SUPERSCRIPT)}", size=13, fill="muted",
                           anchor="end")]
        slot = (x1 - x0) / depth
        every = 1 if slot >= 22 else (2 if slot >= 12 else 5)
        for k in range(depth):
            cx, visible = x0 + (k + 0.5) * slot, k >= depth - self.shown
            v = math.log10(g[k]) if g[k] > 0 else LOG_LO
            y = yof(v)
            if visible:
                items.append(rect(cx - slot * 0.34, y, slot * 0.68, bottom - y, fill="rose",
                                  alpha=1.0 if k == depth - self.shown and self.animating else 0.8, radius=2))
            else:
                items.append(rect(cx - slot * 0.34, bottom - 3, slot * 0.68, 3, fill="line"))
            if (k + 1) % every == (1 if every == 2 else 0) or k == 0:
                items.append(text(cx, bottom + 14, str(k + 1), size=13, fill="muted"))
        if self.animating:      # a pulse on its way from the bar just reached to the next one down
            k, t = depth - self.shown - 1, min(1.0, self.clock / SECONDS_PER_LAYER)
            level = [yof(math.log10(v)) if v > 0 else bottom for v in g] + [top]
            cx = min(x1 - 6, x0 + (k + 1.5 - t) * slot)
            items.append(circle(cx, level[k + 1] + t * (level[k] - level[k + 1]) - 8, 6, fill="rose"))
        items.append(text((x0 + x1) / 2, bottom + 32, "layer (1 = nearest the input)", size=13, fill="muted"))
        items += self.numbers(W, narrow)
        label = (f"Bars of the gradient size at each of {depth} layers on a log scale: "
                 + ", ".join(sci(v) for v in g[depth - self.shown:])
                 + f" (from layer {depth - self.shown + 1}); layer 1 / last = {sci(self.ratio())}.")
        return scene(W, H, items, label)

    def numbers(self, W, narrow):
        if self.shown < self.state["depth"]:
            return [text(W / 2, 272, "sending the gradient back…", size=14, fill="rose")]
        g, r = self.gradients(), self.ratio()
        color = {"vanished": "bad", "exploded": "gold", "stayed alive": "ok"}[verdict(r)]
        first, last = f"layer 1: {sci(g[0])}", f"last layer: {sci(g[-1])}"
        rows = [text(4, 266, first, size=14, anchor="start"), text(W - 4, 266, last, size=14, anchor="end")]
        return rows + [text(W / 2, 294, f"layer 1 / last = {sci(r)}: {verdict(r)}", size=15,
                            weight="bold", fill=color)]
