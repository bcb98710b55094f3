"""Declared settings: each one written once, everything else derived from it.

A widget lists its settings as `Setting`s: a name, a type, a default and a
range. That one declaration
  - checks a lesson's YAML (at build time), an embed's URL parameters and a
    shared link (in the browser), the same way;
  - gives the HTML control, when the setting has a `label` (a slider for a
    number, a switch for true/false, a menu for a choice);
  - clamps what that control sends back (a slider can't go past its range);
  - writes the share link: every shared setting the learner changed.
"""
from __future__ import annotations

import math

from . import controls

KINDS = ("float", "int", "bool", "choice", "str", "floats")


class Setting:
    """kind "floats" is a list of `length` numbers, each from lo to hi (e.g. a dragged line).

    `default_from(values)`, if given, picks the default from the other settings' values
    when the setting is not given (e.g. a switch that starts on for a low target)."""

    def __init__(self, name, kind, default, *, lo=None, hi=None, step=None, digits=None,
                 choices=None, label=None, doc="", shared=True, length=None, default_from=None):
        assert kind in KINDS, kind
        self.name, self.kind, self.default = name, kind, default
        self.default_from = default_from
        self.lo, self.hi, self.step, self.doc = lo, hi, step, doc
        self.label, self.shared, self.length = label, shared, length
        # choices: [value, ...] or {value: menu text}
        self.options = dict(choices) if isinstance(choices, dict) else {c: str(c) for c in choices or ()}
        self.choices = list(self.options)
        self.digits = digits if digits is not None else _digits_of(step)

    @property
    def is_control(self):
        """A setting with a label is shown as a control the learner can change."""
        return self.label is not None and self.kind in ("float", "int", "bool", "choice")

    def describe(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(str(c) for c in self.choices)
        if self.kind == "floats":
            return f"{self.length} numbers from {self.lo} to {self.hi}, separated by commas"
        if self.kind in ("float", "int") and self.lo is not None:
            noun = "an integer" if self.kind == "int" else "a number"
            return f"{noun} from {self.lo} to {self.hi}"
        return {"bool": "true or false", "str": "text", "float": "a number", "int": "an integer"}[self.kind]

    # -- strict: what an author or a link gives --------------------------------------
    def check(self, value, from_text=False):
        """The value converted to this setting's type, or ValueError with a sentence
        a course author can act on."""
        if from_text:
            value = _from_text(self.kind, value)
            if self.kind == "choice":  # a link's text names a choice that may be a number
                value = next((c for c in self.choices if str(c) == value), value)
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"must be true or false, got {value!r}")
            return value
        if self.kind in ("float", "int"):
            return self._check_number(value)
        if self.kind == "floats":
            if not isinstance(value, (list, tuple)) or len(value) != self.length:
                raise ValueError(f"must be {self.describe()}, got {value!r}")
            return [self._check_number(v) for v in value]
        if self.kind == "choice":
            if value not in self.choices:
                raise ValueError(f"must be {self.describe()}, got {value!r}")
            return value
        if not isinstance(value, str) or len(value) > 200:
            raise ValueError(f"must be a short text, got {value!r}")
        return value

    def _check_number(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be {self.describe()}, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"must be a finite number, got {value!r}")
        if self.kind == "int" and value != int(value):
            raise ValueError(f"must be a whole number, got {value!r}")
        if self.lo is not None and not (self.lo <= value <= self.hi):
            raise ValueError(f"must be from {self.lo} to {self.hi}, got {value!r}")
        return int(value) if self.kind == "int" else float(value)

    # -- forgiving: what a control sends back ------------------------------------------
    def clamp(self, value):
        """The allowed value nearest to what a control sent, or None if it is unusable."""
        if self.kind == "bool":
            return bool(value)
        if self.kind == "choice":
            return value if value in self.choices else None
        try:
            x = float(value)
        except (TypeError, ValueError):
            return None
        if not math.isfinite(x):
            return None
        if self.lo is not None:
            x = min(self.hi, max(self.lo, x))
        if self.step:
            origin = self.lo or 0
            x = origin + round((x - origin) / self.step) * self.step
            x = min(self.hi, x) if self.hi is not None else x
        return int(round(x)) if self.kind == "int" else round(x, self.digits + 2)

    def control(self, value):
        """The HTML control for this setting, showing `value`."""
        if self.kind == "bool":
            return controls.toggle(self.name, self.label, value)
        if self.kind == "choice":
            return controls.choice(self.name, self.label, value, list(self.options.items()))
        return controls.slider(self.name, self.label, value, self.lo, self.hi,
                               self.step or 1, digits=self.digits)

    def to_text(self, value):
        """How the value is written in a link; check(to_text(v), from_text=True) == v."""
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "floats":
            return ",".join(repr(float(v)) for v in value)
        return repr(value) if self.kind == "float" else str(value)


def _digits_of(step):
    if not step or step >= 1:
        return 0 if step else 2
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _from_text(kind, text):
    """Turn a URL parameter (always text) into the value YAML would have given."""
    if not isinstance(text, str):
        return text
    if kind == "bool":
        return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(text.lower(), text)
    if kind == "floats":
        return [_number(part) for part in text.split(",")] if text else []
    if kind in ("float", "int"):
        return _number(text, whole=kind == "int")
    return text


def _number(text, whole=False):
    try:
        return int(text) if whole and text.strip().lstrip("+-").isdigit() else float(text)
    except ValueError:
        return text


def validate(settings, raw, from_text=False):
    """Check a mapping of settings against the declaration.

    Returns (values, problems): values has every setting (the default where the
    given value was missing or wrong); problems is a list of (key, message).
    Nothing raises: a bad value is reported and replaced by its default.
    """
    by_name = {s.name: s for s in settings}
    values = {s.name: _copy(s.default) for s in settings}
    problems = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return values, [(None, "settings must be a list of `key: value` lines")]
    for key, value in raw.items():
        setting = by_name.get(key)
        if setting is None:
            known = ", ".join(by_name) or "none"
            problems.append((key, f"unknown setting '{key}' (known settings: {known})"))
            continue
        try:
            values[key] = setting.check(value, from_text)
        except ValueError as err:
            problems.append((key, f"'{key}' {err}"))
    given = {key for key in raw if key in by_name and key not in {k for k, _ in problems}}
    for s in settings:
        if s.default_from is not None and s.name not in given:
            values[s.name] = s.check(s.default_from(values))
    return values, problems


def _copy(value):
    return list(value) if isinstance(value, list) else value
