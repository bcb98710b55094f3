"""Recurrence: feed a sequence one step at a time and read the cell's memory.

The cell is the engine's RNN (6 hidden numbers): h_t = tanh(x_t W_x + h_{t−1} W_h + b),
read out by one neuron p_t = sigmoid(h_t w + c). Its task needs memory: after
each bit, say whether the number of 1s so far is odd (the running parity).
The cell starts random; Train teaches it with backprop through time on random
sequences (Adam), live. Every number of the formula is shown at the current step.
"""
from __future__ import annotations

import time

import numpy as np

from engine.activations import sigmoid
from engine.dense import Dense
from engine.losses import sigmoid_cross_entropy
from engine.optimizers import Adam
from engine.rnn import RNN
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import line, mix, path, rect, scene, text
from kit.theme import GLOW_OFF, GLOW_ON, POSITIVE

HIDDEN, MAX_LEN, STEPS, BUDGET = 6, 12, 400, 0.012


def parity_batch(rng, n=32, length=10):
    """Random bit sequences (length, n, 1) and their running parity, the target at every step."""
    x = (rng.random((length, n, 1)) < 0.5).astype(float)
    return x, np.cumsum(x, axis=0) % 2


def verdict(p):
    """'1' (odd), '0' (even) or '?' judged on P(odd) as shown, two digits: 0.50 decides nothing."""
    shown = round(float(p), 2)
    return "1" if shown > 0.5 else "0" if shown < 0.5 else "?"


def layout(width):
    if width <= 480:
        return {"w": 360, "h": 450, "seq": (52, 44, 25), "label_x": 8, "cols": (128, 38), "rows": 120,
                "out": (8, 320), "loss": (200, 330, 150, 80)}
    return {"w": 660, "h": 330, "seq": (110, 44, 36), "label_x": 16, "cols": (222, 50), "rows": 118,
            "out": (582, 130), "loss": (500, 240, 145, 70)}


