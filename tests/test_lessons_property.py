"""Whatever bytes a lesson file holds, reading and rendering it gives a clean lesson or
`file:line: message` problems (AuthorError), never another exception; and a good lesson
reads the same whatever encoding and line ends an editor saved it with."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT
from buildlib import links
from buildlib.errors import AuthorError, Problems
from buildlib.lessons import parse_lesson
from buildlib.render import Page, render_lesson

LESSONS = sorted((ROOT / "content").glob("*/*.md"))
FAST = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Pieces that mean something to the reader: fences, math, front matter, YAML, links, encodings.
TOKENS = ["```", "```{widget} ", "```{source} ", "```{cards}", "```{in-words}", "```{nope}", "{widget}", "\\[", "\\]",
          "\\(", "\\)", "---", "\n", "\r\n", "\r", ":", ": ", "\t", "\x00", "\u200b", "\ufeff", "\u202e", "- ", "[", "]",
          "{", "}", "#", "## A heading", "](#nope)", "[x](../level-2/02-xor-and-the-squash.md)", "[y](nowhere.html)",
          "title: ", "level: 9", "order: 0", "hide: ", "highlight: ", "&a ", "*a", "!!python/object:os.system ",
          "'", '"', "\\", "€", "🧠", "\x85", "\u2028", "1e999", "-0", "[1, [2, {3: 4}]]", "? [a]\n: b\n"]


@pytest.fixture(scope="module")
def widgets():
    """The widgets the real lessons place (rendering a mutated lesson needs no other)."""
    import re
    from widgets import load
    names = {m for path in LESSONS for m in re.findall(r"^```\{widget\} *(\S+)", path.read_text(), re.M)}
    return {name: load(name) for name in sorted(names)}


def read(data, path):
    problems = Problems(f"content/{path.parent.name}/{path.name}")
    lesson = parse_lesson(data, path, problems.shown, problems)
    return lesson, problems


def assert_clean_or_author_errors(data, path, lesson, problems):
    lines = max(1, data.count(b"\n") + data.count(b"\r") + 1)
    for problem in problems:
        assert isinstance(problem, AuthorError)
        assert problem.path == problems.shown
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines, (problem, lines)
        assert problem.message.strip()
    if not problems:
        assert lesson is not None and lesson.placeable and lesson.title.strip()
    if lesson is not None and not lesson.placeable:
        assert problems                 # never left out of the course silently


def render(lesson, widgets, problems):
    site = links.site_of([lesson], ["level-1", "level-2", "level-3", "level-4", "frontier"], widgets)
    page = Page(lesson, problems.shown, widgets, {}, site, problems)
    html, _ = render_lesson(lesson, page, {})
    site.ids[lesson.url] = page.ids
    links.check_anchors(page, site)
    return html


@settings(FAST, max_examples=300)
@given(st.binary(max_size=3000))
def test_random_bytes_never_give_a_traceback(data):
    lesson, problems = read(data, LESSONS[0])
    assert_clean_or_author_errors(data, LESSONS[0], lesson, problems)


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(LESSONS))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "token", "token"]))
        if kind == "insert":
            text = text[:at] + draw(st.text(max_size=8)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "duplicate":
            text = text[:at] + text[at:at + draw(st.integers(1, 200))] + text[at:]
        else:
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "bytes"]))
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="surrogatepass")
    else:
        data = text.encode("utf-8" if encoding == "bytes" else encoding, errors="surrogatepass")
    if encoding == "bytes" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return path, data


@settings(FAST, max_examples=150)
@given(case=mutated())
def test_mutated_lessons_read_cleanly_or_name_file_and_line(case):
    path, data = case
    lesson, problems = read(data, path)
    assert_clean_or_author_errors(data, path, lesson, problems)


@settings(FAST, max_examples=40)
@given(case=mutated())
def test_mutated_lessons_render_cleanly_or_name_file_and_line(case, widgets):
    """Rendering too (widget settings, cards, links, the Python button) only ever adds AuthorErrors."""
    path, data = case
    lesson, problems = read(data, path)
    if lesson is not None:
        render(lesson, widgets, problems)
    assert_clean_or_author_errors(data, path, lesson, problems)


SAVED_AS = {
    "UTF-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode(),
    "UTF-16 LE with BOM": lambda t: t.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]),
    "UTF-16 BE with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "CRLF": lambda t: t.replace("\n", "\r\n").encode(),
    "CR": lambda t: t.replace("\n", "\r").encode(),
    "UTF-16 with BOM and CRLF": lambda t: t.replace("\n", "\r\n").encode("utf-16"),
}


@pytest.mark.parametrize("saved_as", SAVED_AS)
@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_a_good_lesson_reads_the_same_however_it_was_saved(path, saved_as):
    plain, plain_problems = read(path.read_bytes(), path)
    assert not plain_problems, plain_problems
    lesson, problems = read(SAVED_AS[saved_as](path.read_text(encoding="utf-8")), path)
    assert not problems, problems
    assert (lesson.title, lesson.summary, lesson.order, lesson.markdown, lesson.linemap) == \
        (plain.title, plain.summary, plain.order, plain.markdown, plain.linemap)
    assert [(d.name, d.arg, d.body, d.line) for d in lesson.directives] == \
        [(d.name, d.arg, d.body, d.line) for d in plain.directives]
    assert [(m.tex, m.line) for m in lesson.maths] == [(m.tex, m.line) for m in plain.maths]


BAD = {   # what an editor may save that is not a good lesson -> (bytes, line of the problem, message)
    "empty file": (lambda t: b"", 1, "the file is empty"),
    "only blank lines": (lambda t: b"\n\n  \r\n", 1, "the file is empty"),
    "NUL byte": (lambda t: t.replace("## Three", "## Th\x00ree").encode(), "## Th", "control character U+0000"),
    "invalid UTF-8": (lambda t: t.encode().replace(b"## Three", b"## Thr\xe9e"), "## Thr", "not valid UTF-8: byte 0xe9"),
    "invalid UTF-8 with CR line ends": (lambda t: t.replace("\n", "\r").encode().replace(b"## Three", b"## \xff"),
                                        "## Three", "not valid UTF-8: byte 0xff"),
    "zero-width space before a fence": (lambda t: t.replace("```{in-words}", "\u200b```{in-words}", 1).encode(),
                                        "```{in-words}", "invisible character U+200B ZERO WIDTH SPACE"),
    "right-to-left override": (lambda t: t.replace("## Three", "## \u202eThree").encode(), "## Three",
                               "invisible character U+202E"),
    "tab indenting front matter": (lambda t: t.replace("title:", "\ttitle:", 1).encode(), "title:",
                                   "YAML does not allow a tab here"),
    "UTF-16 without its BOM": (lambda t: t.encode("utf-16-le"), 1, "UTF-16 text without a byte order mark"),
}


@pytest.mark.parametrize("case", BAD)
def test_what_is_not_a_good_lesson_names_its_line(case):
    path = ROOT / "content" / "level-1" / "02-one-neuron.md"
    make, marker, message = BAD[case]
    text = path.read_text(encoding="utf-8")
    line = marker if isinstance(marker, int) else \
        next(i + 1 for i, t in enumerate(text.split("\n")) if marker.replace("\u200b", "") in t)
    lesson, problems = read(make(text), path)
    assert any(p.line == line and message in p.message for p in problems), [str(p) for p in problems]


def test_every_problem_of_a_file_is_reported_not_only_the_first():
    path = ROOT / "content" / "level-1" / "02-one-neuron.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("level: 1", "level: 7", 1).replace("order: 2", "order: zero", 1)
    text = text.replace("## Three steps", "## Three \x00steps", 1)
    text += "\n\n```{nosuch}\n```\n\nUnclosed \\(x + 1\n\n```{source} engine.activations.nothing\n```\n"
    lesson, problems = read(text.encode(), path)
    lines = text.split("\n")
    expected = {
        next(i + 1 for i, t in enumerate(lines) if t == "level: 7"): "'level' must be",
        next(i + 1 for i, t in enumerate(lines) if t == "order: zero"): "'order' must be",
        next(i + 1 for i, t in enumerate(lines) if "\x00" in t): "control character",
        next(i + 1 for i, t in enumerate(lines) if t == "```{nosuch}"): "unknown directive {nosuch}",
        next(i + 1 for i, t in enumerate(lines) if t.startswith("Unclosed")): "never closed",
        next(i + 1 for i, t in enumerate(lines) if "engine.activations.nothing" in t): "has no top-level function",
    }
    for line, message in expected.items():
        assert any(p.line == line and message in p.message for p in problems), (line, message, [str(p) for p in problems])
    assert not lesson.placeable     # its front matter is unusable, so it is not put in the course
