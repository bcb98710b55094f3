"""The network diagram: one column per layer, a tiny picture per neuron, and
every connection drawn blue (positive) or orange (negative), thicker the larger
its weight. The neuron or weight under the pointer (or the keyboard focus) is
outlined, and its connections stay bright while the others fade.
"""
from __future__ import annotations

import numpy as np

from kit.scene import image, line, rect, text, weight_color, weight_width

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
# weight_color / weight_width at LEVELS + 1 sizes of |w|, for each sign: one lookup per line.
COLORS = {sign: [weight_color(sign * WEIGHT_SCALE * q / LEVELS, WEIGHT_SCALE) for q in range(LEVELS + 1)]
          for sign in (1, -1)}
WIDTHS = [round(weight_width(WEIGHT_SCALE * q / LEVELS, WEIGHT_SCALE, thin=0.6, thick=5.0), 2)
          for q in range(LEVELS + 1)]


def _styles(W):
    """(color, width) of every weight in W, as nested lists; non-finite weights faint grey."""
    finite = np.isfinite(W)
    q = np.rint(np.minimum(1.0, np.abs(np.where(finite, W, 0.0)) / WEIGHT_SCALE) * LEVELS).astype(int)
    sign = np.where(W >= 0, 1, -1)
    # As Python lists: indexing them in the loop is far cheaper than indexing NumPy arrays.
    return [[(COLORS[s][k], WIDTHS[k]) if ok else ("#9ca3af", 1.0) for s, k, ok in zip(*row)]
            for row in zip(sign.tolist(), q.tolist(), finite.tolist())]


def _lit(target, layer, i, j):
    """Whether connection (layer, i -> j) belongs to the pointed neuron or weight."""
    if target is None:
        return True
    if isinstance(target, Weight):
        return target == (layer, i, j)
    c, r = target
    return (layer == c and j == r) or (layer == c + 1 and i == r)


def diagram_items(run, box, columns, gap_px, images, target):
    """`images`: one bitmap per column (picture.columns); `target`: the Neuron or Weight to light."""
    items = [text(col.x, box.y + 11, col.label, size=13, fill="muted") for col in columns[:-1]]
    last = columns[-1]
    right = box.right - 4 * len(last.label)                # (half its width: it stays inside)
    items.append(text(min(last.x, right), box.y + 11, last.label, size=13, fill="muted"))
    for layer_index, layer in enumerate(run.net.layers, start=1):
        lo, hi = columns[layer_index - 1], columns[layer_index]
        x1, x2 = lo.x + lo.size / 2, hi.x - hi.size / 2
        styles = _styles(layer.W)
        for i in range(lo.rows):
            y1 = lo.center(i)[1]
            for j in range(hi.rows):
                color, width = styles[i][j]
                items.append(line(x1, y1, x2, hi.center(j)[1], stroke=color, width=width,
                                  alpha=1.0 if _lit(target, layer_index, i, j) else 0.22))
    rows_px = lambda col: col.rows * (THUMB_PX + gap_px) - gap_px  # noqa: E731
    for col, bitmap in zip(columns, images):
        for r in range(col.rows):
            cx, cy = col.center(r)
            items.append(rect(cx - col.size / 2, cy - col.size / 2, col.size, col.size, fill="bg", radius=3))
        items.append(image(col.x - col.size / 2, col.top, col.size, col.height, bitmap, THUMB_PX, rows_px(col)))
        for r in range(col.rows):
            cx, cy = col.center(r)
            items.append(rect(cx - col.size / 2, cy - col.size / 2, col.size, col.size, fill=None,
                              stroke="line", width=1, radius=3))
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