class Recurrence(Widget):
    name = "recurrence"
    title = "Recurrence"
    code = ["engine.rnn.RNN"]
    settings = [
        Setting("seq", "str", "1011001", doc=f"the input bits, up to {MAX_LEN}"),
        Setting("t", "int", 3, lo=0, hi=MAX_LEN, doc="how many of them have been fed"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        seq = self.state["seq"]
        if set(seq) - {"0", "1"} or len(seq) > MAX_LEN:
            self.notice = f"The sequence must be up to {MAX_LEN} bits of 0 and 1; the default is used."
            self.state["seq"] = self.start["seq"] = "1011001"
        for values in (self.state, self.start):   # no more steps fed than the sequence has
            values["t"] = min(values["t"], len(values["seq"]))
        self.cell = RNN(1, HIDDEN, seed=0)
        self.readout = Dense(HIDDEN, 1, "linear", "xavier", np.random.default_rng(7))
        self.optimizer, self.rng, self.losses = Adam(lr=0.03), np.random.default_rng(1), []
        self.lay = layout(self.width)

    # -- the math ----------------------------------------------------------------------
    def train_step(self):
        x, y = parity_batch(self.rng)
        hs = self.cell.forward(x)
        length, n, _ = hs.shape
        loss, dz = sigmoid_cross_entropy(self.readout.forward(hs.reshape(-1, HIDDEN)), y.reshape(-1, 1))
        self.cell.backward(self.readout.backward(dz).reshape(length, n, HIDDEN))
        self.optimizer.step(self.cell.params() + [("Wo", self.readout.W, self.readout.dW),
                                                   ("bo", self.readout.b, self.readout.db)])
        self.losses.append(float(loss))

    def train(self, steps=None):
        start = time.perf_counter()
        while len(self.losses) < STEPS:
            self.train_step()
            if steps is not None and len(self.losses) >= steps:
                break
            if steps is None and time.perf_counter() - start > BUDGET:
                break
        self.animating = self.animating and len(self.losses) < STEPS

    @per_view
    def states(self):
        """h_0 … h_T over the fed bits, and the readout's p_t = P(odd so far) for t ≥ 1."""
        bits = np.array([[float(b)] for b in self.state["seq"][:self.state["t"]]]).reshape(-1, 1)
        hs = self.cell.forward(bits) if len(bits) else np.zeros((0, HIDDEN))
        hs = np.vstack([np.zeros((1, HIDDEN)), hs])
        return hs, sigmoid(hs[1:] @ self.readout.W[:, 0] + self.readout.b[0])

    def terms(self):
        """The formula's parts at the current step: x_t W_x, h_{t−1} W_h, b, z_t, h_t."""
        hs, _ = self.states()
        t = self.state["t"]
        x = float(self.state["seq"][t - 1])
        xw, hw = x * self.cell.Wx[0], hs[t - 1] @ self.cell.Wh
        return xw, hw, self.cell.b, xw + hw + self.cell.b, hs[t]

    # -- input -------------------------------------------------------------------------
    def actions(self):
        full = len(self.state["seq"]) >= MAX_LEN
        return [button("feed0", "Feed 0", disabled=full), button("feed1", "Feed 1", disabled=full),
                button("step", "Next step", disabled=self.state["t"] >= len(self.state["seq"])),
                button("restart", "Back to step 0"), button("clear", "New sequence"),
                button("train", "Training…" if self.animating else "Train the cell", primary=True,
                       disabled=self.animating or len(self.losses) >= STEPS)]

    def on_click(self, control_id):
        s = self.state
        if control_id in ("feed0", "feed1") and len(s["seq"]) < MAX_LEN:
            s["seq"] = s["seq"][:s["t"]] + control_id[-1]
            s["t"] = len(s["seq"])
        elif control_id == "step":
            s["t"] = min(len(s["seq"]), s["t"] + 1)
        elif control_id == "restart":
            s["t"] = 0
        elif control_id == "clear":
            s["seq"], s["t"] = "", 0
        elif control_id == "train" and len(self.losses) < STEPS:
            self.animating = not self.reduced_motion
            if self.reduced_motion:
                self.train(STEPS)

    def tick(self, dt):
        self.train()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        t, seq = self.state["t"], self.state["seq"]
        trained = "trained" if len(self.losses) >= STEPS else ("training" if self.losses else "untrained")
        if t == 0:
            return f"Step 0: the memory h₀ is all zeros. Feed a bit (the {trained} cell reads one bit per step)."
        ones = seq[:t].count("1")
        p = self.states()[1][-1]
        says = {"1": "odd", "0": "even", "?": "it can't tell"}[verdict(p)]
        right = verdict(p) == str(ones % 2)
        return (f"Step {t}: input {seq[t - 1]}. The {trained} cell says {says} (P(odd) = {fmt(p)}); "
                f"there {'is 1 one' if ones == 1 else f'are {ones} ones'} so far, so it is {'right' if right else 'wrong'}.")

    def scene(self):
        L = self.lay
        items = self.sequence()
        if self.state["t"]:
            items += self.formula() + self.output()
        items += self.loss_plot(*L["loss"])
        return scene(L["w"], L["h"], items, self.status())

    def sequence(self):
        x0, y0, s = self.lay["seq"]
        _, p = self.states()
        items = [text(self.lay["label_x"], y0 + s / 2 - 2, "input", size=13, fill="muted", anchor="start"),
                 text(self.lay["label_x"], y0 + s + 12, "odd?", size=13, fill="muted", anchor="start")]
        for i, bit in enumerate(self.state["seq"]):
            fed = i < self.state["t"]
            items += [rect(x0 + i * s, y0, s - 4, s - 4, fill="accent" if i == self.state["t"] - 1 else "panel",
                           stroke="ink" if fed else "line", radius=4, alpha=1.0 if fed else 0.6),
                      text(x0 + i * s + s / 2 - 2, y0 + s / 2 - 2, bit, size=14, weight="bold",
                           fill="bg" if i == self.state["t"] - 1 else ("ink" if fed else "faint"))]
            if fed:
                right = verdict(p[i]) == str(self.state["seq"][:i + 1].count("1") % 2)
                items.append(text(x0 + i * s + s / 2 - 2, y0 + s + 12, verdict(p[i]), size=13,
                                  fill="ok" if right else "bad"))
        return items

    def formula(self):
        L = self.lay
        cx, gap = L["cols"]
        rows = ("x_t · W_x", "h_t−1 · W_h", "+ b", "= z_t", "h_t = tanh z")
        items = []
        for r, (name, values) in enumerate(zip(rows, self.terms())):
            y = L["rows"] + r * 30
            items.append(text(L["label_x"], y, name, size=13, fill="muted", anchor="start", font="mono"))
            for j, v in enumerate(values):
                if r == 4:
                    items.append(rect(cx + j * gap - gap / 2 + 2, y - 12, gap - 4, 24, radius=4,
                                      fill=mix(GLOW_OFF, GLOW_ON if v >= 0 else POSITIVE, abs(v))))
                items.append(text(cx + j * gap, y, fmt(v), size=13, font="mono",
                                  fill="#1e293b" if r == 4 else "ink"))
        items.append(line(cx - gap / 2, L["rows"] + 75, cx + (HIDDEN - 0.5) * gap, L["rows"] + 75, stroke="line"))
        return items

    def output(self):
        x, y = self.lay["out"]
        p = self.states()[1][-1]
        anchor = "start" if self.lay["w"] < 400 else "middle"
        return [text(x, y, "readout", size=13, fill="muted", anchor=anchor),
                text(x, y + 24, f"P(odd) = {fmt(p)}", size=16, weight="bold", anchor=anchor,
                     fill="accent")]

    def loss_plot(self, x0, y0, w, h):
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 12, "training loss", size=13, fill="muted", anchor="start")]
        if len(self.losses) > 1:
            top = max(self.losses)
            items.append(path([(x0 + i / (STEPS - 1) * w, y0 + h - v / top * h)
                               for i, v in enumerate(self.losses)], stroke="rose", width=2))
        return items
