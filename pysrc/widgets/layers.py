"""Layers: fire a signal through input, hidden and output layers.

The network is the engine's MLP([2, n, 1]) with sigmoid neurons: n hidden
neurons each read both inputs, and one output neuron reads all n of them.

    h = sigmoid(x · W1 + b1)        y = sigmoid(h · W2 + b2)

The weights are fixed for each hidden size (seeded), so a learner can come back
to a size and find the same network. The goal: get the output above the firing
line, y > 0.5, by choosing the inputs and the hidden size. It is judged on y as
the learner reads it (two digits): an output shown as 0.50 sits on the line and
does not fire, and the text says so.
"""
from __future__ import annotations

import numpy as np

from engine.network import MLP
from kit import Setting, Widget, button
from kit.fmt import fmt
from kit.scene import circle, glow_color, line, path, rect, scene, text, weight_color, weight_width
from kit.theme import ON_GLOW

H = 320
STEP_SECONDS = 0.55
FIRING_LINE = 0.5
START = (0.5, 0.5)
GRID = np.array([(a, b) for a in np.linspace(0, 1, 21) for b in np.linspace(0, 1, 21)])


def make_network(hidden, seed):
    """The engine's network for this hidden size, with seeded one-decimal weights.

    The output bias is set so that about a quarter of the input square fires:
    the goal is reachable but not everywhere. A draw is kept only if at least
    5% of the inputs visibly fire (above 0.50 as shown) and the start
    (0.5, 0.5) stays clearly below the line.
    """
    rng = np.random.default_rng([seed, hidden])
    net = MLP([2, hidden, 1], activation="sigmoid", output="sigmoid", init="zeros")
    for _ in range(100):  # in practice the first or second draw
        weights = {"W1": rng.uniform(-4, 4, (2, hidden)).round(1),
                   "b1": rng.uniform(-2, 2, hidden).round(1),
                   "W2": rng.uniform(-3, 3, (hidden, 1)).round(1), "b2": np.zeros(1)}
        net.set_weights(weights)
        net.forward(GRID)
        weights["b2"] = np.array([-np.quantile(net.logits, 0.75)]).round(1)
        net.set_weights(weights)
        reachable = np.mean(np.round(net.forward(GRID), 2) > FIRING_LINE) >= 0.05
        if reachable and net.forward(np.array([START]))[0, 0] < FIRING_LINE - 0.05:
            return net
    raise RuntimeError(f"no network for {hidden} hidden neurons and seed {seed}")


def layout(width):
    """Positions in scene units: a narrower scene on phones keeps the text large."""
    narrow = width <= 420
    w = 340 if narrow else 440
    return {"w": w, "in_x": 34 if narrow else 52, "hid_x": 142 if narrow else 196,
            "out_x": 268 if narrow else 350, "gauge": (218, 318) if narrow else (290, 410)}


