"""Autoencoder: draw a digit, squeeze it through k numbers, see what comes back.

The models are the engine's `Autoencoder`, one per bottleneck size, trained
on the UCI 8×8 handwritten digits by training/train_autoencoder.py; their
weights ship in pysrc/models/ and are checked by hash at build time. The
learner's own drawing goes through the same model, live.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

import models
from engine.autoencoder import Autoencoder
from kit import Setting, Widget, button, per_view
from kit.fmt import fmt
from kit.scene import mix, rect, scene, text

WEIGHTS = Path(models.__file__).parent
SIZES = ("1", "2", "4", "8", "16")
SIDE, LEVELS = 8, 15           # 8×8 pixels, grey levels 0..15 (one hex digit each)
INK, PAPER = "#1e293b", "#f8fafc"


@lru_cache(maxsize=None)
def model(k):
    ae = Autoencoder(k=k)
    with np.load(WEIGHTS / f"autoencoder-k{k}.npz") as weights:
        ae.set_weights({name: weights[name] for name in weights.files})
    return ae


@lru_cache(maxsize=None)
def samples():
    """One held-out image per digit 0..9, as 64-character hex strings."""
    with np.load(WEIGHTS / "digit-samples.npz") as data:
        return ["".join(f"{v:x}" for v in image) for image in data["images"]]


def pixels(hex_image):
    return np.array([int(ch, 16) for ch in hex_image], dtype=float) / LEVELS


def layout(width):
    if width <= 480:
        return {"w": 360, "h": 470, "in": (12, 44, 20), "out": (196, 44, 20), "code": (12, 250, 340, 208)}
    return {"w": 640, "h": 300, "in": (16, 44, 26), "out": (420, 44, 26), "code": (248, 44, 156, 208)}


class AutoencoderWidget(Widget):
    name = "autoencoder"
    title = "Autoencoder"
    code = ["engine.autoencoder.Autoencoder", "engine.autoencoder.train"]
    trained = True
    settings = [
        Setting("k", "choice", "4", choices={s: s for s in SIZES}, label="Bottleneck size k"),
        Setting("digit", "choice", "3", choices={**{str(d): str(d) for d in range(10)}, "own": "your drawing"},
                label="Start from digit"),
        Setting("image", "str", "", doc="the 8×8 drawing, row by row, one hex digit 0–f per pixel"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        for values in (self.state, self.start):
            if values["digit"] != "own" or not values["image"]:
                values["image"] = samples()[int(values["digit"]) if values["digit"] != "own" else 3]
        if len(self.state["image"]) != SIDE * SIDE or set(self.state["image"]) - set("0123456789abcdef"):
            self.notice = "The image setting needs 64 hex digits (0–f); a sample digit is shown instead."
            self.state["image"] = samples()[3]
        self.lay = layout(self.width)
        self.paint = None

    # -- the math ----------------------------------------------------------------------
    @per_view
    def squeeze(self):
        """(input pixels, the k numbers of the code, the reconstruction)."""
        x = pixels(self.state["image"])[None]
        ae = model(int(self.state["k"]))
        code = ae.encode(x)
        return x[0], code[0], ae.decode(code)[0]

    def error(self):
        x, _, y = self.squeeze()
        return float(np.mean((x - y) ** 2))

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        if name == "digit" and self.state["digit"] != "own":
            self.state["image"] = samples()[int(self.state["digit"])]

    def actions(self):
        return [button("clear", "Clear drawing")]

    def on_click(self, control_id):
        if control_id == "clear":
            self.state["image"], self.state["digit"] = "0" * (SIDE * SIDE), "own"

    def on_pointer(self, phase, x, y):
        if phase == "up":
            self.paint = None
            return
        x0, y0, s = self.lay["in"]
        r, c = int((y - y0) // s), int((x - x0) // s)
        if not (0 <= r < SIDE and 0 <= c < SIDE and x >= x0 and y >= y0):
            return
        image = [int(ch, 16) for ch in self.state["image"]]
        if phase == "down":
            self.paint = "erase" if image[r * SIDE + c] >= 8 else "ink"
        if self.paint is None:
            return
        self.brush(image, r, c)
        self.state["image"], self.state["digit"] = "".join(f"{v:x}" for v in image), "own"

    def brush(self, image, r, c):
        """A pen stroke: full ink in the cell, a soft edge around it (the digits are blurry too)."""
        if self.paint == "erase":
            image[r * SIDE + c] = 0
            return
        image[r * SIDE + c] = LEVELS
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            if 0 <= r + dr < SIDE and 0 <= c + dc < SIDE:
                i = (r + dr) * SIDE + c + dc
                image[i] = max(image[i], 6)

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        k = self.state["k"]
        return (f"64 pixels → {k} number{'s' if k != '1' else ''} → 64 pixels. "
                f"Mean squared error of the rebuilt picture: {fmt(self.error(), 4)}.")

    def scene(self):
        x, code, y = self.squeeze()
        items = (self.grid("in", x, "Input (draw here)") + self.grid("out", y, "Rebuilt from the code")
                 + self.code_panel(code))
        x0, y0, s = self.lay["out"]
        items.append(text(x0, y0 + SIDE * s + 18, f"error {fmt(self.error(), 4)}", size=14, anchor="start",
                          weight="bold", fill="accent"))
        label = (f"An 8×8 drawing squeezed to {len(code)} numbers ({', '.join(fmt(v) for v in code)}) and "
                 f"rebuilt with mean squared error {fmt(self.error(), 4)}.")
        return {**scene(self.lay["w"], self.lay["h"], items, label), "pointer": True}

    def grid(self, where, values, title):
        x0, y0, s = self.lay[where]
        items = [text(x0, y0 - 16, title, size=13, fill="muted", anchor="start")]
        for i, j in np.ndindex(SIDE, SIDE):
            items.append(rect(x0 + j * s, y0 + i * s, s - 1, s - 1, fill=mix(PAPER, INK, values[i * SIDE + j]),
                              stroke="line", width=0.5))
        return items

    def code_panel(self, code):
        x0, y0, w, h = self.lay["code"]
        gap = min(26.0, h / len(code))
        scale = max(1.0, float(np.abs(code).max()))
        mid = x0 + 58 + (w - 58) / 2
        items = [text(x0, y0 - 16, f"The code: {len(code)} number{'s' if len(code) > 1 else ''}", size=13,
                      fill="muted", anchor="start"),
                 rect(mid - 0.5, y0, 1, gap * len(code), fill="line")]
        for i, v in enumerate(code):
            cy = y0 + gap * (i + 0.5)
            length = (w - 62) / 2 * abs(v) / scale
            items += [text(x0 + 52, cy, fmt(v), size=13, anchor="end", font="mono"),
                      rect(mid if v >= 0 else mid - length, cy - min(5, gap / 2 - 1), length, min(10, gap - 2),
                           fill="teal" if v >= 0 else "rose", radius=2)]
        return items
