"""Declared settings of a widget.

Each widget lists its settings once, as `Param`s: a name, a type, a default and
a range. That single declaration checks three kinds of input the same way: the
YAML an author writes in a lesson (at build time), the query string of an embed
page and a shared link (in the browser).
"""
from __future__ import annotations

import math

KINDS = ("float", "int", "bool", "choice", "str")


class Param:
    def __init__(self, name, kind, default, *, lo=None, hi=None, choices=None, doc=""):
        assert kind in KINDS, kind
        self.name, self.kind, self.default = name, kind, default
        self.lo, self.hi, self.choices, self.doc = lo, hi, choices, doc

    def describe(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(str(c) for c in self.choices)
        if self.kind in ("float", "int") and self.lo is not None:
            return f"a{'n' if self.kind == 'int' else ''} {'integer' if self.kind == 'int' else 'number'} from {self.lo} to {self.hi}"
        return {"bool": "true or false", "str": "text", "float": "a number", "int": "an integer"}[self.kind]

    def check(self, value, from_text=False):
        """Return the value converted to this param's type, or raise ValueError
        with a sentence a course author can act on."""
        if from_text:
            value = _from_text(self.kind, value)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"must be true or false, got {value!r}")
            return value
        if self.kind in ("float", "int"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"must be {self.describe()}, got {value!r}")
            if self.kind == "int" and value != int(value):
                raise ValueError(f"must be a whole number, got {value!r}")
            if not math.isfinite(value):
                raise ValueError(f"must be a finite number, got {value!r}")
            if self.lo is not None and not (self.lo <= value <= self.hi):
                raise ValueError(f"must be from {self.lo} to {self.hi}, got {value!r}")
            return int(value) if self.kind == "int" else float(value)
        if self.kind == "choice":
            if value not in self.choices:
                raise ValueError(f"must be {self.describe()}, got {value!r}")
            return value
        if not isinstance(value, str) or len(value) > 200:
            raise ValueError(f"must be a short text, got {value!r}")
        return value


def _from_text(kind, text):
    """Turn a URL parameter (always text) into the value YAML would have given."""
    if not isinstance(text, str):
        return text
    if kind == "bool":
        return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(text.lower(), text)
    if kind in ("float", "int"):
        try:
            return float(text) if kind == "float" or "." in text or "e" in text.lower() else int(text)
        except ValueError:
            return text
    return text


def validate(params, raw, from_text=False):
    """Check a mapping of settings against the declaration.

    Returns (config, problems): config has every param (the default where the
    given value was missing or wrong); problems is a list of (key, message).
    Nothing raises: a bad value is reported and replaced by its default.
    """
    by_name = {p.name: p for p in params}
    config = {p.name: p.default for p in params}
    problems = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return config, [(None, "settings must be a list of `key: value` lines")]
    for key, value in raw.items():
        param = by_name.get(key)
        if param is None:
            known = ", ".join(by_name) or "none"
            problems.append((key, f"unknown setting '{key}' (known settings: {known})"))
            continue
        try:
            config[key] = param.check(value, from_text)
        except ValueError as err:
            problems.append((key, f"'{key}' {err}"))
    return config, problems
