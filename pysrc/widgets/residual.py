"""Residual connections: send the gradient back through a deep stack, with and without skips.

The stack is the engine's `residual.Stack`: `depth` layers of 16 neurons,
h_l = f(h_{l−1} W_l + b_l), or with skips h_l = h_{l−1} + f(…). A real backward
pass gives the gradient's size at every layer. Send pulse animates it from the
loss back to layer 1: through the layers it fades; on the skips a second pulse
rides the shortcut and rejoins at each + node, arriving strong.
"""
from __future__ import annotations

import numpy as np

from engine.residual import gradient_sizes
from kit import Setting, Widget, button, per_view
from kit.fmt import sci
from kit.scene import circle, line, path, rect, scene, text

SECONDS_PER_LAYER = 0.12
LOG_LO, LOG_HI = -16, 2


def layout(width):
    return {"w": 360, "h": 440, "stack": (16, 70, 328), "bars": (50, 200, 295, 180)} if width <= 480 else \
        {"w": 660, "h": 340, "stack": (24, 70, 612), "bars": (70, 170, 560, 120)}


class Residual(Widget):
    name = "residual"
    title = "Residual connections"
    code = ["engine.residual.Stack"]
    settings = [
        Setting("skip", "bool", False, label="Skip connections"),
        Setting("depth", "int", 12, lo=4, hi=24, step=1, label="Layers"),
        Setting("act", "choice", "sigmoid", choices={"sigmoid": "sigmoid", "tanh": "tanh"}, label="Activation"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.lay = layout(self.width)
        self.pulse = None        # how far back the pulse has come: layers from the top, or None

    # -- the math ----------------------------------------------------------------------
    @per_view
    def sizes(self):
        """{skip: gradient size at h_0 … h_L} for the current depth and activation, both ways."""
        d, act = self.state["depth"], self.state["act"]
        return {skip: gradient_sizes(d, skip=skip, activation=act) for skip in (False, True)}

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        self.pulse, self.animating = None, False

    def actions(self):
        return [button("send", "Send the gradient back", primary=True, disabled=self.animating)]

    def on_click(self, control_id):
        if control_id == "send" and not self.animating:
            self.pulse, self.clock = 0.0, 0.0
            self.animating = not self.reduced_motion
            if self.reduced_motion:
                self.pulse = float(self.state["depth"])

    def tick(self, dt):
        self.pulse = min(float(self.state["depth"]), (self.pulse or 0.0) + dt / SECONDS_PER_LAYER)
        self.animating = self.pulse < self.state["depth"]

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        plain, res = self.sizes()[False], self.sizes()[True]
        ratio = plain[0] / plain[-1]
        return (f"{self.state['depth']} {self.state['act']} layers: at layer 1 the gradient is {sci(plain[0])} "
                f"without skips ({sci(ratio)} times its size at the top) and {sci(res[0])} with them.")

    def scene(self):
        L = self.lay
        items = self.stack() + self.bars(*L["bars"])
        return scene(L["w"], L["h"], items, f"A stack of layers and each layer's gradient size. {self.status()}")

    def glow(self, size):
        """0 (invisible) to 1 (bright) on a log scale of the gradient's size."""
        return float(np.clip((np.log10(max(size, 1e-30)) - LOG_LO) / (LOG_HI - LOG_LO), 0.05, 1.0))

    def stack(self):
        x0, y0, w = self.lay["stack"]
        d = self.state["depth"]
        step = w / d
        items = [text(x0, 22, "input", size=13, fill="muted", anchor="start"),
                 text(x0 + w, 22, "loss", size=13, fill="muted", anchor="end")]
        for l in range(d):
            bx = x0 + l * step
            items.append(rect(bx + step * 0.15, y0, step * 0.7, 34, fill="panel", stroke="ink", radius=4))
            if self.state["skip"]:
                arc = [(bx + step * t, y0 - 4 - 16 * np.sin(np.pi * t)) for t in np.linspace(0, 1, 9)]
                items += [path(arc, stroke="teal", width=2), circle(bx + step, y0 + 17, 5, fill="panel", stroke="teal")]
        items.append(line(x0, y0 + 17, x0 + w, y0 + 17, stroke="line", width=1))
        if self.pulse is not None:
            items += self.pulses(x0, y0, step, d)
        return items

    def pulses(self, x0, y0, step, d):
        """The gradient travelling back: at position p (layers from the top) its real size there."""
        p = self.pulse
        layer = int(round(d - p))
        x = x0 + (d - p) * step
        plain = self.sizes()[False]
        items = [circle(x, y0 + 17, 4 + 8 * self.glow(plain[layer]), fill="rose", alpha=self.glow(plain[layer]))]
        if self.state["skip"]:
            res = self.sizes()[True]
            t = (d - p) % 1
            items.append(circle(x, y0 - 4 - 16 * np.sin(np.pi * t), 4 + 8 * self.glow(res[layer]), fill="teal",
                                alpha=self.glow(res[layer])))
        return items

    def bars(self, x0, y0, w, h):
        d = self.state["depth"]
        step = w / (d + 1)
        to_y = lambda v: y0 + h * (LOG_HI - np.log10(max(v, 1e-30))) / (LOG_HI - LOG_LO)  # noqa: E731
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 18, "Gradient size at each layer (log scale)", size=13, fill="muted", anchor="start"),
                 text(x0 - 6, y0, "10²", size=13, fill="muted", anchor="end"),
                 text(x0 - 6, y0 + h, "10⁻¹⁶", size=13, fill="muted", anchor="end"),
                 text(x0, y0 + h + 16, "layer 1", size=13, fill="muted", anchor="start"),
                 text(x0 + w, y0 + h + 16, f"layer {d}", size=13, fill="muted", anchor="end")]
        for skip, color, dx in ((False, "rose", -0.22), (True, "teal", 0.22)):
            for l, v in enumerate(self.sizes()[skip][:-1]):
                cx = x0 + (l + 1) * step + dx * step
                top = to_y(v)
                items.append(rect(cx - step * 0.2, top, step * 0.4, y0 + h - top, fill=color,
                                  alpha=1.0 if skip == self.state["skip"] else 0.35))
        items += [rect(x0, y0 + h + 28, 12, 12, fill="rose"),
                  text(x0 + 18, y0 + h + 34, "without skips", size=13, fill="ink", anchor="start"),
                  rect(x0 + 140, y0 + h + 28, 12, 12, fill="teal"),
                  text(x0 + 158, y0 + h + 34, "with skips", size=13, fill="ink", anchor="start")]
        return items
