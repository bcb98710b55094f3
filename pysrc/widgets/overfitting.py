"""Overfitting: a network far too big for twelve noisy points, and two cures.

The data: y = sin(2.5x) plus noise, 12 points to train on and 60 more to
validate on (never trained on). The network, 1 → 24 → 24 → 1 tanh, trained
with Adam by the engine, can bend through every training point, noise
included: training loss keeps falling while validation loss turns up. Weight
decay adds λ·½Σw² to the loss; early stopping keeps the weights of the epoch
where validation loss was lowest.
"""
from __future__ import annotations

import time

import numpy as np

from engine.early_stopping import EarlyStopping
from engine.network import MLP
from engine.optimizers import Adam
from engine.train import train_step
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import circle, line, path, rect, scene, text

EPOCHS, PATIENCE = 2000, 300
RATES = ("0", "0.0001", "0.001", "0.003", "0.01", "0.03")
BUDGET = 0.012                 # seconds of training per animation frame


def layout(width):
    """(scene size, fit plot box, loss plot box); phones stack the two plots."""
    if width <= 480:
        return (360, 560), (12, 30, 336, 210), (12, 330, 336, 210)
    return (640, 320), (16, 30, 290, 240), (350, 30, 274, 240)


def make_data(seed):
    rng = np.random.default_rng(seed)
    x_train = np.sort(rng.uniform(-1, 1, 12))
    x_val = rng.uniform(-1, 1, 60)
    noisy = lambda x: np.sin(2.5 * x) + rng.normal(0, 0.25, x.shape)  # noqa: E731
    return x_train[:, None], noisy(x_train)[:, None], x_val[:, None], noisy(x_val)[:, None]


def mse(net, X, y):
    net.forward(X)
    return float(np.mean((net.logits - y) ** 2))


