"""Turn one lesson into HTML: Markdown, then directives and math put back.

`DIRECTIVES` is the one table of directives: for each name, what its body is
(Markdown that may hold math, or YAML), the parser run when the lesson is read
and the renderer run when the page is made. Widgets are checked against their
declared settings here and their first frame is drawn (snapshot.py) by running
their Python in CPython. Every h2/h3 gets an id from its text, and every
internal link is checked (links.py); problems are added to the page's list.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from typing import Callable

from markdown_it import MarkdownIt

from . import links, source
from .errors import AuthorError, Problems
from .snapshot import controls_html, scene_svg
from .yamltext import load_yaml, load_yaml_mapping

MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "replacements", "smartquotes"])


def markdown(text):
    """Markdown with no line numbers to report (course.yaml's intros)."""
    return MARKDOWN.render(text)


@dataclass
class Page:
    """One lesson while it is rendered: what it needs, and what it finds."""
    lesson: object
    shown: str
    widgets: dict                # name -> widget class
    codes: dict                  # widget name -> its Python button's HTML
    site: links.Site
    problems: Problems
    uids: list = field(default_factory=list)       # (uid, is challenge)
    ids: set = field(default_factory=set)          # ids a link may point at
    anchors: list = field(default_factory=list)    # links.Anchor, checked once every page is made

    @property
    def url(self):
        return self.lesson.url


def render_lesson(lesson, page, math_html):
    """(html, [uid of each challenge widget]); problems go to page.problems.
    math_html: {placeholder: (html, display)} for the formulas KaTeX could render."""
    html = render_markdown(lesson.markdown, lesson.linemap, page, headings=True)
    for d in lesson.directives:
        try:
            block = DIRECTIVES[d.name].render(d, page)
        except AuthorError as err:
            page.problems.append(err)
            block = ""
        html = html.replace(f"<p>{d.key}</p>", block)
    return put_math(html, math_html), [uid for uid, is_challenge in page.uids if is_challenge]


def put_math(html, math_html):
    """Each formula's placeholder becomes its HTML; a display formula is a block of its own."""
    def one(match):
        key = match.group(1) or match.group(2)
        if key not in math_html:
            return match.group(0)
        rendered, display = math_html[key]
        if display:
            return f'<div class="math-display">{rendered}</div>'
        return f"<p>{rendered}</p>" if match.group(1) else rendered
    return re.sub(r"<p>(MATH\d+X)</p>|(MATH\d+X)", one, html)


def render_markdown(text, linemap, page, headings=False):
    """Markdown to HTML; h2/h3 get ids (when `headings`), links are checked and .md links rewritten.
    linemap[i] is the file's line of the text's line i."""
    tokens = MARKDOWN.parse(text)
    line = linemap[0] if linemap else 1
    for i, token in enumerate(tokens):
        if token.map:
            line = linemap[min(token.map[0], len(linemap) - 1)] if linemap else 1
        if headings and token.type == "heading_open" and token.tag in ("h2", "h3"):
            token.attrSet("id", _unique(links.slug(tokens[i + 1].content), page.ids))
        for offset, child in _children(token):
            if child.type == "link_open":
                at = linemap[min(token.map[0] + offset, len(linemap) - 1)] if token.map and linemap else line
                child.attrSet("href", links.check(child.attrGet("href") or "", at, page))
    return MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})


def _children(token):
    offset = 0
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        yield offset, child


def _unique(ident, taken):
    candidate, n = ident, 1
    while candidate in taken:
        n += 1
        candidate = f"{ident}-{n}"
    taken.add(candidate)
    return candidate


# -- the directives ------------------------------------------------------------------
# A parser gets (directive, problems) when the lesson is read and returns the body's value;
# a renderer gets (directive, page) and returns HTML. Both add problems instead of stopping.

def _parse_markdown(d, problems):
    return d.body


def _box(kind, title):
    def render(d, page):
        body = render_markdown(d.body, d.lines, page)
        return f'<aside class="box box-{kind}"><p class="box-title">{title}</p>{body}</aside>'
    return render


