"""The Transformer block widget's pictures: the data path and the heatmaps (no math here)."""
from __future__ import annotations

import numpy as np

from kit.scene import NEGATIVE, POSITIVE, circle, fmt, line, mix, rect, text

D_MODEL = 8
SHORT = ["Embed", "Attend", "Norm", "FFN", "Norm"]
STAGES = ["Embed + positions", "Self-attention", "Add & norm", "Feed-forward", "Add & norm"]
LIGHT, DARK_TEXT, LIGHT_TEXT = "#f1f5f9", "#111827", "#ffffff"


def value_color(v, scale=2.0):
    """Blue for positive, orange for negative, near white at 0 (a data colour, the same in both themes)."""
    return mix(LIGHT, POSITIVE if v >= 0 else NEGATIVE, min(1.0, abs(v) / scale))


def on_color(strength):
    return LIGHT_TEXT if strength > 0.55 else DARK_TEXT


def layout(width):
    if width <= 420:
        return {"narrow": True, "w": 340, "h": 376, "px": 4, "py": 84, "cell": 24, "att": 44, "row": 28}
    return {"narrow": False, "w": 660, "h": 350, "px": 232, "py": 6, "cell": 36, "att": 54, "row": 30}


def stage_boxes(lay):
    """stage -> (x0, y0, x1, y1) of what to click for it (the + node and the norm box share one)."""
    if lay["narrow"]:
        xs = [(4, 54), (66, 124), (154, 200), (212, 254), (284, 336)]
        return {s: (x0, 34, x1, 62) for s, (x0, x1) in enumerate(xs)}
    ys = [(16, 46), (72, 102), (124, 192), (218, 248), (270, 338)]
    return {s: (40, y0, 210, y1) for s, (y0, y1) in enumerate(ys)}


class _Pen:
    """The data path's marks: stage boxes, + nodes and wires, each lit once the data reached it."""

    def __init__(self, lay, stage):
        self.items, self.lay, self.stage = [], lay, stage

    def box(self, s, x0, y0, x1, y1, label):
        lit, now = s <= self.stage, s == self.stage
        self.items.extend([
            rect(x0, y0, x1 - x0, y1 - y0, fill="teal" if lit else "panel", alpha=0.18 if lit else 1, radius=8),
            rect(x0, y0, x1 - x0, y1 - y0, fill=None, stroke="accent" if now else ("teal" if lit else "line"),
                 width=2.5 if now else 1.2, radius=8),
            text((x0 + x1) / 2, (y0 + y1) / 2, label, size=13, fill="ink" if lit else "muted",
                 weight="bold" if now and not self.lay["narrow"] else "normal")])

    def plus(self, x, y, lit):
        self.items.extend([circle(x, y, 10, fill="panel", stroke="teal" if lit else "line", width=2),
                           text(x, y, "+", size=15, weight="bold", fill="teal" if lit else "muted")])

    def wire(self, x1, y1, x2, y2, lit):
        self.items.append(line(x1, y1, x2, y2, stroke="teal" if lit else "line", width=2.5 if lit else 1.5))


def data_path(lay, stage):
    """The stages as boxes on a wire, the two + nodes and their skips; lit up to `stage`."""
    pen = _Pen(lay, stage)
    (_narrow_path if lay["narrow"] else _tall_path)(pen, lay, stage)
    return pen.items


