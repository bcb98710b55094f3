#!/usr/bin/env python3
"""How long each widget's Python takes to answer, in CPython. Prints figures.

    python bench/python_frames.py [--widgets name ...]

For every widget in `registry()`: each control is used (every button, each
switch both ways, every choice, each slider at its ends and back), then each
button that starts an animation is pressed and up to 60 frames are ticked.
Every event is timed together with the view it produces, as the page asks for
both. A frame has 16.7 ms at 60 Hz; the goal is every answer under 30 ms here,
which leaves room for Pyodide, measured in the browser by animated_widgets.py,
being slower than CPython. The anchor printed first is a fixed NumPy workload,
so a run on a busy machine can be read as a ratio.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "pysrc"))

from widgets import registry  # noqa: E402

GOAL_MS = 30.0
FRAMES = 60


def anchor_ms():
    """Best of five: a 64×64 matrix product chain, a fixed amount of work on any machine."""
    a = np.random.default_rng(0).standard_normal((64, 64)) / 8
    times = []
    for _ in range(5):
        start = time.perf_counter()
        m = a
        for _ in range(200):
            m = np.tanh(m @ a)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def timed(widget, event):
    start = time.perf_counter()
    event()
    json.dumps(widget.view(), allow_nan=False)
    return (time.perf_counter() - start) * 1000


def control_events(widget):
    """(label, event) for every use of every control press_every_control would make."""
    for control in widget.controls():
        kind, cid = control["kind"], control["id"]
        if kind == "button":
            yield cid, lambda c=cid: widget.on_click(c)
        elif kind == "toggle":
            yield cid, lambda c=cid, v=not control["value"]: widget.on_input(c, v)
            yield cid, lambda c=cid, v=control["value"]: widget.on_input(c, v)
        elif kind == "choice":
            for value, _ in control["options"]:
                yield f"{cid}={value}", lambda c=cid, v=value: widget.on_input(c, v)
        elif kind == "slider":
            for value in (control["min"], control["max"], control["value"]):
                yield f"{cid}={value}", lambda c=cid, v=value: widget.on_input(c, v)


def frames(cls):
    """(label, ms) for each frame of each animation a fresh widget's buttons start."""
    buttons = [c["id"] for c in cls().controls() if c["kind"] == "button"]
    for button in buttons:
        widget = cls()
        widget.view()
        widget.on_click(button)
        for _ in range(FRAMES):
            if not widget.animating:
                break
            yield f"frame after {button}", timed(widget, lambda w=widget: w.tick(1 / 60))


def measure(cls):
    widget = cls()
    start = time.perf_counter()
    widget.view()
    first = (time.perf_counter() - start) * 1000
    events = [(label, timed(widget, event)) for label, event in control_events(widget)]
    events += list(frames(cls))
    return first, events


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widgets", nargs="*", help="names (default: every widget)")
    args = parser.parse_args()
    widgets = registry()
    names = args.widgets or sorted(widgets)
    print(f"anchor: 200 tanh(64×64 @ 64×64) in {anchor_ms():.1f} ms (best of 5)")
    print(f"{'widget':<22}{'first view':>11}{'events':>8}{'median':>9}{'worst':>9}  worst event")
    over = []
    for name in names:
        first, events = measure(widgets[name])
        ms = [t for _, t in events] or [0.0]
        label, worst = max(events, key=lambda e: e[1]) if events else ("-", 0.0)
        print(f"{name:<22}{first:>9.1f}ms{len(events):>8}{statistics.median(ms):>7.1f}ms{worst:>7.1f}ms  {label}")
        if worst >= GOAL_MS:
            over.append(name)
    print(f"goal: every event + view < {GOAL_MS:.0f} ms; over it: {', '.join(over) or 'none'}")


if __name__ == "__main__":
    main()
