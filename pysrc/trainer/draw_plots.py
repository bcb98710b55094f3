"""The data plot (heatmap + points), the loss curves, the scores and the header.

Coordinates: the plot shows x1 and x2 from -6 to 6, x2 upward. Training points
are solid with a white rim; test points are hollow rings, never trained on.
"""
from __future__ import annotations

import math

from engine.data import LIMIT
from kit.scene import circle, fmt, image, line, path, rect, text

from .picture import CLASS_COLORS

LOSS_COLORS = {"train": "accent", "test": "rose"}


def to_plot(box, x1, x2):
    """Data coordinates -> scene units (points outside -6..6 are drawn on the edge)."""
    x1 = min(LIMIT, max(-LIMIT, x1))
    x2 = min(LIMIT, max(-LIMIT, x2))
    return box.x + (x1 + LIMIT) / (2 * LIMIT) * box.w, box.y + (LIMIT - x2) / (2 * LIMIT) * box.h


def from_plot(box, px, py):
    return (px - box.x) / box.w * 2 * LIMIT - LIMIT, LIMIT - (py - box.y) / box.h * 2 * LIMIT


def value_color(v):
    """A regression target: blue above 0, orange below, pale near 0."""
    from kit.scene import NEUTRAL, mix
    return mix(NEUTRAL, CLASS_COLORS[1] if v >= 0 else CLASS_COLORS[0], min(1.0, abs(v)) ** 0.7)


def point_items(data, box, radius):
    items = []
    for (x1, x2), label, train in zip(data.X.tolist(), data.y.tolist(), data.is_train.tolist()):
        x, y = to_plot(box, x1, x2)
        color = value_color(label) if data.task == "regression" else CLASS_COLORS[int(label)]
        x, y = round(x, 1), round(y, 1)
        if train:
            items.append(circle(x, y, radius, fill=color, stroke="#ffffff", width=1.0))
        else:
            items.append(circle(x, y, radius - 0.5, fill="#ffffff", stroke=color, width=2.0))
    return items


def plot_items(box, heat, grid, points, probe):
    """heat: the heatmap, a picture.Bitmap of grid x grid pixels."""
    items = [rect(box.x, box.y, box.w, box.h, fill="bg"),
             image(box.x, box.y, box.w, box.h, heat.data, grid, grid, heat.palette),
             line(box.x + box.w / 2, box.y, box.x + box.w / 2, box.bottom, stroke="line", width=1, alpha=0.5),
             line(box.x, box.y + box.h / 2, box.right, box.y + box.h / 2, stroke="line", width=1, alpha=0.5),
             rect(box.x, box.y, box.w, box.h, fill=None, stroke="line", width=1)]
    items += points
    px, py = to_plot(box, *probe)
    items += [circle(px, py, 7, fill=None, stroke="ink", width=2), circle(px, py, 1.8, fill="ink")]
    y = box.bottom + 12
    items += [text(box.x, y, "−6", size=13, fill="muted", anchor="start"),
              text(box.right, y, "6", size=13, fill="muted", anchor="end"),
              text(box.right - 4, box.bottom - 11, "x₁ →", size=13, fill="muted", anchor="end"),
              text(box.x + 4, box.y + 11, "x₂ ↑", size=13, fill="muted", anchor="start")]
    return items + legend_items(box.x + box.w / 2 - 100, y)


def legend_items(x, y):
    """What the marks mean: solid points train, rings only test."""
    color = CLASS_COLORS[1]
    return [circle(x + 5, y, 4.5, fill=color, stroke="#ffffff"),
            text(x + 14, y, "training point", size=13, fill="muted", anchor="start"),
            circle(x + 122, y, 4, fill="#ffffff", stroke=color, width=2),
            text(x + 131, y, "test point", size=13, fill="muted", anchor="start")]


