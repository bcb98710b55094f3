"""The trainer's whole picture, put together from the draw_* pieces.

A Painter keeps, from one view to the next, the few drawings that cost more than
a frame can spare and change far less often than every frame: the grid the
heatmap is computed on (new with the features or the resolution), the pictures
(new when the weights change), the data points (new with the data or the plot's
box). kit.per_view only lasts one view, so these are kept here, each by the
key it is made from: objects themselves (a Run, a Data), never their id(), so a
new object is never taken for an old one that had the same address.
"""
from __future__ import annotations

from kit.scene import group, scene

from . import draw_frame, draw_net, draw_plots, picture, words

THUMBS_EVERY = 0.1      # seconds between new neuron pictures while training
BIG_NETWORK = 24        # hidden neurons above which the heatmap is coarser while training
COARSE_GRID = 50        # (a multiple of picture.THUMB_PX, like every grid)


class Keep:
    """One drawing, made anew only when its key changes; `made` counts the drawings."""

    def __init__(self):
        self.key, self.value, self.made = None, None, 0

    def get(self, key, make):
        if self.value is None or key != self.key:
            self.key, self.value, self.made = key, make(), self.made + 1
        return self.value


class Painter:
    def __init__(self):
        self.thumbs = picture.Thumbnails(THUMBS_EVERY)
        self.grid, self.pictures, self.points = Keep(), Keep(), Keep()

    def scene(self, w):
        """w: the MLPTrainer (its run, layout, settings, what is pointed at)."""
        lay, run, (columns, gap) = w.layout, w.run, w.geometry()
        pictures, scores = self.frame(run, grid_size(run, lay, w.playing), gap, w.playing), w.scores()
        points = self.points.get((run.data, len(run.data.X), lay.plot),
                                 lambda: draw_plots.point_items(run.data, lay.plot, 3.6 if lay.wide else 3.2))
        points = [group(points, f"points-{self.points.made}")]
        target = w.target()
        items = draw_frame.header_items(lay, run, w.pacer.rate, w.playing)
        items += draw_plots.plot_items(lay.plot, pictures.heat, pictures.grid, points, w.pointing.probe)
        items += draw_plots.curve_items(lay.curve, run.history, run.epoch)
        items += draw_plots.score_items(lay.scores, run, scores)
        items += draw_net.diagram_items(run, lay.diagram, columns, gap, pictures.columns, target)
        items += draw_frame.readout_items(lay, w.readout_text(target) if target else None)
        s = scene(lay.w, lay.h, items, words.label(run, scores, w.state["data"]))
        s.update(hover=True, keys=True, tap=True, pointer=bool(lay.wide or w.source.click != "off"))
        return s

    def frame(self, run, n, gap_px, playing):
        """The heatmap, new whenever the weights changed, and the diagram's column images."""
        grid = self.grid.get((tuple(run.features), n), lambda: picture.Grid(n, run.features))

        def make():
            out, hidden = picture.forward(run, grid)
            columns = self.thumbs.update(run, grid, out, hidden, gap_px, playing)
            return picture.Pictures(picture.heat(run, grid, out), columns, n)
        return self.pictures.get((run, run.version, n, gap_px), make)


def grid_size(run, layout, playing):
    """The layout's resolution, but 50 x 50 while a big network trains: its every picture
    would otherwise cost more time than the training it shows."""
    big = sum(run.net.sizes[1:-1]) > BIG_NETWORK
    return COARSE_GRID if playing and big else layout.grid
