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


SIX_LAYERS = {"layers": "6", **{f"n{i}": "8" for i in range(1, 7)}, "batch": "1"}


def _pictures(answer):
    return [item for item in json.loads(answer)["scene"]["items"] if item["t"] == "image"]


def test_a_picture_the_page_already_holds_travels_as_its_key_alone():
    created = _pictures(bridge.create("net", "mlp-trainer", "{}", False, json.dumps(SIX_LAYERS)))
    assert len(created) >= 9 and all("data" in p and p["key"] for p in created)   # heatmap + 8 columns
    last = created
    play = {"type": "click", "id": "play"}             # (a coarser grid while training: all new pictures)
    for event in ({"type": "resize", "width": 900}, play, {"type": "tick", "dt": 0.02}, {"type": "tick", "dt": 0.02}):
        answer = _pictures(bridge.event("net", json.dumps(event)))
        held = {p["key"] for p in last}
        for picture in answer:            # pixels again exactly when the last answer lacked that key
            assert ("data" in picture) == (picture["key"] not in held), (event, picture["key"])
        assert event is play or any("data" not in p for p in answer)   # the inputs' column stays
        last = answer
    again = _pictures(bridge.event("net", json.dumps({"type": "refresh"})))
    assert all("data" in p for p in again)
    assert {p["key"] for p in again} == {p["key"] for p in last}


def test_a_key_stands_for_its_pixels_and_the_widget_keeps_its_own_scene():
    bridge.create("keys", "mlp-trainer", "{}", False, json.dumps(SIX_LAYERS))
    widget = bridge._live["keys"]
    answer = _pictures(bridge.event("keys", json.dumps({"type": "resize", "width": 900})))
    own = [item for item in widget.view()["scene"]["items"] if item["t"] == "image"]
    assert all("data" in item and "key" not in item for item in own)
    by_key = {}
    for item in own:
        key = next(p["key"] for p in answer if (p["x"], p["y"], p["w"], p["h"]) == (item["x"], item["y"], item["w"], item["h"]))
        assert by_key.setdefault(key, item["data"]) == item["data"]
    assert len(set(by_key.values())) == len(by_key)      # different pixels, different keys


def test_a_group_the_page_holds_travels_as_its_key_alone_until_it_changes():
    def groups(answer):                                     # (the diagram's frames are groups too)
        return {item["key"]: item for item in json.loads(answer)["scene"]["items"]
                if item["t"] == "group" and "/points" in item["key"]}
    created = groups(bridge.create("g", "mlp-trainer", "{}", False, "{}"))
    (key, points), = created.items()                       # the data points, 500 circles
    assert key.startswith("g/") and len(points["items"]) == 500
    again = groups(bridge.event("g", json.dumps({"type": "click", "id": "play"})))
    assert again == {key: {"t": "group", "key": key}}
    new_data = groups(bridge.event("g", json.dumps({"type": "input", "id": "data", "value": "xor"})))
    (new_key, new_points), = new_data.items()
    assert new_key != key and new_points["items"] and new_points["items"] != points["items"]


def test_controls_travel_only_when_they_change():
    created = json.loads(bridge.create("ctl", "mlp-trainer", "{}", False, "{}"))
    assert created["controls"]
    playing = json.loads(bridge.event("ctl", json.dumps({"type": "click", "id": "play"})))
    assert any(c["label"] == "Pause" for c in playing["controls"])             # Play became Pause
    ticks = [json.loads(bridge.event("ctl", json.dumps({"type": "tick", "dt": 0.02}))) for _ in range(3)]
    assert all("controls" not in t and t["scene"] for t in ticks)             # training: the same controls
    slid = json.loads(bridge.event("ctl", json.dumps({"type": "input", "id": "batch", "value": 11})))
    assert next(c for c in slid["controls"] if c["id"] == "batch")["value"] == 11
    assert "controls" in json.loads(bridge.event("ctl", json.dumps({"type": "input", "id": "batch", "value": 11})))
    assert "controls" in json.loads(bridge.event("ctl", json.dumps({"type": "refresh"})))
    assert "controls" in json.loads(bridge.create("ctl", "mlp-trainer", "{}", False, "{}"))   # a new page


def test_an_input_to_an_animating_widget_is_answered_with_its_picture():
    bridge.create("bn", "batch-norm", "{}", False, "{}")
    assert json.loads(bridge.event("bn", json.dumps({"type": "click", "id": "train"})))["animating"]
    slid = json.loads(bridge.event("bn", json.dumps({"type": "input", "id": "gamma", "value": 2.0})))
    assert slid["animating"] and slid["scene"]["items"]         # the new γ's histogram, drawn at once
