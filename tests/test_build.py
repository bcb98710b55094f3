"""The build: a good build writes every page and runtime file; an author's
mistake stops it with `file:line: what is wrong`, exit 1, and dist/ untouched;
a tampered runtime file is refused."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
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
