"""Numbers as a learner reads them: one formatter for every widget and every text.

Always the true minus sign (−, not the hyphen -), fixed digits, and never
"−0.00": a number that rounds to zero is shown as zero.
"""
from __future__ import annotations

MINUS = "\u2212"


def fmt(x, digits=2):
    s = f"{float(x):.{digits}f}"
    if s.startswith("-"):
        return s[1:] if float(s) == 0 else MINUS + s[1:]
    return s


def signed(x, digits=2):
    """With an explicit sign: +0.52, −0.52 (for a term added to a sum)."""
    s = fmt(x, digits)
    return s if s.startswith(MINUS) else "+" + s


def digits_for(x, least=2, most=3):
    """The fewest digits, from `least` to `most`, that show x exactly: 2 for 0.1, 3 for 0.125.
    A threshold an author set (a margin, a tolerance) is shown with them, so a number
    compared with it is never judged against a value the learner cannot see."""
    for digits in range(least, most):
        if abs(round(float(x), digits) - float(x)) < 1e-9:
            return digits
    return most


def weighted_sum(weights, inputs, bias=None, digits=2, input_digits=None):
    """'2.4·0.62 − 1.8·0.79 + 0.1': each weight times its input, then the bias; a negative
    weight or bias is subtracted, a negative input is put in parentheses.
    `digits` is for weights and bias, `input_digits` (default: the same) for the inputs."""
    shown = digits if input_digits is None else input_digits

    def factor(v):
        s = fmt(v, shown)
        return f"({s})" if s.startswith(MINUS) else s
    terms = [(w, f"{fmt(abs(w), digits)}·{factor(x)}") for w, x in zip(weights, inputs)]
    if bias is not None:
        terms.append((bias, fmt(abs(bias), digits)))
    text = ""
    for k, (value, body) in enumerate(terms):
        negative = fmt(value, digits).startswith(MINUS)
        if k == 0:
            text = (MINUS if negative else "") + body
        else:
            text += f" {MINUS if negative else '+'} {body}"
    return text


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(x):
    """3.2 × 10⁻⁶ for a very small or large number, plain digits near 1 (0.82, 12.5)."""
    import math
    if x == 0:
        return "0"
    if 1e-2 <= abs(x) < 1e3:
        return fmt(x, 2 if abs(x) < 10 else 1)
    e = math.floor(math.log10(abs(x)))
    m = x / 10 ** e
    if round(m, 1) >= 10:
        m, e = m / 10, e + 1
    return f"{fmt(m, 1)} × 10{str(e).translate(SUPERSCRIPT)}"
