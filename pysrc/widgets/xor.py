"""XOR: one straight cut cannot separate it; two cuts and a squash can.

Every cut is a neuron (see _xor_cuts.py): a line with an arrow to the side
where it fires. Without a hidden layer the cut is the output neuron itself: one
line. With the hidden layer, two cut neurons feed an output neuron that fires
where both do (an AND neuron, with fixed weights). Every prediction, the
accuracy and the shaded region come from the engine's forward pass; switching
the squash off makes the hidden layer linear, and the two cuts collapse into
one line.
"""
from __future__ import annotations

import math

import numpy as np

from engine.train import accuracy
from kit import Setting, Widget, button, per_view, slider
from kit.fmt import fmt
from kit.scene import circle, line, rect, scene, text

from ._xor_cuts import CENTRE, HI, LABELS, LO, POINTS, build_network, handles, normal, segment
from ._xor_draw import frame, layout, point, region

COLORS = ("teal", "rose")
KEYS = {"ArrowLeft": (5, 0), "ArrowRight": (-5, 0), "ArrowUp": (0, 0.05), "ArrowDown": (0, -0.05)}


class Xor(Widget):
    name = "xor"
    title = "XOR"
    challenge = True
    code = ["widgets._xor_cuts.build_network", "engine.network.MLP.forward"]
    # Neither starting cut wins, with or without the hidden layer.
    settings = [
        Setting("hidden", "bool", False, label="Hidden layer (two cuts)",
                doc="start with the hidden layer switched on"),
        Setting("squash", "bool", True, label="Squash in the hidden layer",
                doc="sigmoid in the hidden layer (false: linear)"),
        Setting("angles", "floats", [0.0, 90.0], length=2, lo=0, hi=359, step=1,
                doc="the two cuts' angles, in degrees"),
        Setting("offsets", "floats", [0.15, -0.25], length=2, lo=-1, hi=1, step=0.01,
                doc="the two cuts' offsets from the centre"),
        Setting("active", "int", 0, lo=0, hi=1, doc="the cut the sliders and keys adjust (0 or 1)"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        for values in (self.state, self.start):   # one line: there is no second cut to adjust
            values["active"] = values["active"] if values["hidden"] else 0
        self.drag = None
        self.lay = layout(self.width)

    @property
    def hidden(self):
        return self.state["hidden"]

    @property
    def squash(self):
        return self.state["squash"]

    @property
    def active(self):
        return self.state["active"]

    @active.setter
    def active(self, i):
        self.state["active"] = i

    @property
    def cuts(self):
        """[[angle in degrees, offset], ...] for the two cuts."""
        return [[a, d] for a, d in zip(self.state["angles"], self.state["offsets"])]

    @cuts.setter
    def cuts(self, cuts):
        self.state["angles"] = [float(a) for a, _ in cuts]
        self.state["offsets"] = [float(d) for _, d in cuts]

    # -- the math (the engine's) --------------------------------------------------------
    @per_view
    def network(self):
        return build_network([tuple(c) for c in self.cuts], self.hidden, self.squash)

    def right(self):
        """Which of the four points the network classifies correctly."""
        return self.network().predict(POINTS) == LABELS

    def correct(self):
        """The accuracy meter: how many of the 4 points the engine's network gets right."""
        return round(4 * accuracy(self.network(), POINTS, LABELS))

    @property
    def won(self):
        return self.correct() == 4

    # -- input ---------------------------------------------------------------------------
    def set_cut(self, i, angle=None, offset=None):
        """Move cut i, within the declared ranges (an angle turns round past 359°)."""
        for name, value in (("angles", angle), ("offsets", offset)):
            try:
                value = None if value is None else float(value)
            except (TypeError, ValueError):
                continue
            if value is not None and math.isfinite(value):
                value = round(value) % 360 if name == "angles" else value
                self.state[name][i] = self.setting(name).clamp(value)

    def on_input(self, control_id, value):
        if control_id in ("angle", "offset"):
            self.set_cut(self.active, **{control_id: value})
        else:
            super().on_input(control_id, value)

    def changed(self, name, old):
        if name == "hidden" and not self.hidden:
            self.active = 0

    def on_click(self, control_id):
        if control_id == "switch" and self.hidden:
            self.active = 1 - self.active

    def on_key(self, key):
        """Arrows: left/right turn the line by 5°, up/down shift it; Space or Enter: the other cut."""
        if key in KEYS:
            (angle, offset), (da, dd) = self.cuts[self.active], KEYS[key]
            self.set_cut(self.active, angle + da, offset + dd)
        elif key in (" ", "Enter"):
            self.on_click("switch")

    def on_pointer(self, phase, x, y):
        p = self.to_data(x, y)
        if phase == "down":  # a press outside the picture picks up nothing
            self.drag = self.grab(p, x, y) if np.all(np.abs(p - CENTRE) <= 1) else None
        elif phase == "move" and self.drag:
            kind, i, ref = self.drag
            if kind == "move":
                self.set_cut(i, offset=normal(self.cuts[i][0]) @ (p - CENTRE) - ref)
            else:  # the handle follows the pointer; the line turns about its pivot
                pivot, sign = ref
                v = sign * (p - pivot)
                if np.hypot(*v) > 0.05:
                    self.set_cut(i, angle=math.degrees(math.atan2(-v[0], v[1])))
                    self.set_cut(i, offset=normal(self.cuts[i][0]) @ (pivot - CENTRE))
        elif phase == "up":
            self.drag = None

    def grab(self, p, x, y):
        """What a press at data point p picks up: a rotation handle, else the nearest line."""
        cuts = range(2 if self.hidden else 1)
        for i in cuts:
            pivot, handle = handles(*self.cuts[i])
            if math.hypot(*np.subtract(self.to_scene(*handle), (x, y))) <= 22:
                self.active = i
                t = normal(self.cuts[i][0] + 90)  # which way along the line the handle sits
                return "rotate", i, (pivot, 1 if (handle - pivot) @ t > 0 else -1)
        gaps = [normal(a) @ (p - CENTRE) - d for a, d in self.cuts]  # signed distances to each line
        self.active = min(cuts, key=lambda j: abs(gaps[j]))
        return "move", self.active, gaps[self.active]

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    def actions(self):
        name = f"Cut {self.active + 1}" if self.hidden else "Line"
        return [button("switch", f"Adjust cut {2 - self.active}", disabled=not self.hidden),
                self.cut_slider("angle", "angles", f"{name} angle (°)"),
                self.cut_slider("offset", "offsets", f"{name} offset")]

    def cut_slider(self, control_id, name, label):
        """A slider for the active cut's part of a declared setting, with its declared range."""
        s = self.setting(name)
        return slider(control_id, label, self.state[name][self.active], s.lo, s.hi, s.step, s.digits)

    def to_scene(self, u, v):
        x0, y0, s = self.lay["plot"]
        return x0 + (u - LO) / (HI - LO) * s, y0 + (HI - v) / (HI - LO) * s

    def to_data(self, x, y):
        x0, y0, s = self.lay["plot"]
        return np.array([LO + (x - x0) / s * (HI - LO), HI - (y - y0) / s * (HI - LO)])

    # -- output ------------------------------------------------------------------------
    def status(self):
        n = self.correct()
        if not self.hidden:
            return f"One line, no hidden layer: {n} of 4 points right."
        if n == 4:
            return "4 of 4 points right: two cuts and a squash solve XOR. You win!"
        if not self.squash:
            return f"No squash: the two cuts add up to one straight line. {n} of 4 points right."
        return f"Hidden layer on: the output fires where both cuts fire. {n} of 4 points right."

    def scene(self):
        net = self.network()
        items = [region(self.lay["plot"], net)] + frame(self.lay["plot"])
        for i in reversed(range(2 if self.hidden else 1)):
            if i != self.active:
                items += self.cut_items(i)
        items += self.cut_items(self.active)
        for (u, v), label, ok in zip(POINTS, LABELS, self.right()):
            items += point(*self.to_scene(u, v), label, ok)
        items += self.panel()
        s = scene(self.lay["w"], self.lay["h"], items, self.label())
        s.update(pointer=True, keys=True)
        return s

    def cut_items(self, i):
        color, chosen = COLORS[i], i == self.active
        (a, b), (pivot, handle) = segment(*self.cuts[i]), handles(*self.cuts[i])
        tip = pivot + 0.22 * normal(self.cuts[i][0])
        (ax, ay), (bx, by) = self.to_scene(*a), self.to_scene(*b)
        (px, py), (hx, hy), (tx, ty) = self.to_scene(*pivot), self.to_scene(*handle), self.to_scene(*tip)
        return [line(ax, ay, bx, by, stroke=color, width=4 if chosen else 2.5, alpha=1 if chosen else 0.7),
                line(px, py, tx, ty, stroke=color, width=2.5),
                circle(tx, ty, 4.5, fill=color),
                circle(px, py, 7, fill="panel", stroke=color, width=2.5),
                circle(hx, hy, 9 if chosen else 7, fill=color, stroke="panel", width=2)]

    def panel(self):
        n = self.correct()
        layer = ("sigmoid" if self.squash else "no squash") if self.hidden else "one neuron"
        arch = "2 → 2 → 1" if self.hidden else "2 → 1"
        target = f"cut {self.active + 1}" if self.hidden else "the line"
        color = COLORS[self.active]
        if self.lay["wide"]:  # a column right of the picture
            rows = [(40, "correct", 13, "muted"), (76, f"{n} / 4", 30, "ink"), (160, "network", 13, "muted"),
                    (182, arch, 15, "ink"), (204, layer, 13, "ink"), (250, "adjusting", 13, "muted"),
                    (272, target, 15, color)]
            items, (bx, by) = [text(383, y, s, size=z, fill=f, weight="bold" if z > 14 else "normal")
                               for y, s, z, f in rows], (337, 104)
        else:  # three lines under it
            rows = [(342, f"{n} / 4 correct", 20, "ink"), (376, f"network {arch}, {layer}", 14, "ink"),
                    (402, f"adjusting {target}", 14, color)]
            items, (bx, by) = [text(20, y, s, size=z, fill=f, weight="bold" if z > 14 else "normal",
                                    anchor="start") for y, s, z, f in rows], (224, 333)
        for k, ok in enumerate(sorted(self.right(), reverse=True)):
            items.append(rect(bx + 24 * k, by, 18, 18, fill="ok" if ok else "panel",
                              stroke="ok" if ok else "faint", width=1.5, radius=4))
        return items

    def label(self):
        marks = ", ".join(f"({fmt(a, 0)}, {fmt(b, 0)}) class {c} {'right' if ok else 'wrong'}"
                          for (a, b), c, ok in zip(POINTS, LABELS, self.right()))
        cuts = [f"at {fmt(a, 0)}° offset {fmt(d)}" for a, d in self.cuts]
        what = (f"Hidden layer {'with' if self.squash else 'without'} squash, cut 1 {cuts[0]}, "
                f"cut 2 {cuts[1]}") if self.hidden else f"One line {cuts[0]}, no hidden layer"
        return f"{what}: {self.correct()} of 4 XOR points right; {marks}."
