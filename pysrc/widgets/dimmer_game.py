"""Dimmer game: two switches and two dimmers light one bulb.

The bulb shows a weighted sum, the first thing a neuron computes:

    brightness = w1·x1 + w2·x2, capped to 0..1 (a bulb can't glow past full)

Each switch x is 0 or 1; each dimmer w (a weight) sets how much of its switch
reaches the bulb. The learner wins by making the bulb match a target.
"""
from __future__ import annotations

from kit import Setting, Widget
from kit.fmt import digits_for, fmt, weighted_sum
from kit.scene import circle, glow_color, line, path, rect, scene, text, weight_color, weight_width
from kit.theme import ON_GLOW

W, H = 440, 340
SWITCH_X, SWITCH_Y = 80, (80, 190)
BULB_X, BULB_Y, BULB_R = 315, 135, 36
GAUGE_X0, GAUGE_X1, GAUGE_Y = 40, 400, 290


def far_from_target(values):
    """The switches start at the far end from the target: on (bulb 1.00) for a low target,
    off (bulb 0) for a high one, at least 0.5 away, which is more than the largest tolerance,
    so the first view never wins."""
    return values["target"] < 0.5


class DimmerGame(Widget):
    name = "dimmer-game"
    title = "Dimmer game"
    challenge = True
    settings = [
        Setting("target", "float", 0.8, lo=0.05, hi=0.95, doc="the brightness to reach"),
        Setting("tolerance", "float", 0.1, lo=0.01, hi=0.3, doc="how close counts as a hit"),
        Setting("x1", "bool", False, label="Switch x₁", default_from=far_from_target,
                doc="switch 1 (by default on when the target is below 0.5)"),
        Setting("x2", "bool", False, label="Switch x₂", default_from=far_from_target,
                doc="switch 2 (by default on when the target is below 0.5)"),
        Setting("w1", "float", 0.5, lo=0, hi=1, step=0.01, label="Dimmer w₁", doc="dimmer of switch 1"),
        Setting("w2", "float", 0.5, lo=0, hi=1, step=0.01, label="Dimmer w₂", doc="dimmer of switch 2"),
    ]

    @property
    def x(self):
        return [int(self.state["x1"]), int(self.state["x2"])]

    @property
    def w(self):
        return [self.state["w1"], self.state["w2"]]

    @property
    def target(self):
        return self.state["target"]

    @property
    def tolerance(self):
        return self.state["tolerance"]

    # -- the math --------------------------------------------------------------
    @property
    def weighted_sum(self):
        return self.x[0] * self.w[0] + self.x[1] * self.w[1]

    @property
    def brightness(self):
        return min(1.0, max(0.0, self.weighted_sum))

    def shown(self):
        """(bulb, target, tolerance) as the learner reads them: the bulb with two digits,
        the target and tolerance with the digits the author gave (up to three)."""
        return round(self.brightness, 2), round(self.target, 3), round(self.tolerance, 3)

    @property
    def won(self):
        # Judged on the numbers shown; the tiny extra absorbs float noise (0.7 + 0.1 = 0.7999…).
        b, t, tol = self.shown()
        return abs(b - t) <= tol + 1e-9

    # -- output ----------------------------------------------------------------
    def digits(self):
        return max(digits_for(self.target), digits_for(self.tolerance))

    def status(self):
        (b, t, tol), d = self.shown(), self.digits()
        start = f"Bulb {fmt(b)}, target {fmt(t, digits_for(t))}: "
        if self.won:
            return start + f"within {fmt(tol, digits_for(tol))}, you win!"
        return start + f"{fmt(abs(b - t), d)} too {'dark' if b < t else 'bright'}."

    def scene(self):
        items = []
        for i in range(2):
            items += self._wire(i)
        for i in range(2):
            items += self._switch(i)
        items += self._bulb()
        items += self._equation()
        items += self._gauge()
        onoff = ["on" if x else "off" for x in self.x]
        label = (f"Switch x₁ is {onoff[0]} and x₂ is {onoff[1]}; dimmers w₁ = {fmt(self.w[0])} "
                 f"and w₂ = {fmt(self.w[1])} light the bulb to {fmt(self.brightness)}; "
                 f"the target is {fmt(self.target, digits_for(self.target))} give or take "
                 f"{fmt(self.tolerance, digits_for(self.tolerance))}.")
        return scene(W, H, items, label)

    def _switch(self, i):
        y, on = SWITCH_Y[i], self.x[i]
        knob_x = SWITCH_X + (12 if on else -12)
        return [text(SWITCH_X, y - 32, f"x{'₁₂'[i]} = {on}", size=16, weight="bold"),
                rect(SWITCH_X - 26, y - 14, 52, 28, fill="accent" if on else "faint", radius=14),
                circle(knob_x, y, 11, fill="#ffffff", stroke="muted", width=1.5)]  # white in either theme

    def _wire(self, i):
        y, w = SWITCH_Y[i], self.w[i]
        # A dimmer's wire only carries current while its switch is on.
        alpha = 1.0 if self.x[i] else 0.35
        # The weight's tag sits 40% of the way along the wire, clear of the bulb.
        tx, ty = SWITCH_X + 0.4 * (BULB_X - SWITCH_X), y + 0.4 * (BULB_Y - y)
        return [line(SWITCH_X, y, BULB_X, BULB_Y, stroke=weight_color(w, scale=1.0),
                     width=weight_width(w, scale=1.0, thin=1.5, thick=9.0), alpha=alpha),
                rect(tx - 42, ty - 13, 84, 26, fill="panel", stroke="line", radius=13),
                text(tx, ty, f"w{'₁₂'[i]} = {fmt(w)}", size=15)]

    def _bulb(self):
        b = self.brightness
        items = []
        if b > 0:
            items.append(circle(BULB_X, BULB_Y, BULB_R + 24 * b, fill="gold", alpha=0.3 * b))
        items += [rect(BULB_X - 14, BULB_Y + 26, 28, 22, fill="muted", radius=4),
                  circle(BULB_X, BULB_Y, BULB_R, fill=glow_color(b), stroke="line", width=2),
                  text(BULB_X, BULB_Y, fmt(b), size=18, weight="bold", fill=ON_GLOW)]
        return items

    def _equation(self):
        s = self.weighted_sum
        numbers = f"{weighted_sum(self.w, self.x, input_digits=0)} = {fmt(s)}"
        if s > 1:
            numbers += f" → {fmt(1)} (full)"
        return [text(W / 2, 222, "brightness = w₁·x₁ + w₂·x₂", size=14, fill="muted"),
                text(W / 2, 246, numbers, size=16)]

    def _gauge(self):
        def at(v):
            return GAUGE_X0 + (GAUGE_X1 - GAUGE_X0) * v

        b, t, tol, y = self.brightness, self.target, self.tolerance, GAUGE_Y
        lo, hi = at(max(0.0, t - tol)), at(min(1.0, t + tol))
        return [rect(GAUGE_X0, y - 6, GAUGE_X1 - GAUGE_X0, 12, fill="faint", radius=6),
                rect(lo, y - 6, hi - lo, 12, fill="ok", alpha=0.8 if self.won else 0.4, radius=6),
                text(GAUGE_X0 - 8, y, "0", size=13, fill="muted", anchor="end"),
                text(GAUGE_X1 + 8, y, "1", size=13, fill="muted", anchor="start"),
                line(at(t), y - 11, at(t), y + 11, stroke="gold", width=3),
                text(at(t), y - 22, f"target {fmt(t, digits_for(t))}", size=15),
                path([(at(b), y + 9), (at(b) - 7, y + 21), (at(b) + 7, y + 21)],
                     stroke="accent", fill="accent", closed=True),
                text(at(b), y + 34, fmt(b), size=15, weight="bold", fill="accent")]
