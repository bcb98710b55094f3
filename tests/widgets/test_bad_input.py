"""Bad input of any kind never breaks a widget: through the door the page uses (Widget.receive),
every control of every widget is sent values no real control sends (empty, text, NaN, infinity,
huge, wrong types) and ids it does not show, then pointer events far outside the scene and odd
keys; the widget keeps answering with a JSON view and keeps its settings valid."""
import json
import pytest

from kit.settings import validate
from widgets import registry

GARBAGE = [None, "", "abc", float("nan"), float("inf"), -float("inf"), 1e300, -1e300, [1, 2], {"a": 1}, True, "1e999"]


@pytest.mark.parametrize("name", sorted(registry()))
def test_every_control_survives_garbage_and_the_state_stays_valid(name):
    cls = registry()[name]
    w = cls()
    for control in w.controls():
        if control["kind"] in ("group", "code"):
            continue
        for value in GARBAGE:
            w.receive("click" if control["kind"] == "button" else "input", control["id"], value)
            view = json.loads(json.dumps(w.view(), allow_nan=False))
            assert "scene" in view
        _, problems = validate(cls.settings, w.state)
        assert not problems, (control["id"], problems)
    w.receive("input", "no-such-control", 1.0)
    w.receive("click", "no-such-button")
    for phase, x, y in (("down", -1e9, 1e9), ("move", 1e9, 0), ("up", 1e9, -1e9), ("hover", 0, 0)):
        try:
            w.on_pointer(phase, x, y)
        except ValueError:
            pytest.fail(f"{name}: pointer at ({x}, {y}) raised")
    for key in ("ArrowLeft", "Enter", " ", "x", ""):
        w.on_key(key)
    json.dumps(w.view(), allow_nan=False)
