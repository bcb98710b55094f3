"""Forward pass: watch two inputs flow through a small 2 → 3 → 1 network.

Each neuron takes a weighted sum of the layer before it, adds its bias and
squashes the result with the sigmoid:

    h = sigmoid(x · W1 + b1)      (three hidden neurons)
    y = sigmoid(h · W2 + b2)      (one output neuron)

Play lights the neurons one after another; Step reveals one at a time.
"""
from __future__ import annotations

import numpy as np

from engine.activations import sigmoid
from kit import Setting, Widget, button
from kit.fmt import fmt, weighted_sum
from kit.scene import circle, glow_color, line, rect, scene, text, weight_color, weight_width
from kit.theme import ON_GLOW

W, H = 440, 345
R = 28
INPUT_XY = ((56, 106), (56, 246))
HIDDEN_XY = ((232, 64), (232, 174), (232, 284))
OUTPUT_XY = (392, 174)
STEP_SECONDS = 0.6
NEURONS = 4  # the order of the wave: hidden 1, 2, 3, then the output


def weights(seed):
    """(W1, b1, W2, b2). Seed 0: a hand-picked set; any other seed: random, 1 decimal."""
    if seed == 0:
        return (np.array([[2.0, -1.5, 0.6], [0.5, 1.8, -2.2]]), np.array([-1.0, 0.3, 0.8]),
                np.array([2.4, -1.8, 1.5]), -0.6)
    rng = np.random.default_rng(seed)
    return (rng.uniform(-2, 2, (2, 3)).round(1), rng.uniform(-1, 1, 3).round(1),
            rng.uniform(-2, 2, 3).round(1), float(round(rng.uniform(-1, 1), 1)))


def weighted_sum_text(ws, xs, bias):
    """'0.8·0.50 − 0.5·1.00 + 0.1': weights and bias with one digit, inputs with two."""
    return weighted_sum(ws, xs, bias, digits=1, input_digits=2)


