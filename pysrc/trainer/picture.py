"""The decision boundary and the neurons' tiny pictures, as bitmaps.

Once per frame the network runs forward on a grid covering the plot (100 x 100
points on a laptop, coarser on a phone). That one pass gives the main heatmap
(the output) and, for free, every hidden neuron's output on the same grid:
sampled every few points, those are the neurons' thumbnails.

A scene draws each bitmap as one image item, so the page decodes a handful of
images per frame, not dozens: each column of the network diagram (inputs, each
hidden layer, outputs) is one tall image whose thumbnails are separated by
transparent rows. Colors carry an alpha instead of being mixed with white, so
the heatmap sits on the widget's own background in light and dark themes.
"""
from __future__ import annotations

import base64
import time
from typing import NamedTuple

import numpy as np

from engine import make_features
from engine.network import HEADS
from engine.data import LIMIT

THUMB_PX = 25                      # pixels per neuron thumbnail (every 4th grid point of 100, 3rd of 75)
ORANGE, BLUE, GREEN = (234, 88, 12), (37, 99, 235), (22, 163, 74)
CLASS_RGB = np.array([ORANGE, BLUE, GREEN], dtype=float)
CLASS_COLORS = ("#ea580c", "#2563eb", "#16a34a")   # class 0, 1, 2 (negative, positive, third)


class Pictures(NamedTuple):
    """One frame's bitmaps: the heatmap (grid x grid) and one image per diagram column."""
    heat: str
    columns: list
    grid: int


class Grid:
    """n x n points at the centers of the plot's cells; row 0 is the top (x2 = +6)."""

    def __init__(self, n, features):
        centers = -LIMIT + (np.arange(n) + 0.5) * (2 * LIMIT / n)
        x1, x2 = np.meshgrid(centers, centers[::-1])
        self.n = n
        self.X = np.column_stack([x1.ravel(), x2.ravel()])
        self.F = make_features(self.X, features)
        self.sample = slice(n // THUMB_PX // 2, None, n // THUMB_PX)   # every k-th row/column


def encode(rgba):
    return base64.b64encode(np.ascontiguousarray(rgba, dtype=np.uint8).tobytes()).decode("ascii")


def _diverging_lut(strength):
    """256 RGBA colors from -1 (orange) through transparent at 0 to +1 (blue)."""
    v = np.linspace(-1.0, 1.0, 256)
    lut = np.empty((256, 4), dtype=np.uint8)
    lut[:, :3] = np.where(v[:, None] >= 0, BLUE, ORANGE)
    lut[:, 3] = (255 * strength * np.abs(v)).astype(np.uint8)
    return lut


HEAT_LUT, THUMB_LUT = _diverging_lut(0.42), _diverging_lut(0.9)


def diverging(v, lut=HEAT_LUT):
    """Values in [-1, 1] (NaN counts as 0) -> RGBA through a color table: one lookup per pixel."""
    v = np.clip(v, -1.0, 1.0)
    np.nan_to_num(v, copy=False)
    return lut[((v + 1.0) * 127.5).astype(np.intp)]


def class_mix(p, strength=0.42):
    """Class probabilities (..., 3) -> each pixel the classes' colors mixed by probability,
    the more opaque the surer the network is."""
    p = np.nan_to_num(p, nan=1 / 3)
    rgba = np.empty(p.shape[:-1] + (4,), dtype=np.uint8)
    rgba[..., :3] = (p @ CLASS_RGB).clip(0, 255)
    sure = (p.max(axis=-1) - 1 / 3) * 1.5
    rgba[..., 3] = (255 * strength * np.clip(sure, 0, 1)).astype(np.uint8)
    return rgba


def per_class(p, strength=0.9):
    """Probabilities (..., k): unit k drawn in class k's color, as opaque as it is likely."""
    p = np.nan_to_num(np.clip(p, 0.0, 1.0))
    rgba = np.empty(p.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = CLASS_RGB[:p.shape[-1]]
    rgba[..., 3] = (255 * strength * p).astype(np.uint8)
    return rgba


def column(rgba, gap_px):
    """Thumbnails (THUMB_PX, THUMB_PX, units, 4) stacked with transparent gaps: one image."""
    units, step = rgba.shape[2], THUMB_PX + gap_px
    atlas = np.zeros((units, step, THUMB_PX, 4), dtype=np.uint8)
    atlas[:, :THUMB_PX] = rgba.transpose(2, 0, 1, 3)
    return encode(atlas.reshape(units * step, THUMB_PX, 4)[:units * step - gap_px])


def hidden_values(A, activation):
    """A neuron's outputs mapped to [-1, 1] for its thumbnail (sigmoid's 0..1 stretched)."""
    return 2 * A - 1 if activation == "sigmoid" else A


def picture_tanh(z):
    """tanh for pictures only: 1 - 2 / (e^2z + 1) is a single exp, and np.tanh costs three
    times as much in the browser. Its last digits differ from np.tanh's; no pixel shows it."""
    e = np.exp(2.0 * z)
    e += 1.0
    np.divide(2.0, e, out=e)
    return np.subtract(1.0, e, out=e)


def forward(run, grid):
    """One pass over the grid: (output, [hidden activations per layer]). The layers' own
    arithmetic (Dense.forward), except for a cheaper tanh; the network is left untouched."""
    A, hidden = grid.F, []
    with np.errstate(all="ignore"):
        for layer in run.net.layers:
            Z = A @ layer.W + layer.b
            A = picture_tanh(Z) if layer.activation == "tanh" else layer.act(Z)
            hidden.append(A)
        return HEADS[run.net.output](hidden.pop()), hidden     # the last layer's are the logits


def heat(run, grid, out):
    """The main heatmap: the network's answer at every grid point."""
    n = grid.n
    if run.output == "softmax":
        return encode(class_mix(out.reshape(n, n, 3)))
    values = 2 * out - 1 if run.output == "sigmoid" else out
    return encode(diverging(values.reshape(n, n)))


def columns(run, grid, out, hidden, gap_px):
    """One image per diagram column: inputs, each hidden layer, outputs."""
    n, s = grid.n, grid.sample
    F = grid.F.reshape(n, n, -1)[s, s]
    result = [column(diverging(F / np.maximum(np.abs(F).max(axis=(0, 1)), 1e-9), THUMB_LUT), gap_px)]
    for A in hidden:
        values = hidden_values(A.reshape(n, n, -1)[s, s], run.net.activation)
        result.append(column(diverging(values, THUMB_LUT), gap_px))
    small = out.reshape(n, n, -1)[s, s]
    if run.output == "softmax":
        result.append(column(per_class(small), gap_px))
    else:
        result.append(column(diverging(2 * small - 1 if run.output == "sigmoid" else small, THUMB_LUT), gap_px))
    return result


class Thumbnails:
    """The diagram's column images, made anew at most every `every` seconds while training:
    they are small, and each new one costs the page a decode."""

    def __init__(self, every):
        self.every, self.made, self.shape, self.images = every, 0.0, None, None

    def update(self, run, grid, out, hidden, gap_px, playing):
        now, shape = time.perf_counter(), (run, grid.n, gap_px)
        if not (playing and shape == self.shape and now - self.made < self.every):
            self.images, self.made, self.shape = columns(run, grid, out, hidden, gap_px), now, shape
        return self.images
