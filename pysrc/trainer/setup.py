"""The trainer's declared settings, the values each one offers, and what they mean.

Every setting is declared once, so a lesson's YAML, an embed URL, a shared link
and the controls are all checked by this one list. The learning rate and the
regularization rate are numbers in the declaration (so `lr: 0.03` works in YAML
and `lr=0.03` in a URL) and always one of TensorFlow Playground's values (Listed).
"""
from __future__ import annotations

import math
import random
from typing import NamedTuple

from kit import controls
from kit.settings import Setting

N_POINTS = 500          # points per built-in dataset, as in Playground
MAX_LAYERS, MAX_WIDTH = 6, 8

LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

# data value -> (menu text, task); task is binary, multiclass or regression
DATASETS = {
    "circle": ("Circle", "binary"),
    "xor": ("XOR", "binary"),
    "gauss": ("Two Gaussians", "binary"),
    "spiral": ("Spiral", "binary"),
    "gauss3": ("3 Gaussians (3 classes)", "multiclass"),
    "spiral3": ("3-arm spiral (3 classes)", "multiclass"),
    "plane": ("Plane (regression)", "regression"),
    "wave": ("Wave (regression)", "regression"),
    "csv": ("Your own (CSV)", None),       # the task follows the labels pasted
}

class Feature(NamedTuple):
    engine: str      # the engine's name for it (engine/features.py)
    shown: str       # how the learner reads it
    torch: str       # as PyTorch code on the columns x1, x2


# setting name -> Feature
FEATURES = {
    "x1": Feature("x1", "x₁", "x1"),
    "x2": Feature("x2", "x₂", "x2"),
    "x1sq": Feature("x1^2", "x₁²", "x1 ** 2"),
    "x2sq": Feature("x2^2", "x₂²", "x2 ** 2"),
    "x1x2": Feature("x1*x2", "x₁x₂", "x1 * x2"),
    "sin1": Feature("sin(x1)", "sin x₁", "torch.sin(x1)"),
    "sin2": Feature("sin(x2)", "sin x₂", "torch.sin(x2)"),
}

ACTIVATIONS = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "sigmoid", "linear": "linear"}
OPTIMIZERS = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}
REGULARIZERS = {"none": "None", "l1": "L1", "l2": "L2"}
LOSSES = {"ce": "Cross-entropy", "mse": "Squared error"}

# task -> what a click on the plot may add: (choice value, menu text); the value is the label
CLICKS = {"binary": [("off", "nothing"), ("0", "an orange point (class 0)"), ("1", "a blue point (class 1)")],
          "multiclass": [("off", "nothing"), ("0", "an orange point (class 0)"),
                         ("1", "a blue point (class 1)"), ("2", "a green point (class 2)")],
          "regression": [("off", "nothing"), ("1", "a point of value +1"), ("-1", "a point of value −1")]}

# speed level -> epochs per second (None: as many as fit in each frame's budget)
SPEEDS = {1: 1, 2: 3, 3: 10, 4: 30, 5: 60, 6: 120, 7: None}
DEFAULT_WIDTHS = (4, 2, 4, 4, 4, 4)

class Listed(Setting):
    """A number that is always one of `values` (Playground's list of rates): a lesson's or a
    link's number is moved to the nearest one (`lr: 0.05` trains at 0.03), and its control
    is a menu of them. Declared as a number, so YAML and links write it as one."""

    def __init__(self, name, default, values, **options):
        super().__init__(name, "float", default, lo=values[0], hi=values[-1], **options)
        self.values = values

    def describe(self):
        return "one of " + ", ".join(number_text(v) for v in self.values) + " (the nearest is taken)"

    def check(self, value, from_text=False):
        return snap(super().check(value, from_text), self.values)

    def clamp(self, value):
        try:
            x = float(value)
        except (TypeError, ValueError):
            return None
        return snap(min(self.hi, max(self.lo, x)), self.values) if math.isfinite(x) else None

    def control(self, value):
        shown = [(number_text(v), number_text(v)) for v in self.values]
        return controls.choice(self.name, self.label, number_text(value), shown)


