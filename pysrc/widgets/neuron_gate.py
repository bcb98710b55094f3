"""Neuron gate: find weights that make one neuron act like a logic gate.

    z = w1·x1 + w2·x2 + b        y = sigmoid(z) = 1 / (1 + e^-z)

A row of the truth table is right when y is close to the gate's answer: at
least 1 - margin where the answer is 1, at most margin where it is 0. It is
judged on y as the table shows it (three digits) against the threshold as shown,
so a ✓ never sits beside a number that reads as missing the threshold.
"""
from __future__ import annotations

import numpy as np

from engine.activations import sigmoid
from kit import Setting, Widget, per_view
from kit.fmt import digits_for, fmt
from kit.scene import circle, glow_color, line, path, rect, scene, text, weight_color, weight_width

# The gate's answer for the inputs (0,0), (0,1), (1,0), (1,1).
GATES = {"AND": (0, 0, 0, 1), "OR": (0, 1, 1, 1), "NAND": (1, 1, 1, 0), "NOR": (1, 0, 0, 0)}
MEANING = {"AND": "1 only when both inputs are 1",
           "OR": "1 when at least one input is 1",
           "NAND": "0 only when both inputs are 1",
           "NOR": "1 only when both inputs are 0"}
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

W, H = 440, 330
X_IN, Y_IN = 50, (42, 122)
SUM_X, SUM_Y = 200, 82
COLS = {"x1": 42, "x2": 82, "z": 148, "y": 245, "want": 335, "mark": 405}
ROW_Y = (222, 250, 278, 306)
Y_DIGITS = 3  # the table shows y with three digits


def arrow(x1, x2, y):
    """A short horizontal arrow, pointing right."""
    return [line(x1, y, x2 - 4, y, stroke="muted", width=2),
            path([(x2, y), (x2 - 8, y - 5), (x2 - 8, y + 5)], stroke="muted", fill="muted",
                 width=1, closed=True)]


