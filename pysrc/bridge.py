"""The browser's door into the widgets: the Web Worker calls these functions
with JSON text and gets JSON text back. Errors travel as data (`{"error": ...}`),
so one widget's failure never stops another."""
from __future__ import annotations

import json
import traceback

from kit.widget import HIDE
from widgets import load

_live = {}


def _answer(uid):
    return json.dumps(_live[uid].view(), allow_nan=False)


def create(uid, name, config_json, reduced_motion=False, query_json="{}"):
    """Start a widget from its lesson config and the page URL's part for it. The controls
    the lesson hides stay hidden unless the URL names its own (an embed's `hide`)."""
    cls = load(name)             # only this widget's module is imported
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
    return json.dumps({"dropped": uid})


def event(uid, event_json):
    """One learner action: {"type": "input"|"click"|"pointer"|"key"|"resize"|"tick", ...}."""
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
    return _answer(uid)


def call(fn, *args):
    """Run fn and return its JSON answer, or a JSON error the page shows in place."""
    try:
        return fn(*args)
    except Exception as err:  # shown inside the widget, never thrown across the worker
        return json.dumps({"error": f"{type(err).__name__}: {err}",
                           "trace": traceback.format_exc(limit=4)})