def _narrow_path(pen, lay, stage):
    """A phone: the stages in a row, the skips arched over them."""
    boxes = stage_boxes(lay)
    cy = 48
    plus_x = (140, 270)
    for s, (x0, y0, x1, y1) in boxes.items():
        if s > 0:
            prev = boxes[s - 1][2] if s not in (2, 4) else plus_x[s // 2 - 1] + 10
            pen.wire(prev, cy, x0, cy, s <= stage)
    pen.wire(boxes[1][2], cy, plus_x[0] - 10, cy, stage >= 2)
    pen.wire(boxes[3][2], cy, plus_x[1] - 10, cy, stage >= 4)
    for k, (start, s) in enumerate(((60, 2), (206, 4))):     # the skips, arched over
        lit = stage >= s
        px = plus_x[k]
        pen.items += [line(start, cy, start, 20, stroke="teal" if lit else "line", width=2),
                  line(start, 20, px, 20, stroke="teal" if lit else "line", width=2),
                  line(px, 20, px, cy - 10, stroke="teal" if lit else "line", width=2)]
    pen.items.append(text(100, 12, "skip", size=13, fill="teal" if stage >= 2 else "muted"))
    pen.items.append(text(240, 12, "skip", size=13, fill="teal" if stage >= 4 else "muted"))
    for s, label in enumerate(SHORT):
        pen.box(s, *boxes[s], label)
    pen.plus(plus_x[0], cy, stage >= 2)
    pen.plus(plus_x[1], cy, stage >= 4)


def _tall_path(pen, lay, stage):
    """A wide page: the stages down a spine, the skips looping round on the left."""
    cx = 125
    spine = [(46, 72, 1), (102, 124, 2), (148, 162, 2), (192, 218, 3), (248, 270, 4), (294, 308, 4)]
    for y0, y1, s in spine:
        pen.wire(cx, y0, cx, y1, stage >= s)
    for top, plus_y, s in ((59, 136, 2), (205, 282, 4)):          # the residual skips
        lit = stage >= s
        for a, b in (((cx, top), (16, top)), ((16, top), (16, plus_y)), ((16, plus_y), (cx - 10, plus_y))):
            pen.wire(*a, *b, lit)
        pen.items.append(text(58, plus_y - 12, "skip", size=13, fill="teal" if lit else "muted"))
    pen.box(0, 40, 16, 210, 46, STAGES[0])
    pen.box(1, 40, 72, 210, 102, STAGES[1])
    pen.box(3, 40, 218, 210, 248, STAGES[3])
    for s, plus_y, y0 in ((2, 136, 162), (4, 282, 308)):
        pen.plus(cx, plus_y, stage >= s)
        pen.box(s, 40, y0, 210, y0 + 30, "Layer norm")
    pen.items.append(text(cx + 18, 136, "add", size=13, anchor="start", fill="muted"))
    pen.items.append(text(cx + 18, 282, "add", size=13, anchor="start", fill="muted"))


def heatmap(lay, M, tokens, x, y, stats):
    """Rows: tokens; columns: the d_model numbers; with `stats`, each row's mean and variance."""
    L = lay
    cell, row, lab = L["cell"], L["row"], 60
    items = [text(x + lab + cell * D_MODEL / 2, y, f"{len(tokens)} tokens × {D_MODEL} numbers", size=13,
                  fill="muted")]
    if stats:
        sx = x + lab + cell * D_MODEL + 6
        items += [text(sx + 17, y, "mean", size=13, fill="muted"), text(sx + 55, y, "var", size=13,
                                                                       fill="muted")]
    for i, token in enumerate(tokens):
        ry = y + 14 + i * row
        items.append(text(x + lab - 6, ry + row / 2, token, size=13, anchor="end"))
        for j in range(D_MODEL):
            v = M[i, j]
            items.append(rect(x + lab + j * cell, ry, cell - 2, row - 2, fill=value_color(v), radius=3))
            if not L["narrow"]:
                items.append(text(x + lab + j * cell + cell / 2 - 1, ry + row / 2 - 1, fmt(v, 1), size=13,
                                  fill=on_color(min(1.0, abs(v) / 2))))
        if stats:
            items += [text(sx + 17, ry + row / 2, fmt(M[i].mean(), 2), size=13, weight="bold", fill="ok"),
                      text(sx + 55, ry + row / 2, fmt(M[i].var(), 2), size=13, weight="bold", fill="ok")]
    return items


def attention_map(lay, A, tokens, x, y):
    """The attention matrix: row i is how token i spreads its attention (the row sums to 1)."""
    L = lay
    cell, row, lab = L["att"], L["row"], 60
    items = []
    for j, token in enumerate(tokens):      # column labels on two staggered rows, so long words fit
        items.append(text(x + lab + j * cell + cell / 2, y + (j % 2) * 16, token, size=13, fill="muted"))
    top = y + 26
    sx = x + lab + cell * len(tokens) + 22
    items.append(text(sx, y + 16, "sum", size=13, fill="muted"))
    for i, token in enumerate(tokens):
        ry = top + i * row
        items.append(text(x + lab - 6, ry + row / 2, token, size=13, anchor="end"))
        for j in range(len(tokens)):
            a = A[i, j]
            items += [rect(x + lab + j * cell, ry, cell - 2, row - 2, fill=mix(LIGHT, "#4f46e5", a),
                           radius=3),
                      text(x + lab + j * cell + cell / 2 - 1, ry + row / 2 - 1, fmt(a, 2), size=13,
                           fill=on_color(a))]
        items.append(text(sx, ry + row / 2, fmt(A[i].sum(), 2), size=13, weight="bold", fill="ok"))
    return items


def legend(x, y, attention):
    """The colour scale: 0 to 1 for attention weights, −2 to 2 for the other tensors."""
    values = np.linspace(0, 1, 9) if attention else np.linspace(-2, 2, 9)
    colors = [mix(LIGHT, "#4f46e5", v) for v in values] if attention else [value_color(v) for v in values]
    lo, hi = ("0", "1") if attention else (fmt(-2, 0), "+2")
    items = [text(x + 54, y, lo, size=13, fill="muted", anchor="end")]
    items += [rect(x + 60 + 16 * k, y - 6, 16, 12, fill=c) for k, c in enumerate(colors)]
    return items + [text(x + 60 + 16 * 9 + 6, y, hi, size=13, fill="muted", anchor="start")]