def _parse_mapping(d, problems):
    try:
        return load_yaml_mapping(d.body, problems.shown, first_line=d.line + 1)
    except AuthorError as err:
        problems.append(err)
        return None


def _parse_cards(d, problems):
    try:
        cards, node = load_yaml(d.body, problems.shown, first_line=d.line + 1)
    except AuthorError as err:
        problems.append(err)
        return None
    if not isinstance(cards, list) or not cards:
        problems.add(d.line, "cards must be a YAML list of items with `title:` and `text:`")
        return None
    good = []
    for card, item in zip(cards, node.value):
        line = d.line + 1 + item.start_mark.line
        if not isinstance(card, dict) or not isinstance(card.get("title"), str) or not isinstance(card.get("text"), str):
            problems.add(line, "each card needs `title:` and `text:`, both text")
            continue
        unknown = sorted(str(k) for k in card if k not in ("title", "text", "icon"))
        if unknown:
            problems.add(line, f"unknown card key '{unknown[0]}' (allowed: title, icon, text)")
        good.append((card, line))
    return good


def _render_cards(d, page):
    if d.value is None:
        return ""
    items = "".join(
        f'<li class="card"><span class="card-icon" aria-hidden="true">{escape(str(c.get("icon", "")))}</span>'
        f'<h3>{escape(c["title"])}</h3>{render_markdown(c["text"], [line], page)}</li>' for c, line in d.value)
    return f'<ul class="cards">{items}</ul>'


def _parse_source(d, problems):
    """`{source} dotted.name`, body `highlight: text` (or a list): found now, so a stale name is an error."""
    parsed = _parse_mapping(d, problems)
    if parsed is None:
        return None
    raw, key_lines = parsed
    for key in raw:
        if key != "highlight":
            problems.add(key_lines.get(key, d.line), f"source: unknown key '{key}' (allowed: highlight)")
    marks = raw.get("highlight", [])
    marks = [marks] if isinstance(marks, str) else marks
    at = key_lines.get("highlight", d.line)
    if not isinstance(marks, list) or not all(isinstance(m, str) and m.strip() for m in marks):
        problems.add(at, "source: 'highlight' must be a piece of text from the code, or a list of them")
        return None
    try:
        found = source.find(d.arg)
    except LookupError as err:
        problems.add(d.line, f"source: {err}")
        return None
    try:
        return source.highlight(found, marks)
    except LookupError as err:
        problems.add(at, f"source: {err}")
        return None


def _render_source(d, page):
    return d.value or ""


def _render_widget(d, page):
    from kit.settings import validate
    from kit.widget import HIDE

    if d.arg not in page.widgets:
        raise AuthorError(page.shown, d.line, f"unknown widget '{d.arg}' (known widgets: {', '.join(sorted(page.widgets))})")
    if d.value is None:
        return ""
    cls = page.widgets[d.arg]
    raw, key_lines = d.value
    raw = dict(raw)
    hide = raw.pop(HIDE, None)
    config, problems = validate(cls.settings, raw)
    for key, message in problems:
        page.problems.add(key_lines.get(key, d.line), f"widget {d.arg}: {message}")
    if problems:
        return ""
    uid = f"{page.lesson.slug}-{len(page.uids) + 1}"
    page.uids.append((uid, cls.challenge))
    page.ids.add(uid)
    if hide is not None:
        config[HIDE] = hide
    try:
        widget = cls(config)
        widget.check_hide()
        view = widget.view()
    except Exception as err:   # the widget's own code failed on these settings: say so at the directive
        raise AuthorError(page.shown, key_lines.get(HIDE, d.line) if isinstance(err, ValueError) and "hide" in str(err)
                          else d.line, f"widget {d.arg} failed to start: {type(err).__name__}: {err}") from None
    return widget_html(uid, cls, config, view, page.lesson.slug, page.codes.get(cls.name, ""))