class NeuronGate(Widget):
    name = "neuron-gate"
    title = "Neuron gate"
    challenge = True
    code = ["engine.activations.sigmoid"]
    # All weights zero give y = 0.5 on every row: no gate is solved at the start. Below a
    # margin of 0.04, AND and NAND cannot be won with weights in ±10 (tests/widgets/test_contract.py).
    settings = [
        Setting("gate", "choice", "AND", choices=list(GATES), label="Gate", doc="the gate to build"),
        Setting("w1", "float", 0.0, lo=-10, hi=10, step=0.1, label="Weight w₁", doc="weight of x₁"),
        Setting("w2", "float", 0.0, lo=-10, hi=10, step=0.1, label="Weight w₂", doc="weight of x₂"),
        Setting("b", "float", 0.0, lo=-10, hi=10, step=0.1, label="Bias b", doc="the bias"),
        Setting("margin", "float", 0.1, lo=0.04, hi=0.4,
                doc="how close to 0 or 1 each output must get"),
    ]

    # The weights stay when the gate changes, so a learner sees them fail the new gate.
    @property
    def gate(self):
        return self.state["gate"]

    @property
    def margin(self):
        return self.state["margin"]

    @property
    def w(self):
        return [self.state["w1"], self.state["w2"]]

    @property
    def b(self):
        return self.state["b"]

    # -- the math --------------------------------------------------------------
    @per_view
    def outputs(self):
        """(z, y) for the four rows."""
        z = INPUTS @ np.array(self.w) + self.b
        return z, sigmoid(z)

    def thresholds(self):
        """(at least, at most): the outputs that count as 1 and as 0, as the table shows them."""
        return round(1 - self.margin, Y_DIGITS), round(self.margin, Y_DIGITS)

    def rows_right(self):
        _, y = self.outputs()
        shown = np.array([round(float(v), Y_DIGITS) for v in y])  # as fmt rounds: np.round may differ
        one, zero = self.thresholds()
        return np.where(np.array(GATES[self.gate]) == 1, shown >= one, shown <= zero)

    @property
    def won(self):
        return bool(self.rows_right().all())

    # -- output ----------------------------------------------------------------
    def want_text(self, answer):
        one, zero = self.thresholds()
        return f"1 (≥ {fmt(one, digits_for(one))})" if answer else f"0 (≤ {fmt(zero, digits_for(zero))})"

    def status(self):
        right = self.rows_right()
        if right.all():
            margin = self.thresholds()[1]
            return (f"{self.gate} solved: all four rows are within {fmt(margin, digits_for(margin))} "
                    "of the answer. You win!")
        off = ", ".join(f"({a}, {b})" for (a, b), ok in zip(INPUTS, right) if not ok)
        return f"{self.gate}: {int(right.sum())} of 4 rows right; still off: {off}."

    def scene(self):
        z, y = self.outputs()
        items = self._neuron() + self._table(z, y)
        label = (f"A neuron y = sigmoid(w₁x₁ + w₂x₂ + b) with w₁ = {fmt(self.w[0], 1)}, "
                 f"w₂ = {fmt(self.w[1], 1)}, b = {fmt(self.b, 1)}; on inputs 00, 01, 10, 11 it gives "
                 f"{', '.join(fmt(v, Y_DIGITS) for v in y)}, so {int(self.rows_right().sum())} of 4 rows "
                 f"match {self.gate}.")
        return scene(W, H, items, label)

    def _neuron(self):
        items = []
        for i in range(2):
            w, yi = self.w[i], Y_IN[i]
            mx, my = (X_IN + SUM_X) / 2, (yi + SUM_Y) / 2
            items += [line(X_IN, yi, SUM_X, SUM_Y, stroke=weight_color(w, scale=6.0),
                           width=weight_width(w, scale=8.0, thin=1.5, thick=7.0)),
                      rect(mx - 46, my - 12, 92, 24, fill="panel", stroke="line", radius=12),
                      text(mx, my, f"w{'₁₂'[i]} = {fmt(w, 1)}", size=15)]
        for i in range(2):
            items += [circle(X_IN, Y_IN[i], 18, fill="panel", stroke="line", width=1.5),
                      text(X_IN, Y_IN[i], f"x{'₁₂'[i]}", size=15)]
        items += [line(SUM_X, 26, SUM_X, SUM_Y, stroke="muted", width=2),
                  rect(SUM_X - 38, 8, 76, 24, fill="panel", stroke="line", radius=12),
                  text(SUM_X, 20, f"b = {fmt(self.b, 1)}", size=15),
                  circle(SUM_X, SUM_Y, 26, fill="panel", stroke="ink", width=1.5),
                  text(SUM_X, SUM_Y, "Σ", size=20)]
        items += arrow(SUM_X + 26, 262, SUM_Y) + [text(243, SUM_Y - 12, "z", size=14, fill="muted")]
        curve = [(x, SUM_Y + 14 - 28 * float(sigmoid((x - 294) / 5))) for x in range(272, 317, 2)]
        items += [rect(262, SUM_Y - 22, 64, 44, fill="panel", stroke="ink", width=1.5, radius=10),
                  path(curve, stroke="accent", width=2),
                  text(294, SUM_Y + 36, "sigmoid", size=13, fill="muted")]
        items += arrow(326, 370, SUM_Y)
        items += [circle(390, SUM_Y, 20, fill="panel", stroke="ink", width=1.5),
                  text(390, SUM_Y, "y", size=16)]
        return items

    def _table(self, z, y):
        items = [text(W / 2, 160, f"{self.gate}: y should be {MEANING[self.gate]}", size=16,
                      weight="bold"),
                 line(20, 178, 420, 178, stroke="line")]
        headers = {"x1": "x₁", "x2": "x₂", "z": "z", "y": "y = σ(z)", "want": "want", "mark": ""}
        items += [text(COLS[k], 194, s, size=14, fill="muted", weight="bold") for k, s in headers.items()]
        for r, ((x1, x2), right) in enumerate(zip(INPUTS, self.rows_right())):
            ry, answer = ROW_Y[r], GATES[self.gate][r]
            items += [rect(20, ry - 12, 400, 24, fill="ok" if right else "bad",
                           alpha=0.14 if right else 0.08, radius=8),
                      text(COLS["x1"], ry, str(x1), size=15),
                      text(COLS["x2"], ry, str(x2), size=15),
                      text(COLS["z"], ry, fmt(z[r], 1), size=15),
                      circle(COLS["y"] - 36, ry, 7, fill=glow_color(y[r]), stroke="line"),
                      text(COLS["y"], ry, fmt(y[r], Y_DIGITS), size=15, weight="bold"),
                      text(COLS["want"], ry, self.want_text(answer), size=15),
                      text(COLS["mark"], ry, "✓" if right else "✗", size=17, weight="bold",
                           fill="ok" if right else "bad")]
        return items
