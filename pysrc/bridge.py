"""The browser's door into the widgets: the Web Worker calls these functions
with JSON text and gets JSON text back. Errors travel as data (`{"error": ...}`),
so one widget's failure never stops another."""
from __future__ import annotations

import json
import traceback

from kit.widget import HIDE
from widgets import load

_live = {}
_held = {}       # uid -> keys of the pictures in that widget's last answer: the page holds them
_shown_controls = {}    # uid -> the controls of its last answer that had them: the page shows them


def _answer(uid, fresh=False, tick=False):
    """A tick's answer leaves out the controls when they are those the page was last sent
    (after a learner's input they always travel: the page may show a value Python refused)."""
    view = _live[uid].view()
    if isinstance(view.get("scene"), dict):
        view = {**view, "scene": _by_key(uid, view["scene"], fresh)}
    if tick and "controls" in view and view["controls"] == _shown_controls.get(uid):
        view = {k: v for k, v in view.items() if k != "controls"}
    else:
        _shown_controls[uid] = view.get("controls")
    return json.dumps(view, allow_nan=False)


def _by_key(uid, scene, fresh):
    """Give each picture a key; one the page got in this widget's last answer travels as
    its key alone (a big network's diagram is mostly pictures that did not change). A str
    keeps its hash, so a picture the widget reuses costs nothing to recognise. A group
    (kit.scene.group) has its widget's key, made unique on the page by the uid. Returns a
    copy: the widget's own scene is left as it was."""
    held, keys = set() if fresh else _held.get(uid, set()), set()
    items = list(scene.get("items", []))
    for i, item in enumerate(items):
        if item.get("t") == "image" and "data" in item:
            key = f"{item['cols']}x{item['rows']}:{hash((item['data'], item.get('palette'))) & 0xFFFFFFFFFFFFFFFF:x}"
            keys.add(key)
            items[i] = {k: v for k, v in item.items() if k != "data" or key not in held} | {"key": key}
        elif item.get("t") == "group":
            key = f"{uid}/{item['key']}"
            keys.add(key)
            items[i] = {"t": "group", "key": key} if key in held else {**item, "key": key}
    _held[uid] = keys
    return {**scene, "items": items}


def create(uid, name, config_json, reduced_motion=False, query_json="{}"):
    """Start a widget from its lesson config and the page URL's part for it. The controls
    the lesson hides stay hidden unless the URL names its own (an embed's `hide`)."""
    cls = load(name)             # only this widget's module is imported
    _held.pop(uid, None)
    _shown_controls.pop(uid, None)
    config, query = json.loads(config_json), json.loads(query_json)
    if isinstance(config, dict) and isinstance(query, dict) and HIDE in config and HIDE not in query:
        query[HIDE] = config[HIDE]
    widget = cls.open(config, query)
    widget.reduced_motion = bool(reduced_motion)
    _live[uid] = widget
    return _answer(uid)


def drop(uid):
    """Forget a widget the page took away."""
    _live.pop(uid, None)
    _held.pop(uid, None)
    _shown_controls.pop(uid, None)
    return json.dumps({"dropped": uid})


def event(uid, event_json):
    """One learner action: {"type": "input"|"click"|"pointer"|"key"|"resize"|"tick"|"refresh", ...}."""
    e = json.loads(event_json)
    w = _live[uid]
    kind = e.get("type")
    if kind in ("input", "click"):
        w.receive(kind, e.get("id"), e.get("value"))
    elif kind == "pointer":
        w.on_pointer(e["phase"], float(e["x"]), float(e["y"]))
    elif kind == "key":
        w.on_key(e["key"])
    elif kind == "resize":
        w.on_resize(float(e["width"]))
    elif kind == "tick":
        w.tick(min(float(e["dt"]), 0.1))
    elif kind == "refresh":      # the page lost a picture it was sent by key: send them all
        return _answer(uid, fresh=True)
    return _answer(uid, tick=kind == "tick")


def call(fn, *args):
    """Run fn and return its JSON answer, or a JSON error the page shows in place."""
    try:
        return fn(*args)
    except Exception as err:  # shown inside the widget, never thrown across the worker
        return json.dumps({"error": f"{type(err).__name__}: {err}",
                           "trace": traceback.format_exc(limit=4)})
