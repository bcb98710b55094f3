"""The course-wide search index, built from the rendered lessons.

One entry per lesson section: the part before its first heading, then each
h2/h3 with the text under it. An entry keeps the lesson's title and URL, the
heading and its anchor, and the plain text a learner reads (no math markup, no
widget pictures or controls, no code listings). It ships as a classic script
that sets `DLCourse.searchIndex`, because pages opened from file:// may load
scripts but may not fetch files; web/runtime/search.js feeds it to MiniSearch
(whose browser build is copied next to it, pinned in package.json).
"""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

NAME = "search-index.js"
# MiniSearch's UMD build: a classic script that sets the global MiniSearch.
MINISEARCH = Path(__file__).resolve().parent.parent / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"

# Elements whose text is not prose: display formulas (read as text, a fraction
# comes out scrambled; the {in-words} box after each says it in words), widget
# pictures and controls, code listings, buttons. Inline math stays ("xi").
_SKIPPED_CLASSES = {"math-display", "katex-display", "widget-stage", "widget-controls", "widget-status",
                    "widget-progress", "widget-notice"}
_SKIPPED_TAGS = {"annotation", "svg", "pre", "script", "style", "button", "select", "textarea", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CONTAINERS = {"li", "aside", "figure", "table", "blockquote"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "aside", "div", "blockquote", "br"}


class _Sections(HTMLParser):
    """Splits a lesson's HTML into (heading, anchor, text) at each h2 and h3 of
    the lesson itself (a card's or a box's own heading is text of its section)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [{"heading": "", "anchor": "", "text": []}]
        self.open = []              # (tag, skipped) of each open element
        self.heading = None         # text parts while inside a section heading
        self.heading_id = None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br":
                self._text(" ")
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        skip = self._skipping() or tag in _SKIPPED_TAGS or bool(classes & _SKIPPED_CLASSES)
        nested = any(t in _CONTAINERS for t, _ in self.open)
        self.open.append((tag, skip))
        if not skip and not nested and tag in ("h2", "h3"):
            self.heading, self.heading_id = [], attrs.get("id")
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or not self.open:
            return
        self.open.pop()
        if tag in ("h2", "h3") and self.heading is not None:
            # The build gives each lesson heading an id (render.py); one without opens the lesson's top.
            title = _squash("".join(self.heading))
            self.sections.append({"heading": title, "anchor": self.heading_id or "", "text": []})
            self.heading = None
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_data(self, data):
        if self._skipping():
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self._text(data)

    def _skipping(self):
        return bool(self.open) and self.open[-1][1]

    def _text(self, data):
        self.sections[-1]["text"].append(data)


def _squash(text):
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)      # KaTeX's zero-width struts
    return re.sub(r"\s+", " ", text).strip()


def lesson_sections(html: str):
    """[(heading, anchor, text)] of one rendered lesson body, in reading order."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    sections = [(s["heading"], s["anchor"], _squash("".join(s["text"]))) for s in parser.sections]
    return [s for s in sections if s[0] or s[2]]


def build_index(course, pages):
    """Every section of every lesson as one document: {id, lesson, level, url, heading, anchor, text}."""
    docs = []
    for level in course.levels:
        for lesson in level.lessons:
            body = pages[lesson.url][0]
            sections = lesson_sections(body)
            if not sections or sections[0][0]:
                sections.insert(0, ("", "", ""))        # the lesson's own entry: title and summary
            heading, anchor, text = sections[0]
            sections[0] = (heading, anchor, _squash(f"{lesson.summary} {text}"))
            for heading, anchor, text in sections:
                docs.append({"id": len(docs), "lesson": lesson.title, "level": level.tag, "url": lesson.url,
                             "heading": heading, "anchor": anchor, "text": text})
    return docs


def index_script(docs) -> bytes:
    data = json.dumps({"version": 1, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    # "</" never appears raw, so the script could even be inlined safely.
    data = data.replace("</", "<\\/")
    return f"window.DLCourse=window.DLCourse||{{}};DLCourse.searchIndex={data};\n".encode()


def write_search_assets(assets_dir, course, pages) -> dict:
    """Write the index and MiniSearch's browser build into assets/, each named by its
    content hash like every other asset. Returns {name: file name under assets/}."""
    library = MINISEARCH.read_text(encoding="utf-8")
    library = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", library)   # the map is not shipped
    files = {NAME: index_script(build_index(course, pages)), "minisearch.js": library.encode()}
    return {name: _write_hashed(assets_dir, name, data) for name, data in files.items()}


def _write_hashed(folder, name, data):
    stem, _, ext = name.partition(".")
    hashed = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
    (folder / hashed).write_bytes(data)
    return hashed
