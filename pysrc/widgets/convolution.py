"""Convolution: slide a 3×3 kernel over a drawn image and watch the feature map.

    map[i, j] = Σ_a Σ_b  image[i + a, j + b] · kernel[a, b]

The learner draws on the image (click or drag cells), picks a kernel or tunes
its nine numbers, and moves the window (drag on the map, arrow keys, Step or
Play). The cell under the window shows its nine products and their sum; the
feature map is the engine's `correlate2d` of the whole image.
"""
from __future__ import annotations

import numpy as np

from engine.conv import correlate2d
from kit import Setting, Widget, button, group, per_view
from kit.fmt import fmt
from kit.scene import mix, rect, scene, text
from kit.theme import GLOW_OFF, GLOW_ON, NEGATIVE, POSITIVE

from ._kernels import KERNELS, START_IMAGE, K, M, N, apply_preset, kernel_settings

STEP_SECONDS = 0.35

def layout(width):
    """Grid origins and cell sizes; phones stack the kernel under the two maps."""
    if width <= 480:
        return {"w": 360, "h": 400, "img": (12, 44, 16), "map": (212, 44, 16),
                "ker": (16, 252, 40), "prod": (196, 252, 40)}
    return {"w": 600, "h": 350, "img": (16, 44, 22), "map": (410, 44, 22),
            "ker": (262, 44, 40), "prod": (262, 200, 40)}


def short(v):
    """A kernel weight or product in a small cell: whole numbers without decimals."""
    return fmt(v, 0) if float(v).is_integer() else fmt(v, 2)


def caption(x0, y0, words):
    return text(x0, y0 - 16, words, size=13, fill="muted", anchor="start")


def map_color(v, scale):
    """Warm where the kernel matches (large positive), blue where it is the opposite."""
    t = min(1.0, abs(v) / scale) if scale else 0.0
    return mix(GLOW_OFF, GLOW_ON if v >= 0 else POSITIVE, t)


