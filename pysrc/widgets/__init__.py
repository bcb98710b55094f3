"""The course's widgets. Each widget lives in the module named after it
(`neuron-gate` in neuron_gate.py): `load(name)` imports just that one, which is
all a page needs; `registry()` imports them all, for the build and the tests."""
from __future__ import annotations

import importlib
import pkgutil

from kit import Widget


def module_name(widget_name):
    return widget_name.replace("-", "_")


def _classes(module):
    return [value for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Widget) and value is not Widget
            and value.__module__ == module.__name__]


def load(name):
    """The widget class called `name`; raises KeyError naming it if there is none."""
    module = module_name(name)
    if module.startswith("_") or not module.replace("_", "").isalnum():
        raise KeyError(f"no widget called {name!r}")
    try:
        found = importlib.import_module(f"{__name__}.{module}")
    except ModuleNotFoundError:
        raise KeyError(f"no widget called {name!r}") from None
    for cls in _classes(found):
        if cls.name == name:
            return cls
    raise KeyError(f"no widget called {name!r}")


def registry():
    """{widget name: class} for every widget in this package."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        for cls in _classes(importlib.import_module(f"{__name__}.{info.name}")):
            found[cls.name] = cls
    return found
