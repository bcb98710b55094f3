"""The course's widgets. Each module in this package defines one or more
Widget subclasses; `registry()` finds them all by their `name`."""
from __future__ import annotations

import importlib
import pkgutil

from .base import Widget

_INFRASTRUCTURE = {"base", "params", "scene"}


def registry():
    """{widget name: class} for every widget in this package."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in _INFRASTRUCTURE or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Widget) and value is not Widget \
                    and value.__module__ == module.__name__:
                found[value.name] = value
    return found
