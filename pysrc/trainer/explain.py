"""What a neuron computes, with today's numbers, and what a weight is worth.

A neuron's output depends on the input point, so every formula is written at
the "probe": the point the learner last pointed at on the data plot (at first
the center of the plot). A target is a Neuron or a Weight of the diagram.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from kit.fmt import fmt as num, weighted_sum

from .setup import FEATURES


class Neuron(NamedTuple):
    column: int      # 0: the inputs, the last: the outputs
    row: int


class Weight(NamedTuple):
    layer: int       # 1: the first Dense layer (from the inputs)
    i: int           # the neuron below it feeds from
    j: int           # the neuron above it feeds


def exists(target, columns):
    """Whether the diagram (its columns) still has this neuron or weight."""
    if isinstance(target, Neuron):
        return target.column < len(columns) and target.row < columns[target.column].rows
    return (target.layer < len(columns) and target.i < columns[target.layer - 1].rows
            and target.j < columns[target.layer].rows)


def readout(run, probe, target, class_names):
    """(title, body) for the neuron or weight."""
    if isinstance(target, Weight):
        return weight_text(run, *target)
    return neuron_text(run, probe, target.column, target.row, class_names)


class Probe:
    """Every neuron's weighted sum z and output a at one input point."""

    def __init__(self, run, point):
        self.point = point
        with np.errstate(all="ignore"):
            F = run.features_of(np.array([point], dtype=float))
            out = run.net.forward(F)
        self.inputs = F[0]
        self.z = [layer.Z[0].copy() for layer in run.net.layers]
        self.a = [layer.A[0].copy() for layer in run.net.layers]
        self.out = out[0].copy()

    def below(self, layer):
        """The values feeding Dense layer `layer` (1-based)."""
        return self.inputs if layer == 1 else self.a[layer - 2]


def where(point):
    return f"at the point ({num(point[0])}, {num(point[1])})"


def neuron_text(run, probe, column, row, class_names):
    """(title, formula) for one neuron; the caller wraps long formulas."""
    net = run.net
    last = len(net.layers)
    if column == 0:
        key = run.feature_keys[row]
        return f"Input {FEATURES[key].shown} {where(probe.point)}", f"{FEATURES[key].shown} = {num(probe.inputs[row])}"
    layer = net.layers[column - 1]
    s = weighted_sum(layer.W[:, row], probe.below(column), layer.b[row])
    z = probe.z[column - 1][row]
    if column < last:
        act = net.activation
        a = probe.a[column - 1][row]
        return (f"Layer {column}, neuron {row + 1} {where(probe.point)}",
                f"{act}({s}) = {act}({num(z)}) = {num(a)}")
    if run.output == "sigmoid":
        return (f"Output {where(probe.point)}",
                f"sigmoid({s}) = sigmoid({num(z)}) = {num(probe.out[0])}: "
                f"probability {num(probe.out[0])} of {class_names[1]}")
    if run.output == "softmax":
        return (f"Output {row + 1} ({class_names[row]}) {where(probe.point)}",
                f"z{row + 1} = {s} = {num(z)}; softmax over the three z gives "
                f"probability {num(probe.out[row])}")
    return f"Output {where(probe.point)}", f"{s} = {num(z)} (a linear output: no squashing)"


def weight_text(run, layer, i, j):
    net = run.net
    w = net.layers[layer - 1].W[i, j]
    source = (f"input {FEATURES[run.feature_keys[i]].shown}" if layer == 1
              else f"layer {layer - 1}, neuron {i + 1}")
    target = ("the output" if layer == len(net.layers) and net.sizes[-1] == 1
              else f"output {j + 1}" if layer == len(net.layers) else f"layer {layer}, neuron {j + 1}")
    return f"Weight from {source} to {target}", f"w = {num(w, 3)}"


def wrap(text, width):
    """Break a formula into lines of at most `width` characters, at spaces."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def hit(columns, px, py, near=5.0):
    """The neuron or weight under (px, py) in the diagram, or None."""
    for c, col in enumerate(columns):
        half = col.size / 2
        if abs(px - col.x) <= half + 2:
            for r in range(col.rows):
                cx, cy = col.center(r)
                if abs(py - cy) <= half + 2:
                    return Neuron(c, r)
    best, found = near, None
    for c in range(1, len(columns)):
        lo, hi = columns[c - 1], columns[c]
        x1, x2 = lo.x + lo.size / 2, hi.x - hi.size / 2
        if not x1 <= px <= x2:
            continue
        for i in range(lo.rows):
            for j in range(hi.rows):
                (_, y1), (_, y2) = lo.center(i), hi.center(j)
                d = _distance(px, py, x1, y1, x2, y2)
                if d < best:
                    best, found = d, Weight(c, i, j)
    return found


def _distance(px, py, x1, y1, x2, y2):
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy or 1)))
    return math.hypot(px - x1 - t * dx, py - y1 - t * dy)
