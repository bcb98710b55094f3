"""What every widget is: declared settings, state, handlers for the learner's
input, and a scene.

A widget is a small class:
  - `settings`: its declared settings (see settings.py). Their current values
    are `self.state`; those with a label are controls, clamped and stored by
    the base class, which then calls `changed(name, old)`;
  - `code`: the functions and classes the widget's "Python" button shows, as
    dotted names in pysrc/ ("engine.losses.softmax"): its update rule, the math;
  - `__init__(config)`: the starting state;
  - `actions()`: buttons and other controls that are not settings;
  - `on_input(id, value)`, `on_click(id)`, `on_pointer(phase, x, y)`,
    `on_key(key)`: what the learner did. A scene opts in with flags:
    "pointer" (down / move / up; the canvas then takes touch drags instead of
    scrolling), "hover" (hover / leave), "tap" (a tap or click as down + up,
    without "pointer") and "keys" (the canvas takes keyboard focus);
  - `tick(dt)`: advance an animation by dt seconds (only while `animating`);
  - `scene()`: what to draw now (see scene.py);
  - `status()`: one sentence for the live region ("Within 0.1: you win!");
  - `won`: whether the challenge is met (the page remembers it);
  - `notice`: a message for the learner, e.g. about a bad link setting.
The share link is derived: every shared setting that differs from the start.
No browser import anywhere: the same class runs in pytest, at build time (the
snapshot) and in the browser.
"""
from __future__ import annotations

import functools
import math

from .settings import validate

HIDE = "hide"  # the reserved setting that names controls an embed leaves out


def _sendable(control, value):
    kind = control["kind"]
    if kind == "slider":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "toggle":
        return isinstance(value, bool)
    if kind == "choice":
        return any(value == option for option, _ in control["options"])
    return kind == "text" and isinstance(value, str)


def per_view(method):
    """Compute once per view(): status, scene and won may all ask for the same numbers."""
    @functools.wraps(method)
    def cached(self):
        memo = self.__dict__.get("_memo")
        if memo is None:
            return method(self)
        if method.__name__ not in memo:
            memo[method.__name__] = method(self)
        return memo[method.__name__]
    return cached


class Widget:
    name = "widget"          # the name used in lessons: ```{widget} <name>
    title = "Widget"
    settings = []            # list of Setting
    code = []                # dotted names the Python button shows
    challenge = False        # True for games with a win condition
    trained = False          # True if it reads trained weights (pysrc/models/): its page fetches them

    def __init__(self, config=None, lesson=None):
        """`config`: the settings to start from; `lesson`: the lesson's own settings, which
        a link is written against (by default the same as config)."""
        config = dict(config or {})
        hide = config.pop(HIDE, "")
        self.state, problems = validate(self.settings, config)
        if problems:
            raise ValueError("; ".join(message for _, message in problems))
        baseline = {k: v for k, v in (config if lesson is None else lesson).items() if k != HIDE}
        self.start, _ = validate(self.settings, baseline)
        self.animating = False
        self.reduced_motion = False
        self.notice = ""
        self.width = 640
        self._memo = None
        self.hidden_controls = {h.strip() for h in (hide.split(",") if isinstance(hide, str) else hide or [])
                                if str(h).strip()}

    @classmethod
    def open(cls, lesson, query):
        """The widget as a page starts it: the lesson's settings, overridden by the link's
        (text, checked by the same declaration). A bad link value is named in the notice
        and the lesson's value kept; so is a bad `hide`."""
        lesson = {k: v for k, v in (lesson or {}).items() if k != HIDE}
        query = dict(query) if isinstance(query, dict) else {}
        hide = query.pop(HIDE, "")
        from_url, problems = validate(cls.settings, query, from_text=True)
        rejected = {key for key, _ in problems}
        config = {**lesson, **{k: from_url[k] for k in query if k in from_url and k not in rejected}}
        messages = [m for _, m in problems]
        widget = cls({**config, HIDE: hide}, lesson=lesson)
        try:
            widget.check_hide()
        except ValueError as err:
            messages.append(str(err))
        if messages:
            widget.notice = "Link settings ignored: " + "; ".join(messages) + "."
        return widget

    @classmethod
    def setting(cls, name):
        return next((s for s in cls.settings if s.name == name), None)

    def check_hide(self):
        """Raise ValueError if `hide` (control ids, a list or comma-separated) names no control."""
        known = [c["id"] for c in self.controls() if c["kind"] != "group"]
        unknown = sorted(str(n) for n in self.hidden_controls if n not in known)
        if unknown:
            self.hidden_controls = set()
            raise ValueError(f"'hide' names no control {', '.join(unknown)} (controls: {', '.join(known)})")

    # -- input ---------------------------------------------------------------
    def receive(self, kind, control_id, value=None):
        """The one door for what a page sends: an input or a click reaches the widget only if
        it names a control the widget shows now, with a value such a control can send (a
        finite number for a slider, true/false for a switch, one of a menu's options, text
        for a text box); anything else is dropped, so no handler ever sees it."""
        control = next((c for c in self.controls() if c.get("id") == control_id), None)
        if control is None:
            return
        if kind == "click":
            if control["kind"] == "button" and not control.get("disabled"):
                self.on_click(control_id)
        elif _sendable(control, value):
            self.on_input(control_id, value)

    def on_input(self, control_id, value):
        """A slider moved, a switch flipped or a choice was picked. A declared
        setting is clamped to its range and stored; override for other inputs."""
        setting = self.setting(control_id)
        if setting is None or not setting.is_control:
            return
        new = setting.clamp(value)
        old = self.state[setting.name]
        if new is None or new == old:
            return
        self.state[setting.name] = new
        self.changed(setting.name, old)

    def changed(self, name, old):
        """A declared setting has just changed from `old` to self.state[name]."""

    def on_click(self, control_id):
        """A button was pressed."""

    def on_pointer(self, phase, x, y):
        """phase: down | move | up, at (x, y) in scene units."""

    def on_key(self, key):
        """A key pressed while the canvas has focus (e.g. 'ArrowLeft')."""

    def on_resize(self, width):
        """The widget's box is `width` CSS pixels wide: a widget may pick a
        narrower layout for phones. Called once after start and on resizes."""
        self.width = width

    def tick(self, dt):
        """Advance the animation by dt seconds; set self.animating = False when done."""
        self.animating = False

    # -- output --------------------------------------------------------------
    def setting_controls(self, *names):
        """The controls of the named settings (all that have a label, if none is named)."""
        chosen = [self.setting(n) for n in names] if names else [s for s in self.settings if s.is_control]
        return [s.control(self.state[s.name]) for s in chosen]

    def actions(self):
        """Controls that are not settings: buttons, text boxes."""
        return []

    def controls(self):
        return self.setting_controls() + self.actions()

    def scene(self):
        raise NotImplementedError

    def status(self):
        return ""

    def share(self):
        """The link's part for this widget: every shared setting the learner changed."""
        return {s.name: s.to_text(self.state[s.name]) for s in self.settings
                if s.shared and self.state[s.name] != self.start[s.name]}

    @property
    def won(self):
        return False

    def view(self):
        """Everything the page needs after any change, in one JSON-able dict."""
        self._memo = {}
        try:
            controls = [c for c in self.controls() if c["id"] not in self.hidden_controls]
            return {"scene": self.scene(), "controls": controls, "status": self.status(),
                    "won": bool(self.won), "animating": bool(self.animating),
                    "share": self.share(), "notice": self.notice}
        finally:
            self._memo = None
