"""Where everything goes, in scene units (about one CSS pixel each).

Two arrangements, picked from the widget's width (on_resize):
  wide   (laptops)  network diagram | data plot, then formula + scores | loss curves
  narrow (phones)   everything stacked: plot, curves, scores, diagram, formula
A Box is a rectangle; the diagram's columns and rows are placed by `diagram`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .picture import THUMB_PX

WIDE_FROM = 620          # a widget at least this wide gets the side-by-side layout
FONT = 13                # the smallest text anywhere
LINE = 18                # line height of the formula readout
MONO_CHAR = 0.61 * FONT  # width of one monospace character
BOLD_CHAR = 0.6 * FONT   # width of an average bold sans-serif character


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self):
        return self.x + self.w

    @property
    def bottom(self):
        return self.y + self.h

    def contains(self, px, py):
        return self.x <= px <= self.right and self.y <= py <= self.bottom


@dataclass
class Layout:
    wide: bool
    w: float
    h: float
    header: Box
    diagram: Box
    plot: Box
    curve: Box
    readout: Box
    scores: Box
    grid: int            # heatmap resolution (grid x grid points)
    thumb: float         # the largest a neuron thumbnail may be, in units (fewer neurons: larger)

    @property
    def readout_chars(self):
        return max(20, int((self.readout.w - 16) / MONO_CHAR))

    @property
    def title_chars(self):
        return max(20, int((self.readout.w - 16) / BOLD_CHAR))

    @property
    def readout_lines(self):
        return max(2, int(self.readout.h // LINE))


def make_layout(width):
    """The layout for a widget `width` CSS pixels wide (its stage is a little narrower)."""
    if width >= WIDE_FROM:
        return _wide(min(820, max(640, round(width - 30))))
    return _narrow(min(560, max(300, round(width - 24))))


def _wide(w):
    pad, top = 8, 44
    size = min(320, round(0.41 * w))
    plot = Box(w - pad - size, top, size, size)
    diagram = Box(pad, top - 6, plot.x - pad - 26, size + 6)
    below = plot.bottom + 24
    curve = Box(plot.x, below + 4, size, 118)
    # Room for the longest readout: a neuron fed by 8 others, its formula with every number.
    readout = Box(pad, below, diagram.w, (5 if diagram.w >= 440 else 7) * LINE)
    scores = Box(pad, readout.bottom + 10, diagram.w, 118)
    h = max(curve.bottom, scores.bottom) + pad
    return Layout(True, w, h, Box(pad, 0, w - 2 * pad, 34), diagram, plot, curve, readout, scores,
                  grid=100, thumb=44)


def _narrow(w):
    pad = 6
    size = w - 2 * pad
    header = Box(pad, 0, size, 46)
    plot = Box(pad, header.bottom + 4, size, size)
    curve = Box(pad, plot.bottom + 30, size, 112)
    scores = Box(pad, curve.bottom + 14, size, 118)
    diagram = Box(pad, scores.bottom + 16, size, 290)
    readout = Box(pad, diagram.bottom + 8, size, 8 * LINE)
    return Layout(False, w, readout.bottom + pad, header, diagram, plot, curve, readout, scores,
                  grid=75, thumb=40)


@dataclass(frozen=True)
class Column:
    x: float             # center
    top: float           # top of the first thumbnail
    rows: int
    step: float          # from one thumbnail's top to the next one's
    size: float          # a thumbnail's side
    label: str

    def center(self, j):
        return self.x, self.top + j * self.step + self.size / 2

    @property
    def height(self):
        return self.rows * self.step - (self.step - self.size)


def diagram(layout, counts, labels, names_w=46):
    """Columns (inputs, hidden layers..., outputs) with `counts` neurons each, and the
    gap between thumbnails in bitmap pixels (the same for every column). `names_w`
    units on the left are kept for the input features' names."""
    box = layout.diagram
    label_h = 22
    left, width = box.x + names_w, box.w - names_w
    n = len(counts)
    most = max(3, max(counts))
    # Thumbnails as large as the tallest column and the distance between columns allow.
    t = min(layout.thumb, 0.74 * (box.h - label_h) / most, 0.55 * width / max(2, n))
    t = max(18.0, t)
    unit_per_px = t / THUMB_PX
    step_px = max(THUMB_PX + 2, int((box.h - label_h) / most / unit_per_px))
    step_px = min(step_px, int(THUMB_PX * 1.9))
    step = step_px * unit_per_px
    spacing = (width - t) / max(1, n - 1)
    columns = []
    for i, (count, label) in enumerate(zip(counts, labels)):
        height = count * step - (step - t)
        top = box.y + label_h + (box.h - label_h - height) / 2
        columns.append(Column(left + t / 2 + i * spacing, top, count, step, t, label))
    return columns, step_px - THUMB_PX
