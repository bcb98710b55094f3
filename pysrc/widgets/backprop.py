"""Backprop, watched and checked: one example through a 2 → 2 → 1 sigmoid network.

The network is the engine's MLP([2, 2, 1], sigmoid, sigmoid output), its loss the
engine's cross-entropy. Steps: forward to the hidden layer, to the output, the
loss, the error at the output (delta = p - y), the errors at the hidden layer,
then every gradient. For the weight the learner follows, the chain rule is a
product of local slopes along its one path to the loss, e.g. for w12 (x1 -> h2):

    dL/dw12 = dz_h2/dw12 · dh2/dz_h2 · dz/dh2 · dL/dz = x1 · sigma'(z_h2) · v2 · (p - y)

shown beside the engine's backward pass and a central finite difference.
"""
from __future__ import annotations

import numpy as np

from engine.network import MLP
from engine.optimizers import SGD
from kit import Setting, Widget, button, per_view, slider
from kit.scene import fmt

from ._backprop_picture import Picture

# (engine parameter, index, name, menu text); names: w from an input, v into the output
PARAMS = [("W1", (0, 0), "w₁₁", "x₁ → h₁"), ("W1", (0, 1), "w₁₂", "x₁ → h₂"),
          ("W1", (1, 0), "w₂₁", "x₂ → h₁"), ("W1", (1, 1), "w₂₂", "x₂ → h₂"),
          ("b1", (0,), "b₁", "bias of h₁"), ("b1", (1,), "b₂", "bias of h₂"),
          ("W2", (0, 0), "v₁", "h₁ → output"), ("W2", (1, 0), "v₂", "h₂ → output"),
          ("b2", (0,), "c", "bias of the output")]
NAMES = [p[2] for p in PARAMS]
SEED, FD_STEP, STEP_SECONDS = 4, 1e-5, 0.8
PHASES = ["The weights, before anything flows.", "Forward: the hidden layer computes h = σ(z).",
          "Forward: the output computes p = σ(z).", "The loss compares p with the target y.",
          "Backward: the output's error δ = ∂L/∂z = p − y.",
          "Backward: each hidden error δ = v · δ_out · σ′(z).",
          "Every gradient is known; the path of the weight you follow is lit."]
LAST = len(PHASES) - 1


def engine_weights():
    """The engine's own starting weights for this network, rounded to the slider's 0.01."""
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", init="xavier", seed=SEED)
    weights = net.get_weights()
    return [round(float(weights[key][idx]), 2) for key, idx, _, _ in PARAMS]


def layout(width):
    """Where everything sits: left to right on a wide screen, top to bottom on a phone."""
    if width <= 420:
        return {"w": 340, "narrow": True, "ins": [(70, 76), (270, 76)], "hid": [(70, 186), (270, 186)],
                "out": (170, 286), "loss": (170, 368), "loss_in": (170, 336), "r": 22,
                "bias": [(24, 186), (316, 186), (238, 286)], "t": (0.38, 0.5), "tag": 44, "box": 92,
                "delta": [(82, 222, "end"), (258, 222, "start"), (138, 286, "end")], "top": 432}
    return {"w": 600, "narrow": False, "ins": [(60, 76), (60, 206)], "hid": [(240, 76), (240, 206)],
            "out": (420, 141), "loss": (540, 141), "loss_in": (492, 141), "r": 28,
            "bias": [(240, 36), (240, 166), (420, 97)], "t": (0.3, 0.5), "tag": 48, "box": 96,
            "delta": [(240, 119, "middle"), (240, 249, "middle"), (420, 186, "middle")], "top": 282}


