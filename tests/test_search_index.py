"""The search index the build ships: every lesson and every heading of it, with
the text a learner reads, as a classic script (file:// pages cannot fetch)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from buildlib.search import lesson_sections


def shipped_index(site):
    [script] = (site / "assets").glob("search-index.*.js")
    text = script.read_text(encoding="utf-8")
    prefix = "window.DLCourse=window.DLCourse||{};DLCourse.searchIndex="
    assert text.startswith(prefix) and text.rstrip().endswith(";")
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))["docs"]


class Headings(HTMLParser):
    """The lesson's own h2/h3 headings of a built page (inside <article class="prose">)."""

    def __init__(self):
        super().__init__()
        self.depth, self.inside, self.nested, self.found, self.current = 0, False, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "prose" in (attrs.get("class") or ""):
            self.inside = True
        elif self.inside and tag in ("li", "aside", "figure", "table", "blockquote"):
            self.nested += 1
        elif self.inside and not self.nested and tag in ("h2", "h3"):
            self.current = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside = False
        elif self.inside and tag in ("li", "aside", "figure", "table", "blockquote"):
            self.nested -= 1
        elif tag in ("h2", "h3") and self.current is not None:
            self.found.append(re.sub(r"\s+", " ", "".join(self.current).replace("\u200b", "")).strip())
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def lesson_pages(site):
    return sorted(p for p in site.glob("level-*/*.html") if "<article class=\"prose\">" in p.read_text())


def test_the_index_covers_every_lesson_and_every_heading(built_site):
    docs = shipped_index(built_site)
    pages = lesson_pages(built_site)
    assert pages, "no lesson pages were built"
    for page in pages:
        url = str(page.relative_to(built_site))
        html = page.read_text()
        title = re.search(r"<h1>(.*?)</h1>", html).group(1)
        mine = [d for d in docs if d["url"] == url]
        assert mine, f"{url} is not in the search index"
        assert mine[0]["heading"] == "" and mine[0]["lesson"] == title          # the lesson's own entry
        summary = re.search(r'<p class="summary">(.*?)</p>', html).group(1)
        assert summary.replace("&#39;", "'").replace("&amp;", "&")[:40] in mine[0]["text"]
        parser = Headings()
        parser.feed(html)
        assert [d["heading"] for d in mine[1:]] == parser.found, url
        assert all(doc["anchor"] for doc in mine[1:]), url                     # the build's heading ids
        assert sum(len(doc["text"]) for doc in mine) > 500, f"{url}: hardly any text indexed"
    assert {d["url"] for d in docs} == {str(p.relative_to(built_site)) for p in pages}


def test_index_text_is_prose_only(built_site):
    """No widget picture, control, TeX source or code listing ends up in the text."""
    for doc in shipped_index(built_site):
        for junk in ("<svg", "viewBox", "\\frac", "katex", "\u200b"):
            assert junk not in doc["text"], (doc["url"], doc["heading"], junk)


def test_sections_split_at_headings_and_take_ids_from_the_page():
    html = ('<p>Intro <strong>words</strong>.</p><h2 id="given">First part</h2><p>One <span class="katex">'
            '<span class="katex-html">x\u200b</span></span> two.</p><div class="math-display">scrambled</div>'
            '<ul class="cards"><li class="card"><h3>Card title</h3><p>card text</p></li></ul>'
            '<h3>Second: part é</h3><figure class="widget"><div class="widget-stage"><svg><text>9.99</text></svg>'
            '</div><div class="widget-controls"><label>Slider</label></div></figure><pre><code>x = 1</code></pre>'
            '<h2>Second: part é</h2><p>again</p>')
    sections = lesson_sections(html)
    assert sections == [("", "", "Intro words."),
                        ("First part", "given", "One x two. Card title card text"),
                        ("Second: part é", "", ""),
                        ("Second: part é", "", "again")]
