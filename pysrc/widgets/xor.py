"""XOR: one straight cut cannot separate it; two cuts and a squash can.

Every cut is a neuron: a line at angle θ (its arrow points to the side where
the neuron fires) and an offset from the centre of the picture. The neuron
fires where  n · (x - c) > offset,  n = (cos θ, sin θ),  c = (0.5, 0.5);  as
engine weights: W = k n, b = -k (n · c + offset), with a steep k.

Without a hidden layer the cut is the output neuron itself: one line. With the
hidden layer, two cut neurons feed an output neuron that fires where both do
(an AND neuron, with fixed weights). Every prediction, the accuracy and the
shaded region come from the engine's forward pass; switching the squash off
makes the hidden layer linear, and the two cuts collapse into one line.
"""
from __future__ import annotations

import base64
import math

import numpy as np

from engine import MLP, accuracy

from kit import Widget, button, slider, toggle
from kit import Setting
from kit.scene import circle, fmt, image, line, rect, scene, text

POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
LABELS = np.array([0, 1, 1, 0])
CENTRE = np.array([0.5, 0.5])
LO, HI = -0.5, 1.5             # the picture shows x1, x2 from LO to HI
STEEP = 12.0                   # a cut neuron's weight scale: steep, so it acts like an on/off switch
AND_W, AND_B = 10.0, -15.0     # the output fires only when both hidden neurons do
COLORS = ("teal", "rose")
CELLS = 50                     # the shaded region is the network's output on CELLS x CELLS points
HANDLE = 0.55                  # how far along the line its rotation handle sits
KEYS = {"ArrowLeft": (5, 0), "ArrowRight": (-5, 0), "ArrowUp": (0, 0.05), "ArrowDown": (0, -0.05)}


def cut_weights(cuts):
    """Engine weights (W of shape (2, n), b of shape (n,)) for a list of (angle, offset) cuts."""
    normals = np.array([normal(a) for a, _ in cuts]).T
    return STEEP * normals, -STEEP * (CENTRE @ normals + np.array([d for _, d in cuts]))


def build_network(cuts, hidden, squash):
    """The engine's network: one neuron (the cut itself), or two cut neurons and an AND output."""
    W, b = cut_weights(cuts if hidden else cuts[:1])
    if not hidden:
        net = MLP([2, 1], output="sigmoid", init="zeros")
        net.set_weights({"W1": W, "b1": b})
    else:
        net = MLP([2, 2, 1], activation="sigmoid" if squash else "linear", output="sigmoid",
                  init="zeros")
        net.set_weights({"W1": W, "b1": b, "W2": [[AND_W], [AND_W]], "b2": [AND_B]})
    return net


def normal(angle):
    """The unit vector at `angle` degrees: it points to the side where the cut's neuron fires."""
    a = math.radians(angle)
    return np.array([math.cos(a), math.sin(a)])


def handles(angle, offset):
    """(pivot, rotation handle) of a cut, in data units: the pivot is the line's point nearest
    the centre; the handle sits HANDLE along the line, on a side that keeps it in the picture."""
    n = normal(angle)
    pivot, along = CENTRE + offset * n, HANDLE * np.array([-n[1], n[0]])
    return pivot, pivot + (along if np.all(np.abs(pivot + along - CENTRE) <= 0.95) else -along)


def segment(angle, offset):
    """The two ends of a cut's line where it leaves the picture, in data units."""
    (pivot, handle), lo, hi = handles(angle, offset), -9.0, 9.0
    t = (handle - pivot) / HANDLE
    for k in range(2):  # keep pivot + s t inside LO..HI on both axes
        if abs(t[k]) > 1e-9:
            a, b = sorted(((LO - pivot[k]) / t[k], (HI - pivot[k]) / t[k]))
            lo, hi = max(lo, a), min(hi, b)
    return pivot + lo * t, pivot + hi * t


def layout(width):
    if width <= 420:
        return {"w": 340, "h": 420, "plot": (20, 8, 300), "wide": False}
    return {"w": 440, "h": 330, "plot": (10, 14, 300), "wide": True}


