"""Control descriptions: what the page turns into real HTML controls.

`id` is what comes back in the widget's on_input / on_click. Settings declare
their own control (see settings.py); these builders are for the rest: buttons,
text boxes, headings and read-only code.
"""
from __future__ import annotations


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
