"""The widget kit: what every widget is built from, and nothing a widget is about.

  settings.py  declared settings: checked, shown as controls, shared in links
  widget.py    the Widget base class
  controls.py  control descriptions (buttons, text boxes, …)
  scene.py     shapes to draw, as data
  theme.py     the course's colours, by name
  fmt.py       numbers as a learner reads them
"""
from .controls import button, choice, code_block, group, slider, text_input, toggle
from .settings import Setting, validate
from .widget import Widget, per_view

__all__ = ["Setting", "Widget", "button", "choice", "code_block", "group", "per_view", "slider",
           "text_input", "toggle", "validate"]