@dataclass(frozen=True)
class DirectiveType:
    math: bool            # the body is prose: math in it is cut out and rendered with the page's
    parse: Callable       # (directive, problems) -> value, when the lesson is read
    render: Callable      # (directive, page) -> html
    body: str             # for content/README.md: what goes in the body


DIRECTIVES = {
    "widget": DirectiveType(False, _parse_mapping, _render_widget,
                            "the widget's settings as YAML `key: value` lines, or empty for the defaults"),
    "source": DirectiveType(False, _parse_source, _render_source,
                            "empty, or `highlight: text` (or a list of texts) marking the lines that contain it"),
    "cards": DirectiveType(True, _parse_cards, _render_cards,
                           "a YAML list; each card has `title`, `icon` (one emoji) and `text` (markdown)"),
    "key-idea": DirectiveType(True, _parse_markdown, _box("key-idea", "Key idea"), "a short takeaway, markdown"),
    "in-words": DirectiveType(True, _parse_markdown, _box("in-words", "In words"),
                              "the plain-language reading of the display formula just above"),
}


# -- the widget frame ------------------------------------------------------------------

def widget_code(widgets, shown_of):
    """({widget name: its Python button's HTML}, [AuthorError]): each name in a widget's
    `code` list, highlighted; one that does not resolve is an error at the widget's file.
    A widget may mark lines as {source}'s `highlight` does: `code_highlight = {dotted name: text
    or [texts]}` (e.g. the line where the output error is prediction minus target)."""
    codes, errors = {}, []
    for name, cls in sorted(widgets.items()):
        blocks = []
        marks = getattr(cls, "code_highlight", None) or {}
        for dotted in getattr(cls, "code", None) or []:
            wanted = marks.get(dotted, [])
            try:
                blocks.append(source.highlight(source.find(dotted), [wanted] if isinstance(wanted, str) else wanted))
            except LookupError as err:
                path, line = shown_of(cls)
                errors.append(AuthorError(path, line, f"{cls.__name__}.code: {err}"))
        for dotted in sorted(set(marks) - set(getattr(cls, "code", None) or [])):
            path, line = shown_of(cls, "code_highlight")
            errors.append(AuthorError(path, line, f"{cls.__name__}.code_highlight: '{dotted}' is not in its code list"))
        if blocks:
            codes[name] = ('<details class="widget-code"><summary class="btn btn-small">Python</summary>'
                           '<div class="widget-code-body"><p class="widget-code-note">The Python that drives '
                           f'this widget, exactly as it runs in your browser:</p>{"".join(blocks)}</div></details>')
    return codes, errors


def widget_html(uid, cls, config, view, page, code_html=""):
    """The widget's frame: snapshot, controls, live status, the Python it runs. course.js wakes it up."""
    attrs = {
        "id": uid, "data-widget": cls.name, "data-status": "snapshot", "data-page": page,
        "data-config": json.dumps(config, separators=(",", ":")),
        "data-challenge": "true" if cls.challenge else "false",
    }
    attr_text = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    badge = '<span class="widget-badge" hidden>✓ Solved</span>' if cls.challenge else ""
    classes = "widget has-code" if code_html else "widget"
    return (f'<figure class="{classes}" {attr_text}>'
            f'<figcaption class="widget-head"><span class="widget-title">{escape(cls.title)}</span>{badge}'
            f'<button type="button" class="widget-embed" hidden>Embed</button></figcaption>'
            f'{code_html}'
            f'<div class="widget-stage">{scene_svg(view["scene"])}</div>'
            f'<div class="widget-controls">{controls_html(uid, view["controls"])}</div>'
            f'<p class="widget-status" role="status" aria-live="polite">{escape(view["status"])}</p>'
            f'<p class="widget-progress">Interactive version loading…</p>'
            f'</figure>')


def embed_body(cls, code_html=""):
    """The standalone embed page of a widget: the widget alone, default settings."""
    config = {s.name: s.default for s in cls.settings}
    return widget_html(f"embed-{cls.name}", cls, config, cls(config).view(), "embed", code_html)