PARAMS = [
    Setting("data", "choice", "circle", choices={k: text for k, (text, _) in DATASETS.items()},
            label="Data", doc="the dataset"),
    Setting("noise", "int", 0, lo=0, hi=50, step=5, label="Noise %", doc="noise, in percent"),
    Setting("split", "int", 50, lo=10, hi=90, step=10, label="Training %",
            doc="percent of the points used for training"),
    Setting("dseed", "int", 1, lo=0, hi=99999, doc="seed of the data points"),
    *[Setting(name, "bool", name in ("x1", "x2"), label=feature.shown, doc=f"input feature {feature.shown}")
      for name, feature in FEATURES.items()],
    Setting("layers", "int", 2, lo=0, hi=MAX_LAYERS, doc="number of hidden layers"),
    *[Setting(f"n{k}", "int", DEFAULT_WIDTHS[k - 1], lo=1, hi=MAX_WIDTH, doc=f"neurons in hidden layer {k}")
      for k in range(1, MAX_LAYERS + 1)],
    Setting("act", "choice", "tanh", choices=ACTIVATIONS, label="Activation", doc="hidden activation"),
    Listed("lr", 0.03, LEARNING_RATES, label="Learning rate", doc="learning rate"),
    Setting("batch", "int", 10, lo=1, hi=30, step=1, label="Batch size", doc="batch size"),
    Setting("opt", "choice", "sgd", choices=OPTIMIZERS, label="Optimizer", doc="optimizer"),
    Setting("beta", "float", 0.9, lo=0.0, hi=0.99, step=0.01, label="Momentum β",
            doc="momentum β: the share of the previous step each step keeps (Momentum; Adam's β₁)"),
    Setting("loss", "choice", "ce", choices=LOSSES, label="Loss", doc="loss for classification"),
    Setting("reg", "choice", "none", choices=REGULARIZERS, label="Regularization", doc="regularization"),
    Listed("rate", 0.001, REG_RATES, label="Regularization rate", doc="regularization rate"),
    Setting("seed", "int", 2, lo=0, hi=99999, doc="seed of the initial weights and batch order"),
    Setting("speed", "int", 7, lo=1, hi=len(SPEEDS), step=1, label="Speed",
            doc="speed, 1 (slowest) to 7 (as fast as possible)"),
]
LIVE = ("lr", "batch", "opt", "beta", "loss", "reg", "rate")   # applied between two epochs, weights kept
BETA_OF = {"momentum": "Momentum β", "adam": "Adam's β₁"}       # optimizers that have a β, and its name


def snap(value, options):
    """The option nearest to value (on a log scale, so 0.05 goes to 0.03, not 0.1)."""
    def distance(option):
        if option == 0 or value == 0:
            return 0.0 if option == value else (abs(option - value) + 1e9 * (option == 0))
        return abs(math.log10(option) - math.log10(value))
    return min(options, key=distance)


def number_text(x):
    """0.00001, 0.03, 1, 10: how Playground writes its rates."""
    return f"{x:.5f}".rstrip("0").rstrip(".") if x < 1 else f"{x:g}"


def hidden_sizes(config):
    return [config[f"n{k}"] for k in range(1, config["layers"] + 1)]


def feature_keys(config):
    """The param names of the features switched on, in the fixed order of FEATURES."""
    return [key for key in FEATURES if config[key]]


def task_of(data_name):
    return DATASETS[data_name][1]


def task_for(data_name, csv_task):
    """binary, multiclass or regression: a CSV's task follows its labels."""
    return (csv_task if data_name == "csv" else task_of(data_name)) or "binary"


def fresh_seed(old):
    new = random.randrange(100000)
    return new if new != old else (old + 1) % 100000


def with_width(config, k, width):
    """The settings that change when hidden layer k is set to `width` neurons (0: off).
    Switching a layer off removes it and the ones after it; switching on a layer past the
    last adds the ones between, with the same width."""
    layers = config["layers"]
    if width == 0:
        return {"layers": min(layers, k - 1)}
    changes = {f"n{j}": width for j in range(layers + 1, k)}
    return {**changes, f"n{k}": min(MAX_WIDTH, max(1, width)), "layers": max(layers, k)}
