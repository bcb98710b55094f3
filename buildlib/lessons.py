"""Read lesson files: bytes to text, front matter, directives and math, each with its line.

A lesson is Markdown with YAML front matter. Whatever an editor saved is
accepted when its text is a good lesson: UTF-8 with or without a BOM, UTF-16
with a BOM, CRLF or CR line ends. Anything else (bad UTF-8, NUL and other
control characters, invisible characters) is an error at its line.

Two things are cut out of the Markdown before it is rendered and replaced by
placeholders, so each keeps the line it was written on, for error messages:
  - directives, fenced as ```{name} arg ... ``` (see render.DIRECTIVES);
  - display math \\[ ... \\] and inline math \\( ... \\).
Every problem is added to a `Problems` list; reading goes on after each one.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AuthorError, Problems
from .render import DIRECTIVES
from .yamltext import load_yaml_mapping

LEVELS = (1, 2, 3, 4, "frontier")
FRONT_MATTER = ("title", "level", "order", "summary")
FENCE = re.compile(r"^(`{3,})[ \t]*(\{[^}]*\}|[^\s`]*)[ \t]*(.*)$")
DIRECTIVE = re.compile(r"^\{(.*)\}$")
MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Characters an editor may slip in that no one can see. Joiners (U+200C, U+200D: emoji, scripts)
# and the soft hyphen are allowed; the rest hide in fences and keys and change what they mean.
INVISIBLE = {0x200B: "ZERO WIDTH SPACE", 0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (a stray BOM)",
             0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
             0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
             **{c: "invisible math operator" for c in range(0x2061, 0x2065)},
             **{c: "text direction control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}}


@dataclass
class Directive:
    name: str
    arg: str
    body: str
    line: int                 # line of the opening fence
    lines: list = field(default_factory=list)   # the file's line of each body line
    key: str = ""             # placeholder in the Markdown
    value: object = None      # what the directive's parser made of the body


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
    linemap: list = field(default_factory=list)     # the file's line of each line of `markdown`
    directives: list = field(default_factory=list)
    maths: list = field(default_factory=list)
    placeable: bool = True                  # False: its front matter is unusable (the body is still checked)

    @property
    def level_slug(self):
        return f"level-{self.level}" if self.level != "frontier" else "frontier"

    @property
    def url(self):
        return f"{self.level_slug}/{self.slug}.html"


def read_lesson(path: Path, shown: str, problems: Problems):
    """The lesson in `path`, or None if its bytes are no text. Every problem found, in front
    matter or body, is added to `problems`. A lesson whose front matter is unusable comes back
    with `placeable` False: it is not put in the course, but its body is still rendered, so
    its other problems are found in the same build."""
    return parse_lesson(Path(path).read_bytes(), Path(path), shown, problems)


def parse_lesson(data: bytes, path: Path, shown: str, problems: Problems):
    try:
        text = decode(data, shown)
    except AuthorError as err:
        problems.append(err)
        return None
    check_characters(text, problems)
    meta, meta_lines, body, body_start = split_front_matter(text, problems)
    fields = check_front_matter(meta, meta_lines, path, problems)
    slug = re.sub(r"^\d+-", "", path.stem)
    if not SLUG.match(slug) or not path.name.endswith(".md"):
        problems.add(1, f"a lesson's file is named NN-slug.md (slug: lowercase words and hyphens), not {path.name!r}")
    markdown, linemap, directives, maths = extract(body.split("\n"), body_start, problems)
    for d in directives:
        d.value = DIRECTIVES[d.name].parse(d, problems)
    check_in_words(markdown, directives, maths, problems)
    placeable = fields is not None
    if not placeable:
        folder = path.parent.name.removeprefix("level-")
        fields = {"title": path.stem, "level": int(folder) if folder.isdigit() else "frontier", "order": 0, "summary": ""}
    return Lesson(path, **fields, slug=slug, key_lines=meta_lines, markdown=markdown, linemap=linemap,
                  directives=directives, maths=maths, placeable=placeable)


# -- bytes to text -------------------------------------------------------------------

def decode(data: bytes, shown: str) -> str:
    """UTF-8 (a BOM is dropped) or UTF-16 with its BOM; line ends become \\n."""
    if not data.strip():
        raise AuthorError(shown, 1, "the file is empty: a lesson starts with front matter "
                                    "(a line '---', title, level, order and summary, then '---')")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _newlines(data[len(bom):].decode(codec))
            except UnicodeDecodeError as err:
                start = data[len(bom):][:err.start].decode(codec, errors="replace")
                raise AuthorError(shown, _newlines(start).count("\n") + 1,
                                  f"not valid {codec.upper()[:6]} text (the file starts with a UTF-16 byte order "
                                  "mark): save it as UTF-8") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if data[:200].count(0) * 3 >= len(data[:200]):
        raise AuthorError(shown, 1, "this looks like UTF-16 text without a byte order mark "
                                    "(every other byte is NUL): save the file as UTF-8")
    try:
        return _newlines(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        before = data[:err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise AuthorError(shown, line, f"not valid UTF-8: byte 0x{data[err.start]:02x} at byte {column} of the line; "
                                       "save the file as UTF-8") from None


def _newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_characters(text, problems):
    """Control characters (NUL, …) and invisible ones are errors at their line; tabs are fine."""
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            code = ord(char)
            if char == "\t":
                continue
            if unicodedata.category(char) == "Cc":
                problems.add(number, f"control character U+{code:04X} at column {column}: delete it "
                                     "(NUL bytes and the like are not text)")
                break
            if code in INVISIBLE:
                problems.add(number, f"invisible character U+{code:04X} {INVISIBLE[code]} at column {column}: "
                                     "delete it (it changes what the line means without showing)")
                break


# -- front matter ------------------------------------------------------------------------

def split_front_matter(text, problems):
    """(meta, key lines, body, body's first line); a missing front matter is a problem, and
    then the whole text is read as the body, so its other problems are found too."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.add(1, "a lesson must start with front matter: a line '---', "
                        "then title, level, order and summary, then '---'")
        return None, {}, text, 1
    end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), None)
    if end is None:
        problems.add(1, "front matter is not closed: add a line '---' after it")
        return None, {}, "", len(lines) + 1
    try:
        meta, key_lines = load_yaml_mapping("\n".join(lines[1:end]), problems.shown, first_line=2)
    except AuthorError as err:
        problems.append(err)
        meta, key_lines = None, {}
    return meta, key_lines, "\n".join(lines[end + 1:]), end + 2


