"""Train a network live: TensorFlow Playground's idea, on the course's NumPy engine.

The learner picks data, input features, the hidden layers and the training
settings, presses Play and watches the decision boundary, the loss curves and
every neuron's picture change. This file is the controller: it turns input into
changes of a Run (trainer/run.py) and draws with the trainer's helpers.

What resets and what does not: the data, the features and the architecture
(layers, widths, activation) build a new Run from the seed, so Reset always
returns the same initial weights; the learning rate, regularization, batch
size, optimizer, loss and speed apply between two epochs, without a reset.
"""
from __future__ import annotations

import random
import time

from trainer import data as datasets
from trainer import draw_net, draw_plots, explain, export, panel, picture
from trainer.layout import LINE, diagram, make_layout
from trainer.pace import Pacer
from trainer.run import Run
from trainer.setup import (FEATURES, LEARNING_RATES, PARAMS, REG_RATES, SPEEDS, feature_keys,
                           hidden_sizes, number_text, snap, task_of)

from kit import Widget
from kit.scene import rect, scene, text

LIVE = ("lr", "rate", "batch", "opt", "reg", "loss")
THUMBS_EVERY = 0.1      # seconds between new neuron pictures while training
BIG_NETWORK = 24        # hidden neurons above which the heatmap is coarser while training
COARSE_GRID = 50        # (a multiple of picture.THUMB_PX, like every grid)
CLASS_NAMES = ("orange (class 0)", "blue (class 1)", "green (class 2)")


