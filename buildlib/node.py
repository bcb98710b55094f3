"""The build's Node.js scripts (KaTeX, the bytecode compiler): one JSON request on stdin,
one JSON answer on stdout, and a failure said as what to do."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .errors import ToolError

ROOT = Path(__file__).resolve().parent.parent


def run_json(script, request, task, timeout):
    """Run `node script` with `request` as JSON; returns its parsed answer. `task` names the
    work in the messages ("render math (KaTeX)")."""
    try:
        done = subprocess.run(["node", str(script)], input=json.dumps(request), capture_output=True, text=True,
                              cwd=ROOT, timeout=timeout)
    except FileNotFoundError:
        raise ToolError(f"Node.js is needed to {task}: install node and run `npm ci`") from None
    except subprocess.TimeoutExpired:
        raise ToolError(f"Node.js took more than {timeout} s to {task}") from None
    if done.returncode != 0:
        hint = "run `npm ci` first" if "Cannot find module" in done.stderr else done.stderr.strip()[-400:]
        raise ToolError(f"Node.js could not {task}: {hint}")
    return json.loads(done.stdout)