def check_front_matter(meta, key_lines, path, problems):
    """The four fields, or None if any is unusable; every problem is added."""
    if meta is None:
        return None
    ok = True

    def fail(key, message):
        nonlocal ok
        ok = False
        problems.add(key_lines.get(key, 1), message)

    for key in meta:
        if key not in FRONT_MATTER:
            fail(key, f"unknown front matter key '{key}' (allowed: title, level, order, summary)")
    for key in FRONT_MATTER:
        if key not in meta:
            fail(key, f"front matter is missing '{key}'")
    for key in ("title", "summary"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            fail(key, f"'{key}' must be non-empty text")
    level = meta.get("level")
    if "level" in meta:
        if isinstance(level, bool) or level not in LEVELS:
            fail("level", f"'level' must be 1, 2, 3, 4 or frontier, got {level!r}")
        else:
            folder = "frontier" if level == "frontier" else f"level-{level}"
            if path.parent.name != folder:
                fail("level", f"'level: {level}' belongs in the folder content/{folder}/, "
                              f"but the file is in {path.parent.name}/")
    order = meta.get("order")
    if "order" in meta and (not isinstance(order, int) or isinstance(order, bool) or order < 1):
        fail("order", f"'order' must be a positive whole number, got {order!r}")
    return {k: meta[k] for k in FRONT_MATTER} if ok else None


# -- the body ------------------------------------------------------------------------------

def extract(lines, first_line, problems):
    """Cut directives and math out of the Markdown body, keeping their lines.
    Returns (markdown, linemap, directives, maths)."""
    out, prose, directives, maths = [], [], [], []     # out, prose: [(file line, text)]
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
            problems.add(number, f"code fence {ticks}{info} is never closed: add a line {ticks} after its body")
            break
        name = DIRECTIVE.match(info)
        inner = [(number + 1 + k, t) for k, t in enumerate(lines[i + 1:closing])]
        if name and name.group(1) not in DIRECTIVES:
            problems.add(number, f"unknown directive {info} (known: {', '.join(DIRECTIVES)})")
        elif name:
            kind = DIRECTIVES[name.group(1)]
            if kind.math:                         # prose inside boxes and cards may hold math
                inner = _flush(inner, maths, problems)
            d = Directive(name.group(1), arg.strip(), "\n".join(t for _, t in inner), number,
                          [n for n, _ in inner], key=f"DIRECTIVE{len(directives)}X")
            directives.append(d)
            prose += [(number, ""), (number, d.key), (number, "")]
        else:
            out += _flush(prose, maths, problems)
            prose = []
            out += [(first_line + j, lines[j]) for j in range(i, closing + 1)]
        i = closing + 1
    out += _flush(prose, maths, problems)
    return "\n".join(t for _, t in out), [n for n, _ in out], directives, maths


def _flush(prose, maths, problems):
    """Replace math in a run of prose lines by placeholders; returns the new lines, each with
    the file's line it comes from."""
    if not prose:
        return []
    text = "\n".join(t for _, t in prose)
    starts = [0]
    for _, t in prose:
        starts.append(starts[-1] + len(t) + 1)

    def line_of(offset):
        index = max(k for k, s in enumerate(starts[:-1]) if s <= offset)
        return prose[index][0]

    unclosed = False
    for opener, closer in (("\\(", "\\)"), ("\\[", "\\]")):
        unmatched = _unbalanced(text, opener, closer)
        if unmatched is not None:
            problems.add(line_of(unmatched), f"math opened with {opener} is never closed with {closer}")
            unclosed = True
    if unclosed:
        return list(prose)
    out = [[prose[0][0], ""]]

    def emit(piece, offset):
        parts = piece.split("\n")
        out[-1][1] += parts[0]
        offset += len(parts[0])
        for part in parts[1:]:
            offset += 1
            out.append([line_of(offset), part])
            offset += len(part)

    pos = 0
    for match in MATH.finditer(text):
        emit(text[pos:match.start()], pos)
        display = match.group(2) is not None
        m = Math(match.group(2) if display else match.group(1), display, line_of(match.start()),
                 key=f"MATH{len(maths)}X")
        maths.append(m)
        if display:     # its own paragraph
            out += [[m.line, ""], [m.line, m.key], [m.line, ""], [line_of(match.end() - 1), ""]]
        else:
            out[-1][1] += m.key
        pos = match.end()
    emit(text[pos:], pos)
    return [tuple(x) for x in out]


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


def check_in_words(markdown, directives, maths, problems):
    """Every display formula is followed by an In-words box."""
    by_key = {d.key: d for d in directives}
    for m in maths:
        if not m.display or m.key not in markdown:
            continue
        after = markdown.split(m.key, 1)[1].lstrip()
        following = by_key.get(after[:after.find("X") + 1]) if after.startswith("DIRECTIVE") else None
        if following is None or following.name != "in-words":
            problems.add(m.line, "a display formula must be followed by an "
                                 "```{in-words} box that says it in plain words")
