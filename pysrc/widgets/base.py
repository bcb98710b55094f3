"""What every widget is: state, handlers for the learner's input, and a scene.

A widget is a small class:
  - `params`: its declared settings (see params.py);
  - `__init__(config)`: the starting state;
  - `controls()`: the HTML controls to show (sliders, buttons, switches,
    choices), as plain descriptions with their current values;
  - `on_input(id, value)`, `on_click(id)`, `on_pointer(phase, x, y)`,
    `on_key(key)`: what the learner did. A scene opts in with flags:
    "pointer" (down / move / up; the canvas then takes touch drags instead of
    scrolling), "hover" (hover / leave), "tap" (a tap or click as down + up,
    without "pointer") and "keys" (the canvas takes keyboard focus);
  - `tick(dt)`: advance an animation by dt seconds (only while `animating`);
  - `scene()`: what to draw now (see scene.py);
  - `status()`: one sentence for the live region ("Within 0.1: you win!");
  - `won`: whether the challenge is met (the page remembers it);
  - `share()`: the settings that reproduce the current setup (param name ->
    value); the page keeps them in its URL so a link restores the setup;
  - `notice`: a message for the learner, e.g. about a bad link setting.
No browser import anywhere: the same class runs in pytest, at build time (the
snapshot) and in the browser.
"""
from __future__ import annotations

from .params import validate


class Widget:
    name = "widget"          # the name used in lessons: ```{widget} <name>
    title = "Widget"
    params = []              # list of Param
    challenge = False        # True for games with a win condition

    def __init__(self, config=None):
        self.config, problems = validate(self.params, config or {})
        if problems:
            raise ValueError("; ".join(message for _, message in problems))
        self.animating = False
        self.reduced_motion = False
        self.notice = ""
        self.width = 640

    # -- input ---------------------------------------------------------------
    def on_input(self, control_id, value):
        """A slider moved, a switch flipped or a choice was picked."""

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
    def controls(self):
        return []

    def scene(self):
        raise NotImplementedError

    def status(self):
        return ""

    def share(self):
        return {}

    @property
    def won(self):
        return False

    def view(self):
        """Everything the page needs after any change, in one JSON-able dict."""
        return {"scene": self.scene(), "controls": self.controls(), "status": self.status(),
                "won": bool(self.won), "animating": bool(self.animating),
                "share": self.share(), "notice": self.notice}


# Control descriptions. `id` is what comes back in on_input / on_click.
def slider(id, label, value, lo, hi, step, digits=2):
    return {"kind": "slider", "id": id, "label": label, "value": value,
            "min": lo, "max": hi, "step": step, "digits": digits}


def button(id, label, primary=False, disabled=False):
    return {"kind": "button", "id": id, "label": label, "primary": primary, "disabled": disabled}


def toggle(id, label, value):
    return {"kind": "toggle", "id": id, "label": label, "value": bool(value)}


def choice(id, label, value, options):
    """options: [(value, text), ...]; value is one of the values."""
    return {"kind": "choice", "id": id, "label": label, "value": value,
            "options": [[v, t] for v, t in options]}


def text_input(id, label, value="", rows=4, button="Load", placeholder="", file=None):
    """A text area; on_input(id, text) is called when its button is pressed. With `file`
    (an accept list such as ".csv,.txt"), the learner may also open a file: its text is loaded."""
    return {"kind": "text", "id": id, "label": label, "value": value, "rows": rows,
            "button": button, "placeholder": placeholder, "file": file}


def group(label):
    """A heading that starts a new row of controls: the controls after it belong together."""
    return {"kind": "group", "id": "group-" + label.lower().replace(" ", "-"), "label": label}


def code_block(id, label, value, filename="export.txt"):
    """Read-only text (e.g. exported code) with Copy and Download buttons."""
    return {"kind": "code", "id": id, "label": label, "value": value, "filename": filename}