class Xor(Widget):
    name = "xor"
    title = "XOR"
    challenge = True
    settings = [Setting("hidden", "bool", False, doc="start with the hidden layer switched on"),
              Setting("squash", "bool", True, doc="sigmoid in the hidden layer (false: linear)")]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.hidden, self.squash = self.state["hidden"], self.state["squash"]
        self.cuts = [[0, 0.15], [90, -0.25]]   # [angle in degrees, offset]; neither start wins
        self.active = 0                         # the cut the sliders and keys adjust
        self.drag = None
        self.lay = layout(self.width)

    # -- the math (the engine's) --------------------------------------------------------
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
        if angle is not None:
            self.cuts[i][0] = int(round(float(angle))) % 360
        if offset is not None:
            self.cuts[i][1] = round(min(1.0, max(-1.0, float(offset))), 2)

    def on_input(self, control_id, value):
        if control_id == "hidden":
            self.hidden = bool(value)
            self.active = self.active if self.hidden else 0
        elif control_id == "squash":
            self.squash = bool(value)
        elif control_id == "angle":
            self.set_cut(self.active, angle=value)
        elif control_id == "offset":
            self.set_cut(self.active, offset=value)

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

    def controls(self):
        name = f"Cut {self.active + 1}" if self.hidden else "Line"
        return [toggle("hidden", "Hidden layer (two cuts)", self.hidden),
                toggle("squash", "Squash in the hidden layer", self.squash),
                button("switch", f"Adjust cut {2 - self.active}", disabled=not self.hidden),
                slider("angle", f"{name} angle (°)", self.cuts[self.active][0], 0, 359, 1, digits=0),
                slider("offset", f"{name} offset", self.cuts[self.active][1], -1, 1, 0.01)]

    def share(self):
        return {"hidden": self.hidden, "squash": self.squash}

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
        items = [self.region(net)] + self.plot_frame()
        for i in reversed(range(2 if self.hidden else 1)):
            if i != self.active:
                items += self.cut_items(i)
        items += self.cut_items(self.active)
        for (u, v), label, ok in zip(POINTS, LABELS, self.right()):
            items += self.point(u, v, label, ok)
        items += self.panel()
        s = scene(self.lay["w"], self.lay["h"], items, self.label())
        s.update(pointer=True, keys=True)
        return s

    def region(self, net):
        """The network's own answer on a grid: blue where it says 1, orange where it says 0."""
        c = (np.arange(CELLS) + 0.5) / CELLS * (HI - LO) + LO
        u, v = np.meshgrid(c, c[::-1])
        p = net.forward(np.column_stack([u.ravel(), v.ravel()]))[:, 0]
        s = np.abs(2 * p - 1)
        rgba = np.where((p >= 0.5)[:, None], [37, 99, 235, 0], [234, 88, 12, 0]).astype(float)
        rgba[:, 3] = np.where(p >= 0.5, 40 + 60 * s, 18 + 40 * s)
        data = base64.b64encode(rgba.astype(np.uint8).tobytes()).decode()
        x0, y0, size = self.lay["plot"]
        return image(x0, y0, size, size, data, CELLS, CELLS)

    def plot_frame(self):
        x0, y0, s = self.lay["plot"]
        return [rect(x0, y0, s, s, fill=None, stroke="line", width=1.5),
                text(x0 + s - 8, y0 + s - 12, "x₁ →", size=13, fill="muted", anchor="end"),
                text(x0 + 8, y0 + 14, "↑ x₂", size=13, fill="muted", anchor="start")]

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

    def point(self, u, v, label, ok):
        x, y = self.to_scene(u, v)
        fill, stroke, ink = ("#2563eb", "#1e3a8a", "#ffffff") if label else ("#ffffff", "#ea580c", "#1e293b")
        mark = "ok" if ok else "bad"  # fixed colours above: a point reads the same in either theme
        return [circle(x, y, 15, fill=fill, stroke=stroke, width=3),
                text(x, y, str(label), size=15, weight="bold", fill=ink),
                circle(x + 17, y - 17, 9, fill="panel", stroke=mark, width=1.5),
                text(x + 17, y - 17, "✓" if ok else "✗", size=13, weight="bold", fill=mark)]

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
        marks = ", ".join(f"({a:.0f}, {b:.0f}) class {c} {'right' if ok else 'wrong'}"
                          for (a, b), c, ok in zip(POINTS, LABELS, self.right()))
        cuts = [f"at {a}° offset {fmt(d)}" for a, d in self.cuts]
        what = (f"Hidden layer {'with' if self.squash else 'without'} squash, cut 1 {cuts[0]}, "
                f"cut 2 {cuts[1]}") if self.hidden else f"One line {cuts[0]}, no hidden layer"
        return f"{what}: {self.correct()} of 4 XOR points right; {marks}."
