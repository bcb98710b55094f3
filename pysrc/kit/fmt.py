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


def weighted_sum(weights, inputs, bias=None, digits=2):
    """'0.50·1.00 + (−0.30)·0.00 + 0.10': the sum a neuron computes, written out."""
    def factor(v):
        s = fmt(v, digits)
        return f"({s})" if s.startswith(MINUS) else s
    terms = [f"{factor(w)}·{factor(x)}" for w, x in zip(weights, inputs)]
    if bias is not None:
        terms.append(factor(bias))
    return " + ".join(terms)