class Convolution(Widget):
    name = "convolution"
    title = "Convolution"
    code = ["engine.conv.correlate2d", "engine.conv.Conv2D"]
    settings = [
        Setting("kernel", "choice", "vertical", choices={k: v[0] for k, v in KERNELS.items()},
                label="Kernel", doc="the kernel to start with"),
        *kernel_settings(),
        Setting("image", "str", START_IMAGE, doc=f"the {N}×{N} image, row by row, 1 for ink and 0 for blank"),
        Setting("row", "int", 1, lo=0, hi=M - 1, doc="the window's top row"),
        Setting("col", "int", 1, lo=0, hi=M - 1, doc="the window's left column"),
    ]

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        image = self.state["image"]
        if len(image) != N * N or set(image) - {"0", "1"}:
            self.notice = f"The image setting needs {N * N} characters of 0 and 1; the default is shown."
            self.state["image"] = self.start["image"] = START_IMAGE
        for values in (self.state, self.start):   # a lesson or link naming a preset gets its weights
            apply_preset(values)
        self.lay = layout(self.width)
        self.paint, self.clock = None, 0.0

    # -- the math ----------------------------------------------------------------------
    @per_view
    def image(self):
        return np.array([int(ch) for ch in self.state["image"]], dtype=float).reshape(N, N)

    @per_view
    def kernel(self):
        return np.array([[self.state[f"k{a}{b}"] for b in range(K)] for a in range(K)])

    @per_view
    def feature_map(self):
        return correlate2d(self.image(), self.kernel())

    def window(self):
        r, c = self.state["row"], self.state["col"]
        return self.image()[r:r + K, c:c + K]

    # -- input -------------------------------------------------------------------------
    def changed(self, name, old):
        if name == "kernel":
            apply_preset(self.state)
        elif name.startswith("k") and name[1:].isdigit():
            self.state["kernel"] = "custom"

    def actions(self):
        return [button("step", "Step window"),
                button("play", "Pause" if self.animating else "Sweep", primary=True),
                button("clear", "Clear image")]

    def controls(self):
        return (self.setting_controls("kernel") + self.actions() + [group("Kernel weights")]
                + self.setting_controls(*[f"k{a}{b}" for a in range(K) for b in range(K)]))

    def on_click(self, control_id):
        if control_id == "step":
            self.step_window()
        elif control_id == "play":
            self.animating = not self.animating and not self.reduced_motion
            self.clock = 0.0
            if self.reduced_motion:
                self.move_to(M - 1, M - 1)
        elif control_id == "clear":
            self.state["image"] = "0" * (N * N)

    def step_window(self):
        r, c = self.state["row"], self.state["col"]
        r, c = (r, c + 1) if c < M - 1 else ((r + 1) % M, 0)
        self.move_to(r, c)

    def move_to(self, r, c):
        self.state["row"], self.state["col"] = int(min(M - 1, max(0, r))), int(min(M - 1, max(0, c)))

    def tick(self, dt):
        self.clock += dt
        while self.clock >= STEP_SECONDS and self.animating:
            self.clock -= STEP_SECONDS
            self.step_window()
            self.animating = (self.state["row"], self.state["col"]) != (M - 1, M - 1)

    def on_key(self, key):
        moves = {"ArrowLeft": (0, -1), "ArrowRight": (0, 1), "ArrowUp": (-1, 0), "ArrowDown": (1, 0)}
        if key in moves:
            dr, dc = moves[key]
            self.move_to(self.state["row"] + dr, self.state["col"] + dc)

    def on_pointer(self, phase, x, y):
        if phase == "up":
            self.paint = None
            return
        cell, spot = self.cell_at("img", N, x, y), self.cell_at("map", M, x, y)
        if cell is not None:
            self.draw_cell(*cell, first=phase == "down")
        elif spot is not None and phase in ("down", "move") and self.paint is None:
            self.move_to(*spot)

    def cell_at(self, grid, size, x, y):
        x0, y0, s = self.lay[grid]
        r, c = int((y - y0) // s), int((x - x0) // s)
        return (r, c) if 0 <= r < size and 0 <= c < size and x >= x0 and y >= y0 else None

    def draw_cell(self, r, c, first):
        pixels = list(self.state["image"])
        if first:
            self.paint = "0" if pixels[r * N + c] == "1" else "1"
        if self.paint is not None:
            pixels[r * N + c] = self.paint
            self.state["image"] = "".join(pixels)

    def on_resize(self, width):
        super().on_resize(width)
        self.lay = layout(width)

    # -- output ------------------------------------------------------------------------
    def status(self):
        r, c = self.state["row"], self.state["col"]
        fm = self.feature_map()
        best = np.unravel_index(np.argmax(fm), fm.shape)
        return (f"Window at row {r + 1}, column {c + 1}: sum of products {fmt(fm[r, c])}. "
                f"The map is largest, {fmt(fm[best])}, at row {best[0] + 1}, column {best[1] + 1}.")

    def scene(self):
        L = self.lay
        items = self.image_grid() + self.map_grid() + self.kernel_grid() + self.product_grid()
        r, c = self.state["row"], self.state["col"]
        label = (f"A {N}×{N} image drawn in ink, a 3×3 kernel ({', '.join(fmt(v) for v in self.kernel().ravel())}) "
                 f"and the {M}×{M} feature map; the window at row {r + 1}, column {c + 1} gives "
                 f"{fmt(self.feature_map()[r, c])}.")
        return {**scene(L["w"], L["h"], items, label), "pointer": True, "keys": True}

    def image_grid(self):
        x0, y0, s = self.lay["img"]
        r, c = self.state["row"], self.state["col"]
        items = [caption(x0, y0, "Image (click to draw)")]
        for i, j in np.ndindex(N, N):
            ink = self.image()[i, j] > 0
            items.append(rect(x0 + j * s, y0 + i * s, s - 1, s - 1, fill="ink" if ink else "panel",
                              stroke="line", width=0.5))
        items.append(rect(x0 + c * s - 1, y0 + r * s - 1, K * s + 1, K * s + 1, fill=None, stroke="accent",
                          width=3, radius=2))
        return items

    def map_grid(self):
        x0, y0, s = self.lay["map"]
        fm = self.feature_map()
        scale = float(np.abs(fm).max()) or 1.0
        r, c = self.state["row"], self.state["col"]
        items = [caption(x0, y0, "Feature map")]
        for i, j in np.ndindex(M, M):
            items.append(rect(x0 + j * s, y0 + i * s, s - 1, s - 1, fill=map_color(fm[i, j], scale),
                              stroke="line", width=0.5))
        items.append(rect(x0 + c * s - 1, y0 + r * s - 1, s + 1, s + 1, fill=None, stroke="accent", width=3))
        items.append(text(x0 + M * s / 2, y0 + M * s + 18, f"here: {fmt(fm[r, c])}", size=14,
                          weight="bold", fill="accent"))
        return items

    def kernel_grid(self):
        x0, y0, s = self.lay["ker"]
        k = self.kernel()
        items = [caption(x0, y0, "Kernel")]
        for a, b in np.ndindex(K, K):
            w = k[a, b]
            items += [rect(x0 + b * s, y0 + a * s, s - 2, s - 2, fill=mix(GLOW_OFF, POSITIVE if w >= 0 else NEGATIVE,
                                                                            min(1, abs(w) / 4)), radius=4),
                      text(x0 + b * s + s / 2 - 1, y0 + a * s + s / 2 - 1, short(w), size=13, fill="#1e293b")]
        return items

    def product_grid(self):
        x0, y0, s = self.lay["prod"]
        products = self.window() * self.kernel()
        items = [caption(x0, y0, "Image × kernel")]
        for a, b in np.ndindex(K, K):
            p = products[a, b]
            items += [rect(x0 + b * s, y0 + a * s, s - 2, s - 2, fill="panel", stroke="line", radius=4),
                      text(x0 + b * s + s / 2 - 1, y0 + a * s + s / 2 - 1, short(p), size=13,
                           fill="ink" if p else "faint")]
        return items + [text(x0, y0 + K * s + 14, f"sum = {fmt(products.sum())}", size=14, weight="bold",
                             anchor="start")]