class Overfitting(Widget):
    name = "overfitting"
    title = "Overfitting and its cures"
    code = ["engine.regularization.penalty", "engine.early_stopping.EarlyStopping"]
    settings = [
        Setting("wd", "choice", "0", choices={r: r for r in RATES}, label="Weight decay λ"),
        Setting("early", "bool", False, label="Early stopping (keep the best epoch)"),
        Setting("seed", "int", 1, lo=0, hi=99, doc="which noisy points"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.X, self.y, self.X_val, self.y_val = make_data(self.state["seed"])
        self.lay = layout(self.width)
        self.reset()

    def reset(self):
        self.net = MLP([1, 24, 24, 1], "tanh", "linear", seed=3)
        self.optimizer = Adam(lr=0.01)
        self.stopper = EarlyStopping(PATIENCE)
        self.train_loss, self.val_loss = [], []
        self.stopped = self.animating = False

    # -- the math ----------------------------------------------------------------------
    def epoch(self):
        """One full-batch step, then both losses (the data loss alone, so curves compare)."""
        rate = float(self.state["wd"])
        train_step(self.net, self.X, self.y, self.optimizer, "l2" if rate else None, rate)
        self.train_loss.append(mse(self.net, self.X, self.y))
        self.val_loss.append(mse(self.net, self.X_val, self.y_val))
        if self.stopper.update(self.val_loss[-1], self.net.get_weights()) and self.state["early"]:
            self.net.set_weights(self.stopper.best_weights)
            self.stopped = True

    def train(self, epochs=None, budget=BUDGET):
        """Train until done, for `epochs` epochs, or for `budget` seconds."""
        start = time.perf_counter()
        count = 0
        while len(self.train_loss) < EPOCHS and not self.stopped:
            self.epoch()
            count += 1
            if (epochs is not None and count >= epochs) or (epochs is None and time.perf_counter() - start > budget):
                break
        self.animating = self.animating and len(self.train_loss) < EPOCHS and not self.stopped

    def best(self):
        """(epoch, validation loss) of the lowest validation loss so far."""
        if not self.val_loss:
            return None
        i = int(np.argmin(self.val_loss))
        return i, self.val_loss[i]

    @per_view
    def curve(self):
        xs = np.linspace(-1, 1, 81)[:, None]
        return xs[:, 0], self.net.forward(xs)[:, 0]

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        self.reset()

    def actions(self):
        done = len(self.train_loss) >= EPOCHS or self.stopped
        return [button("play", "Pause" if self.animating else "Train", primary=True, disabled=done),
                button("reset", "Reset")]

    def on_click(self, control_id):
        if control_id == "play":
            self.animating = not self.animating
            if self.reduced_motion and self.animating:
                self.train(epochs=EPOCHS)
        elif control_id == "reset":
            self.reset()

    def tick(self, dt):
        self.train()

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        if not self.train_loss:
            return "Press Train: a 1 → 24 → 24 → 1 network learns 12 noisy points."
        best_epoch, best_val = self.best()
        text_ = (f"Epoch {len(self.train_loss)}: training loss {fmt(self.train_loss[-1], 4)}, validation loss "
                 f"{fmt(self.val_loss[-1], 4)} (lowest {fmt(best_val, 4)} at epoch {best_epoch + 1}).")
        if self.stopped:
            text_ += f" Stopped early: no improvement for {PATIENCE} epochs, best weights restored."
        return text_

    def scene(self):
        (w, h), fit_box, loss_box = self.lay
        items = self.fit_plot(*fit_box) + self.loss_plot(*loss_box)
        label = f"Twelve noisy training points, the network's curve through them, and the loss curves. {self.status()}"
        return scene(w, h, items, label)

    def fit_plot(self, x0, y0, w, h):
        to_x = lambda x: x0 + (x + 1) / 2 * w  # noqa: E731
        to_y = lambda y: y0 + h / 2 - y / 3.2 * h  # noqa: E731
        xs, ys = self.curve()
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 14, "The data and the network's fit", size=13, fill="muted", anchor="start"),
                 path([(to_x(x), to_y(np.sin(2.5 * x))) for x in xs], stroke="faint", width=1.5),
                 path([(to_x(x), to_y(min(1.6, max(-1.6, y)))) for x, y in zip(xs, ys)], stroke="accent", width=2.5)]
        items += [circle(to_x(x), to_y(y), 3, fill=None, stroke="muted") for x, y in zip(self.X_val[:, 0], self.y_val[:, 0])]
        items += [circle(to_x(x), to_y(y), 5, fill="gold", stroke="ink") for x, y in zip(self.X[:, 0], self.y[:, 0])]
        items += [text(x0, y0 + h + 16, "● training points   ○ validation", size=13, fill="muted", anchor="start"),
                  text(x0, y0 + h + 34, "grey line: the true curve", size=13, fill="muted", anchor="start")]
        return items

    def loss_plot(self, x0, y0, w, h):
        lo, hi = np.log10(1e-4), np.log10(1.0)
        to_x = lambda e: x0 + e / EPOCHS * w  # noqa: E731
        to_y = lambda v: y0 + (hi - np.log10(min(1.0, max(1e-4, v)))) / (hi - lo) * h  # noqa: E731
        items = [rect(x0, y0, w, h, fill="panel", stroke="line"),
                 text(x0, y0 - 14, "Loss (log scale) by epoch", size=13, fill="muted", anchor="start")]
        for curve, color, name, dy in ((self.train_loss, "accent", "training", 18), (self.val_loss, "rose", "validation", 36)):
            step = max(1, len(curve) // 300)
            if curve:
                items.append(path([(to_x(e), to_y(v)) for e, v in list(enumerate(curve))[::step]] +
                                  [(to_x(len(curve) - 1), to_y(curve[-1]))], stroke=color, width=2))
            items.append(text(x0 + w - 8, y0 + dy, name, size=13, fill=color, anchor="end", weight="bold"))
        best = self.best()
        if best and best[0] < len(self.val_loss) - 1:
            bx = to_x(best[0])
            items += [line(bx, y0, bx, y0 + h, stroke="gold", width=2, dash=[5, 4]),
                      text(min(bx + 6, x0 + w - 100), y0 + h - 14, f"best: epoch {best[0] + 1}", size=13,
                           fill="gold", anchor="start", weight="bold")]
        return items
