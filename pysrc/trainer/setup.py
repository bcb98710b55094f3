"""The trainer's declared settings, the values each one offers, and what they mean.

Every setting is a Param, so a lesson's YAML, an embed URL and a shared link are
all checked by this one list. The learning rate and the regularization rate are
numbers in the declaration (so `lr: 0.03` works in YAML and `lr=0.03` in a URL)
and are snapped to the nearest value of TensorFlow Playground's lists.
"""
from __future__ import annotations

import math

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

# param name -> (engine feature name, how the learner reads it, as PyTorch code on x1, x2)
FEATURES = {
    "x1": ("x1", "x₁", "x1"),
    "x2": ("x2", "x₂", "x2"),
    "x1sq": ("x1^2", "x₁²", "x1 ** 2"),
    "x2sq": ("x2^2", "x₂²", "x2 ** 2"),
    "x1x2": ("x1*x2", "x₁x₂", "x1 * x2"),
    "sin1": ("sin(x1)", "sin x₁", "torch.sin(x1)"),
    "sin2": ("sin(x2)", "sin x₂", "torch.sin(x2)"),
}

ACTIVATIONS = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "sigmoid", "linear": "linear"}
OPTIMIZERS = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}
REGULARIZERS = {"none": "None", "l1": "L1", "l2": "L2"}
LOSSES = {"ce": "Cross-entropy", "mse": "Squared error"}

# speed level -> epochs per second (None: as many as fit in each frame's budget)
SPEEDS = {1: 1, 2: 3, 3: 10, 4: 30, 5: 60, 6: 120, 7: None}
DEFAULT_WIDTHS = (4, 2, 4, 4, 4, 4)

PARAMS = [
    Setting("data", "choice", "circle", choices=list(DATASETS), doc="the dataset"),
    Setting("noise", "int", 0, lo=0, hi=50, doc="noise, in percent"),
    Setting("split", "int", 50, lo=10, hi=90, doc="percent of the points used for training"),
    Setting("dseed", "int", 1, lo=0, hi=99999, doc="seed of the data points"),
    *[Setting(name, "bool", name in ("x1", "x2"), doc=f"input feature {shown}")
      for name, (_, shown, _) in FEATURES.items()],
    Setting("layers", "int", 2, lo=0, hi=MAX_LAYERS, doc="number of hidden layers"),
    *[Setting(f"n{k}", "int", DEFAULT_WIDTHS[k - 1], lo=1, hi=MAX_WIDTH, doc=f"neurons in hidden layer {k}")
      for k in range(1, MAX_LAYERS + 1)],
    Setting("act", "choice", "tanh", choices=list(ACTIVATIONS), doc="hidden activation"),
    Setting("lr", "float", 0.03, lo=LEARNING_RATES[0], hi=LEARNING_RATES[-1], doc="learning rate"),
    Setting("batch", "int", 10, lo=1, hi=30, doc="batch size"),
    Setting("opt", "choice", "sgd", choices=list(OPTIMIZERS), doc="optimizer"),
    Setting("reg", "choice", "none", choices=list(REGULARIZERS), doc="regularization"),
    Setting("rate", "float", 0.001, lo=REG_RATES[0], hi=REG_RATES[-1], doc="regularization rate"),
    Setting("loss", "choice", "ce", choices=list(LOSSES), doc="loss for classification"),
    Setting("seed", "int", 2, lo=0, hi=99999, doc="seed of the initial weights and batch order"),
    Setting("speed", "int", 7, lo=1, hi=len(SPEEDS), doc="speed, 1 (slowest) to 7 (as fast as possible)"),
]


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
