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
