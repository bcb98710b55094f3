"""Course-wide search in Chromium: found by typing, chosen and opened with the
keyboard, over HTTP and from the offline zip on file:// with no network; at
phone width; and `build.py serve` reloading a real open page after an edit."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from helpers import ROOT, wait_until

FROM = "level-1/one-neuron.html"


def index_docs(site):
    [script] = (site / "assets").glob("search-index.*.js")
    text = script.read_text(encoding="utf-8")
    return json.loads(text[text.index("=", text.index("searchIndex")) + 1:].rstrip().rstrip(";"))["docs"]


def target(site):
    """A heading of another lesson, and a query made of its two longest words."""
    for doc in index_docs(site):
        words = sorted(set(re.findall(r"[A-Za-z]{5,}", doc["heading"])), key=len, reverse=True)
        if doc["url"] != FROM and doc["url"].startswith("level-2/") and len(words) >= 2:
            return doc, " ".join(words[:2]).lower()
    pytest.fail("no heading with two long words in Level 2")


def search_and_open(page, doc, query):
    """Type the query, walk down to the doc's result with the arrow keys, open it with Enter."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type(query, delay=20)
    wait_until(page, "document.querySelectorAll('#search-results [role=option]').length > 0", 10, "results")
    box = page.locator("#search-input")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert page.locator("#" + box.get_attribute("aria-controls")).get_attribute("role") == "listbox"
    headings = page.locator("#search-results [role=option] .search-heading").all_inner_texts()
    assert doc["heading"] in headings, (query, headings)
    for _ in range(headings.index(doc["heading"]) + 1):
        page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert page.locator(f"#{active} .search-heading").inner_text() == doc["heading"]
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(doc["url"] + "#" + doc["anchor"]), timeout=15000, wait_until="commit")
    page.wait_for_load_state("domcontentloaded")
    anchor = json.dumps(doc["anchor"])
    wait_until(page, f"(() => {{ const h = document.getElementById({anchor});"
                     f" return h && h.textContent.replace(/\\u200b/g, '').replace(/\\s+/g, ' ').trim() === {json.dumps(doc['heading'])}; }})()",
               45, "the result's heading")
    wait_until(page, f"(() => {{ const r = document.getElementById({anchor}).getBoundingClientRect();"
                     " const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;"
                     " return r.top >= bar && r.top < innerHeight; })()", 30, "the heading shown below the top bar")


def test_search_finds_a_heading_and_opens_it_with_the_keyboard(page, site_url, built_site):
    doc, query = target(built_site)
    page.goto(site_url + FROM)
    search_and_open(page, doc, query)
    # Escape closes the list, a second Escape clears the box.
    page.keyboard.press("/")
    page.keyboard.type("neuron")
    wait_until(page, "!document.getElementById('search-results').hidden", 10)
    page.keyboard.press("Escape")
    assert page.locator("#search-results").is_hidden()
    assert page.locator("#search-input").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert page.locator("#search-input").input_value() == ""
    # A word from nowhere says so.
    page.keyboard.press("/")
    page.keyboard.type("qqqzzzxx")
    wait_until(page, "document.querySelector('#search-results .search-none') !== null", 10)
    assert page.locator("#search-results [role=option]").count() == 0
    assert page.errors == []


def test_every_anchor_in_the_index_lands_on_its_heading(page, site_url, built_site):
    docs = index_docs(built_site)
    for url in sorted({d["url"] for d in docs}):
        page.goto(site_url + url)
        for doc in (d for d in docs if d["url"] == url and d["anchor"]):
            found = page.evaluate(f"(() => {{ const h = document.getElementById({json.dumps(doc['anchor'])});"
                                  " return h && [h.tagName, h.textContent.replace(/\\u200b/g, '').replace(/\\s+/g, ' ').trim()]; })()")
            assert found and found[0] in ("H2", "H3") and found[1] == doc["heading"], (url, doc["anchor"], found)


def test_search_at_phone_width_opens_from_its_button_and_fits(browser, site_url, built_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + FROM)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390    # the bar fits
        opener = page.locator(".search-open")
        assert page.locator("#search-input").is_hidden() and opener.is_visible()
        opener.click()
        assert opener.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.activeElement.id") == "search-input"
        page.keyboard.type("neuron")
        wait_until(page, "document.querySelectorAll('#search-results [role=option]').length > 0", 10)
        box = page.locator("#search-results").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 56
        first = page.locator("#search-results [role=option]").first
        href = first.get_attribute("href")
        first.tap()
        page.wait_for_url(lambda url: url.endswith(href.split("/")[-1]), timeout=15000, wait_until="commit")
    finally:
        context.close()


@pytest.fixture(scope="module")
def unzipped(built_site, tmp_path_factory):
    target_dir = tmp_path_factory.mktemp("unzipped-search")
    with zipfile.ZipFile(built_site / "deep-learning-course.zip") as z:
        z.extractall(target_dir)
    return target_dir / "deep-learning-course"


def test_search_works_in_the_offline_zip_from_file_urls(browser, unzipped):
    doc, query = target(unzipped)
    context = browser.new_context(offline=True)
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((unzipped / FROM).as_uri())
        search_and_open(page, doc, query)
        assert page.url == (unzipped / doc["url"]).as_uri() + "#" + doc["anchor"]
        assert errors == []
        assert all(u.startswith(("file:", "blob:", "data:")) for u in requested), \
            [u for u in requested if not u.startswith(("file:", "blob:", "data:"))][:3]
    finally:
        context.close()


# -- live reload in a real page ---------------------------------------------------------

def test_serve_reloads_the_open_page_after_a_good_edit_only(browser, tmp_path):
    import socket
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    lesson = content / "level-1" / "02-one-neuron.md"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w")
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                               "--content", str(content), "--out", str(tmp_path / "dist")],
                              stdout=log, stderr=subprocess.STDOUT)
    page = browser.new_page()
    try:
        deadline = time.time() + 120
        while "Serving" not in log_path.read_text() and time.time() < deadline:
            time.sleep(0.3)
        page.goto(f"http://127.0.0.1:{port}/{FROM}")
        assert page.inner_text("h1") == "One neuron"
        page.evaluate("window.__sameDocument = true")

        with page.expect_navigation(timeout=60000):                      # the page reloads itself
            lesson.write_text(lesson.read_text().replace("title: One neuron", "title: A single neuron"))
        assert page.inner_text("h1") == "A single neuron"
        assert page.evaluate("window.__sameDocument") is None           # a real reload, not a patch
        page.evaluate("window.__sameDocument = true")

        lesson.write_text(lesson.read_text().replace("```{widget} neuron-gate", "```{widget} neuron-gaet"))
        deadline = time.time() + 60
        while "no reload" not in log_path.read_text() and time.time() < deadline:
            time.sleep(0.3)
        assert "unknown widget 'neuron-gaet'" in log_path.read_text()
        page.wait_for_timeout(1500)
        assert page.evaluate("window.__sameDocument") is True            # a failed build reloads nothing
        assert page.inner_text("h1") == "A single neuron"
    finally:
        page.close()
        server.terminate()
        server.wait(10)
        log.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_open_results_have_no_serious_accessibility_findings(browser, site_url, width):
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 844})   # to inject axe
    page = context.new_page()
    try:
        page.goto(site_url + FROM)
        page.keyboard.press("/")
        page.keyboard.type("weight")
        wait_until(page, "document.querySelectorAll('#search-results [role=option]').length > 1", 10)
        page.keyboard.press("ArrowDown")
        page.evaluate(axe)
        result = page.evaluate("axe.run(document.querySelector('.topbar'), {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()
