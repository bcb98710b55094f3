"""The three ways the course ships, each in a real browser: under a sub-path
with the pages' Content-Security-Policy sent as a header, from the offline zip
opened as file:// with no network, and as single widgets embedded by iframe
in a page on another origin."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from buildlib.pages import CSP
from helpers import start_server, wait_all_live, wait_until, widget_statuses

LESSON = "level-1/one-neuron.html"


def busiest_page_of_each_level(site):
    """Per level, the lesson page showing the most widgets (the first of a tie). Every page
    loads the same runtime files by the same relative URLs, and every widget is driven on its
    own page by test_every_widget.py; what a way of shipping can break, it breaks for a whole
    level's pages at once."""
    chosen = {}
    for page in sorted(site.glob("level-*/*.html")):
        count = page.read_text().count("data-widget=")
        if count and count > chosen.get(page.parent.name, ("", 0))[1]:
            chosen[page.parent.name] = (str(page.relative_to(site)), count)
    return [path for path, _ in chosen.values()]


def answers_input(page, frame=None):
    """Drive the first widget on a page through one real input and see it answer."""
    scope = frame or page
    root = scope.locator("[data-widget]").first
    # What the learner sees: the picture and the sentence under it.
    seen = lambda: (root.locator("canvas").evaluate("c => c.toDataURL()"),  # noqa: E731
                    root.locator(".widget-status").inner_text())
    before = seen()
    # A real key press or click on the first control a learner would try: a slider, the main
    # button, a menu, a switch, or else the first button.
    primary = root.locator(".widget-controls .btn-primary:not([disabled])")
    if root.locator("input[type=range]").count():
        control = root.locator("input[type=range]").first
        at_max = control.evaluate("s => Number(s.value) >= Number(s.max)")
        control.focus()
        control.press("Home" if at_max else "End")
    elif primary.count():
        primary.first.click()
    elif root.locator("select").count():
        control = root.locator("select").first
        index = control.evaluate("s => s.selectedIndex")
        control.select_option(index=0 if index else 1)
    elif root.locator("input[type=checkbox]").count():
        root.locator("input[type=checkbox]").first.press(" ")
    else:
        root.locator(".widget-controls button:not([disabled])").first.click()
    deadline = 100
    while seen() == before and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert seen() != before, "the widget did not answer"


# -- GitHub Pages: a sub-path, and the policy as a real header --------------------

@pytest.fixture(scope="module")
def subpath_url(built_site, tmp_path_factory):
    parent = tmp_path_factory.mktemp("pages")
    shutil.copytree(built_site, parent / "user-course" / "repo")
    url, server = start_server(parent, headers={"Content-Security-Policy": CSP})
    yield url + "user-course/repo/"
    server.shutdown()


def test_under_a_sub_path_with_the_policy_every_level_goes_live(page, subpath_url, built_site):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    for path in busiest_page_of_each_level(built_site):
        page.goto(subpath_url + path)
        wait_all_live(page)
        answers_input(page)
    assert page.errors == []
    assert all(u.startswith(subpath_url) or u.startswith(("blob:", "data:")) for u in requested), \
        [u for u in requested if not u.startswith(subpath_url)][:3]


def test_a_policy_without_webassembly_falls_back_to_snapshots_quickly(page, built_site, tmp_path):
    strict = CSP.replace(" 'wasm-unsafe-eval'", "")
    url, server = start_server(built_site, headers={"Content-Security-Policy": strict})
    try:
        page.goto(url + LESSON)
        wait_until(page, "document.querySelector('[data-widget] .widget-progress').textContent.includes('still picture')", 15)
        assert "WebAssembly" in page.inner_text("[data-widget] .widget-progress")
        assert set(widget_statuses(page).values()) == {"snapshot"}
        assert page.is_visible("[data-widget] svg.widget-snapshot")
    finally:
        server.shutdown()


# -- The offline zip, opened by double-click ---------------------------------------

@pytest.fixture(scope="module")
def unzipped(built_site, tmp_path_factory):
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_site / "deep-learning-course.zip") as z:
        z.extractall(target)
    folder = target / "deep-learning-course"
    assert (folder / "index.html").is_file() and (folder / "launch.py").is_file()
    return folder


def test_offline_zip_comes_alive_from_file_urls_with_no_network(browser, unzipped):
    context = browser.new_context(offline=True)
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in busiest_page_of_each_level(unzipped):
            page.goto((unzipped / path).as_uri())
            wait_all_live(page, timeout=60)
            answers_input(page)
        assert errors == []
        assert all(u.startswith(("file:", "blob:", "data:")) for u in requested), \
            [u for u in requested if not u.startswith(("file:", "blob:", "data:"))][:3]
    finally:
        context.close()


def test_the_plain_site_opened_from_files_explains_itself(page, built_site, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(built_site, plain, ignore=shutil.ignore_patterns("*.zip"))
    page.goto((plain / LESSON).as_uri())
    wait_until(page, "document.querySelector('[data-widget] .widget-progress').textContent.includes('still picture')", 15)
    assert page.is_visible("[data-widget] svg.widget-snapshot")


# -- Embedding single widgets ---------------------------------------------------------

def snippet_from_button(page, url):
    page.goto(url)
    wait_all_live(page)
    page.locator("[data-widget] .widget-embed").first.click()
    snippet = page.locator(".embed-box textarea").input_value()
    assert snippet.startswith("<iframe ") and 'sandbox="allow-scripts' in snippet
    return snippet


def test_two_widgets_embedded_on_another_origin_go_live(page, browser, site_url, tmp_path):
    snippets = [snippet_from_button(page, site_url + "level-1/what-is-a-neural-network.html"),
                snippet_from_button(page, site_url + LESSON)]
    (tmp_path / "host.html").write_text("<!doctype html><title>Host</title><h1>My blog</h1>" + "".join(snippets))
    host_url, server = start_server(tmp_path)
    assert host_url.split("/")[2] != site_url.split("/")[2]        # a different origin (port)
    try:
        host = browser.new_page()
        host.goto(host_url + "host.html")
        for index in range(2):
            frame = host.frame_locator("iframe").nth(index)
            deadline = 450
            while frame.locator("[data-widget]").get_attribute("data-status") != "live" and deadline:
                host.wait_for_timeout(100)
                deadline -= 1
            assert frame.locator("[data-widget]").get_attribute("data-status") == "live"
            answers_input(host, frame)
        host.close()
    finally:
        server.shutdown()
