"""Internal links, checked at build time (as mkdocs' strict mode does).

A lesson links to another lesson by its page, `../level-2/xor-and-the-squash.html`,
or by its file, `../level-2/02-xor-and-the-squash.md` (rewritten to the page), and
to a heading by its id, `#the-sigmoid` or `../level-2/xor-and-the-squash.html#why`.
Headings' ids come from their text (`slug`). A link to a page or an id that does not
exist is a `file:line` error. Links with a scheme (https:, mailto:) are not checked.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
PLACEHOLDER = re.compile(r"(MATH|DIRECTIVE)\d+X")


def slug(text):
    """A heading's id: its words, lowercase, joined by hyphens ("Why 0.5?" -> "why-05")."""
    text = unicodedata.normalize("NFKC", PLACEHOLDER.sub(" ", text)).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


@dataclass
class Site:
    """Every page of the course, for checking links: lesson files -> pages, and all pages."""
    sources: dict = field(default_factory=dict)      # "level-2/02-xor-and-the-squash.md" -> its page URL
    pages: set = field(default_factory=set)          # every page URL: lessons, level pages, home, embeds
    ids: dict = field(default_factory=dict)          # lesson page URL -> ids in it (filled as pages are made)


@dataclass(frozen=True)
class Anchor:
    line: int
    href: str
    url: str            # the page it points at
    fragment: str       # the id it points at


def site_of(lessons, levels, widget_names):
    site = Site()
    for lesson in lessons:
        site.sources[f"{lesson.path.parent.name}/{lesson.path.name}"] = lesson.url
        site.pages.add(lesson.url)
    site.pages |= {"index.html", *(f"{lv}/index.html" for lv in levels)}
    site.pages |= {f"embed/{name}.html" for name in widget_names}
    return site


def check(href, line, page):
    """The href to write (a .md link becomes the page's), after checking where it goes."""
    if SCHEME.match(href):
        return href
    path, _, fragment = href.partition("#")
    fragment = unquote(fragment)
    if not path:
        if fragment:
            page.anchors.append(Anchor(line, href, page.url, fragment))
        return href
    if path.startswith("/"):
        page.problems.add(line, f"link '{href}' starts with '/': write it relative to this page, "
                                f"e.g. ../level-2/xor-and-the-squash.html")
        return href
    base = posixpath.dirname(page.url)
    target = posixpath.normpath(posixpath.join(base, unquote(path)))
    if target.endswith(".md"):
        url = page.site.sources.get(target)
        if url is None:
            page.problems.add(line, f"link '{href}': there is no lesson file content/{target}")
            return href
        href = posixpath.relpath(url, base) + (f"#{_quote(fragment)}" if fragment else "")
        target = url
    elif target not in page.site.pages and f"{target}/index.html" in page.site.pages:
        target = f"{target}/index.html"
    if target not in page.site.pages:
        page.problems.add(line, f"link '{href}' goes to {target}, which is not a page of the course "
                                f"(link a lesson as ../level-N/slug.html or by its file ../level-N/NN-slug.md)")
        return href
    if fragment:
        page.anchors.append(Anchor(line, href, target, fragment))
    return href


def _quote(fragment):
    from urllib.parse import quote
    return quote(fragment, safe="-_.~")


def check_anchors(page, site):
    """After every page is made: each #id a page links to exists in its target."""
    for anchor in page.anchors:
        ids = site.ids.get(anchor.url)
        if ids is None:
            page.problems.add(anchor.line, f"link '{anchor.href}': only a lesson's headings and widgets "
                                           f"can be linked to with #")
        elif anchor.fragment not in ids:
            known = ", ".join(f"#{i}" for i in sorted(ids)) or "none"
            page.problems.add(anchor.line, f"link '{anchor.href}': {anchor.url} has no heading or widget "
                                           f"with id '{anchor.fragment}' (ids there: {known})")
