"""What the learner points at: the probe (the point on the plot where formulas are
computed) and the neuron or weight of the diagram under the pointer (hover) or
chosen by a tap, a click or the arrow keys (focus)."""
from __future__ import annotations

from .draw_plots import from_plot
from .explain import Neuron, exists, hit

ARROWS = {"ArrowLeft": (-1, 0), "ArrowRight": (1, 0), "ArrowUp": (0, -1), "ArrowDown": (0, 1)}


class Pointing:
    def __init__(self):
        self.probe = (2.0, 2.0)
        self.hover = self.focus = None      # an explain.Neuron or explain.Weight, or None

    def forget(self):
        """The network changed: what was pointed at may no longer exist."""
        self.hover = self.focus = None

    def pointer(self, phase, x, y, layout, columns):
        """Follow the pointer (phase: down, move, hover, leave); returns the data point
        pressed on the plot, or None."""
        if phase == "leave":
            self.hover = None
        elif layout.plot.contains(x, y):
            self.probe, self.hover = tuple(round(v, 2) for v in from_plot(layout.plot, x, y)), None
            return self.probe if phase == "down" else None
        else:
            found = hit(columns, x, y) if layout.diagram.contains(x, y) else None
            if phase == "down":
                self.focus = found
            elif phase in ("hover", "move"):
                self.hover = found
        return None

    def key(self, key, columns):
        if key == "Escape":
            self.focus = None
        elif key in ARROWS:
            self.focus = walk(self.focus, columns, *ARROWS[key])

    def target(self, columns):
        """What to explain: the pointer's neuron or weight, else the keyboard's (if it still exists)."""
        target = self.hover or self.focus
        return target if target and exists(target, columns) else None

    @property
    def by_keyboard(self):
        """Whether the target was chosen by tap or key (then the status line reads it out)."""
        return bool(self.focus) and not self.hover


def walk(focus, columns, dc, dr):
    """Where an arrow key moves the keyboard's focus: a neuron dc columns right, dr rows down
    (at first, the first neuron of the first hidden layer)."""
    if not isinstance(focus, Neuron):
        return Neuron(1 if len(columns) > 2 else 0, 0)
    c = min(len(columns) - 1, max(0, focus.column + dc))
    return Neuron(c, min(columns[c].rows - 1, max(0, focus.row + dr)))
