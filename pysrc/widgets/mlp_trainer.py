"""Train a network live: TensorFlow Playground's idea, on the course's NumPy engine.

This is the controller: the learner's input becomes changes of a Run (trainer/run.py),
trainer/draw_scene.py draws. Data, features and architecture build a new Run from the seed
(Reset gives the same initial weights); training settings apply between epochs, weights kept.
"""
from __future__ import annotations

import time

from kit import Widget, per_view
from trainer import explain, export, panel, words
from trainer.draw_net import geometry
from trainer.draw_scene import Painter
from trainer.layout import make_layout
from trainer.pace import Pacer
from trainer.pointing import Pointing
from trainer.run import Run
from trainer.setup import FEATURES, LIVE, MAX_LAYERS, PARAMS, SPEEDS, feature_keys, fresh_seed, number_text, with_width
from trainer.source import Source

CLASS_NAMES = ("orange (class 0)", "blue (class 1)", "green (class 2)")
SCORES_EVERY = 0.1      # seconds between two scorings of every point while training


class MLPTrainer(Widget):
    name = "mlp-trainer"
    title = "Train a network"
    settings = PARAMS
    code = ["engine.train.train_step", "engine.losses.sigmoid_cross_entropy", "engine.losses.softmax_cross_entropy",
            "engine.network.MLP.backward", "engine.dense.Dense.backward", "engine.optimizers.SGD.step",
            "engine.optimizers.Momentum", "engine.optimizers.Adam", "engine.train.Epoch",
            "engine.train_fast.FastStep"]   # what the Run calls: train_step's numbers, bit for bit, in fewer calls
    code_highlight = {"engine.losses.sigmoid_cross_entropy": "dz = p - y",          # the output error:
                      "engine.losses.softmax_cross_entropy": "dz = p - target"}     # prediction minus target
    # a declared setting -> what its change does (the kit has already clamped and stored it)
    ON_CHANGE = {**dict.fromkeys(LIVE, "apply_live"), **dict.fromkeys(FEATURES, "switch_feature"),
                 "data": "switch_data", "noise": "rebuild_data", "split": "rebuild_data", "act": "rebuild",
                 "speed": "say_speed"}
    # a control that is no declared setting -> handler(control id, value)
    ON_INPUT = {"click": "set_click", "csv": "load_csv", **{f"n{k}": "set_width" for k in range(1, MAX_LAYERS + 1)}}
    ON_CLICK = {"play": "play", "step": "step", "reset": "reset", "new_seed": "new_seed", "new_data": "new_data",
                "clear_points": "clear_points", "export": "toggle_export", "restore": "restore"}

    def __init__(self, config=None, lesson=None):
        super().__init__(config, lesson)
        self.playing, self.message = False, ""
        self.source = Source()          # the CSV pasted, the points clicked in
        self.pointing = Pointing()      # the probe point, the neuron or weight pointed at
        self.exported = None            # an export.Export while it is shown
        self.pacer, self.painter = Pacer(), Painter()
        self.scored = (None, 0.0, None)  # (run, when, its scores), see scores()
        self.layout = make_layout(self.width)
        self.rebuild(data=True)

    def rebuild(self, *_, data=False):
        """A new Run from the seed; with `data`, on new points too."""
        if data:
            self.data = self.source.data(self.state)
        self.playing = self.animating = False
        self.pacer.reset()
        self.pointing.forget()
        self.exported = None
        self.run = Run.from_settings(self.data, self.state)

    def on_input(self, control_id, value):
        self.pacer.disturbed, self.message = True, ""
        if control_id in self.ON_INPUT:
            getattr(self, self.ON_INPUT[control_id])(control_id, value)
        else:
            super().on_input(control_id, value)          # a declared setting: clamped, stored, changed()

    def changed(self, name, old):
        getattr(self, self.ON_CHANGE[name])(name, old)

    def apply_live(self, name, old):
        self.run.set(name, "mse" if name == "loss" and self.data.task == "regression" else self.state[name])
        self.message = words.applied(self.setting(name), self.state[name], self.run)

    def switch_data(self, name, old):
        if self.source.task(self.state["data"]) != self.source.task(old):
            self.source.forget_clicks()
        self.notice = ""
        self.rebuild(data=True)

    def rebuild_data(self, *_):
        self.rebuild(data=True)

    def switch_feature(self, name, old):
        if feature_keys(self.state):
            return self.rebuild()
        self.state[name] = old
        self.message = "The network needs at least one input, so this one stays on."

    def say_speed(self, name, old):
        self.message = words.speed(self.state["speed"])

    def set_click(self, _, value):
        self.source.set_click(value, self.data.task)

    def set_width(self, control_id, value):
        self.state.update(with_width(self.state, int(control_id[1:]), int(value)))
        self.rebuild()

    def load_csv(self, _, text):
        loaded = self.source.load(text)
        self.notice, self.message = ("" if loaded.whole else loaded.message), loaded.message
        if loaded.points is not None:
            self.rebuild(data=True)

    def on_click(self, control_id):
        self.pacer.disturbed, self.message = True, ""
        if control_id in self.ON_CLICK:
            getattr(self, self.ON_CLICK[control_id])()

    def play(self):
        self.playing = self.animating = not self.playing and not self.run.problem

    def step(self):
        self.playing = self.animating = False
        self.run.train(1)                                # (a diverged run trains no more)

    def reset(self):
        self.rebuild()
        self.message = f"Reset to the initial weights of seed {self.state['seed']}."

    def new_seed(self):
        self.state["seed"] = fresh_seed(self.state["seed"])
        self.rebuild()
        self.message = f"New initial weights from seed {self.state['seed']}."

    def new_data(self):
        self.state["dseed"] = fresh_seed(self.state["dseed"])
        self.rebuild(data=True)
        self.message = f"New points from data seed {self.state['dseed']}."

    def clear_points(self):
        if self.source.added:
            self.data = self.run.data = self.source.clear(self.run.data)
            self.run.refresh_data()
            self.message = "Your points are removed; the network keeps its weights."

    def toggle_export(self):
        self.exported = None if self.exported or self.run.problem else export.Export.of(self.run)

    def restore(self):
        if self.run.problem:
            self.message = (f"Back to the weights of epoch {self.run.restore()}. Lower the learning rate "
                            f"(now {number_text(self.state['lr'])}) before training again.")

    def on_pointer(self, phase, x, y):
        self.pacer.disturbed = True
        pressed = self.pointing.pointer(phase, x, y, self.layout, self.geometry()[0])
        if pressed and self.source.click != "off":
            full, self.message = self.source.full, self.source.add(self.run.data, *pressed)
            if not full:
                self.run.refresh_data()

    def on_key(self, key):
        self.pacer.disturbed = True
        if key == " ":
            return self.on_click("play")
        self.pointing.key(key, self.geometry()[0])

    def on_resize(self, width):
        super().on_resize(width)
        self.layout = make_layout(width)

    def tick(self, dt):
        if self.playing and not self.run.problem:
            self.pacer.train(self.run, dt, SPEEDS[self.state["speed"]])
        if not self.playing or self.run.problem:
            self.playing = self.animating = False

    def view(self):
        return self.pacer.time_render(super().view)

    def controls(self):
        return panel.visible(panel.controls(self), self.hidden_controls)

    def check_hide(self):
        panel.check_hide(self)

    @per_view
    def geometry(self):
        """The diagram's columns, and the gap between thumbnails in bitmap pixels."""
        return geometry(self.run, self.layout)

    @per_view
    def scores(self):
        """The run's accuracy and confusion counts: anew for every view, but while training at
        most every SCORES_EVERY seconds (a number that changes 30 times a second is unreadable,
        and scoring every point costs a frame more than the picture it sits under)."""
        now = time.perf_counter()
        if not (self.playing and self.scored[0] is self.run and now - self.scored[1] < SCORES_EVERY):
            self.scored = (self.run, now, self.run.scores())
        return self.scored[2]

    @per_view
    def target(self):
        return self.pointing.target(self.geometry()[0])

    def readout_text(self, target):
        return explain.readout(self.run, explain.Probe(self.run, self.pointing.probe), target, CLASS_NAMES)

    def scene(self):
        return self.painter.scene(self)

    def status(self):
        return words.status(self)