class ForwardPass(Widget):
    name = "forward-pass"
    title = "Forward pass"
    code = ["engine.activations.sigmoid"]
    settings = [
        Setting("seed", "int", 0, lo=0, hi=999,
                doc="0 for the hand-picked weights, any other number for random ones"),
        Setting("x1", "float", 0.5, lo=0, hi=1, step=0.05, label="Input x₁", doc="the first input"),
        Setting("x2", "float", 1.0, lo=0, hi=1, step=0.05, label="Input x₂", doc="the second input"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.W1, self.b1, self.W2, self.b2 = weights(self.state["seed"])
        self.revealed = 0   # how many neurons of the wave are computed and shown
        self.clock = 0.0    # seconds since the last neuron lit up, while playing
        self.note = None    # why the values were just hidden, for the status

    @property
    def x(self):
        return np.array([self.state["x1"], self.state["x2"]])

    def compute(self):
        """(hidden activations, output) for the current inputs."""
        h = sigmoid(self.x @ self.W1 + self.b1)
        return h, float(sigmoid(h @ self.W2 + self.b2))

    # -- input -----------------------------------------------------------------
    def changed(self, name, old):
        # Old values no longer fit the new input: hide them so the replay shows every change.
        self.hide(f"x{'₁₂'[int(name[1]) - 1]} is now {fmt(self.state[name])}, so the old values "
                  "are hidden. Press Play or Step to compute them again.")

    def on_click(self, control_id):
        if control_id == "play":
            if self.revealed == NEURONS:
                self.revealed = 0
            if self.reduced_motion:
                self.reveal(NEURONS - self.revealed)
            else:
                self.reveal(1)
                self.clock = 0.0
                self.animating = self.revealed < NEURONS
        elif control_id == "step":
            self.animating = False
            self.reveal(1)
        elif control_id == "reset":
            self.hide("Values hidden. Press Play or Step to compute them again.")

    def tick(self, dt):
        if not self.animating:
            return
        self.clock += dt
        while self.clock >= STEP_SECONDS and self.revealed < NEURONS:
            self.clock -= STEP_SECONDS
            self.reveal(1)
        self.animating = self.revealed < NEURONS

    def reveal(self, n):
        self.revealed = min(NEURONS, self.revealed + n)
        self.note = None

    def hide(self, note):
        self.revealed, self.animating, self.note = 0, False, note

    def actions(self):
        return [button("play", "Play", primary=True, disabled=self.animating),
                button("step", "Step", disabled=self.revealed == NEURONS),
                button("reset", "Reset", disabled=self.revealed == 0)]

    # -- output ----------------------------------------------------------------
    def formula(self, k):
        """The computation of neuron k of the wave, written out with its numbers."""
        h, y = self.compute()
        if k < 3:
            z = weighted_sum_text(self.W1[:, k], self.x, self.b1[k])
            return f"Hidden neuron {k + 1}: sigmoid({z}) = {fmt(h[k])}"
        return f"Output: sigmoid({weighted_sum_text(self.W2, h, self.b2)}) = {fmt(y)}"

    def status(self):
        if self.revealed:
            return self.formula(self.revealed - 1)
        return self.note or (f"Inputs x₁ = {fmt(self.x[0])} and x₂ = {fmt(self.x[1])}. Press Play "
                             "to send them through the network, or Step for one neuron at a time.")

    def scene(self):
        h, y = self.compute()
        current = self.revealed - 1  # the neuron just computed (-1: none yet)
        items = [text(x, 18, s, size=13, fill="muted") for x, s in
                 ((INPUT_XY[0][0], "inputs"), (HIDDEN_XY[0][0], "hidden layer"), (OUTPUT_XY[0], "output"))]
        # Connections first, so the neurons sit on top of them.
        edges = [(INPUT_XY[i], HIDDEN_XY[j], self.W1[i, j], j, 0.66) for i in range(2) for j in range(3)]
        edges += [(HIDDEN_XY[j], OUTPUT_XY, self.W2[j], 3, 0.5) for j in range(3)]
        for (x1, y1), (x2, y2), w, into, _ in edges:
            lit = current == into
            items.append(line(x1, y1, x2, y2, stroke=weight_color(w),
                              width=weight_width(w) + (1.5 if lit else 0),
                              alpha=1.0 if current in (into, -1) else 0.35))
        # Weight tags a fraction t along their line: first-layer tags past the point where
        # the lines cross, so each pair sits in front of the neuron it feeds.
        for (x1, y1), (x2, y2), w, into, t in edges:
            lx, ly = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            alpha = 1.0 if current in (into, -1) else 0.35
            items += [rect(lx - 22, ly - 10.5, 44, 21, fill="bg", stroke=weight_color(w), radius=10,
                           alpha=alpha),
                      text(lx, ly, fmt(w, 1), size=15, fill="ink" if alpha == 1 else "muted")]
        for i, (cx, cy) in enumerate(INPUT_XY):
            items += self.neuron(cx, cy, f"x{'₁₂'[i]}", self.x[i], shown=True, lit=False)
        for j, (cx, cy) in enumerate(HIDDEN_XY):
            items += self.neuron(cx, cy, f"h{'₁₂₃'[j]}", h[j], self.revealed > j, current == j)
            items.append(text(cx, cy + R + 18, f"b = {fmt(self.b1[j], 1)}", size=15, fill="muted"))
        items += self.neuron(*OUTPUT_XY, "y", y, self.revealed == NEURONS, current == 3)
        items.append(text(OUTPUT_XY[0], OUTPUT_XY[1] + R + 18, f"b = {fmt(self.b2, 1)}", size=15,
                          fill="muted"))
        return scene(W, H, items, self.label(h, y))

    def neuron(self, cx, cy, name, a, shown, lit):
        items = [circle(cx, cy, R + 8, fill="accent", alpha=0.2)] if lit else []
        items += [circle(cx, cy, R, fill=glow_color(a) if shown else "panel",
                         stroke="accent" if lit else "line", width=3 if lit else 1.5),
                  text(cx, cy - 10, name, size=13, fill=ON_GLOW if shown else "muted"),
                  text(cx, cy + 8, fmt(a) if shown else "?", size=15, weight="bold",
                       fill=ON_GLOW if shown else "muted")]
        return items

    def label(self, h, y):
        names = ["h₁", "h₂", "h₃", "output y"]
        done = [f"{n} = {fmt(v)}" for n, v in zip(names, [*h, y])][:self.revealed]
        start = f"A 2 → 3 → 1 network with inputs x₁ = {fmt(self.x[0])} and x₂ = {fmt(self.x[1])}"
        if not done:
            return start + "; no neuron computed yet."
        rest = "" if self.revealed == NEURONS else "; the rest not yet"
        return start + "; computed: " + ", ".join(done) + rest + "."
