"""Where a run's points come from, besides the settings: a pasted CSV and the learner's clicks.

The settings name a dataset (and its noise, split and seed); with "csv" the
points are the last CSV that had a usable row. Points the learner clicks onto
the plot join the training points and stay while the task stays the same.
"""
from __future__ import annotations

from .data import MAX_ADDED, SAMPLE_CSV, Point, built_in, from_csv, split
from .setup import CLICKS, task_for


class Source:
    def __init__(self):
        self.csv_text = SAMPLE_CSV
        self.csv = None           # the last good CSV's points (data.Points)
        self.added = []           # the learner's clicked points (data.Point)
        self.click = "off"        # what a click on the plot adds: "off" or a label

    def task(self, data_name):
        return task_for(data_name, self.csv and self.csv.task)

    def data(self, config):
        """The points a run learns: the chosen dataset (or the CSV's), then the learner's clicks."""
        if config["data"] == "csv":
            if self.csv is None:
                self.csv = from_csv(self.csv_text).points
            data = split(self.csv, config["split"], config["dseed"])
        else:
            data = built_in(config["data"], config["noise"], config["split"], config["dseed"])
        for point in self.added:
            data.add(*point)
        return data

    def forget_clicks(self):
        self.added, self.click = [], "off"

    def clear(self, data):
        """Forget the clicked points; returns `data` without them."""
        self.added = []
        return data.without_added()

    def load(self, text):
        """Read a pasted CSV and keep its points if a row was usable; returns the data.Loaded."""
        self.csv_text = str(text)
        loaded = from_csv(self.csv_text)
        if loaded.points is not None:
            if self.csv is None or loaded.points.task != self.csv.task:
                self.forget_clicks()
            self.csv = loaded.points
        return loaded

    def set_click(self, value, task):
        if str(value) in dict(CLICKS[task]):
            self.click = str(value)

    @property
    def full(self):
        return len(self.added) >= MAX_ADDED

    def add(self, data, x1, x2):
        """The clicked point joins `data` as a training point; returns what to tell the learner."""
        if self.full:
            return (f"You have added {MAX_ADDED} points, the most the plot takes. "
                    "Remove your points to add new ones.")
        point = Point(x1, x2, float(self.click) if data.task == "regression" else int(self.click))
        self.added.append(point)
        data.add(*point)
        return (f"Added a training point at ({x1:.1f}, {x2:.1f}); "
                f"{len(self.added)} of yours so far. The network keeps training from where it is.")
