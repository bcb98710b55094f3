"""The build: a good build writes every page and runtime file; an author's
mistake stops it with `file:line: what is wrong`, exit 1, and dist/ untouched;
a tampered runtime file is refused."""
from __future__ import annotations

import codecs
import hashlib
import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from helpers import ROOT

LESSON1 = "level-1/01-what-is-a-neural-network.md"
LESSON2 = "level-1/02-one-neuron.md"


def build(content, out, env=None):
    import os
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})


def tree_digest(folder: Path):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- a good build ---------------------------------------------------------------

def test_good_build_writes_every_page(built_site):
    lessons = sorted((ROOT / "content").glob("*/*.md"))
    assert len(lessons) >= 3
    for level in ("level-1", "level-2", "level-3", "level-4", "frontier"):
        assert (built_site / level / "index.html").is_file()
    assert (built_site / "index.html").is_file()
    for lesson in lessons:
        slug = re.sub(r"^\d+-", "", lesson.stem)
        page = built_site / lesson.parent.name / f"{slug}.html"
        assert page.is_file(), page
    html = (built_site / "level-1" / "one-neuron.html").read_text()
    assert 'class="katex"' in html and "\\(" not in html          # math rendered at build time
    assert 'data-widget="neuron-gate"' in html and 'data-status="snapshot"' in html
    assert "<svg class=\"widget-snapshot\"" in html


def test_only_pages_with_widgets_start_python(built_site):
    """The home page and the level pages show no widget: booting Python there would only cost
    the learner's battery and the page's speed."""
    pages = [p for p in built_site.rglob("*.html") if "pyodide" not in p.parts]
    with_widgets = [p for p in pages if "data-widget=" in p.read_text()]
    without = [p for p in pages if p not in with_widgets]
    assert built_site / "index.html" in without and built_site / "level-1" / "index.html" in without
    assert len(with_widgets) > 20
    for page in with_widgets:
        assert re.search(r'<script src="[^"]*python\.\w+\.js"', page.read_text()), page
    for page in without:
        text = page.read_text()
        assert "data-runtime=" not in text and not re.search(r'src="[^"]*python\.\w+\.js"', text), page


