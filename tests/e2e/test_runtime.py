"""The browser runtime in headless Chromium, on a test course (tests/fixtures/runtime-course:
a widget whose Python loops forever beside two normal ones): a runaway widget is stopped
without freezing the page and the others come back with their setup, over HTTP and from the
offline zip; every widget on a page keeps its own part of the link; an embed hides the controls
it is told to; a mount cleans up after itself."""
from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from urllib.parse import parse_qsl, urlsplit

import pytest

from helpers import ROOT, start_server, wait_all_live, wait_until, widget_statuses

FIXTURES = ROOT / "tests" / "fixtures"
PAGE = "level-1/three-widgets.html"
BOOT_S = 180         # Python starts in ~3 s; generous for a machine shared by many test runs
RUNAWAY, GATE, GATE2 = "three-widgets-1", "three-widgets-2", "three-widgets-3"   # GATE2: gate OR, hide b


@pytest.fixture(scope="module")
def runtime_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("runtime") / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(FIXTURES / "runtime-course"),
                           "--extra-widgets", str(FIXTURES / "widgets"), "--zip", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def runtime_url(runtime_site):
    url, server = start_server(runtime_site)
    yield url
    server.shutdown()


def status(page, uid):
    return page.inner_text(f"#{uid} .widget-status")


def label(page, uid):
    return page.get_attribute(f"#{uid} canvas", "aria-label")


def wait_label(page, uid, text, timeout=10):
    wait_until(page, f"document.querySelector('#{uid} canvas').getAttribute('aria-label').includes({text!r})",
               timeout, what=f"{uid}'s picture showing {text!r}")


def gate(page, uid):
    return page.locator(f"#{uid}").get_by_role("combobox", name="Gate")


def slider(page, uid, name):
    return page.locator(f"#{uid}").get_by_role("slider", name=name)


def set_up_two_widgets(page):
    """Give each gate a setup of its own, by real input."""
    gate(page, GATE).select_option("NAND")
    slider(page, GATE, "Weight w₁").fill("3")
    slider(page, GATE2, "Weight w₂").fill("-2")
    wait_until(page, f"location.hash.includes('{GATE}.w1=3') && location.hash.includes('{GATE2}.w2=-2')", 10,
               what="both widgets in the URL")


def assert_two_widgets_set_up(page):
    assert gate(page, GATE).input_value() == "NAND" and slider(page, GATE, "Weight w₁").input_value() == "3"
    assert gate(page, GATE2).input_value() == "OR" and slider(page, GATE2, "Weight w₂").input_value() == "-2"
    assert "w₁ = 3.0" in label(page, GATE) and "w₂ = −2.0" in label(page, GATE2)   # drawn by their Python


def run_away_and_recover(page):
    """Start the runaway loop; the page stays responsive, the runaway widget is stopped and
    says why, the others come back as they were and answer; Reset brings the runaway back."""
    page.locator(f"#{RUNAWAY}").get_by_role("button", name="Loop forever").click()
    wait_until(page, f"document.getElementById('{RUNAWAY}').dataset.busy === 'true'", 5)
    for _ in range(3):                                             # the page itself never freezes
        started = time.time()
        page.evaluate("new Promise((done) => requestAnimationFrame(() => done(1)))")
        assert time.time() - started < 1.0
        page.wait_for_timeout(500)
    wait_until(page, f"document.getElementById('{RUNAWAY}').dataset.status === 'stopped'", 15)
    box = page.inner_text(f"#{RUNAWAY} .widget-error")
    assert "stopped: its Python ran for more than 5 s" in box
    wait_until(page, f"['{GATE}', '{GATE2}'].every((id) => document.getElementById(id).dataset.status === 'live')",
               BOOT_S, what="the other widgets back")
    assert_two_widgets_set_up(page)
    slider(page, GATE, "Weight w₂").fill("4")                      # and they answer
    wait_label(page, GATE, "w₂ = 4.0")
    page.locator(f"#{RUNAWAY}").get_by_role("button", name="Reset widget").click()
    wait_until(page, f"document.getElementById('{RUNAWAY}').dataset.status === 'live'", 15)
    assert page.locator(f"#{RUNAWAY} .widget-error").count() == 0
    slider(page, RUNAWAY, "Count").focus()
    page.keyboard.press("End")
    wait_until(page, f"document.querySelector('#{RUNAWAY} .widget-status').textContent === 'Count is 9.'", 10)


def test_a_runaway_widget_is_stopped_and_the_others_come_back_with_their_setup(page, runtime_url):
    page.goto(runtime_url + PAGE)
    wait_all_live(page, BOOT_S)
    set_up_two_widgets(page)
    run_away_and_recover(page)
    assert page.errors == []


def test_from_the_offline_zip_a_runaway_widget_is_stopped_too(browser, runtime_site, tmp_path):
    with zipfile.ZipFile(runtime_site / "deep-learning-course.zip") as z:
        z.extractall(tmp_path)
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto((tmp_path / "deep-learning-course" / PAGE).as_uri())
        wait_all_live(page, BOOT_S)
        set_up_two_widgets(page)
        run_away_and_recover(page)
        assert errors == []
    finally:
        context.close()


