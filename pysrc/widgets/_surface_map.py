"""A contour map of a 2-D loss surface, shared by the optimizers, batch-size and saddle
widgets (not a widget itself: the registry skips modules starting with "_").

The map is a bitmap of bands of equal loss: each band is a step of the
logarithm of (loss - lowest loss), so the flat bottom gets as many rings as
the steep walls; pixels where the band changes are drawn darker, which reads
as contour lines. Colours are translucent so the map suits both themes.
"""
from __future__ import annotations

import base64
import functools

import numpy as np

from kit.scene import circle, image, line, path, rect

COLS, ROWS = 240, 160
BAND = 0.45            # one band per factor e^0.45 ≈ 1.6 of (loss - lowest)


@functools.lru_cache(maxsize=16)
def contour_bitmap(surface_key, surface, xr, yr):
    """Base64 RGBA for the surface over xr x yr (cached: it depends on nothing else)."""
    xs = xr[0] + (np.arange(COLS) + 0.5) / COLS * (xr[1] - xr[0])
    ys = yr[1] - (np.arange(ROWS) + 0.5) / ROWS * (yr[1] - yr[0])
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    f = surface.value(grid)
    band = np.floor(np.log(f - f.min() + 1e-3) / BAND)
    edge = np.zeros_like(band, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    depth = band.max() - band                       # 0 on the highest band
    rgba = np.zeros((ROWS, COLS, 4))
    rgba[..., :3] = (79, 70, 229)
    rgba[..., 3] = np.clip(14 + 9 * depth, 14, 120)
    rgba[edge, 3] = 150
    return base64.b64encode(rgba.astype(np.uint8).tobytes()).decode()


class SurfaceMap:
    """Where the map sits in the scene (box = x0, y0, width, height) and which part of
    the plane it shows (xr, yr)."""

    def __init__(self, key, surface, box, xr, yr):
        self.key, self.surface, self.box = key, surface, box
        self.xr, self.yr = tuple(xr), tuple(yr)

    def to_scene(self, p):
        x0, y0, w, h = self.box
        return (x0 + (p[0] - self.xr[0]) / (self.xr[1] - self.xr[0]) * w,
                y0 + (self.yr[1] - p[1]) / (self.yr[1] - self.yr[0]) * h)

    def to_data(self, x, y):
        x0, y0, w, h = self.box
        return np.array([self.xr[0] + (x - x0) / w * (self.xr[1] - self.xr[0]),
                         self.yr[1] - (y - y0) / h * (self.yr[1] - self.yr[0])])

    def contains_scene(self, x, y):
        x0, y0, w, h = self.box
        return x0 <= x <= x0 + w and y0 <= y <= y0 + h

    def fraction(self, p):
        """p as a fraction (0..1, 0..1) of the map, left to right and bottom to top."""
        return [(p[0] - self.xr[0]) / (self.xr[1] - self.xr[0]),
                (p[1] - self.yr[0]) / (self.yr[1] - self.yr[0])]

    def at_fraction(self, u, v):
        return np.array([self.xr[0] + u * (self.xr[1] - self.xr[0]),
                         self.yr[0] + v * (self.yr[1] - self.yr[0])])

    def background(self):
        x0, y0, w, h = self.box
        data = contour_bitmap(self.key, self.surface, self.xr, self.yr)
        return [rect(x0, y0, w, h, fill="panel"), image(x0, y0, w, h, data, COLS, ROWS),
                rect(x0, y0, w, h, fill=None, stroke="line")]

    def trail(self, points, color, width=2.0, every=None):
        """A path through the points, clamped to the map's edge (a diverging path runs off it),
        with a dot where it is now (and a small one every `every` steps: bunched dots are slow)."""
        x0, y0, w, h = self.box
        p = np.asarray(points, dtype=float).reshape(-1, 2)
        x = np.clip(x0 + (p[:, 0] - self.xr[0]) / (self.xr[1] - self.xr[0]) * w, x0, x0 + w)
        y = np.clip(y0 + (self.yr[1] - p[:, 1]) / (self.yr[1] - self.yr[0]) * h, y0, y0 + h)
        x, y = np.nan_to_num(x, nan=x0).round(2), np.nan_to_num(y, nan=y0).round(2)
        items = [path(zip(x.tolist(), y.tolist()), stroke=color, width=width)] if len(x) > 1 else []
        if every:
            items += [circle(float(a), float(b), 2.5, fill="ink") for a, b in zip(x[every::every], y[every::every])]
        return items + [circle(float(x[-1]), float(y[-1]), 6, fill=color, stroke="panel", width=1.5)]

    def axis(self, p, direction, away_from):
        """A dashed line through p along `direction` (data units) across the whole map, and
        the point 80 % of the way to its end farther from `away_from` (for its label)."""
        x0, y0, w, h = self.box
        a = np.array(self.to_scene(p))
        d = np.array(self.to_scene(np.asarray(p) + direction)) - a
        d /= np.linalg.norm(d)
        ends = []
        for sign in (1, -1):     # walk each way until the box's edge
            steps = [((x0 + w if sign * d[0] > 0 else x0) - a[0]) / (sign * d[0]) if d[0] else np.inf,
                     ((y0 + h if sign * d[1] > 0 else y0) - a[1]) / (sign * d[1]) if d[1] else np.inf]
            ends.append(a + sign * min(steps) * d)
        far = max(ends, key=lambda e: np.linalg.norm(e - np.array(self.to_scene(away_from))))
        tag = a + 0.8 * (far - a)
        return ([line(*ends[0].tolist(), *ends[1].tolist(), stroke="muted", width=1.2, dash=[5, 4])],
                (float(tag[0]), float(tag[1])))

    def cross(self, p, color="ink", size=6):
        x, y = self.to_scene(p)
        return [line(x - size, y - size, x + size, y + size, stroke=color, width=2),
                line(x - size, y + size, x + size, y - size, stroke=color, width=2)]


def wrap(sentence, width, size=13):
    """Split a sentence into lines that fit `width` scene units at font `size`
    (only at plain spaces: a no-break space keeps "|1 − ηλ|" together)."""
    budget = max(10, int(width / (0.55 * size)))
    lines, current = [], ""
    for word in sentence.split(" "):
        trial = f"{current} {word}".strip()
        if len(trial) > budget and current:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])
