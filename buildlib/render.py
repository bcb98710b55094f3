"""Turn one lesson into HTML: Markdown, then directives and math put back.

Widgets are checked against their declared settings here, and their first
frame is drawn (see snapshot.py) by running their Python in CPython.
"""
from __future__ import annotations

import json
from html import escape

import yaml
from markdown_it import MarkdownIt

from .errors import AuthorError
from .lessons import load_yaml_mapping
from .snapshot import controls_html, scene_svg

MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "replacements", "smartquotes"])


def markdown(text):
    return MARKDOWN.render(text)


def render_lesson(lesson, shown, widgets, math_html):
    """Return (html, [uid of each challenge widget]) or raise AuthorError. math_html: {key: html}."""
    html = markdown(lesson.markdown)
    uids = []
    for d in lesson.directives:
        block = DIRECTIVES[d.name](d, shown, lesson=lesson, widgets=widgets, uids=uids)
        html = html.replace(f"<p>{d.key}</p>", block)
    for key, rendered in math_html.items():
        html = html.replace(f"<p>{key}</p>", f'<div class="math-display">{rendered}</div>')
        html = html.replace(key, rendered)
    return html, [uid for uid, is_challenge in uids if is_challenge]


def _box(kind, title):
    def render(d, shown, **_):
        return (f'<aside class="box box-{kind}"><p class="box-title">{title}</p>'
                f'{markdown(d.body)}</aside>')
    return render


def _cards(d, shown, **_):
    try:
        cards = yaml.safe_load(d.body)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise AuthorError(shown, d.line + 1 + (mark.line if mark else 0), f"invalid YAML in cards: {err}") from None
    if not isinstance(cards, list) or not all(isinstance(c, dict) and isinstance(c.get("title"), str)
                                              and isinstance(c.get("text"), str) for c in cards):
        raise AuthorError(shown, d.line, "cards must be a YAML list of items with `title:` and `text:`")
    items = "".join(
        f'<li class="card"><span class="card-icon" aria-hidden="true">{escape(str(c.get("icon", "")))}</span>'
        f'<h3>{escape(c["title"])}</h3>{markdown(c["text"])}</li>' for c in cards)
    return f'<ul class="cards">{items}</ul>'


def _widget(d, shown, lesson, widgets, uids):
    from kit.settings import validate
    from kit.widget import HIDE

    if d.arg not in widgets:
        raise AuthorError(shown, d.line, f"unknown widget '{d.arg}' (known widgets: {', '.join(sorted(widgets))})")
    cls = widgets[d.arg]
    raw, key_lines = load_yaml_mapping(d.body, shown, first_line=d.line + 1)
    hide = raw.pop(HIDE, None)
    config, problems = validate(cls.settings, raw)
    if problems:
        key, message = problems[0]
        raise AuthorError(shown, key_lines.get(key, d.line), f"widget {d.arg}: {message}")
    uid = f"{lesson.slug}-{len(uids) + 1}"
    uids.append((uid, cls.challenge))
    if hide is not None:
        config[HIDE] = hide
    try:
        widget = cls(config)
        widget.check_hide()
        view = widget.view()
    except Exception as err:
        raise AuthorError(shown, d.line, f"widget {d.arg} failed to start: {type(err).__name__}: {err}") from None
    return widget_html(uid, cls, config, view, lesson.slug)


def _source(d, shown, **_):
    from . import source
    raw, key_lines = load_yaml_mapping(d.body, shown, first_line=d.line + 1)
    unknown = [k for k in raw if k != "highlight"]
    if unknown:
        raise AuthorError(shown, key_lines[unknown[0]], f"source: unknown key '{unknown[0]}' (allowed: highlight)")
    marks = raw.get("highlight", [])
    marks = [marks] if isinstance(marks, str) else marks
    if not isinstance(marks, list) or not all(isinstance(m, str) and m for m in marks):
        raise AuthorError(shown, key_lines.get("highlight", d.line), "source: 'highlight' must be text found in the code")
    try:
        return source.highlight(source.find(d.arg), marks)
    except LookupError as err:
        raise AuthorError(shown, key_lines.get("highlight", d.line) if "highlight:" in str(err) else d.line,
                          f"source: {err}") from None


def widget_html(uid, cls, config, view, page):
    """The widget's frame: snapshot, controls, live status. course.js wakes it up."""
    attrs = {
        "id": uid, "data-widget": cls.name, "data-status": "snapshot", "data-page": page,
        "data-config": json.dumps(config, separators=(",", ":")),
        "data-challenge": "true" if cls.challenge else "false",
    }
    attr_text = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    badge = '<span class="widget-badge" hidden>✓ Solved</span>' if cls.challenge else ""
    return (f'<figure class="widget" {attr_text}>'
            f'<figcaption class="widget-head"><span class="widget-title">{escape(cls.title)}</span>{badge}'
            f'<button type="button" class="widget-embed" hidden>Embed</button></figcaption>'
            f'<div class="widget-stage">{scene_svg(view["scene"])}</div>'
            f'<div class="widget-controls">{controls_html(uid, view["controls"])}</div>'
            f'<p class="widget-status" role="status" aria-live="polite">{escape(view["status"])}</p>'
            f'<p class="widget-progress">Interactive version loading…</p>'
            f'</figure>')


def embed_body(cls):
    """The standalone embed page of a widget: the widget alone, default settings."""
    config = {s.name: s.default for s in cls.settings}
    return widget_html(f"embed-{cls.name}", cls, config, cls(config).view(), "embed")


DIRECTIVES = {
    "widget": _widget,
    "cards": _cards,
    "key-idea": _box("key-idea", "Key idea"),
    "in-words": _box("in-words", "In words"),
    "source": _source,
}
