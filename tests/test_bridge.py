"""The browser's door into the widgets: settings from a URL are checked by the
widget's own declaration, and every failure comes back as data."""
from __future__ import annotations

import json

import helpers  # noqa: F401  (puts pysrc/ on the path)
import bridge


def test_url_settings_override_the_lesson_config():
    view = json.loads(bridge.create("a", "dimmer-game", json.dumps({"target": 0.8}), False,
                                    json.dumps({"target": "0.3"})))
    assert "target 0.30" in view["status"]
    assert view["notice"] == ""


def test_a_bad_url_setting_is_named_and_the_lesson_value_kept():
    for bad in ("7", "<script>alert(1)</script>", "nan", ""):
        view = json.loads(bridge.create("b", "dimmer-game", json.dumps({"target": 0.8}), False,
                                        json.dumps({"target": bad, "colour": "red"})))
        assert "target 0.80" in view["status"]
        assert "'target'" in view["notice"] and "unknown setting 'colour'" in view["notice"]


def test_errors_travel_as_data():
    answer = json.loads(bridge.call(bridge.event, "no-such-widget", json.dumps({"type": "click", "id": "x"})))
    assert "KeyError" in answer["error"]
    answer = json.loads(bridge.call(bridge.create, "c", "no-such-widget", "{}"))
    assert "no-such-widget" in answer["error"]


def test_every_widget_lives_in_the_module_named_after_it():
    from widgets import load, registry
    for name, cls in registry().items():
        assert load(name) is cls
    for bad in ("no-such-widget", "base", "params", "../bridge", "_private"):
        try:
            load(bad)
        except KeyError as err:
            assert bad in str(err)
        else:
            raise AssertionError(f"{bad!r} loaded")


def test_a_page_imports_only_the_widgets_it_shows():
    import subprocess
    import sys
    from helpers import ROOT
    code = ("import sys, json, bridge; bridge.create('a', 'dimmer-game', '{}');"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('widgets.', 'trainer')))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "pysrc", capture_output=True, text=True)
    assert json.loads(done.stdout) == ["widgets.dimmer_game"]