class MLPTrainer(Widget):
    name = "mlp-trainer"
    title = "Train a network"
    settings = PARAMS

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        c = self.state
        c["lr"], c["rate"] = snap(c["lr"], LEARNING_RATES), snap(c["rate"], REG_RATES)
        self.playing = False
        self.click = "off"              # what a click on the plot adds
        self.added = []                 # the learner's clicked points: (x1, x2, label)
        self.csv_text = datasets.SAMPLE_CSV
        self.csv_points = None          # (X, y, task) of the last good CSV
        self.exported = None            # (json, pytorch, epoch) while the export is shown
        self.hover = self.focus = None  # what the pointer is over / what the keyboard selected
        self.probe = (2.0, 2.0)         # the point the formulas are computed at
        self.message = ""
        self.pacer = Pacer()
        self.layout = make_layout(self.width)
        self._cache = {}
        self.data = self.make_data()
        self.run = self.new_run()

    # -- building ------------------------------------------------------------------------
    def task(self):
        return self.csv_points[2] if self.state["data"] == "csv" and self.csv_points else \
            task_of(self.state["data"]) or "binary"

    def make_data(self):
        c = self.state
        if c["data"] == "csv":
            if self.csv_points is None:
                loaded, _, _ = datasets.from_csv(self.csv_text, c["split"], c["dseed"])
                self.csv_points = (loaded.X, loaded.y, loaded.task)
            data = datasets.split(*self.csv_points, c["split"], c["dseed"])
        else:
            data = datasets.built_in(c["data"], c["noise"], c["split"], c["dseed"])
        for x1, x2, label in self.added:
            data.add(x1, x2, label)
        return data

    def new_run(self):
        c = self.state
        hyper = {key: c[key] for key in LIVE}
        if self.data.task == "regression":
            hyper["loss"] = "mse"
        self.playing = self.animating = False
        self.pacer.reset()
        self.exported = None
        self.hover = self.focus = None
        return Run(self.data, feature_keys(c), hidden_sizes(c), c["act"], c["seed"], hyper)

    def rebuild(self, data=False):
        if data:
            self.data = self.make_data()
        self.run = self.new_run()

    # -- input ---------------------------------------------------------------------------
    def on_input(self, control_id, value):
        self.pacer.disturbed = True
        c, self.message = self.state, ""
        if control_id in ("lr", "rate"):
            c[control_id] = snap(float(value), LEARNING_RATES if control_id == "lr" else REG_RATES)
            self.live(control_id, c[control_id], number_text(c[control_id]))
        elif control_id in ("batch", "opt", "reg", "loss"):
            c[control_id] = int(value) if control_id == "batch" else str(value)
            self.live(control_id, c[control_id], str(c[control_id]))
        elif control_id == "speed":
            c["speed"] = min(len(SPEEDS), max(1, int(value)))
            rate = SPEEDS[c["speed"]]
            self.message = f"Speed {c['speed']}: " + (f"{rate} epoch{'s' if rate > 1 else ''} per second."
                                                     if rate else "as fast as this computer can.")
        elif control_id == "data":
            old = self.task()
            c["data"] = str(value)
            if self.task() != old:
                self.added, self.click = [], "off"
            self.notice = ""
            self.rebuild(data=True)
        elif control_id in ("noise", "split"):
            c[control_id] = int(value)
            self.rebuild(data=True)
        elif control_id in FEATURES:
            self.set_feature(control_id, bool(value))
        elif control_id.startswith("n") and control_id[1:].isdigit():
            self.set_width(int(control_id[1:]), int(value))
        elif control_id == "act":
            c["act"] = str(value)
            self.rebuild()
        elif control_id == "click":
            self.click = str(value)
        elif control_id == "csv":
            self.load_csv(str(value))

    def live(self, name, value, shown):
        """A setting that applies between two epochs, keeping the weights."""
        if name == "loss" and self.run.data.task == "regression":
            value, shown = "mse", "mse (the only loss for regression)"
        self.run.set(name, value)
        label = {"lr": "Learning rate", "rate": "Regularization rate", "batch": "Batch size",
                 "opt": "Optimizer", "reg": "Regularization", "loss": "Loss"}[name]
        self.message = f"{label} is now {shown}: applied from the next epoch, weights kept."

    def set_feature(self, key, on):
        if not on and feature_keys(self.state) == [key]:
            self.message = "The network needs at least one input, so this one stays on."
            return
        self.state[key] = on
        self.rebuild()

    def set_width(self, k, width):
        """Layer k set to `width` neurons (0: off). Switching a layer off removes it and the
        ones after it; switching on a layer past the last adds the ones between, same width."""
        c = self.state
        if width == 0:
            c["layers"] = min(c["layers"], k - 1)
        else:
            for j in range(c["layers"] + 1, k):
                c[f"n{j}"] = width
            c[f"n{k}"] = min(8, max(1, width))
            c["layers"] = max(c["layers"], k)
        self.rebuild()

    def load_csv(self, text):
        self.csv_text = text
        loaded, message, whole = datasets.from_csv(text, self.state["split"], self.state["dseed"])
        self.notice = "" if whole else message
        self.message = message
        if loaded is None:
            return
        if self.csv_points is None or loaded.task != self.csv_points[2]:
            self.added, self.click = [], "off"
        self.csv_points = (loaded.X, loaded.y, loaded.task)
        self.rebuild(data=True)

    def on_click(self, control_id):
        self.pacer.disturbed = True
        c, run, self.message = self.state, self.run, ""
        if control_id == "play" and not run.problem:
            self.playing = self.animating = not self.playing
        elif control_id == "step" and not run.problem:
            self.playing = self.animating = False
            run.train(1)
            self.after_training()
        elif control_id == "reset":
            self.rebuild()
            self.message = f"Reset to the initial weights of seed {c['seed']}."
        elif control_id == "new_seed":
            c["seed"] = self.fresh_seed(c["seed"])
            self.rebuild()
            self.message = f"New initial weights from seed {c['seed']}."
        elif control_id == "new_data":
            c["dseed"] = self.fresh_seed(c["dseed"])
            self.rebuild(data=True)
            self.message = f"New points from data seed {c['dseed']}."
        elif control_id == "clear_points" and self.added:
            self.added = []
            self.data = run.data = run.data.without_added()
            run.refresh_data()
            self.message = "Your points are removed; the network keeps its weights."
        elif control_id == "export" and (self.exported or not run.problem):
            self.exported = None if self.exported else (export.to_json(run), export.to_pytorch(run), run.epoch)
        elif control_id == "restore" and run.problem:
            epoch = run.restore()
            self.message = (f"Back to the weights of epoch {epoch}. Lower the learning rate "
                            f"(now {number_text(c['lr'])}) before training again.")

    @staticmethod
    def fresh_seed(old):
        new = random.randrange(100000)
        return new if new != old else (old + 1) % 100000

    def on_pointer(self, phase, x, y):
        self.pacer.disturbed = True
        lay = self.layout
        if phase == "leave":
            self.hover = None
            return
        if lay.plot.contains(x, y):
            self.probe = tuple(round(v, 2) for v in draw_plots.from_plot(lay.plot, x, y))
            self.hover = None
            if phase == "down" and self.click != "off":
                self.add_point(*self.probe)
            return
        found = explain.hit(self.geometry()[0], x, y) if lay.diagram.contains(x, y) else None
        if phase == "down":
            self.focus = found
        elif phase in ("hover", "move"):
            self.hover = found

    def add_point(self, x1, x2):
        if len(self.added) >= datasets.MAX_ADDED:
            self.message = (f"You have added {datasets.MAX_ADDED} points, the most the plot takes. "
                            "Remove your points to add new ones.")
            return
        label = float(self.click) if self.run.data.task == "regression" else int(self.click)
        self.added.append((x1, x2, label))
        self.run.data.add(x1, x2, label)
        self.run.refresh_data()
        self.message = (f"Added a training point at ({x1:.1f}, {x2:.1f}); "
                        f"{len(self.added)} of yours so far. The network keeps training from where it is.")

    def on_key(self, key):
        self.pacer.disturbed = True
        if key == " ":
            return self.on_click("play")
        if key == "Escape":
            self.focus = None
            return
        steps = {"ArrowLeft": (-1, 0), "ArrowRight": (1, 0), "ArrowUp": (0, -1), "ArrowDown": (0, 1)}
        if key not in steps:
            return
        columns = self.geometry()[0]
        if not self.focus or self.focus[0] != "neuron":
            self.focus = ("neuron", 1 if len(columns) > 2 else 0, 0)
            return
        dc, dr = steps[key]
        c = min(len(columns) - 1, max(0, self.focus[1] + dc))
        r = min(columns[c].rows - 1, max(0, self.focus[2] + dr))
        self.focus = ("neuron", c, r)

    def on_resize(self, width):
        super().on_resize(width)
        self.layout = make_layout(width)

    # -- time ----------------------------------------------------------------------------
    def tick(self, dt):
        if not self.playing or self.run.problem:
            self.playing = self.animating = False
            return
        start = time.perf_counter()
        epochs, budget = self.pacer.plan(dt, SPEEDS[self.state["speed"]])
        if self.run.mid_epoch:
            epochs = max(epochs, 1)          # an epoch longer than a frame goes on where it paused
        done = self.run.train(epochs, start + budget) if epochs else 0
        self.pacer.trained(done, dt)
        self.after_training()

    def after_training(self):
        if self.run.problem:
            self.playing = self.animating = False

    def view(self):
        start = time.perf_counter()
        result = super().view()
        self.pacer.render = time.perf_counter() - start
        return result

    # -- output --------------------------------------------------------------------------
    def controls(self):
        return panel.controls(self)

    def share(self):
        return {p.name: self.state[p.name] for p in PARAMS}

    def cached(self, name, key, make):
        if self._cache.get(name, (None,))[0] != key:
            self._cache[name] = (key, make())
        return self._cache[name][1]

    def geometry(self):
        run, lay = self.run, self.layout
        counts = list(run.net.sizes)
        key = (id(run), lay.w, tuple(counts))
        def make():
            spacing = (lay.diagram.w - 46 - lay.thumb) / max(1, len(counts) - 1)
            return diagram(lay, counts, draw_net.column_labels(run, spacing))
        return self.cached("geometry", key, make)

    def pictures(self):
        """The heatmap (new whenever the weights changed) and the diagram's column images
        (while playing, at most every THUMBS_EVERY seconds: they are small, and each new
        one costs the page a decode)."""
        run, n = self.run, self.grid_size()
        gap = self.geometry()[1]
        grid = self.cached("grid", (id(run), n), lambda: picture.Grid(n, run.features))
        key, shape = (id(run), run.version, n, gap), (id(run), n, gap)
        old = self._cache.get("pictures")
        if old and old[0] == key:
            return old[1]
        out, hidden = picture.forward(run, grid)
        now = time.perf_counter()
        if old and old[2] == shape and self.playing and now - old[3] < THUMBS_EVERY:
            columns, made = old[1]["columns"], old[3]
        else:
            columns, made = picture.columns(run, grid, out, hidden, gap), now
        result = {"heat": picture.heat(run, grid, out), "columns": columns, "grid": n}
        self._cache["pictures"] = (key, result, shape, made)
        return result

    def grid_size(self):
        """The heatmap's resolution: the layout's, but 50 x 50 while a big network trains, whose
        every picture would otherwise cost more time than the training it shows."""
        big = sum(self.run.net.sizes[1:-1]) > BIG_NETWORK
        return COARSE_GRID if self.playing and big else self.layout.grid

    def probe_values(self):
        run = self.run
        return self.cached("probe", (id(run), run.version, self.probe), lambda: explain.Probe(run, self.probe))

    def scores(self):
        run = self.run
        return self.cached("scores", (id(run), run.version), run.scores)

    def points(self):
        data, box = self.run.data, self.layout.plot
        radius = 3.6 if self.layout.wide else 3.2
        key = (id(data), len(data.X), box.x, box.y, box.w)
        return self.cached("points", key, lambda: draw_plots.point_items(data, box, radius))

    def target(self):
        """The neuron or weight to explain: under the pointer, else the keyboard's (if it still exists)."""
        target = self.hover or self.focus
        if not target:
            return None
        columns = self.geometry()[0]
        if target[0] == "neuron":
            ok = target[1] < len(columns) and target[2] < columns[target[1]].rows
        else:
            ok = target[1] < len(columns) and target[2] < columns[target[1] - 1].rows \
                and target[3] < columns[target[1]].rows
        return target if ok else None

    def scene(self):
        lay, run = self.layout, self.run
        columns, gap = self.geometry()
        pictures = self.pictures()
        items = self.header_items()
        items += draw_plots.plot_items(lay.plot, pictures["heat"], pictures["grid"], self.points(), self.probe)
        items += draw_plots.curve_items(lay.curve, run.history, run.epoch)
        items += draw_plots.score_items(lay.scores, run, self.scores())
        items += draw_net.diagram_items(run, lay.diagram, columns, gap, pictures, self.target())
        items += self.readout_items()
        s = scene(lay.w, lay.h, items, self.label())
        s.update(hover=True, keys=True, tap=True, pointer=bool(lay.wide or self.click != "off"))
        return s

    def header_items(self):
        lay, run = self.layout, self.run
        box = lay.header
        y = box.y + 16
        epoch = f"Epoch {run.epoch:,}"
        state = ("diverged" if run.problem else f"{self.pacer.rate:,.0f} epochs/s" if self.playing else "paused")
        items = [text(box.x, y, epoch, size=17, weight="bold", anchor="start"),
                 text(box.x + 22 + 10.5 * len(epoch), y, state, size=13,
                      fill="bad" if run.problem else "muted", anchor="start")]
        train, test = run.losses() if not run.history.last else run.history.last[1:]
        right = f"train loss {draw_plots._loss(train)} · test loss {draw_plots._loss(test)}"
        if lay.wide:
            items.append(text(box.right, y, right, size=13, fill="muted", anchor="end"))
        else:
            items.append(text(box.x, y + 22, right, size=13, fill="muted", anchor="start"))
        return items

    def readout_items(self):
        lay = self.layout
        box = lay.readout
        target = self.target()
        if target:
            title, body = self.readout_text(target)
        else:
            title = ("Point at a neuron or a connection to see its numbers" if lay.wide else
                     "Tap or point at a neuron or a line to see its numbers")
            body = ("(or click the picture and use the arrow keys). Formulas are computed at the "
                    "ringed point on the plot: hover over the plot to move it." if lay.wide else
                    "Formulas are computed at the ringed point on the plot: tap the plot to move it.")
        lines = [(s, "sans") for s in explain.wrap(title, lay.title_chars)]
        lines += [(s, "mono") for s in explain.wrap(body, lay.readout_chars)]
        items = [rect(box.x, box.y, box.w, box.h, fill="bg", radius=6)]
        items += [text(box.x + 8, box.y + LINE * (i + 0.5) + 2, s, size=13, font=font, anchor="start",
                       weight="bold" if font == "sans" else "normal")
                  for i, (s, font) in enumerate(lines[:lay.readout_lines])]
        return items

    def label(self):
        run = self.run
        scores = self.scores()
        parts = [f"Epoch {run.epoch}."]
        if run.problem:
            parts.append("Training diverged.")
        if scores.get("test"):
            parts.append(f"Test accuracy {100 * scores['test'][0]:.1f}%.")
        last = run.history.last
        if last:
            parts.append(f"Train loss {draw_plots._loss(last[1])}, test loss {draw_plots._loss(last[2])}.")
        layers = "-".join(str(s) for s in run.net.sizes)
        return (f"Network {layers} ({run.net.activation}) learning the {self.state['data']} data. "
                + " ".join(parts))

    def status(self):
        run, c = self.run, self.state
        if run.problem:
            return (f"Training stopped at epoch {run.epoch}. {run.problem} Press Restore last good "
                    f"weights to go back to epoch {run.good[0]}, then lower the learning rate "
                    f"(now {number_text(c['lr'])}).")
        if self.focus and not self.hover and not self.playing and self.target():
            title, body = self.readout_text(self.target())
            return f"{title}: {body}"
        if self.message:
            return self.message
        if self.playing:
            return "Training. Press Pause to stop and read the scores."
        scores = self.scores()
        if scores.get("test"):
            return (f"Epoch {run.epoch}: test accuracy {100 * scores['test'][0]:.1f}%, "
                    f"training accuracy {100 * scores['train'][0]:.1f}%. Press Play to train.")
        train, test = run.losses()
        return f"Epoch {run.epoch}: training loss {draw_plots._loss(train)}. Press Play to train."

    def readout_text(self, target):
        if target[0] == "weight":
            return explain.weight_text(self.run, *target[1:])
        return explain.neuron_text(self.run, self.probe_values(), target[1], target[2], CLASS_NAMES)
