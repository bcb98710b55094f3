"""The points the trainer learns from: built-in datasets, clicked points, CSV.

A `Data` holds every point with its label and whether it is used for training
(the rest are test points, never trained on). The engine makes the built-in
datasets and parses CSV; this file only adds the learner's clicked points and
plain-words messages about a pasted CSV.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from engine import make_dataset, parse_csv, train_test_split
from engine.data import LIMIT

from .setup import N_POINTS, task_of

MAX_CSV_POINTS = 2000      # more would make every epoch, and so every frame, slow
MAX_ADDED = 300            # points a learner may click in

ENGINE_NAMES = {"circle": "circle", "xor": "xor", "gauss": "two_gaussians", "spiral": "spiral",
                "gauss3": "three_gaussians", "spiral3": "three_spirals", "plane": "plane", "wave": "wave"}


class Point(NamedTuple):
    """A point the learner clicked in: always a training point."""
    x1: float
    x2: float
    label: float


class Points(NamedTuple):
    """Labelled points before the train/test split (e.g. a pasted CSV's)."""
    X: np.ndarray
    y: np.ndarray
    task: str


class Loaded(NamedTuple):
    """What reading a CSV gave: its points (None if no row was usable), a message for the
    learner, and whether every row was used."""
    points: Points | None
    message: str
    whole: bool

SAMPLE_CSV = """x1,x2,label
# Paste your own points here: one  x1,x2,label  per line, label 0 or 1
# (or 0, 1, 2 for three classes, or any number for regression). The plot shows -6 to 6.
-3,-3,0
-2,-4,0
-4,-1.5,0
-1.5,-2.5,0
-3.5,1,0
3,3,1
2,4,1
4,1.5,1
1.5,2.5,1
3.5,-1,1
0.5,-4.5,0
-0.5,4.5,1
"""


class Data:
    def __init__(self, X, y, is_train, task):
        self.X = np.asarray(X, dtype=float).reshape(-1, 2)
        self.y = np.asarray(y, dtype=float if task == "regression" else int).reshape(-1)
        self.is_train = np.asarray(is_train, dtype=bool).reshape(-1)
        self.task = task
        self.n_classes = 3 if task == "multiclass" else (2 if task == "binary" else 0)
        self.n_added = 0            # points the learner clicked in (all training points)

    @property
    def train(self):
        return self.X[self.is_train], self.y[self.is_train]

    @property
    def test(self):
        return self.X[~self.is_train], self.y[~self.is_train]

    def add(self, x1, x2, label):
        """A clicked point joins the training data (the network keeps its weights)."""
        self.X = np.vstack([self.X, [[x1, x2]]])
        self.y = np.append(self.y, label).astype(self.y.dtype)
        self.is_train = np.append(self.is_train, True)
        self.n_added += 1

    def without_added(self):
        keep = len(self.X) - self.n_added
        return Data(self.X[:keep], self.y[:keep], self.is_train[:keep], self.task)


def split(points, train_percent, seed):
    """Mark train_percent of the points (shuffled by seed) as training points."""
    order = np.random.default_rng(seed).permutation(len(points.X))
    is_train = np.zeros(len(points.X), dtype=bool)
    is_train[order[:int(round(train_percent / 100 * len(points.X)))]] = True
    return Data(points.X, points.y, is_train, points.task)


def built_in(name, noise_percent, train_percent, seed):
    """A built-in dataset, its points from `seed`, split train/test by `seed` too."""
    X, y = make_dataset(ENGINE_NAMES[name], N_POINTS, noise_percent / 100, seed)
    # The engine's own splitter decides which points train (so does every test of it).
    X_train, X_test, y_train, y_test = train_test_split(X, y, train_percent / 100, seed)
    is_train = np.r_[np.ones(len(X_train), bool), np.zeros(len(X_test), bool)]
    return Data(np.vstack([X_train, X_test]), np.r_[y_train, y_test], is_train, task_of(name))


def from_csv(text):
    """Loaded(points, message, whole): bad rows are named by line and skipped, good rows kept;
    `whole` is False when any row was skipped or left out. No points when no row is usable:
    the caller keeps the data it had."""
    X, y, errors = parse_csv(text, task="regression")        # every finite label, to decide the task
    if not len(y) or np.all(y == np.round(y)):                # whole numbers: class labels
        X, y, errors = parse_csv(text, task="classification")
        task = "multiclass" if len(y) and y.max() == 2 else "binary"
    else:
        task = "regression"
    problems = "; ".join(f"line {line}: {message}" for line, message in errors[:6])
    if len(errors) > 6:
        problems += f"; and {len(errors) - 6} more bad lines"
    if len(X) < 2:
        why = f" ({problems})" if problems else ""
        return Loaded(None, f"No usable rows in the CSV{why}. Your previous data is kept.", False)
    dropped = max(0, len(X) - MAX_CSV_POINTS)
    X, y = X[:MAX_CSV_POINTS], y[:MAX_CSV_POINTS]
    kind = {"binary": "two classes", "multiclass": "three classes", "regression": "regression values"}[task]
    message = f"Loaded {len(X)} points ({kind})."
    outside = int(np.sum(np.abs(X) > LIMIT))
    if outside:
        message += f" {outside} lie outside the plot's -6…6 square: they are trained on but drawn at its edge."
    if dropped:
        message += (f" Only the first {MAX_CSV_POINTS:,} points are used, so that training stays live;"
                    f" {dropped:,} more were left out.")
    if errors:
        message += f" Skipped {len(errors)} bad line{'s' if len(errors) > 1 else ''}: {problems}."
    return Loaded(Points(X, y, task), message, not (errors or dropped))