def test_each_widget_keeps_its_own_part_of_the_link(page, browser, runtime_url):
    page.goto(runtime_url + PAGE)
    wait_all_live(page, BOOT_S)
    set_up_two_widgets(page)
    slider(page, RUNAWAY, "Count").fill("5")
    wait_until(page, f"location.hash.includes('{RUNAWAY}.count=5')", 10)
    keys = dict(parse_qsl(urlsplit(page.url).fragment))
    assert keys == {f"{GATE}.gate": "NAND", f"{GATE}.w1": "3.0", f"{GATE2}.w2": "-2.0", f"{RUNAWAY}.count": "5"}
    other = browser.new_context().new_page()
    other.goto(page.url)
    wait_all_live(other, BOOT_S)
    assert_two_widgets_set_up(other)
    assert slider(other, RUNAWAY, "Count").input_value() == "5"
    assert other.url == page.url                                   # restoring rewrites nothing
    slider(other, GATE, "Weight w₁").fill("0")                     # back to the lesson's value
    wait_until(other, f"!location.hash.includes('{GATE}.w1')", 10)
    assert dict(parse_qsl(urlsplit(other.url).fragment)) == {f"{GATE}.gate": "NAND", f"{GATE2}.w2": "-2.0",
                                                            f"{RUNAWAY}.count": "5"}
    other.context.close()


def test_the_first_link_form_is_still_read(page, runtime_url):
    page.goto(runtime_url + PAGE + f"#{GATE}?gate=OR&w1=3")
    wait_all_live(page, BOOT_S)
    assert gate(page, GATE).input_value() == "OR" and slider(page, GATE, "Weight w₁").input_value() == "3"
    slider(page, GATE2, "Weight w₁").fill("1")
    wait_until(page, f"location.hash.includes('{GATE2}.w1=1')", 10)
    assert dict(parse_qsl(urlsplit(page.url).fragment)) == {f"{GATE}.gate": "OR", f"{GATE}.w1": "3.0",
                                                           f"{GATE2}.w1": "1.0"}


def test_a_bad_link_value_gets_a_notice_and_the_others_still_apply(page, runtime_url):
    page.goto(runtime_url + PAGE + f"#{GATE}.w1=99&{GATE}.gate=NOR&{GATE2}.gate=maybe")
    wait_all_live(page, BOOT_S)
    assert "'w1'" in page.inner_text(f"#{GATE} .widget-notice")
    assert "'gate'" in page.inner_text(f"#{GATE2} .widget-notice")
    assert gate(page, GATE).input_value() == "NOR" and slider(page, GATE, "Weight w₁").input_value() == "0"
    assert gate(page, GATE2).input_value() == "OR"
    assert page.errors == []


def test_an_embed_hides_the_controls_it_names_and_the_snippet_keeps_hide(page, runtime_url):
    page.goto(runtime_url + "embed/neuron-gate.html?hide=w2,gate&w1=2")
    wait_all_live(page, BOOT_S)
    assert page.get_by_role("slider", name="Weight w₁").input_value() == "2"
    assert page.get_by_role("slider", name="Weight w₂").count() == 0
    assert page.get_by_role("combobox", name="Gate").count() == 0
    assert page.get_by_role("slider", name="Bias b").count() == 1
    assert page.locator(".widget-notice").count() == 0
    page.goto(runtime_url + "embed/neuron-gate.html?hide=w9")
    wait_all_live(page, BOOT_S)
    assert "'hide' names no control w9" in page.inner_text(".widget-notice")
    assert page.get_by_role("slider", name="Weight w₂").count() == 1
    # The lesson hides the second gate's bias: its Embed snippet keeps that, with the learner's setup.
    page.goto(runtime_url + PAGE)
    wait_all_live(page, BOOT_S)
    assert slider(page, GATE2, "Bias b").count() == 0 and slider(page, GATE, "Bias b").count() == 1
    slider(page, GATE2, "Weight w₂").fill("-2")
    wait_until(page, f"location.hash.includes('{GATE2}.w2=-2')", 10)
    page.locator(f"#{GATE2} .widget-embed").click()
    snippet = page.locator(f"#{GATE2} .embed-box textarea").input_value()
    src = snippet.split('src="')[1].split('"')[0].replace("&amp;", "&")
    query = dict(parse_qsl(urlsplit(src).query))
    assert query["hide"] == "b" and query["w2"] == "-2.0" and query["gate"] == "OR"
    page.goto(src)                                                 # the snippet's page shows just that
    wait_all_live(page, BOOT_S)
    assert page.get_by_role("slider", name="Bias b").count() == 0
    assert page.get_by_role("slider", name="Weight w₂").input_value() == "-2"
    assert page.errors == []


def test_a_destroyed_mount_lets_go_and_the_others_keep_working(page, runtime_url):
    page.goto(runtime_url + PAGE)
    wait_all_live(page, BOOT_S)
    before = label(page, GATE)
    page.evaluate(f"DLCourse.mounts.get('{GATE}').destroy()")
    assert widget_statuses(page)[GATE] == "destroyed"
    slider(page, GATE, "Weight w₁").fill("3")
    slider(page, GATE2, "Weight w₁").fill("3")
    wait_label(page, GATE2, "w₁ = 3.0")
    assert label(page, GATE) == before                             # nothing reached its Python
    assert not page.evaluate(f"DLCourse.mounts.has('{GATE}')")
    assert page.errors == []
