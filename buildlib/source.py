"""The code shown is the code that runs: the exact source of a function or class in pysrc/.

`find("engine.losses.softmax")` reads pysrc/engine/losses.py, parses it with `ast`
(nothing is imported, so showing code never runs it) and returns the lines of that
top-level function or class, or of `module.Class.method`, decorators included.
`highlight(...)` colours it with Pygments as CSS classes (the stylesheet's code
section gives both themes), so the page needs no script to show it.
"""
from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

ROOT = Path(__file__).resolve().parent.parent
PYSRC = ROOT / "pysrc"
DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Source:
    name: str        # the dotted name asked for
    path: str        # shown path, e.g. "pysrc/engine/losses.py"
    line: int        # first line shown (a decorator's, if any)
    code: str        # the source, dedented

    @property
    def where(self):
        return f"{self.path}, line {self.line}"


def find(dotted, pysrc=PYSRC) -> Source:
    """The source of `dotted` ("package.module.function", "...module.Class" or
    "...module.Class.method"); raises LookupError with a sentence naming what is missing."""
    parts = str(dotted).split(".") if isinstance(dotted, str) else []
    if not parts or not all(p.isidentifier() for p in parts):
        raise LookupError(f"'{dotted}' is not a dotted Python name such as engine.losses.softmax")
    for cut in range(len(parts) - 1, 0, -1):
        path = _module_file(pysrc, parts[:cut])
        if path is not None:
            break
    else:
        raise LookupError(f"no module in pysrc/ for '{dotted}' (write package.module.name, e.g. engine.losses.softmax)")
    inside = parts[cut:]
    if len(inside) > 2:
        raise LookupError(f"'{dotted}': only a function, a class or a class's method can be shown")
    tree, lines = _parse(path)
    module = ".".join(parts[:cut])
    node = _child(tree, inside[0])
    if node is None and path.name == "__init__.py" and len(inside) == 2:
        raise LookupError(f"no module {module}.{inside[0]} in pysrc/ for '{dotted}'")
    if node is None:
        raise LookupError(f"{module} has no top-level function or class '{inside[0]}' "
                          f"(it has: {', '.join(_names(tree)) or 'none'})")
    if len(inside) == 2:
        if not isinstance(node, ast.ClassDef):
            raise LookupError(f"'{module}.{inside[0]}' is not a class, so it has no method '{inside[1]}'")
        method = _child(node, inside[1])
        if method is None:
            raise LookupError(f"class {module}.{inside[0]} has no method '{inside[1]}' "
                              f"(it has: {', '.join(_names(node)) or 'none'})")
        node = method
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    code = textwrap.dedent("\n".join(lines[first - 1:node.end_lineno]))
    return Source(dotted, path.relative_to(pysrc.parent).as_posix(), first, code)


def _module_file(pysrc, parts):
    base = pysrc.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=None)
def _parse_cached(path, mtime):
    text = path.read_text(encoding="utf-8")
    return ast.parse(text, filename=str(path)), text.split("\n")


def _parse(path):
    return _parse_cached(path, path.stat().st_mtime_ns)


def _child(node, name):
    return next((n for n in node.body if isinstance(n, DEFS) and n.name == name), None)


def _names(node):
    return [n.name for n in node.body if isinstance(n, DEFS)]


FORMATTER_OPTIONS = {"cssclass": "highlight", "wrapcode": True}


def highlight(source: Source, marks=()) -> str:
    """The source as highlighted HTML: its name, file and line above it; lines that
    contain any of `marks` (substrings) get the class `hll`. Raises LookupError for a
    mark found on no line."""
    lines = source.code.split("\n")
    hl_lines = []
    for mark in marks:
        found = [i + 1 for i, text in enumerate(lines) if mark in text]
        if not found:
            raise LookupError(f"highlight: {mark!r} is on no line of {source.name}")
        hl_lines += found
    formatter = HtmlFormatter(hl_lines=sorted(set(hl_lines)), **FORMATTER_OPTIONS)
    code = pygments_highlight(source.code, PythonLexer(), formatter)
    # The block scrolls sideways on a phone: it takes keyboard focus so it can be scrolled without a mouse.
    code = code.replace("<pre>", '<pre tabindex="0">', 1)
    return (f'<figure class="source"><figcaption class="source-head"><code>{escape(source.name)}</code> '
            f'<span class="source-where">{escape(source.where)}</span></figcaption>{code}</figure>')


def class_attribute_line(cls, attribute="code"):
    """(shown file, line) where class `cls` sets `attribute` (or where the class starts):
    where an error about a widget's declaration points."""
    path = Path(inspect.getsourcefile(cls)).resolve()
    try:
        shown = path.relative_to(ROOT).as_posix()
    except ValueError:
        shown = str(path)
    tree, _ = _parse(path)
    node = next((n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls.__name__), None)
    if node is None:
        return shown, 1
    for statement in node.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else \
            [statement.target] if isinstance(statement, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == attribute for t in targets):
            return shown, statement.lineno
    return shown, node.lineno
