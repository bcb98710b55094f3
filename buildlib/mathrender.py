"""Render math at build time with KaTeX, so no math JavaScript runs in the
learner's browser. All formulas of a build go through one Node process."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .errors import AuthorError, ToolError

SCRIPT = Path(__file__).with_name("katex_render.js")
ROOT = SCRIPT.parent.parent


def render_all(items):
    """items: [(shown path, Math)]. Returns ([html or None], [AuthorError])."""
    if not items:
        return [], []
    request = json.dumps([{"tex": m.tex, "display": m.display} for _, m in items])
    try:
        done = subprocess.run(["node", str(SCRIPT)], input=request, capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
    except FileNotFoundError:
        raise ToolError("Node.js is needed to render math (KaTeX): install node and run `npm ci`") from None
    except subprocess.TimeoutExpired:
        raise ToolError("KaTeX took more than 120 s to render the course's math") from None
    if done.returncode != 0:
        hint = "run `npm ci` first" if "Cannot find module" in done.stderr else done.stderr.strip()[-400:]
        raise ToolError(f"KaTeX could not run: {hint}")
    results = json.loads(done.stdout)
    errors = [AuthorError(shown, m.line, f"math does not parse: {r['error']} in \\({m.tex.strip()}\\)")
              for (shown, m), r in zip(items, results) if "error" in r]
    return [r.get("html") for r in results], errors
