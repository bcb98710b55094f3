"""The course's Python as bytecode for the browser's Python 3.12, so a page imports
its widgets without compiling them first (compiling the trainer's modules from
source took a few hundred milliseconds of a first visit).

The host's CPython is another version, so the compiling is done by the Pyodide
the browser runs, in Node (`compile_pyc.js`). Each file's bytecode is cached
outside dist/ under the sha256 of its name and source: Node starts only when a
file changed. The bytecode is compiled with optimize=2 (no docstrings: they are
for the reader of pysrc/, and cost bytes) and its header carries the hash of the
source it came from (PEP 552), which the tests check against pysrc/.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from . import node
from .errors import AuthorError, ToolError
from .runtime import PINS, cache_dir

SCRIPT = Path(__file__).with_name("compile_pyc.js")
MAGIC_3_12 = (3531).to_bytes(2, "little") + b"\r\n"     # what Python 3.12 writes first in a .pyc


def compile_all(sources, shown=str):
    """sources: {name in the zip (e.g. "engine/dense.py"): source bytes}.
    Returns {name: .pyc bytes}; a file that does not compile is an AuthorError."""
    folder = cache_dir() / "bytecode"
    folder.mkdir(parents=True, exist_ok=True)
    cached = {name: folder / f"{_key(name, source)}.pyc" for name, source in sources.items()}
    missing = {name: sources[name].decode() for name, path in cached.items() if not path.exists()}
    if missing:
        for name, result in _run_node(missing).items():
            if isinstance(result, dict):
                raise AuthorError(shown(name), result["line"], f"Python 3.12 cannot compile it: {result['error']}")
            data = base64.b64decode(result)
            if data[:4] != MAGIC_3_12:
                raise ToolError(f"the Pyodide in node_modules is not Python 3.12 (compiling {name})")
            tmp = cached[name].with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached[name])
    return {name: path.read_bytes() for name, path in cached.items()}


def _key(name, source):
    return hashlib.sha256(f"{PINS['version']}\0optimize=2\0{name}\0".encode() + source).hexdigest()


def _run_node(sources):
    return node.run_json(SCRIPT, sources, "compile the course's Python (Pyodide)", timeout=180)
