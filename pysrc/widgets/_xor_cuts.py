"""The XOR widget's cuts: a line as a neuron, and the network built from them.

Every cut is a neuron: a line at angle θ (its arrow points to the side where
the neuron fires) and an offset from the centre of the picture. The neuron
fires where  n · (x - c) > offset,  n = (cos θ, sin θ),  c = (0.5, 0.5);  as
engine weights: W = k n, b = -k (n · c + offset), with a steep k.
"""
from __future__ import annotations

import math

import numpy as np

from engine.network import MLP

POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
LABELS = np.array([0, 1, 1, 0])
CENTRE = np.array([0.5, 0.5])
LO, HI = -0.5, 1.5             # the picture shows x1, x2 from LO to HI
STEEP = 12.0                   # a cut neuron's weight scale: steep, so it acts like an on/off switch
AND_W, AND_B = 10.0, -15.0     # the output fires only when both hidden neurons do
HANDLE = 0.55                  # how far along the line its rotation handle sits


def normal(angle):
    """The unit vector at `angle` degrees: it points to the side where the cut's neuron fires."""
    a = math.radians(angle)
    return np.array([math.cos(a), math.sin(a)])


def cut_weights(cuts):
    """Engine weights (W of shape (2, n), b of shape (n,)) for a list of (angle, offset) cuts."""
    normals = np.array([normal(a) for a, _ in cuts]).T
    return STEEP * normals, -STEEP * (CENTRE @ normals + np.array([d for _, d in cuts]))


def build_network(cuts, hidden, squash):
    """The engine's network: one neuron (the cut itself), or two cut neurons and an AND output."""
    W, b = cut_weights(cuts if hidden else cuts[:1])
    if not hidden:
        net = MLP([2, 1], output="sigmoid", init="zeros")
        net.set_weights({"W1": W, "b1": b})
    else:
        net = MLP([2, 2, 1], activation="sigmoid" if squash else "linear", output="sigmoid",
                  init="zeros")
        net.set_weights({"W1": W, "b1": b, "W2": [[AND_W], [AND_W]], "b2": [AND_B]})
    return net


def handles(angle, offset):
    """(pivot, rotation handle) of a cut, in data units: the pivot is the line's point nearest
    the centre; the handle sits HANDLE along the line, on a side that keeps it in the picture."""
    n = normal(angle)
    pivot, along = CENTRE + offset * n, HANDLE * np.array([-n[1], n[0]])
    return pivot, pivot + (along if np.all(np.abs(pivot + along - CENTRE) <= 0.95) else -along)


def segment(angle, offset):
    """The two ends of a cut's line where it leaves the picture, in data units."""
    (pivot, handle), lo, hi = handles(angle, offset), -9.0, 9.0
    t = (handle - pivot) / HANDLE
    for k in range(2):  # keep pivot + s t inside LO..HI on both axes
        if abs(t[k]) > 1e-9:
            a, b = sorted(((LO - pivot[k]) / t[k], (HI - pivot[k]) / t[k]))
            lo, hi = max(lo, a), min(hi, b)
    return pivot + lo * t, pivot + hi * t
