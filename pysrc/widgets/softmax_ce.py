"""Softmax + cross-entropy: the loss of the true class, and the gradient on every logit.

    L = −log p_y        ∂L/∂z_k = p_k − y_k        (y: 1 for the true class, 0 elsewhere)

The gradient shown is the engine's own (losses.softmax_cross_entropy, the
line the trainer uses); beside it a finite difference of the same engine
loss, (L(z_k + h) − L(z_k − h)) / 2h, computed here one logit at a time.
"""
from __future__ import annotations

import numpy as np

from engine.losses import softmax_cross_entropy
from kit import Setting, Widget, choice, per_view, slider
from kit.scene import fmt, line, rect, scene, text
from widgets.softmax import CLASSES, MAX_CLASSES, NAMES, Classes, columns, logit_settings

H_DIFF = 1e-5
AGREE = 1e-6     # how close the finite difference must come to count as agreeing
SCENE_H = 330


def finite_difference(z, truth, h=H_DIFF):
    """dL/dz_k by central differences of the engine's loss."""
    grad = np.zeros_like(z)
    for k in range(len(z)):
        up, down = z.copy(), z.copy()
        up[k] += h
        down[k] -= h
        grad[k] = (softmax_cross_entropy(up[None], [truth])[0]
                   - softmax_cross_entropy(down[None], [truth])[0]) / (2 * h)
    return grad


class SoftmaxCE(Classes, Widget):
    name = "softmax-ce"
    title = "Softmax and cross-entropy"
    code = ["engine.losses.softmax_cross_entropy"]
    settings = [
        CLASSES,
        Setting("truth", "int", 2, lo=1, hi=MAX_CLASSES, label="True class",
                doc="which class is the right answer, counted from 1"),
        *logit_settings(-10, 10),
        NAMES,
    ]

    @property
    def truth(self):
        """The true class as an index from 0 (a class the current count has)."""
        return min(self.state["truth"], self.n) - 1

    def controls(self):
        sliders = [slider(f"z{k}", f"Logit z{'₁₂₃₄₅'[k - 1]} ({name})", self.state[f"z{k}"], -10, 10, 0.1, 1)
                   for k, name in zip(range(1, self.n + 1), self.names)]
        pick = choice("truth", "True class", self.truth + 1, [(k + 1, name) for k, name in enumerate(self.names)])
        return self.setting_controls("classes") + [pick] + sliders

    def on_pointer(self, phase, x, y):
        """A tap on a column makes that class the true one."""
        _, left, cw = columns(self.width, self.n)
        k = int((x - left) // cw)
        if phase == "down" and 0 <= k < self.n and k != self.truth:
            self.state["truth"] = k + 1

    # -- the math: the engine's loss and gradient; the check by finite differences --------
    @per_view
    def compute(self):
        z = self.z
        loss, grad = softmax_cross_entropy(z[None], [self.truth])
        p = grad[0].copy()
        p[self.truth] += 1.0                  # the engine's gradient is p − y, so p is it plus y
        y = np.eye(self.n)[self.truth]
        return z, p, y, loss, grad[0], finite_difference(z, self.truth)

    def agree(self):
        *_, grad, numeric = self.compute()
        return np.abs(grad - numeric) < AGREE

    # -- output ----------------------------------------------------------------------------
    def status(self):
        z, p, y, loss, grad, numeric = self.compute()
        t = self.names[self.truth]
        checked = "agrees" if self.agree().all() else "does not agree"
        return (f"True class {t}: p({t}) = {fmt(p[self.truth], 3)}, loss −log p = {fmt(loss, 3)}. "
                f"Gradient p − y on the logits: " + ", ".join(fmt(g, 3) for g in grad)
                + f"; the finite difference {checked}.")

    def scene(self):
        z, p, y, loss, grad, numeric = self.compute()
        narrow = self.width <= 420
        W, left, cw = columns(self.width, self.n, 128, 100)
        d = 3 if narrow else 4
        top, bottom = 62, 152
        t = self.names[self.truth]
        middle = "" if narrow else f" = −log {fmt(p[self.truth], 3)}"
        items = [text(4, 16, f"loss = −log p({t}){middle} = {fmt(loss, 3)}", size=15, weight="bold", anchor="start"),
                 text(4, 38, "tap a column to make it the true class", size=13, fill="muted", anchor="start")]
        items += [line(left, bottom, W - 4, bottom, stroke="line"),
                  text(left - 8, bottom, "0", size=13, fill="muted", anchor="end"),
                  text(left - 8, top, "1", size=13, fill="muted", anchor="end")]
        rows = {"class": 170, "p": 194, "target y": 218, "p − y (engine)": 242,
                "finite diff.": 266, "agree?": 290}
        for label, ry in rows.items():
            items.append(text(4, ry, label if not narrow else label.replace(" (engine)", ""),
                              size=13, fill="muted", anchor="start"))
        for k in range(self.n):
            cx, true = left + (k + 0.5) * cw, k == self.truth
            hp = p[k] * (bottom - top)
            if true:
                items += [rect(cx - cw / 2 + 2, top - 12, cw - 4, 300 - top + 12, fill="ok", alpha=0.08,
                               radius=8),
                          rect(cx - cw * 0.3, top, cw * 0.6, bottom - top, fill=None, stroke="ok", width=1.5)]
            items += [rect(cx - cw * 0.3, bottom - hp, cw * 0.6, hp, fill="accent" if true else "faint",
                           radius=3),
                      text(cx, rows["class"], self.names[k], size=14, weight="bold", fill="ok" if true else "ink"),
                      text(cx, rows["p"], fmt(p[k], d), size=13),
                      text(cx, rows["target y"], str(int(y[k])), size=13, weight="bold" if true else "normal"),
                      text(cx, rows["p − y (engine)"], fmt(grad[k], d), size=13, weight="bold",
                           fill="pos" if grad[k] < 0 else "neg"),
                      text(cx, rows["finite diff."], fmt(numeric[k], d), size=13),
                      text(cx, rows["agree?"], "✓" if self.agree()[k] else "✗", size=15, weight="bold",
                           fill="ok" if self.agree()[k] else "bad")]
        items.append(text(W / 2, 316, "gradient < 0: raise the logit; > 0: lower it", size=13,
                          fill="muted"))
        label = (f"Softmax probabilities and one-hot targets for {self.n} classes, true class {t}; loss "
                 f"{fmt(loss, 3)}; the gradient p − y on each logit is "
                 + ", ".join(f"{n} {fmt(g, 3)}" for n, g in zip(self.names, grad))
                 + ", matching the finite difference.")
        return {**scene(W, SCENE_H, items, label), "tap": True}
