"""Render math at build time with KaTeX, so no math JavaScript runs in the
learner's browser. All formulas of a build go through one Node process."""
from __future__ import annotations

from pathlib import Path

from . import node
from .errors import AuthorError

SCRIPT = Path(__file__).with_name("katex_render.js")


def render_all(items):
    """items: [(shown path, Math)]. Returns ([html or None], [AuthorError])."""
    if not items:
        return [], []
    request = [{"tex": m.tex, "display": m.display} for _, m in items]
    results = node.run_json(SCRIPT, request, "render math (KaTeX)", timeout=120)
    errors = [AuthorError(shown, m.line, f"math does not parse: {r['error']} in \\({m.tex.strip()}\\)")
              for (shown, m), r in zip(items, results) if "error" in r]
    return [r.get("html") for r in results], errors