def curve_items(box, history, epoch):
    points = history.points
    items = [rect(box.x, box.y + 20, box.w, box.h - 38, fill="bg", stroke="line", radius=4)]
    top = max([max(p.train, p.test) for p in points] or [1.0]) or 1.0
    inner = (box.x + 4, box.y + 26, box.w - 8, box.h - 50)       # x, y, w, h of the drawing area
    last = max(epoch, points[-1].epoch if points else 0, 1)
    for key in ("train", "test"):
        pts = [(inner[0] + inner[2] * p.epoch / last, inner[1] + inner[3] * (1 - min(getattr(p, key), top) / top))
               for p in points]
        if len(pts) == 1:
            pts.append((pts[0][0] + 1, pts[0][1]))
        if pts:
            items.append(path(pts, stroke=LOSS_COLORS[key], width=2))
    tr, te = (points[-1].train, points[-1].test) if points else (math.nan, math.nan)
    items += [line(box.x, box.y + 8, box.x + 16, box.y + 8, stroke=LOSS_COLORS["train"], width=3),
              text(box.x + 21, box.y + 8, f"train loss {loss_text(tr)}", size=13, anchor="start"),
              line(box.x + box.w / 2, box.y + 8, box.x + box.w / 2 + 16, box.y + 8, stroke=LOSS_COLORS["test"],
                   width=3),
              text(box.x + box.w / 2 + 21, box.y + 8, f"test loss {loss_text(te)}", size=13, anchor="start"),
              text(box.right - 6, box.y + 33, f"max {loss_text(top)}", size=13, fill="muted", anchor="end"),
              text(box.x, box.bottom - 8, "epoch 0", size=13, fill="muted", anchor="start"),
              text(box.right, box.bottom - 8, f"{last:,}", size=13, fill="muted", anchor="end")]
    return items


def loss_text(x):
    if x is None or not math.isfinite(x):
        return "—"
    return f"{x:.3f}" if x < 100 else f"{x:.3g}"


def score_items(box, run, scores):
    if run.output == "linear":
        train, test = run.losses()
        lines = [("Mean squared error", "ink", "bold"), (f"train {loss_text(train)} · test {loss_text(test)}", "ink", "normal"),
                 ("The colour is the predicted value:", "muted", "normal"),
                 ("blue above 0, orange below.", "muted", "normal")]
        return [text(box.x, box.y + 9 + 19 * i, s, size=13, fill=fill, weight=weight, anchor="start")
                for i, (s, fill, weight) in enumerate(lines)]
    items = []
    parts = [f"{part} {fmt(100 * scores[part].accuracy, 1)}%" for part in ("train", "test") if scores.get(part)]
    headline = "Accuracy: " + " · ".join(parts) if parts else "Accuracy: —"
    items.append(text(box.x, box.y + 9, headline, size=13, anchor="start", weight="bold"))
    k = 3 if run.output == "softmax" else 2
    # Two tables side by side: each is its title and row dots (TABLE_LEFT units), then k cells.
    gap = 16
    cell_w = min(40 if k == 3 else 48, ((box.w - gap) / 2 - TABLE_LEFT) / k)
    cell_h = 20 if k == 3 else 22
    x = box.x
    for part, title in (("train", "Train"), ("test", "Test")):
        if scores.get(part):
            items += _confusion(x, box.y + 22, title, scores[part].confusion, cell_w, cell_h)
        x += TABLE_LEFT + k * cell_w + gap
    items.append(text(box.x, box.y + 48 + k * cell_h, "Rows: true class · columns: predicted.",
                      size=13, fill="muted", anchor="start"))
    return items


TABLE_LEFT = 54      # a confusion table's title and row dots, left of its cells


def _confusion(x, y, title, counts, cw, ch):
    """A k x k table: rows the true class, columns the predicted class (dots in class colours)."""
    k = len(counts)
    left = x + TABLE_LEFT             # where the cells start
    items = [text(x, y + 24, title, size=13, weight="bold", anchor="start")]
    for j in range(k):
        items.append(circle(left + (j + 0.5) * cw, y + 8, 4.5, fill=CLASS_COLORS[j]))
    for i in range(k):
        cy = y + 16 + i * ch
        items.append(circle(left - 10, cy + ch / 2, 4.5, fill=CLASS_COLORS[i]))
        for j in range(k):
            n = int(counts[i][j])
            tint = "ok" if i == j else "bad"
            items.append(rect(left + j * cw + 1, cy + 1, cw - 2, ch - 2, fill=tint,
                              alpha=0.16 if (n or i == j) else 0.04, radius=3))
            items.append(text(left + (j + 0.5) * cw, cy + ch / 2, str(n), size=13, fill="ink"))
    return items
