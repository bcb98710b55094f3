"""The contract every widget keeps, checked for each widget in registry() (a new
widget is covered by adding its file): it starts from its defaults and from random
valid settings, its views are JSON, every control is accepted in several states,
its snapshot renders, its link restores what the learner set, a bad link value or
a bad `hide` gives a notice, and `hide` removes a control."""
import json

import numpy as np
import pytest

from buildlib.snapshot import controls_html, scene_svg
from helpers import press_every_control
from widgets import registry

WIDGETS = registry()
HEAVY = {"mlp-trainer"}   # a live trainer: fewer states, so the whole file stays fast


def random_value(s, rng):
    """A valid value for setting s, drawn from its declaration."""
    if s.kind == "bool":
        return bool(rng.integers(2))
    if s.kind == "choice":
        return s.choices[int(rng.integers(len(s.choices)))]
    if s.kind == "floats":
        return [float(v) for v in rng.uniform(s.lo, s.hi, s.length)]
    if s.kind in ("float", "int") and s.lo is not None:
        return int(rng.integers(s.lo, s.hi + 1)) if s.kind == "int" else float(rng.uniform(s.lo, s.hi))
    return s.default


def random_config(cls, seed):
    rng = np.random.default_rng(seed)
    return {s.name: random_value(s, rng) for s in cls.settings}


def settle(w, ticks=3):
    """Let an animation run out (a training widget may only pause: that is fine)."""
    for _ in range(ticks):
        if not w.animating:
            break
        w.tick(0.1)


def example_states(cls):
    """A few states of the widget as a page reaches them: its defaults, random settings,
    a phone's width, and after its buttons (mid-animation)."""
    yield cls()
    for seed in ((0,) if cls.name in HEAVY else (0, 1)):
        yield cls(random_config(cls, seed))
    if cls.name in HEAVY:
        return
    w = cls()
    w.on_resize(375)
    yield w
    w = cls()
    for c in w.controls():
        if c["kind"] == "button" and not c.get("disabled"):
            w.on_click(c["id"])
    w.tick(0.1)
    yield w


def change_every_control(w):
    """Set every control to another value (sliders to an end, switches flipped, another
    choice), press every button, and let the result settle."""
    for cid in [c["id"] for c in w.controls()]:
        c = next((c for c in w.controls() if c["id"] == cid), None)
        if c is None or c.get("disabled"):
            continue
        if c["kind"] == "slider":
            w.on_input(cid, c["max"] if c["value"] != c["max"] else c["min"])
        elif c["kind"] == "toggle":
            w.on_input(cid, not c["value"])
        elif c["kind"] == "choice":
            w.on_input(cid, next(v for v, _ in c["options"] if v != c["value"]))
        elif c["kind"] == "button":
            w.on_click(cid)
            settle(w)


NAMES = sorted(WIDGETS)


def test_the_registry_finds_every_widget_module():
    assert len(NAMES) >= 6 and {"dimmer-game", "neuron-gate", "forward-pass", "layers", "xor",
                                "init-race"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_starts_views_are_json_controls_accepted_and_snapshot_renders(name):
    cls = WIDGETS[name]
    for w in example_states(cls):
        view = w.view()
        json.dumps(view, allow_nan=False)
        assert scene_svg(view["scene"]).startswith("<svg")
        assert isinstance(controls_html("contract", view["controls"]), str)
        press_every_control(w)
        settle(w)
        json.dumps(w.view(), allow_nan=False)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lesson_seed", [None, 3])
def test_share_link_restores_what_the_learner_set(name, lesson_seed):
    cls = WIDGETS[name]
    lesson = {} if lesson_seed is None else random_config(cls, lesson_seed)
    w = cls.open(lesson, {})
    assert w.notice == "" and w.share() == {}          # nothing changed yet: an empty link part
    change_every_control(w)
    share = w.share()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in share.items()), share
    controls = {s.name for s in cls.settings if s.is_control}
    changed = {k for k in controls if w.state[k] != w.start[k]}
    assert changed <= set(share), "every changed control is in the link"
    again = cls.open(lesson, share)
    assert again.notice == ""
    assert again.state == w.state


def bad_texts(s):
    """Link values (always text) the declaration must refuse."""
    if s.kind == "bool":
        return ["maybe"]
    if s.kind == "choice":
        return ["no-such-choice"]
    if s.kind == "floats":
        return [",".join(["0"] * (s.length + 1)), "a,b"]
    if s.kind == "str":
        return ["x" * 201]
    bad = ["abc", "nan"]
    if s.lo is not None:
        bad.append(repr(s.hi + 1))
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_bad_link_values_give_a_notice_and_keep_the_lesson_value(name):
    cls = WIDGETS[name]
    lesson = random_config(cls, 4) if name not in HEAVY else {}
    start = cls(lesson).state
    for s in cls.settings:
        for text in bad_texts(s):
            w = cls.open(lesson, {s.name: text})
            assert s.name in w.notice, (s.name, text, w.notice)
            assert w.state[s.name] == start[s.name], (s.name, text)
    w = cls.open(lesson, {"no_such_setting": "1"})
    assert "no_such_setting" in w.notice and w.state == start


@pytest.mark.parametrize("name", NAMES)
def test_hide_removes_a_control_and_an_unknown_one_gives_a_notice(name):
    cls = WIDGETS[name]
    w = cls.open({}, {"hide": "no-such-control"})
    assert "hide" in w.notice and "no-such-control" in w.notice
    ids = [c["id"] for c in cls().view()["controls"] if c["kind"] != "group"]
    if not ids:
        return
    shown = [c["id"] for c in cls.open({}, {"hide": ids[0]}).view()["controls"]]
    assert ids[0] not in shown and set(ids[1:]) <= set(shown)
