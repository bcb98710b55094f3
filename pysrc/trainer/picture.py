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


class Bitmap(NamedTuple):
    """Pixels as base64: one color-table index a pixel and the table (its palette), or RGBA
    (palette None). A kit.scene.image draws either."""
    data: str
    palette: str | None = None


class Pictures(NamedTuple):
    """One frame's bitmaps: the heatmap (grid x grid) and one image per diagram column."""
    heat: Bitmap
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
        self.F_T = np.ascontiguousarray(self.F.T)       # (features, points): see forward
        self.sample = slice(n // THUMB_PX // 2, None, n // THUMB_PX)   # every k-th row/column


def encode(pixels):
    return base64.b64encode(np.ascontiguousarray(pixels, dtype=np.uint8).tobytes()).decode("ascii")


def _diverging_lut(strength):
    """256 RGBA colors from -1 (orange) through transparent at 0 to +1 (blue)."""
    v = np.linspace(-1.0, 1.0, 256)
    lut = np.empty((256, 4), dtype=np.uint8)
    lut[:, :3] = np.where(v[:, None] >= 0, BLUE, ORANGE)
    lut[:, 3] = (255 * strength * np.abs(v)).astype(np.uint8)
    return lut


HEAT_LUT, THUMB_LUT = _diverging_lut(0.42), _diverging_lut(0.9)
HEAT_PALETTE, THUMB_PALETTE = encode(HEAT_LUT), encode(THUMB_LUT)
ZERO = 127                         # the index of (almost exactly) 0: transparent in both tables


def levels(v):
    """Values in [-1, 1] (NaN counts as 0) -> indices 0..255 into a diverging color table."""
    v = np.where(v == v, v, 0.0)                     # (NaN is the one value not equal to itself)
    np.clip(v, -1.0, 1.0, out=v)
    return ((v + 1.0) * 127.5).astype(np.uint8)


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


def column(pixels, gap_px, blank):
    """Thumbnails (units, THUMB_PX, THUMB_PX), as indices, or (..., 4) as RGBA, stacked
    with gaps of `blank` pixels: one image."""
    units, step = pixels.shape[0], THUMB_PX + gap_px
    atlas = np.full((units, step, THUMB_PX) + pixels.shape[3:], blank, dtype=np.uint8)
    atlas[:, :THUMB_PX] = pixels
    return encode(atlas.reshape((units * step,) + atlas.shape[2:])[:units * step - gap_px])


def hidden_values(A, activation):
    """A neuron's outputs mapped to [-1, 1] for its thumbnail (sigmoid's 0..1 stretched)."""
    return 2 * A - 1 if activation == "sigmoid" else A


TANH_CLIP = 4.8       # where the approximation below meets 1 most closely


def picture_tanh(z):
    """tanh for pictures only, without an exp (the slowest thing in a frame, in the browser):
    the [7/6] Pade approximant of tanh, a ratio of two polynomials, at z clipped to +-4.8.
    Within 8e-5 of tanh everywhere, well under one of 256 colors. Overwrites z."""
    x = np.minimum(z, TANH_CLIP, out=z)                # (np.clip is slower than the two)
    np.maximum(x, -TANH_CLIP, out=x)
    x2 = x * x
    p = x2 + 378.0
    p *= x2
    p += 17325.0
    p *= x2
    p += 135135.0
    p *= x                                       # x (135135 + 17325 x² + 378 x⁴ + x⁶)
    q = x2 * 28.0
    q += 3150.0
    q *= x2
    q += 62370.0
    q *= x2
    q += 135135.0                                # 135135 + 62370 x² + 3150 x⁴ + 28 x⁶
    return np.divide(p, q, out=p)


def forward(run, grid):
    """One pass over the grid: (output (points, outputs), [hidden activations per layer, each
    (units, points)]). The layers' own arithmetic (Dense.forward) on the transposed grid,
    z^T = W^T a^T + b, where adding b runs along rows of thousands of points rather than
    thousands of rows of a few units (several times quicker in the browser); with a cheaper
    tanh. The network is left untouched."""
    A, hidden = grid.F_T, []
    with np.errstate(all="ignore"):
        for layer in run.net.layers:
            Z = layer.W.T @ A
            Z += layer.b[:, None]
            A = picture_tanh(Z) if layer.activation == "tanh" else layer.act(Z)
            hidden.append(A)
        return HEADS[run.net.output](hidden.pop().T), hidden     # the last layer's are the logits


def heat(run, grid, out):
    """The main heatmap: the network's answer at every grid point."""
    n = grid.n
    if run.output == "softmax":
        return Bitmap(encode(class_mix(out.reshape(n, n, 3))))
    values = 2 * out - 1 if run.output == "sigmoid" else out
    return Bitmap(encode(levels(values.reshape(n, n))), HEAT_PALETTE)


def columns(run, grid, out, hidden, gap_px):
    """One image per diagram column: inputs, each hidden layer, outputs."""
    n, s = grid.n, grid.sample

    def sampled(A_T):                                # (units, points) -> (units, THUMB_PX, THUMB_PX)
        return A_T.reshape(-1, n, n)[:, s, s]

    def thumbs(values):
        return Bitmap(column(levels(values), gap_px, ZERO), THUMB_PALETTE)
    F = sampled(grid.F_T)
    result = [thumbs(F / np.maximum(np.abs(F).max(axis=(1, 2), keepdims=True), 1e-9))]
    result += [thumbs(hidden_values(sampled(A), run.net.activation)) for A in hidden]
    small = sampled(out.T)
    if run.output == "softmax":
        result.append(Bitmap(column(per_class(np.moveaxis(small, 0, -1)).transpose(2, 0, 1, 3), gap_px, 0)))
    else:
        result.append(thumbs(2 * small - 1 if run.output == "sigmoid" else small))
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
