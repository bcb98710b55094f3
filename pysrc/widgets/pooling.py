"""Pooling: shrink a feature map by keeping one number per window.

The input is a real feature map: the engine's convolution of a small drawing
with an edge kernel. Each output cell is the max (or the average) of one k×k
window; windows start every `stride` cells. The learner picks the kind, the
window and the stride, and points at an output cell to see the window it came
from and, for max pooling, the one cell that was kept.
"""
from __future__ import annotations

import numpy as np

from engine.conv import correlate2d
from engine.pooling import Pool2D
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import mix, rect, scene, text
from kit.theme import GLOW_OFF, GLOW_ON, POSITIVE

from .convolution import KERNELS, N, START_IMAGE

SOURCES = {"vertical": "Vertical edges", "horizontal": "Horizontal edges", "outline": "Outline"}


def short(v):
    return fmt(v, 0) if float(v).is_integer() else fmt(v, 2)


def layout(width):
    if width <= 480:
        return {"w": 360, "h": 656, "in": (36, 44, 36), "out": (50, 382, 260)}
    return {"w": 600, "h": 330, "in": (16, 44, 28), "out": (320, 44, 264)}


class Pooling(Widget):
    name = "pooling"
    title = "Pooling"
    code = ["engine.pooling.Pool2D"]
    settings = [
        Setting("kind", "choice", "max", choices={"max": "Max", "average": "Average"}, label="Pooling"),
        Setting("k", "int", 2, lo=2, hi=3, step=1, label="Window k × k"),
        Setting("stride", "int", 2, lo=1, hi=3, step=1, label="Stride"),
        Setting("source", "choice", "vertical", choices=SOURCES, label="Feature map of"),
        Setting("row", "int", 0, lo=0, hi=6, doc="the chosen output cell's row"),
        Setting("col", "int", 0, lo=0, hi=6, doc="the chosen output cell's column"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)
        self.keep_inside()

    # -- the math ----------------------------------------------------------------------
    @per_view
    def feature_map(self):
        image = np.array([int(ch) for ch in START_IMAGE], dtype=float).reshape(N, N)
        kernel = np.array(KERNELS[self.state["source"]][1]).reshape(3, 3)
        return correlate2d(image, kernel)

    @per_view
    def pooled(self):
        """(output map, kept (row, col) per output cell or None for average pooling)."""
        pool = Pool2D(self.state["kind"], self.state["k"], self.state["stride"])
        out = pool.forward(self.feature_map()[None, None])[0, 0]
        return out, (pool.kept()[0, 0] if self.state["kind"] == "max" else None)

    def out_size(self):
        return (self.feature_map().shape[0] - self.state["k"]) // self.state["stride"] + 1

    def window_of(self, r, c):
        s, k = self.state["stride"], self.state["k"]
        return r * s, c * s, k

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        self.keep_inside()

    def keep_inside(self):
        last = self.out_size() - 1
        self.state["row"], self.state["col"] = min(self.state["row"], last), min(self.state["col"], last)

    def actions(self):
        return [button("step", "Next window", primary=True)]

    def on_click(self, control_id):
        if control_id == "step":
            n, r, c = self.out_size(), self.state["row"], self.state["col"]
            self.state["row"], self.state["col"] = (r, c + 1) if c < n - 1 else ((r + 1) % n, 0)

    def on_key(self, key):
        moves = {"ArrowLeft": (0, -1), "ArrowRight": (0, 1), "ArrowUp": (-1, 0), "ArrowDown": (1, 0)}
        if key in moves:
            n = self.out_size()
            self.state["row"] = min(n - 1, max(0, self.state["row"] + moves[key][0]))
            self.state["col"] = min(n - 1, max(0, self.state["col"] + moves[key][1]))

    def on_pointer(self, phase, x, y):
        if phase not in ("down", "hover"):
            return
        x0, y0, side = self.lay["out"]
        s = side / self.out_size()
        r, c = int((y - y0) // s), int((x - x0) // s)
        if 0 <= r < self.out_size() and 0 <= c < self.out_size() and x >= x0 and y >= y0:
            self.state["row"], self.state["col"] = r, c

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        out, _ = self.pooled()
        r, c = self.state["row"], self.state["col"]
        top, left, k = self.window_of(r, c)
        window = self.feature_map()[top:top + k, left:left + k]
        n = self.feature_map().shape[0]
        what = "largest" if self.state["kind"] == "max" else "average"
        return (f"{n}×{n} map → {self.out_size()}×{self.out_size()} output. Output cell row {r + 1}, column "
                f"{c + 1} keeps the {what} of its {k}×{k} window ({', '.join(short(v) for v in window.ravel())}): "
                f"{short(out[r, c])}.")

    def scene(self):
        L = self.lay
        items = self.input_grid() + self.output_grid()
        n = self.out_size()
        label = (f"A {self.feature_map().shape[0]}-cell-wide feature map pooled by {self.state['kind']} over "
                 f"{self.state['k']}×{self.state['k']} windows with stride {self.state['stride']} into "
                 f"{n}×{n} numbers.")
        return {**scene(L["w"], L["h"], items, label), "tap": True, "hover": True, "keys": True}

    def input_grid(self):
        x0, y0, s = self.lay["in"]
        fm = self.feature_map()
        scale = float(np.abs(fm).max()) or 1.0
        top, left, k = self.window_of(self.state["row"], self.state["col"])
        _, kept = self.pooled()
        items = [text(x0, y0 - 16, "Feature map (input)", size=13, fill="muted", anchor="start")]
        for i, j in np.ndindex(fm.shape):
            v = fm[i, j]
            items += [rect(x0 + j * s, y0 + i * s, s - 1, s - 1, fill=mix(GLOW_OFF, GLOW_ON if v >= 0 else POSITIVE,
                                                                            abs(v) / scale)),
                      text(x0 + j * s + s / 2, y0 + i * s + s / 2, short(v), size=13, fill="#1e293b")]
        items.append(rect(x0 + left * s - 1, y0 + top * s - 1, k * s + 1, k * s + 1, fill=None, stroke="accent",
                          width=3, radius=2))
        if kept is not None:
            kr, kc = (int(v) for v in kept[self.state["row"], self.state["col"]])
            items.append(rect(x0 + kc * s + 1, y0 + kr * s + 1, s - 3, s - 3, fill=None, stroke="ink", width=2.5))
        return items

    def output_grid(self):
        x0, y0, side = self.lay["out"]
        out, _ = self.pooled()
        n = self.out_size()
        s = side / n
        scale = float(np.abs(self.feature_map()).max()) or 1.0
        items = [text(x0, y0 - 16, f"Pooled output ({n}×{n})", size=13, fill="muted", anchor="start")]
        for i, j in np.ndindex(n, n):
            v = out[i, j]
            items += [rect(x0 + j * s, y0 + i * s, s - 2, s - 2, radius=3,
                           fill=mix(GLOW_OFF, GLOW_ON if v >= 0 else POSITIVE, abs(v) / scale)),
                      text(x0 + j * s + s / 2, y0 + i * s + s / 2, short(v), size=13, fill="#1e293b")]
        r, c = self.state["row"], self.state["col"]
        items.append(rect(x0 + c * s - 1, y0 + r * s - 1, s + 0, s + 0, fill=None, stroke="accent", width=3,
                          radius=3))
        return items
