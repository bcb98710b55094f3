"""A scene: what a widget wants drawn, as plain data.

A widget never draws. It returns a list of shapes in its own coordinate
system (`width` x `height` units); the page's canvas renderer and the build's
SVG snapshot both draw that same list. Colors are either CSS colors
("#1f6feb", "rgba(...)") or theme names (see theme.py).
"""
from __future__ import annotations

from .fmt import fmt  # noqa: F401  (scenes format their numbers with it)
from .theme import GLOW_OFF, GLOW_ON, NEGATIVE, NEUTRAL, POSITIVE, THEME  # noqa: F401


def scene(width, height, items, label=""):
    """`label` is the text alternative a screen reader announces for the canvas."""
    return {"w": width, "h": height, "items": items, "label": label}


def line(x1, y1, x2, y2, stroke="line", width=1.0, dash=None, alpha=1.0):
    return {"t": "line", "x1": x1, "y1": y1, "x2": x2, "y2": y2,
            "stroke": stroke, "lw": width, "dash": dash, "alpha": alpha}


def segments(coords, stroke="line", width=1.0, alpha=1.0):
    """Many straight lines as one item: coords is [x1, y1, x2, y2, x1, y1, ...], four numbers a
    line; stroke, width and alpha are each one value for every line or a list with one per
    line. The page strokes the lines that look alike as one path, so hundreds cost little
    (e.g. every connection of a network diagram). Round the coordinates first (a tenth of a
    unit is plenty): hundreds of lines are thousands of numbers to send."""
    return {"t": "segments", "xy": list(coords), "stroke": stroke, "lw": width, "alpha": alpha}


def circle(x, y, r, fill="panel", stroke=None, width=1.0, alpha=1.0):
    return {"t": "circle", "x": x, "y": y, "r": r, "fill": fill,
            "stroke": stroke, "lw": width, "alpha": alpha}


def rect(x, y, w, h, fill="panel", stroke=None, width=1.0, radius=0.0, alpha=1.0):
    return {"t": "rect", "x": x, "y": y, "w": w, "h": h, "fill": fill,
            "stroke": stroke, "lw": width, "rx": radius, "alpha": alpha}


def text(x, y, s, size=14, fill="ink", anchor="middle", weight="normal", baseline="middle",
         font="sans"):
    """anchor: start | middle | end; font: sans | mono."""
    return {"t": "text", "x": x, "y": y, "s": str(s), "size": size, "fill": fill,
            "anchor": anchor, "weight": weight, "baseline": baseline, "font": font}


def path(points, stroke="ink", width=1.5, fill=None, closed=False, alpha=1.0):
    """A polyline through [(x, y), ...]; closed and filled for a polygon."""
    pts = [[round(float(x), 2), round(float(y), 2)] for x, y in points]
    return {"t": "path", "pts": pts, "stroke": stroke, "lw": width, "fill": fill,
            "closed": closed, "alpha": alpha}


def image(x, y, w, h, rgba_b64, cols, rows, palette=None):
    """A cols x rows RGBA bitmap (base64 bytes) stretched over a rectangle, e.g. a
    decision-boundary heatmap. With a palette (base64 of up to 256 RGBA colors), the
    bitmap is one byte per pixel instead, each the index of its color: a quarter of the
    bytes to send and to decode."""
    item = {"t": "image", "x": x, "y": y, "w": w, "h": h, "data": rgba_b64, "cols": cols, "rows": rows}
    if palette is not None:
        item["palette"] = palette
    return item


def group(items, key):
    """Items drawn together under a key that the widget changes whenever they change. The
    page keeps a group it was sent, so an unchanged one travels as its key alone (bridge.py):
    e.g. the trainer's hundreds of data points, the same from frame to frame."""
    return {"t": "group", "key": str(key), "items": items}


def mix(c1, c2, t):
    """Blend two '#rrggbb' colors; t=0 gives c1, t=1 gives c2."""
    t = min(1.0, max(0.0, float(t)))
    a = [int(c1[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def weight_color(w, scale=2.0):
    """Blue for a positive weight, orange for a negative one, grey near zero."""
    return mix(NEUTRAL, POSITIVE if w >= 0 else NEGATIVE, abs(w) / scale)


def weight_width(w, scale=2.0, thin=1.0, thick=6.0):
    return thin + (thick - thin) * min(1.0, abs(w) / scale)


def glow_color(a):
    """A neuron's fill for an activation in [0, 1]: dark when silent, warm when firing."""
    return mix(GLOW_OFF, GLOW_ON, a)