class Layers(Widget):
    name = "layers"
    title = "Layers"
    challenge = True
    code = ["engine.network.MLP.forward", "engine.dense.Dense.forward"]
    settings = [
        Setting("hidden", "int", 3, lo=1, hi=6, step=1, label="Hidden neurons",
                doc="how many hidden neurons to start with"),
        Setting("x1", "float", START[0], lo=0, hi=1, step=0.05, label="Input x₁", doc="the first input"),
        Setting("x2", "float", START[1], lo=0, hi=1, step=0.05, label="Input x₂", doc="the second input"),
        Setting("seed", "int", 0, lo=0, hi=999, doc="which fixed weights each hidden size gets"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.set_hidden(self.state["hidden"])
        self.lay = layout(self.width)

    @property
    def hidden(self):
        return self.state["hidden"]

    @property
    def x(self):
        return [self.state["x1"], self.state["x2"]]

    def set_hidden(self, n):
        self.state["hidden"] = n
        self.net = make_network(n, self.state["seed"])
        self.revealed, self.clock, self.animating = 0, 0.0, False

    # -- the math (all of it the engine's) -------------------------------------------
    def compute(self):
        """(hidden activations, output) of the engine's forward pass on the current inputs."""
        X = np.array([self.x])
        y = float(self.net.forward(X)[0, 0])
        return self.net.hidden_activations(X)[0][0], y

    def fires(self, y):
        """Above the line as the learner reads it: 0.503 shows as 0.50, which does not fire."""
        return round(y, 2) > FIRING_LINE

    def side(self, y):
        """Where y, as shown, is from the firing line: 'above', 'on' or 'below'."""
        shown = round(y, 2)
        return "above" if shown > FIRING_LINE else "on" if shown == FIRING_LINE else "below"

    @property
    def won(self):
        return self.revealed == 3 and self.fires(self.compute()[1])

    # -- input -----------------------------------------------------------------------
    def changed(self, name, old):
        if name == "hidden":
            self.set_hidden(self.state["hidden"])
        else:  # a new input hides the old answer: fire again to see it
            self.revealed, self.animating = 0, False

    def on_click(self, control_id):
        if control_id == "fire":
            self.revealed, self.clock = 1, 0.0
            if self.reduced_motion:
                self.revealed = 3
            self.animating = self.revealed < 3

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    def tick(self, dt):
        if not self.animating:
            return
        self.clock += dt
        while self.clock >= STEP_SECONDS and self.revealed < 3:
            self.clock -= STEP_SECONDS
            self.revealed += 1
        self.animating = self.revealed < 3

    def actions(self):
        return [button("fire", "Fire signal", primary=True, disabled=self.animating)]

    # -- output ----------------------------------------------------------------------
    def status(self):
        h, y = self.compute()
        if self.revealed < 3:
            if self.animating:
                return ("The input layer fires…", "The hidden layer fires…")[self.revealed - 1]
            return (f"{self.hidden} hidden neuron{'s' if self.hidden > 1 else ''}, inputs "
                    f"{fmt(self.x[0])} and {fmt(self.x[1])}. Press Fire signal.")
        if self.fires(y):
            return f"Output {fmt(y)}, above the firing line 0.5: the output neuron fires. You win!"
        where = "on the firing line 0.5, not above it" if self.side(y) == "on" else "below the firing line 0.5"
        return (f"Output {fmt(y)}, {where}. Try other inputs "
                "or another number of hidden neurons, then fire again.")

    def positions(self):
        L, n = self.lay, self.hidden
        gap = 250 / n
        return ([(L["in_x"], 125), (L["in_x"], 225)],
                [(L["hid_x"], 50 + gap * (j + 0.5)) for j in range(n)], (L["out_x"], 150))

    def scene(self):
        L = self.lay
        h, y = self.compute()
        ins, hids, out = self.positions()
        W1, W2 = self.net.layers[0].W, self.net.layers[1].W[:, 0]
        r_hid = min(24, 125 / self.hidden - 4)
        items = [text(L["in_x"], 18, "inputs", size=13, fill="muted"),
                 text(L["hid_x"], 18, "hidden layer", size=13, fill="muted"),
                 text(L["out_x"], 18, "output", size=13, fill="muted")]
        edges = [(ins[i], hids[j], W1[i, j], 2) for i in range(2) for j in range(self.hidden)]
        edges += [(hids[j], out, W2[j], 3) for j in range(self.hidden)]
        for a, b, w, into in edges:
            items.append(line(*a, *b, stroke=weight_color(w, 3.0), width=weight_width(w, 4.0),
                              alpha=1.0 if self.revealed >= into - 1 else 0.45))
        for (hx, hy), w in zip(hids, W2):  # the output layer's weights, as tags near the hidden neurons
            tx, ty = hx + 0.36 * (out[0] - hx), hy + 0.36 * (out[1] - hy)
            items += [rect(tx - 20, ty - 10, 40, 20, fill="bg", stroke=weight_color(w, 3.0), radius=10),
                      text(tx, ty, fmt(w, 1), size=13)]
        if self.animating:  # pulses travel along the connections into the next layer
            t = self.clock / STEP_SECONDS
            items += [circle(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), 5, fill="gold",
                             stroke=ON_GLOW) for a, b, _, into in edges if into == self.revealed + 1]
        for i, (cx, cy) in enumerate(ins):
            items += self.neuron(cx, cy, 24, f"x{'₁₂'[i]}", self.x[i], True, lit=self.revealed >= 1)
        for j, (cx, cy) in enumerate(hids):
            items += self.neuron(cx, cy, r_hid, None, h[j], self.revealed >= 2)
        items += self.neuron(*out, 28, "y", y, self.revealed >= 3, gold=self.won)
        items += self.gauge(y)
        return scene(L["w"], H, items, self.label(h, y))

    def neuron(self, cx, cy, r, name, a, shown, gold=False, lit=True):
        fill = "gold" if gold else glow_color(a) if shown and lit else "panel"
        ink = (ON_GLOW if lit else "ink") if shown else "muted"
        items = [circle(cx, cy, r + 9, fill="gold", alpha=0.35)] if gold else []
        items.append(circle(cx, cy, r, fill=fill, stroke="ink" if shown else "line", width=1.5))
        value = fmt(a) if shown else "?"
        if name is None:
            return items + [text(cx, cy, value, size=13, weight="bold", fill=ink)]
        return items + [text(cx, cy - 9, name, size=13, fill=ink),
                        text(cx, cy + 8, value, size=14, weight="bold", fill=ink)]

    def gauge(self, y):
        """A 0..1 bar under the output neuron with the firing line at 0.5."""
        x0, x1 = self.lay["gauge"]
        at = x0 + FIRING_LINE * (x1 - x0)
        items = [text(at, 222, "firing line", size=13, fill="muted"),
                 rect(x0, 244, at - x0, 12, fill="faint", radius=6),
                 rect(at, 244, x1 - at, 12, fill="gold", alpha=0.6, radius=6),
                 line(at, 236, at, 264, stroke="ink", width=2, dash=[4, 3]),
                 text(x0 - 8, 250, "0", size=13, fill="muted", anchor="end"),
                 text(x1 + 8, 250, "1", size=13, fill="muted", anchor="start")]
        if self.revealed >= 3:
            px = x0 + y * (x1 - x0)
            tx = min(x1 - 24, max(x0 + 24, px))
            items += [path([(px, 258), (px - 7, 270), (px + 7, 270)], stroke="accent", fill="accent",
                           closed=True),
                      text(tx, 286, f"y = {fmt(y)}", size=14, weight="bold", fill="accent")]
        return items

    def label(self, h, y):
        start = (f"A 2 → {self.hidden} → 1 network with inputs x₁ = {fmt(self.x[0])} and "
                 f"x₂ = {fmt(self.x[1])}; weights into the output: "
                 f"{', '.join(fmt(w, 1) for w in self.net.layers[1].W[:, 0])}")
        if self.revealed < 2:
            return start + "; not fired yet."
        hidden = f"; hidden neurons {', '.join(fmt(v) for v in h)}"
        if self.revealed < 3:
            return start + hidden + "; output not yet."
        return start + hidden + f"; output y = {fmt(y)}, {self.side(y)} the firing line 0.5."
