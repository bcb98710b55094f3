"""The network diagram: one column per layer, a tiny picture per neuron, and
every connection drawn blue (positive) or orange (negative), thicker the larger
its weight. The neuron or weight under the pointer (or the keyboard focus) is
outlined, and its connections stay bright while the others fade.
"""
from __future__ import annotations

import functools

import numpy as np

from kit.scene import group, image, rect, segments, text, weight_color, weight_width

from .explain import Neuron, Weight
from .layout import diagram
from .picture import THUMB_PX
from .setup import FEATURES

WEIGHT_SCALE = 2.5


def column_labels(run, spacing):
    hidden = len(run.net.layers) - 1
    short = spacing < 62
    labels = ["Inputs"] + [f"L{k}" if short else f"Layer {k}" for k in range(1, hidden + 1)]
    return labels + ["Out" if spacing < 44 else "Output"]   # (a phone's last column is pushed left)


def geometry(run, layout):
    """The diagram's columns (layout.Column) for this network, and the gap between thumbnails in pixels."""
    spacing = (layout.diagram.w - 46 - layout.thumb) / max(1, len(run.net.sizes) - 1)
    return diagram(layout, list(run.net.sizes), column_labels(run, spacing))


LEVELS = 40
# weight_color / weight_width at LEVELS + 1 sizes of |w|: negative weights' colors, then positive ones'.
PALETTE = [weight_color(sign * WEIGHT_SCALE * q / LEVELS, WEIGHT_SCALE) for sign in (-1, 1) for q in range(LEVELS + 1)]
WIDTHS = [round(weight_width(WEIGHT_SCALE * q / LEVELS, WEIGHT_SCALE, thin=0.6, thick=5.0), 2)
          for q in range(LEVELS + 1)]
FAINT, BROKEN = 0.22, ("#9ca3af", 1.0)      # a connection not pointed at; a weight that is not finite


def _looks(W):
    """(colors, widths) of every weight in W, row by row, as lists: one table lookup each."""
    finite = np.isfinite(W)
    q = np.rint(np.minimum(1.0, np.abs(np.where(finite, W, 0.0)) / WEIGHT_SCALE) * LEVELS).astype(int)
    colors = [PALETTE[k] for k in (q + (W >= 0) * (LEVELS + 1)).ravel().tolist()]
    widths = [WIDTHS[k] for k in q.ravel().tolist()]
    if not finite.all():
        for i in np.flatnonzero(~finite).tolist():
            colors[i], widths[i] = BROKEN
    return colors, widths


def _lit(target, layer, i, j):
    """Whether connection (layer, i -> j) belongs to the pointed neuron or weight."""
    if target is None:
        return True
    if isinstance(target, Weight):
        return target == (layer, i, j)
    c, r = target
    return (layer == c and j == r) or (layer == c + 1 and i == r)


@functools.lru_cache(maxsize=8)
def wiring(columns):
    """The ends of every connection, [x1, y1, x2, y2, ...] layer by layer, row by row: from
    each neuron's right edge to the left edge of each neuron it feeds. The same while the
    network trains, so made once per diagram shape."""
    coords = []
    for lo, hi in zip(columns[:-1], columns[1:]):
        ends = np.empty((lo.rows, hi.rows, 4))
        ends[..., 0], ends[..., 2] = lo.x + lo.size / 2, hi.x - hi.size / 2
        ends[..., 1] = (lo.top + lo.size / 2 + lo.step * np.arange(lo.rows))[:, None]
        ends[..., 3] = hi.top + hi.size / 2 + hi.step * np.arange(hi.rows)
        coords += np.round(ends, 1).ravel().tolist()
    return coords


def connections(run, columns, target):
    """Every connection of the network, one segments item, blue or orange and as thick as
    its weight; with a neuron or weight pointed at, the others faint."""
    colors, widths, alphas = [], [], []
    for layer_index, layer in enumerate(run.net.layers, start=1):
        c, w = _looks(layer.W)
        colors += c
        widths += w
        if target is not None:
            rows, cols = layer.W.shape
            alphas += [1.0 if _lit(target, layer_index, i, j) else FAINT for i in range(rows) for j in range(cols)]
    return segments(wiring(tuple(columns)), stroke=colors, width=widths, alpha=alphas if target is not None else 1.0)


@functools.lru_cache(maxsize=16)
def frames(columns, under):
    """The squares behind (`under`) or around every neuron's picture: one group, sent once per
    diagram shape (it is the same while the network trains)."""
    items = []
    for col in columns:
        for r in range(col.rows):
            cx, cy = col.center(r)
            box = (cx - col.size / 2, cy - col.size / 2, col.size, col.size)
            items.append(rect(*box, fill="bg", radius=3) if under else
                         rect(*box, fill=None, stroke="line", width=1, radius=3))
    return group(items, f"frames-{'under' if under else 'over'}-{hash(columns) & 0xFFFFFFFF:x}")


def diagram_items(run, box, columns, gap_px, images, target):
    """`images`: one bitmap per column (picture.columns); `target`: the Neuron or Weight to light."""
    items = [text(col.x, box.y + 11, col.label, size=13, fill="muted") for col in columns[:-1]]
    last = columns[-1]
    right = box.right - 4 * len(last.label)                # (half its width: it stays inside)
    items.append(text(min(last.x, right), box.y + 11, last.label, size=13, fill="muted"))
    items.append(connections(run, columns, target))
    rows_px = lambda col: col.rows * (THUMB_PX + gap_px) - gap_px  # noqa: E731
    items.append(frames(tuple(columns), under=True))
    items += [image(col.x - col.size / 2, col.top, col.size, col.height, bitmap.data, THUMB_PX, rows_px(col),
                    bitmap.palette) for col, bitmap in zip(columns, images)]
    items.append(frames(tuple(columns), under=False))
    first = columns[0]
    for r, key in enumerate(run.feature_keys):
        cx, cy = first.center(r)
        items.append(text(cx - first.size / 2 - 6, cy, FEATURES[key].shown, size=13, fill="ink", anchor="end"))
    if isinstance(target, Neuron):
        col = columns[target.column]
        cx, cy = col.center(target.row)
        half = col.size / 2 + 3
        items.append(rect(cx - half, cy - half, 2 * half, 2 * half, fill=None, stroke="accent", width=2.5,
                          radius=5))
    return items
