"""The XOR widget's pictures that need no widget state: the layout, the frame,
the four points and the network's answer as a shaded region."""
from __future__ import annotations

import base64

import numpy as np

from kit.scene import circle, image, rect, text
from kit.theme import NEGATIVE, ON_GLOW, POSITIVE

from ._xor_cuts import HI, LO

CELLS = 50  # the shaded region is the network's output on CELLS x CELLS points


def rgb(hex_color):
    return [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]


def layout(width):
    if width <= 420:
        return {"w": 340, "h": 420, "plot": (20, 8, 300), "wide": False}
    return {"w": 440, "h": 330, "plot": (10, 14, 300), "wide": True}


def frame(plot):
    x0, y0, s = plot
    return [rect(x0, y0, s, s, fill=None, stroke="line", width=1.5),
            text(x0 + s - 8, y0 + s - 12, "x₁ →", size=13, fill="muted", anchor="end"),
            text(x0 + 8, y0 + 14, "↑ x₂", size=13, fill="muted", anchor="start")]


def point(x, y, label, ok):
    """A data point at scene (x, y) with its class and a mark saying whether the network is right."""
    fill, stroke, ink = (POSITIVE, "#1e3a8a", "#ffffff") if label else ("#ffffff", NEGATIVE, ON_GLOW)
    mark = "ok" if ok else "bad"  # fixed colours above: a point reads the same in either theme
    return [circle(x, y, 15, fill=fill, stroke=stroke, width=3),
            text(x, y, str(label), size=15, weight="bold", fill=ink),
            circle(x + 17, y - 17, 9, fill="panel", stroke=mark, width=1.5),
            text(x + 17, y - 17, "✓" if ok else "✗", size=13, weight="bold", fill=mark)]


def region(plot, net):
    """The network's own answer on a grid over the picture: blue where it says 1, orange
    where it says 0, stronger where it is surer."""
    c = (np.arange(CELLS) + 0.5) / CELLS * (HI - LO) + LO
    u, v = np.meshgrid(c, c[::-1])
    p = net.forward(np.column_stack([u.ravel(), v.ravel()]))[:, 0]
    s = np.abs(2 * p - 1)
    rgba = np.where((p >= 0.5)[:, None], [*rgb(POSITIVE), 0], [*rgb(NEGATIVE), 0]).astype(float)
    rgba[:, 3] = np.where(p >= 0.5, 40 + 60 * s, 18 + 40 * s)
    x0, y0, size = plot
    return image(x0, y0, size, size, base64.b64encode(rgba.astype(np.uint8).tobytes()).decode(), CELLS, CELLS)