def test_good_build_ships_a_verified_runtime(built_site):
    runtime_dir = built_site / "pyodide-0.27.7"
    lock = json.loads((runtime_dir / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["numpy"]                  # the shipped lock lists only what ships
    wheel = runtime_dir / lock["packages"]["numpy"]["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == \
        "ebb61241d962b98b21597d7ce43b67668a6d5bab3acec4fbe958657320d7cd08"
    pins = json.loads((ROOT / "buildlib" / "pyodide-pins.json").read_text())
    for name, digest in pins["core"].items():
        if name != "pyodide-lock.json":
            assert hashlib.sha256((runtime_dir / name).read_bytes()).hexdigest() == digest
    assert len(list((built_site / "assets").glob("course-py.*.zip"))) == 1


def _runtime_config(page):
    return json.loads(unescape(re.search(r'data-runtime="([^"]*)"', page.read_text()).group(1)))


def test_the_course_python_ships_as_bytecode_of_the_current_sources(built_site):
    """Every pysrc/ module is in the zip as Python 3.12 bytecode (no source to compile in the
    browser), and each .pyc's header holds the hash of the very source pysrc/ has now: the
    code the browser runs is the code a lesson shows."""
    import _imp
    import zipfile
    (zip_path,) = (built_site / "assets").glob("course-py.*.zip")
    shipped = {info.filename: zipfile.ZipFile(zip_path).read(info) for info in zipfile.ZipFile(zip_path).infolist()}
    sources = {p.relative_to(ROOT / "pysrc").as_posix(): p.read_bytes() for p in (ROOT / "pysrc").rglob("*.py")}
    assert sorted(shipped) == sorted(name + "c" for name in sources)
    for name, source in sources.items():
        pyc = shipped[name + "c"]
        assert pyc[:4] == (3531).to_bytes(2, "little") + b"\r\n", name       # Python 3.12's magic number
        assert int.from_bytes(pyc[4:8], "little") == 0b01, name               # hash-based, not by date
        assert pyc[8:16] == _imp.source_hash(int.from_bytes(pyc[:4], "little"), source), name


def test_only_pages_of_trained_widgets_fetch_the_weights(built_site):
    import zipfile
    sys.path.insert(0, str(ROOT / "pysrc"))
    import widgets
    trained = {name for name, cls in widgets.registry().items() if cls.trained}
    assert {"autoencoder", "dropout", "encoder-decoder"} <= trained
    (models_zip,) = (built_site / "assets").glob("course-models.*.zip")
    assert sorted(zipfile.ZipFile(models_zip).namelist()) == sorted(
        p.relative_to(ROOT / "pysrc").as_posix() for p in (ROOT / "pysrc" / "models").glob("*.npz"))
    for page in built_site.rglob("*.html"):
        if "data-runtime=" not in page.read_text():
            continue
        shown = set(re.findall(r'data-widget="([a-z0-9-]+)"', page.read_text()))
        config = _runtime_config(page)
        assert ("courseModels" in config) == bool(shown & trained), page
        if "courseModels" in config:
            assert (page.parent / config["courseModels"]).resolve() == models_zip.resolve()


def test_a_widget_that_reads_weights_says_so():
    """A widget module that imports the models package must be marked `trained`, or its page
    would not fetch the weights; one that does not must not be (its page would fetch them for nothing)."""
    sys.path.insert(0, str(ROOT / "pysrc"))
    import models
    import widgets
    for name, cls in widgets.registry().items():
        module = sys.modules[cls.__module__]
        reads = any(value is models for value in vars(module).values())
        assert cls.trained == reads, name


def test_every_url_in_every_page_is_relative(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        for url in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not url.startswith(("/", "http:", "https:")), f"{page}: {url}"


def test_every_file_a_page_loads_is_named_by_its_content(built_site):
    """So a reload after a rebuild can never pair a new page with an old script, stylesheet
    or course package kept by a cache: a changed file is a file with another name."""
    assets = built_site / "assets"
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        for name in re.findall(r'assets/([^"/]+\.[0-9a-f]{10}\.[a-z]+)', html):
            data = (assets / name).read_bytes()
            assert name.split(".")[-2] == hashlib.sha256(data).hexdigest()[:10], name
        for url in re.findall(r'(?:src|href)="([^"]*\.(?:js|css|zip))"', html):
            assert re.search(r"\.[0-9a-f]{10}\.(js|css|zip)$", url), f"{page}: {url} has no content hash"
    assert (built_site / "pyodide-0.27.7").is_dir()           # the runtime folder is versioned


# -- an author's mistakes ---------------------------------------------------------

def _replace(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


CASES = {
    "unknown widget": (LESSON1, lambda t: _replace(t, "{widget} dimmer-game", "{widget} dimmer-gaem"),
                       "dimmer-gaem", "unknown widget 'dimmer-gaem'"),
    "unknown config key": (LESSON1, lambda t: _replace(t, "target: 0.8", "targte: 0.8"),
                           "targte: 0.8", "unknown setting 'targte'"),
    "out-of-range config": (LESSON1, lambda t: _replace(t, "target: 0.8", "target: 5"),
                            "target: 5", "'target' must be from"),
    "ill-typed config": (LESSON1, lambda t: _replace(t, "target: 0.8", "target: bright"),
                         "target: bright", "'target' must be"),
    "missing front matter key": (LESSON2, lambda t: re.sub(r"\nsummary:[^\n]*", "", t, count=1),
                                 None, "front matter is missing 'summary'"),
    "no front matter": (LESSON2, lambda t: t.split("---", 2)[2], None, "must start with front matter"),
    "bad level": (LESSON2, lambda t: re.sub(r"\nlevel: 1\n", "\nlevel: 7\n", t, count=1),
                  "level: 7", "'level' must be 1, 2, 3, 4 or frontier"),
    "duplicate order": (LESSON2, lambda t: re.sub(r"\norder: \d+\n", "\norder: 1\n", t, count=1),
                        "order: 1", "order 1 in level 1 is already used"),
    "math that does not parse": (LESSON2, lambda t: t + "\n\nBroken: \\(\\frac{1}{\\)\n",
                                 "Broken:", "math does not parse"),
    "formula without in-words": (LESSON2, lambda t: t + "\n\n\\[ a = b \\]\n\nJust prose after.\n",
                                 "\\[ a = b \\]", "must be followed by an ```{in-words}"),
    "source name that does not exist": (LESSON2, lambda t: t + "\n\n```{source} engine.activations.sigmod\n```\n",
                                         "{source} engine.activations.sigmod",
                                         "engine.activations has no top-level function or class 'sigmod'"),
    "source highlight on no line": (LESSON2, lambda t: t + "\n\n```{source} engine.activations.sigmoid\nhighlight: nowhere\n```\n",
                                    "highlight: nowhere", "'nowhere' is on no line"),
    "link to a lesson file that does not exist": (LESSON2, lambda t: t + "\n\nSee [this](../level-2/09-nowhere.md).\n",
                                                  "See [this]", "there is no lesson file content/level-2/09-nowhere.md"),
    "link to a page that does not exist": (LESSON2, lambda t: t + "\n\nSee\n[that](../level-2/nowhere.html).\n",
                                           "[that]", "goes to level-2/nowhere.html, which is not a page"),
    "link to a heading that does not exist": (LESSON2, lambda t: t + "\n\nBack to [the top](#no-such-heading).\n",
                                              "Back to", "has no heading or widget with id 'no-such-heading'"),
    "link to another lesson's missing heading": (
        LESSON2, lambda t: t + "\n\nSee [XOR](../level-2/02-xor-and-the-squash.md#no-such-part).\n",
        "See [XOR]", "level-2/xor-and-the-squash.html has no heading or widget with id 'no-such-part'"),
    "link in a box to a missing heading": (LESSON2, lambda t: t + "\n\n```{key-idea}\nAbove, [here](#nope).\n```\n",
                                           "Above, [here]", "no heading or widget with id 'nope'"),
    "absolute link": (LESSON2, lambda t: t + "\n\nSee [home](/index.html).\n", "See [home]", "starts with '/'"),
    "unknown directive": (LESSON2, lambda t: t + "\n\n```{key-ideas}\nx\n```\n", "{key-ideas}",
                          "unknown directive {key-ideas}"),
    "setting given twice": (LESSON1, lambda t: _replace(t, "target: 0.8", "target: 0.8\ntarget: 0.7"),
                            "target: 0.7", "'target' is given twice"),
    "lesson in the wrong folder": (LESSON2, lambda t: re.sub(r"\nlevel: 1\n", "\nlevel: 2\n", t, count=1),
                                   "level: 2", "belongs in the folder content/level-2/"),
    "invalid YAML in widget": (LESSON1, lambda t: _replace(t, "target: 0.8", "target: [0.8"),
                               "target: [0.8", "invalid YAML"),
}


@pytest.fixture(scope="module")
def good_out(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("previous") / "dist"
    shutil.copytree(built_site, out)
    return out


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_author_mistake_names_file_and_line_and_leaves_dist_untouched(case, tmp_path, good_out):
    lesson, mutate, marker, message = CASES[case]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    target = content / lesson
    target.write_text(mutate(target.read_text()))
    lines = target.read_text().split("\n")
    line = next(i + 1 for i, text in enumerate(lines) if marker in text) if marker else 1
    before = tree_digest(good_out)

    done = build(content, good_out)

    assert done.returncode == 1
    assert f"content/{lesson}:{line}: " in done.stderr, done.stderr
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(good_out) == before


BYTES_CASES = {   # what an editor may save that is no good lesson: (bytes, marker of the line, message)
    "invalid UTF-8": (lambda b: b.replace(b"## Three steps", b"## Three st\xe9ps", 1), b"## Three st",
                      "not valid UTF-8: byte 0xe9"),
    "invalid UTF-8 after CR line ends": (lambda b: b.replace(b"\n", b"\r").replace(b"## Three steps", b"## \xc3(", 1),
                                         b"## \xc3(", "not valid UTF-8"),
    "NUL byte": (lambda b: b.replace(b"## Three steps", b"## Three\x00steps", 1), b"## Three", "control character U+0000"),
    "zero-width space hiding a fence": (lambda b: b.replace(b"```{in-words}", "\u200b```{in-words}".encode(), 1),
                                        b"```{in-words}", "invisible character U+200B"),
    "empty file": (lambda b: b"", None, "the file is empty"),
}


@pytest.mark.parametrize("case", BYTES_CASES, ids=list(BYTES_CASES))
def test_a_file_no_editor_should_save_names_its_line_and_leaves_dist_untouched(case, tmp_path, good_out):
    mutate, marker, message = BYTES_CASES[case]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    target = content / LESSON2
    target.write_bytes(mutate(target.read_bytes()))
    lines = target.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    line = next(i + 1 for i, text in enumerate(lines) if marker in text) if marker else 1
    before = tree_digest(good_out)

    done = build(content, good_out)

    assert done.returncode == 1
    assert f"content/{LESSON2}:{line}: " in done.stderr and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(good_out) == before


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path, good_out):
    """Not only the first per file: front matter, widget settings, math, directives and links
    of two lessons all come out of one build, each at its line."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    one = content / LESSON1
    one.write_text(_replace(_replace(one.read_text(), "target: 0.8", "target: 5\ntolerance: lots"),
                            "\norder: 1\n", "\norder: 1\nauthor: me\n")
                   + "\n\n```{nope}\n```\n\nSee [x](#nowhere) and \\(\\frac{1}{\\).\n")
    two = content / LESSON2
    two.write_text(two.read_text().replace("## Three steps", "## Three steps\x00", 1)
                   + "\n\n```{source} engine.activations.nothing\n```\n")
    before = tree_digest(good_out)

    done = build(content, good_out)

    def line_of(path, marker):
        return next(i + 1 for i, t in enumerate(path.read_text().split("\n")) if marker in t)
    expected = [(LESSON1, line_of(one, "target: 5"), "'target' must be from"),
                (LESSON1, line_of(one, "tolerance: lots"), "'tolerance' must be"),
                (LESSON1, line_of(one, "author: me"), "unknown front matter key 'author'"),
                (LESSON1, line_of(one, "```{nope}"), "unknown directive {nope}"),
                (LESSON1, line_of(one, "See [x]"), "no heading or widget with id 'nowhere'"),
                (LESSON1, line_of(one, "See [x]"), "math does not parse"),
                (LESSON2, line_of(two, "\x00"), "control character U+0000"),
                (LESSON2, line_of(two, "engine.activations.nothing"), "has no top-level function or class 'nothing'")]
    assert done.returncode == 1
    for lesson, line, message in expected:
        assert any(f"content/{lesson}:{line}: " in row and message in row for row in done.stderr.split("\n")), \
            (lesson, line, message, done.stderr)
    assert f"{len(expected)} error(s)" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(good_out) == before


SAVED_AS = [lambda t: codecs.BOM_UTF8 + t.encode(), lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
            lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be"),
            lambda t: t.replace("\n", "\r\n").encode(), lambda t: t.replace("\n", "\r").encode()]


def _article(html):
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_lessons_saved_in_any_editor_encoding_build_the_same_pages(tmp_path, built_site):
    """UTF-8 with a BOM, UTF-16 with a BOM (LE, BE), CRLF and CR line ends: the same site."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    lessons = sorted(content.glob("*/*.md"))
    for k, path in enumerate(lessons):
        path.write_bytes(SAVED_AS[k % len(SAVED_AS)](path.read_text(encoding="utf-8")))
    out = tmp_path / "dist"

    done = build(content, out)

    assert done.returncode == 0, done.stderr
    for page in sorted(p for p in built_site.glob("level-*/*.html") if p.name != "index.html"):
        twin = out / page.relative_to(built_site)
        assert _article(twin.read_text()) == _article(page.read_text()), page


# -- headings, links, code shown ------------------------------------------------------

def test_headings_get_ids_and_md_links_become_page_links(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    two = content / LESSON2
    two.write_text(two.read_text() + "\n\n## Where next?\n\nOn to [XOR](../level-2/02-xor-and-the-squash.md#why-one-neuron-is-not-enough),"
                   " back to [the sigmoid](#the-sigmoid-a-soft-onoff-switch), or [the top](#three-steps)"
                   " or [the gate](#one-neuron-1).\n\n## Where next?\n\nTwice.\n")
    xor = content / "level-2/02-xor-and-the-squash.md"
    if "## Why one neuron is not enough" not in xor.read_text():
        xor.write_text(xor.read_text() + "\n\n## Why one neuron is not enough\n\nBecause.\n")
    out = tmp_path / "dist"

    done = build(content, out)

    assert done.returncode == 0, done.stderr
    html = (out / "level-1" / "one-neuron.html").read_text()
    assert '<h2 id="three-steps">Three steps</h2>' in html
    assert '<h2 id="where-next">' in html and '<h2 id="where-next-2">' in html      # the same words twice
    assert 'href="../level-2/xor-and-the-squash.html#why-one-neuron-is-not-enough"' in html
    assert 'href="#the-sigmoid-a-soft-onoff-switch"' in html and ".md" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    xor_html = (out / "level-2" / "xor-and-the-squash.html").read_text()
    assert 'id="why-one-neuron-is-not-enough"' in xor_html


def test_source_directive_shows_the_exact_code_with_its_file_and_line(tmp_path):
    from buildlib.source import find
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    two = content / LESSON2
    two.write_text(two.read_text() + "\n\n```{source} engine.activations.sigmoid\nhighlight: np.where\n```\n")
    out = tmp_path / "dist"

    done = build(content, out)

    assert done.returncode == 0, done.stderr
    html = _article((out / "level-1" / "one-neuron.html").read_text())
    found = find("engine.activations.sigmoid")
    assert f"pysrc/engine/activations.py, line {found.line}" in html
    block = html[html.rindex('<figure class="source">'):]
    code = re.search(r"<pre[^>]*>(.*?)</pre>", block, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", code)) == found.code + "\n"
    assert '<span class="hll">' in block and 'style="' not in block


def test_every_widget_frame_has_its_python_button_unless_it_shows_no_code(built_site):
    """A <details> (works without JS: snapshot, offline, embeds) holding each name in the widget's
    `code`, in lesson pages and embed pages; none for a widget whose `code` is empty."""
    from buildlib.source import find
    from widgets import registry
    for name, cls in registry().items():
        page = (built_site / "embed" / f"{name}.html").read_text()
        frame = re.search(r'<figure class="widget[^"]*" id="embed-[^"]+".*?</figure>\s*(?=<)', page, re.S).group(0)
        if not cls.code:
            assert "widget-code" not in page, name
            continue
        button = re.search(r'<details class="widget-code"><summary class="btn btn-small">Python</summary>(.*?)</details>',
                           page, re.S)
        assert button, name
        for dotted in cls.code:
            assert f"<code>{dotted}</code>" in button.group(1) and find(dotted).where in button.group(1), (name, dotted)
    gate = (built_site / "level-1" / "one-neuron.html").read_text()
    assert gate.count('<details class="widget-code">') == gate.count('data-widget="neuron-gate"') >= 1
    dimmer = (built_site / "level-1" / "what-is-a-neural-network.html").read_text()
    assert 'data-widget="dimmer-game"' in dimmer and "widget-code" not in dimmer.split('data-widget="dimmer-game"')[1].split("</figure>")[0]


def test_widget_frames_are_well_formed_html(built_site):
    """The frame, with its Python button, parses as HTML with every element closed where it opened."""
    from html.parser import HTMLParser
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track", "param"}

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if tag in VOID:
                return
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            else:
                self.stack.pop()
    for page in [built_site / "level-1" / "one-neuron.html", *sorted((built_site / "embed").glob("*.html"))]:
        html = page.read_text()
        for frame in re.findall(r'<figure class="widget.*?</figure>\s*(?=<(?!/))', html, re.S) or [html]:
            checker = Checker()
            checker.feed(re.sub(r"<svg.*?</svg>", "", frame, flags=re.S))
            assert not checker.errors, (page, checker.errors[:3])


def test_widget_reference_in_content_readme_is_up_to_date():
    """Re-run `python build.py --widget-reference` after adding or changing a widget."""
    from buildlib import reference
    from widgets import registry
    text = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    assert reference.current(text) is not None, "content/README.md lost its widget reference markers"
    assert reference.current(text) == reference.render(registry()), \
        "content/README.md's widget reference is out of date: run python build.py --widget-reference"


def test_widget_reference_command_rewrites_only_between_its_markers(tmp_path):
    from buildlib import reference
    from widgets import registry
    readme = tmp_path / "README.md"
    readme.write_text(f"# Before\n\n{reference.BEGIN}\nstale\n{reference.END}\n\nAfter.\n")
    assert reference.write(readme, registry()) is True
    text = readme.read_text()
    assert text.startswith("# Before\n\n") and text.endswith("\n\nAfter.\n")
    for name, cls in registry().items():
        assert f"### `{name}`: {cls.title}" in text
        for s in cls.settings:
            assert f"| `{s.name}` |" in text
    assert reference.write(readme, registry()) is False              # nothing to change the second time


def test_every_directive_in_the_table_is_documented_and_read():
    """One table: a directive added to render.DIRECTIVES is known to the reader with no other list."""
    from buildlib import render
    from buildlib.errors import Problems
    from buildlib.lessons import parse_lesson
    readme = (ROOT / "content" / "README.md").read_text()
    for name in render.DIRECTIVES:
        assert f"{{{name}}}" in readme, name
    text = (ROOT / "content" / LESSON2).read_text() + "\n\n```{aside}\nSome \\(x\\) here.\n```\n"
    problems = Problems("x")
    assert parse_lesson(text.encode(), ROOT / "content" / LESSON2, "x", problems) and \
        any("unknown directive {aside}" in p.message for p in problems)
    kind = render.DirectiveType(True, lambda d, problems: d.body, lambda d, page: "", "a note")
    render.DIRECTIVES["aside"] = kind
    try:
        problems = Problems("x")
        lesson = parse_lesson(text.encode(), ROOT / "content" / LESSON2, "x", problems)
        assert not problems and lesson.directives[-1].name == "aside"
        assert "MATH" in lesson.directives[-1].body                 # its body's math is cut out like a box's
    finally:
        del render.DIRECTIVES["aside"]


def test_no_library_module_exits():
    """One exit path: buildlib raises BuildError subclasses; only build.py main() returns an exit code."""
    for path in sorted((ROOT / "buildlib").glob("*.py")):
        code = path.read_text()
        assert "SystemExit" not in code and "sys.exit" not in code, path


# -- the runtime ------------------------------------------------------------------

def test_tampered_runtime_file_in_cache_is_refused(tmp_path, good_out):
    from buildlib.runtime import cache_dir
    cache = tmp_path / "cache"
    shutil.copytree(cache_dir(), cache / cache_dir().name, ignore=shutil.ignore_patterns("downloads"))
    stdlib = cache / cache_dir().name / "python_stdlib.zip"
    data = bytearray(stdlib.read_bytes())
    data[1000] ^= 0xFF
    stdlib.write_bytes(bytes(data))
    before = tree_digest(good_out)

    done = build(ROOT / "content", good_out, env={"DLCOURSE_CACHE": str(cache)})

    assert done.returncode == 1
    assert "python_stdlib.zip: sha256 is" in done.stderr and "refused" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(good_out) == before


def test_when_every_source_fails_each_is_named(tmp_path, monkeypatch):
    from buildlib import runtime
    from buildlib.errors import RuntimeFetchError
    monkeypatch.setenv("DLCOURSE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("DLCOURSE_OFFLINE", "1")
    monkeypatch.setenv("PATH", str(tmp_path))                 # no npm to fall back on
    monkeypatch.setattr(runtime, "ROOT", tmp_path)             # no node_modules either
    with pytest.raises(RuntimeFetchError) as failure:
        runtime.ensure_runtime(log=lambda *_: None)
    message = str(failure.value)
    assert "pyodide.js" in message
    assert "cache" in message and "CDN https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.js" in message
    assert "npm package pyodide@0.27.7" in message