class Backprop(Picture, Widget):
    name = "backprop"
    title = "Backprop, watched and checked"
    code = ["engine.network.MLP.backward", "engine.dense.Dense.backward",
            "engine.losses.sigmoid_cross_entropy"]
    PARAMS, NAMES, PHASES, LAST, STEP_SECONDS = PARAMS, NAMES, PHASES, LAST, STEP_SECONDS  # for the picture
    settings = [
        Setting("follow", "choice", "w₁₂", choices={n: f"{n} ({m})" for _, _, n, m in PARAMS},
                label="Weight to follow", doc="whose chain-rule path is lit"),
        Setting("target", "choice", 1, choices={1: "1", 0: "0"}, label="Target y",
                doc="the label the network should output"),
        Setting("weights", "floats", engine_weights(), length=9, lo=-4, hi=4,
                doc="w11, w12, w21, w22, b1, b2, v1, v2, c"),
        Setting("x", "floats", [1.0, 0.5], length=2, lo=-2, hi=2, doc="the input (x1, x2)"),
        Setting("lr", "float", 1.0, lo=0.01, hi=5, doc="the step size of 'one gradient step'"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", init="zeros")
        self.phase, self.clock, self.last_step = LAST, 0.0, None
        self.lay = layout(self.width)

    @property
    def k(self):
        return NAMES.index(self.state["follow"])

    # -- the math: the engine's forward and backward, a finite difference ----------------
    def loss_at(self, weights):
        self.net.set_weights(self.as_dict(weights))
        self.net.forward(np.array([self.state["x"]]))
        return self.net.loss(np.array([[self.state["target"]]]))

    @staticmethod
    def as_dict(weights):
        w = np.asarray(weights, dtype=float)
        return {"W1": w[:4].reshape(2, 2), "b1": w[4:6], "W2": w[6:8].reshape(2, 1), "b2": w[8:9]}

    @per_view
    def run(self):
        """Forward and backward on the current weights: everything the picture shows."""
        loss, dlogits = self.loss_at(self.state["weights"])
        self.net.backward(dlogits)
        hidden, out = self.net.layers
        grads = {"W1": hidden.dW, "b1": hidden.db, "W2": out.dW, "b2": out.db}
        return {"x": hidden.X[0], "h": hidden.A[0].copy(), "p": float(self.net.forward(hidden.X)[0, 0]),
                "slope": hidden.act_prime(hidden.Z, hidden.A)[0], "v": out.W[:, 0].copy(),
                "loss": float(loss), "d_out": float(dlogits[0, 0]),
                "d_hidden": (dlogits @ out.W.T)[0] * hidden.act_prime(hidden.Z, hidden.A)[0],
                "grad": [float(grads[key][idx]) for key, idx, _, _ in PARAMS]}

    def finite_difference(self, k):
        w = np.array(self.state["weights"], dtype=float)
        up, down = w.copy(), w.copy()
        up[k] += FD_STEP
        down[k] -= FD_STEP
        return (self.loss_at(up)[0] - self.loss_at(down)[0]) / (2 * FD_STEP)

    def chain(self, k):
        """[(symbol, meaning, value)] along weight k's path, from the weight to the loss."""
        r = self.run()
        key, idx, name, _ = PARAMS[k]
        delta = [("p − y", "∂L/∂z", r["d_out"])]
        if key == "b2":
            return [("1", "∂z/∂c", 1.0)] + delta
        if key == "W2":
            return [(f"h{'₁₂'[idx[0]]}", f"∂z/∂{name}", r["h"][idx[0]])] + delta
        j = idx[-1]
        hj, sub = f"h{'₁₂'[j]}", "₁₂"[j]
        first = ("1", f"∂z{sub}/∂{name}", 1.0) if key == "b1" else \
            (f"x{'₁₂'[idx[0]]}", f"∂z{sub}/∂{name}", r["x"][idx[0]])
        return [first, (f"σ′(z{sub})", f"∂{hj}/∂z{sub}", r["slope"][j]),
                (f"v{sub}", f"∂z/∂{hj}", r["v"][j])] + delta

    def check(self):
        """(chain-rule product, engine's gradient, finite difference) for the followed weight."""
        return (float(np.prod([v for _, _, v in self.chain(self.k)])), self.run()["grad"][self.k],
                self.finite_difference(self.k))

    # -- input ---------------------------------------------------------------------------
    def set_weight(self, k, value):
        weights = list(self.state["weights"])
        weights[k] = round(min(4.0, max(-4.0, float(value))), 2)
        self.state["weights"] = weights

    def on_input(self, control_id, value):
        if control_id == "value":
            self.set_weight(self.k, value)
            self.last_step = None
        else:
            super().on_input(control_id, value)

    def on_click(self, control_id):
        if control_id == "play":
            self.phase, self.clock = (LAST, 0.0) if self.reduced_motion else (0, 0.0)
            self.animating = not self.reduced_motion
        elif control_id == "step":
            self.animating = False
            self.phase = 1 if self.phase == LAST else self.phase + 1
        elif control_id == "descend":
            before = self.run()["loss"]
            self.loss_at(self.state["weights"])
            _, d = self.net.loss(np.array([[self.state["target"]]]))
            self.net.backward(d)
            SGD(self.state["lr"]).step(self.net.params())
            flat = self.net.get_weights()
            box = self.setting("weights")    # a step never leaves the declared range, so links keep working
            self.state["weights"] = [min(box.hi, max(box.lo, round(float(flat[key][idx]), 4))) for key, idx, _, _ in PARAMS]
            self.last_step = before
        elif control_id == "reset":
            self.state["weights"] = list(self.start["weights"])
            self.last_step = None

    def on_pointer(self, phase, x, y):
        if phase != "down":
            return
        spots = self.spots()
        dist = [_distance(x, y, seg) for seg in spots]
        best = int(np.argmin(dist))
        if dist[best] <= 16:
            self.state["follow"] = NAMES[best]

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    def tick(self, dt):
        self.clock += dt
        while self.clock >= STEP_SECONDS and self.phase < LAST:
            self.clock -= STEP_SECONDS
            self.phase += 1
        self.animating = self.phase < LAST

    def controls(self):
        k = self.k
        return self.setting_controls("follow") + [
            slider("value", f"Value of {NAMES[k]}", self.state["weights"][k], -4, 4, 0.01),
            button("play", "Play", primary=True, disabled=self.animating),
            button("step", "Step"),
            button("descend", "Take one gradient step"),
            button("reset", "Reset weights", disabled=self.state["weights"] == self.start["weights"]),
        ] + self.setting_controls("target")

    # -- output --------------------------------------------------------------------------
    def status(self):
        r = self.run()
        if self.phase < LAST:
            return f"Step {self.phase} of {LAST}. {PHASES[self.phase]}"
        product, engine, fd = self.check()
        name = NAMES[self.k]
        moved = "" if self.last_step is None else \
            f" One gradient step took the loss from {fmt(self.last_step, 4)} to {fmt(r['loss'], 4)}."
        return (f"∂L/∂{name}: chain-rule product {fmt(product, 5)}, engine {fmt(engine, 5)}, "
                f"finite difference {fmt(fd, 5)}; loss {fmt(r['loss'], 4)}.{moved}")

    def spots(self):
        """Where each parameter can be tapped: its connection, or its bias tag (a point)."""
        L = self.lay
        edges = [(L["ins"][i], L["hid"][j]) for i in range(2) for j in range(2)]
        biases = [(L["bias"][j], L["bias"][j]) for j in range(2)]
        outs = [(L["hid"][j], L["out"]) for j in range(2)]
        return edges + biases + outs + [(L["bias"][2], L["bias"][2])]

def _distance(x, y, segment):
    (x1, y1), (x2, y2) = segment
    d = np.array([x2 - x1, y2 - y1])
    t = 0.0 if not d.any() else float(np.clip(np.dot([x - x1, y - y1], d) / d.dot(d), 0, 1))
    return float(np.hypot(x - x1 - t * d[0], y - y1 - t * d[1]))
