"""The snapshot writes a slider's number as kit.fmt does (and controls.js on the live page):
the true minus sign, and never −0.00."""
import re

from helpers import ROOT  # noqa: F401  (puts pysrc/ on the path)
from buildlib.snapshot import control_html
from kit.controls import slider


def test_a_negative_slider_value_has_the_true_minus_sign_and_zero_has_none():
    assert "<output" in control_html("w", slider("a", "A", -1.0, -2, 2, 0.1, digits=1))
    assert re.search(r">\u22121\.0</output>", control_html("w", slider("a", "A", -1.0, -2, 2, 0.1, digits=1)))
    assert re.search(r">0\.00</output>", control_html("w", slider("a", "A", -0.001, -2, 2, 0.01)))
