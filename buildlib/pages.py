"""Write the HTML pages: home, one per level, one per lesson.

Every URL a page uses is relative to that page (`root` is "" or "../"), so the
same dist/ works at a site's root, under a sub-path, and from file://.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .search import write_search_assets

WIDGET_NAME = re.compile(r'data-widget="([a-z0-9-]+)"')
TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"

# What the pages may load: only their own files. Pyodide needs
# 'wasm-unsafe-eval' (never 'unsafe-eval'); KaTeX's HTML uses style attributes;
# the offline zip starts its worker from a blob: URL.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; "
       "connect-src 'self' data:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "font-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'")


def write_pages(site, course, pages, assets, runtime_dir, embeds, trained=frozenset()):
    """`trained`: the names of the widgets that read trained weights; a page showing one
    has its runtime fetch them (course-models.zip) beside the course's Python."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=False, lstrip_blocks=False)
    nav = [_level_nav(level, pages) for level in course.levels]
    assets = {**assets, **write_search_assets(site / "assets", course, pages)}

    def page(template, url, python=False, **values):
        root = "../" * url.count("/")
        runtime = {"indexURL": f"{root}{runtime_dir}/", "worker": _versioned(root, "worker.js", assets),
                   "coursePy": _versioned(root, "course-py.zip", assets)}
        if trained & set(WIDGET_NAME.findall(str(values.get("body", "")))):
            runtime["courseModels"] = _versioned(root, "course-models.zip", assets)
        html = env.get_template(template).render(
            course=course, nav=nav, root=root, page_url=url, csp=CSP,
            asset=lambda name: _versioned(root, name, assets),
            runtime_json=json.dumps(runtime, separators=(",", ":")), python=python, **values)
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    course.intro_html = Markup(course.intro_html)
    page("home.html", "index.html", kind="home", title="Home", description=course.tagline, current_level=None)
    for level, level_nav in zip(course.levels, nav):
        level.intro_html = Markup(level.intro_html)
        page("level.html", level.url, kind="level", title=f"{level.tag}: {level.name}",
             description=level.blurb, level=level_nav, current_level=level.key)
        for index, lesson in enumerate(level.lessons):
            body, _ = pages[lesson.url]
            prev = level_nav["lessons"][index - 1] if index > 0 else None
            nxt = level_nav["lessons"][index + 1] if index + 1 < len(level.lessons) else None
            page("lesson.html", lesson.url, python="data-widget=" in body,
                 kind="lesson", title=lesson.title, description=lesson.summary,
                 body=Markup(body), level=level_nav, lesson_index=index + 1, prev=prev, next=nxt,
                 current_level=level.key)
    for name, (title, body) in embeds.items():
        page("embed.html", f"embed/{name}.html", python=True, kind="embed", title=title, body=Markup(body))


def _level_nav(level, pages):
    lessons = [{"title": l.title, "url": l.url, "slug": l.slug, "summary": l.summary,
                "challenges": pages[l.url][1]} for l in level.lessons]
    return {"key": level.key, "tag": level.tag, "name": level.name, "title": level.title,
            "blurb": level.blurb, "url": level.url, "intro_html": level.intro_html, "lessons": lessons}


def _versioned(root, name, assets):
    """The URL of a file of this build (its name carries its content hash)."""
    return f"{root}assets/{assets[name]}"
