"""Read lesson files: front matter, directives and math, each with its line.

A lesson is Markdown with YAML front matter. Three things are cut out of the
Markdown before it is rendered, and replaced by placeholders:
  - directives, fenced as ```{name} arg ... ``` (widget, cards, key-idea, in-words);
  - display math \\[ ... \\] and inline math \\( ... \\);
so each keeps the line it was written on, for error messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import AuthorError

LEVELS = (1, 2, 3, 4, "frontier")
DIRECTIVES = ("widget", "cards", "key-idea", "in-words", "source")
FENCE = re.compile(r"^(`{3,})\s*(\S*)\s*(.*)$")
DIRECTIVE = re.compile(r"^\{([a-z-]+)\}$")
MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


@dataclass
class Directive:
    name: str
    arg: str
    body: str
    line: int          # line of the opening fence
    key: str = ""      # placeholder in the Markdown


@dataclass
class Math:
    tex: str
    display: bool
    line: int
    key: str = ""


@dataclass
class Lesson:
    path: Path
    title: str
    level: object
    order: int
    summary: str
    slug: str
    key_lines: dict = field(default_factory=dict)   # front matter key -> line
    markdown: str = ""                      # body with placeholders
    directives: list = field(default_factory=list)
    maths: list = field(default_factory=list)

    @property
    def level_slug(self):
        return f"level-{self.level}" if self.level != "frontier" else "frontier"

    @property
    def url(self):
        return f"{self.level_slug}/{self.slug}.html"


def read_lesson(path: Path, shown_path: str) -> Lesson:
    text = path.read_text(encoding="utf-8")
    meta, meta_lines, body, body_start = split_front_matter(text, shown_path)
    lesson = Lesson(path, **check_front_matter(meta, meta_lines, shown_path),
                    slug=re.sub(r"^\d+-", "", path.stem), key_lines=meta_lines)
    lesson.markdown, lesson.directives, lesson.maths = extract(body, body_start, shown_path)
    check_in_words(lesson, shown_path)
    return lesson


def split_front_matter(text, shown):
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise AuthorError(shown, 1, "a lesson must start with front matter: a line '---', "
                                    "then title, level, order and summary, then '---'")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise AuthorError(shown, 1, "front matter is not closed: add a line '---' after it")
    meta, key_lines = load_yaml_mapping("\n".join(lines[1:end]), shown, first_line=2)
    return meta, key_lines, "\n".join(lines[end + 1:]), end + 2


def load_yaml_mapping(text, shown, first_line):
    """Parse YAML that must be a mapping; return (dict, {key: line number})."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or str(err).split("\n")[0]
        raise AuthorError(shown, line, f"invalid YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise AuthorError(shown, first_line, "expected `key: value` lines")
    key_lines = {k.value: first_line + k.start_mark.line for k, _ in node.value}
    return data, key_lines


def check_front_matter(meta, key_lines, shown):
    def fail(key, message):
        raise AuthorError(shown, key_lines.get(key, 1), message)

    for key in meta:
        if key not in ("title", "level", "order", "summary"):
            fail(key, f"unknown front matter key '{key}' (allowed: title, level, order, summary)")
    for key in ("title", "level", "order", "summary"):
        if key not in meta:
            raise AuthorError(shown, 1, f"front matter is missing '{key}'")
    for key in ("title", "summary"):
        if not isinstance(meta[key], str) or not meta[key].strip():
            fail(key, f"'{key}' must be non-empty text")
    if meta["level"] not in LEVELS or isinstance(meta["level"], bool):
        fail("level", f"'level' must be 1, 2, 3, 4 or frontier, got {meta['level']!r}")
    if not isinstance(meta["order"], int) or isinstance(meta["order"], bool) or meta["order"] < 1:
        fail("order", f"'order' must be a positive whole number, got {meta['order']!r}")
    return {k: meta[k] for k in ("title", "level", "order", "summary")}


def extract(body, first_line, shown):
    """Cut directives and math out of the Markdown body, keeping their lines."""
    out, directives, maths = [], [], []
    lines = body.split("\n")
    prose = []                          # (line number, text) outside fences
    i = 0
    while i < len(lines):
        number = first_line + i
        fence = FENCE.match(lines[i])
        if not fence:
            prose.append((number, lines[i]))
            i += 1
            continue
        ticks, info, arg = fence.groups()
        closing = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == ticks), None)
        if closing is None:
            raise AuthorError(shown, number, f"code fence {ticks}{info} is never closed")
        name = DIRECTIVE.match(info)
        if name:
            if name.group(1) not in DIRECTIVES:
                raise AuthorError(shown, number, f"unknown directive {{{name.group(1)}}} "
                                                 f"(known: {', '.join(DIRECTIVES)})")
            inner = [(number + 1 + k, t) for k, t in enumerate(lines[i + 1:closing])]
            body_text = "\n".join(t for _, t in inner)
            if name.group(1) not in ("widget", "source"):       # prose inside boxes and cards may hold math
                body_text = _flush(inner, maths, shown)
            d = Directive(name.group(1), arg.strip(), body_text, number)
            d.key = f"DIRECTIVE{len(directives)}X"
            directives.append(d)
            prose.append((number, ""))
            prose.append((number, d.key))
            prose.append((number, ""))
        else:
            out_text = _flush(prose, maths, shown)
            out.append(out_text)
            prose = []
            out.append("\n".join(lines[i:closing + 1]))
        i = closing + 1
    out.append(_flush(prose, maths, shown))
    return "\n".join(part for part in out if part), directives, maths


def _flush(prose, maths, shown):
    """Replace math in a run of prose lines by placeholders."""
    if not prose:
        return ""
    text = "\n".join(t for _, t in prose)
    starts = [0]
    for _, t in prose:
        starts.append(starts[-1] + len(t) + 1)

    def line_of(offset):
        index = max(k for k, s in enumerate(starts[:-1]) if s <= offset)
        return prose[index][0]

    def replace(match):
        display = match.group(2) is not None
        m = Math(match.group(2) if display else match.group(1), display, line_of(match.start()))
        m.key = f"MATH{len(maths)}X"
        maths.append(m)
        return f"\n\n{m.key}\n\n" if display else m.key

    for opener, closer in (("\\(", "\\)"), ("\\[", "\\]")):
        unmatched = _unbalanced(text, opener, closer)
        if unmatched is not None:
            raise AuthorError(shown, line_of(unmatched), f"math opened with {opener} is never closed with {closer}")
    return MATH.sub(replace, text)


def _unbalanced(text, opener, closer):
    """Offset of the first opener with no closer after it, or None."""
    pos = 0
    while True:
        a = text.find(opener, pos)
        if a < 0:
            return None
        b = text.find(closer, a + 2)
        if b < 0:
            return a
        pos = b + 2


def check_in_words(lesson, shown):
    """Every display formula is followed by an In-words box."""
    for m in lesson.maths:
        if not m.display:
            continue
        after = lesson.markdown.split(m.key, 1)[1].lstrip()
        following = next((d for d in lesson.directives if after.startswith(d.key)), None)
        if following is None or following.name != "in-words":
            raise AuthorError(shown, m.line, "a display formula must be followed by an "
                                             "```{in-words} box that says it in plain words")
