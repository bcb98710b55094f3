"""Level 1 in headless Chromium, against the built site over local HTTP:
Python boots in the worker, every widget goes live and answers real input
(mouse and keyboard), nothing logs an error, and the pages stay readable
without Python and accessible."""
from __future__ import annotations

import io
import math
import re
import shutil
import zipfile

import pytest

from helpers import ROOT, start_server, serious_axe_violations, wait_all_live, wait_until, widget_statuses

LESSONS = ["level-1/what-is-a-neural-network.html", "level-1/one-neuron.html", "level-1/the-forward-pass.html"]
PAGES = ["index.html", "level-1/index.html", "level-2/index.html", "frontier/index.html"] + LESSONS


def status_text(page, widget):
    return page.inner_text(f"[data-widget='{widget}'] .widget-status")


def canvas_pixels(page, widget):
    return page.evaluate(f"document.querySelector(\"[data-widget='{widget}'] canvas\").toDataURL()")


@pytest.mark.parametrize("path", LESSONS)
def test_every_widget_goes_live_without_console_errors(page, site_url, path):
    page.goto(site_url + path)
    assert all(s in ("snapshot", "loading") for s in widget_statuses(page).values())
    wait_all_live(page)
    assert page.locator("[data-widget] canvas").count() == page.locator("[data-widget]").count()
    assert page.errors == []


def test_dimmer_game_is_won_with_clicks_and_keys_and_remembered(page, site_url):
    page.goto(site_url + LESSONS[0])
    wait_all_live(page)
    w = "dimmer-game"
    assert "you win" not in status_text(page, w)
    before = canvas_pixels(page, w)
    page.get_by_role("switch", name="Switch x₁").check()                       # a click on a real switch
    wait_until(page, f"document.querySelector(\"[data-widget='{w}'] .widget-status\").textContent.includes('Bulb 0.50')")
    assert canvas_pixels(page, w) != before                        # the bulb is redrawn
    slider = page.get_by_role("slider", name="Dimmer w₁")
    slider.focus()
    page.keyboard.press("End")                                     # 1.00
    for _ in range(20):
        page.keyboard.press("ArrowLeft")                           # 0.80, by keyboard
    wait_until(page, f"document.querySelector(\"[data-widget='{w}'] .widget-status\").textContent.includes('Bulb 0.80')")
    text = status_text(page, w)
    assert "you win" in text
    bulb = float(re.search(r"Bulb (\d\.\d\d)", text).group(1))
    assert bulb == pytest.approx(1 * 0.80 + 0 * 0.5, abs=0.005)   # x1·w1 + x2·w2, switch 2 still off
    assert page.is_visible(f"[data-widget='{w}'] .widget-badge")
    page.reload()
    wait_all_live(page)
    assert page.is_visible(f"[data-widget='{w}'] .widget-badge")   # the win is remembered
    assert "is-done" in page.get_attribute(".rail a[data-lesson='what-is-a-neural-network']", "class")
    assert page.inner_text("[data-progress]").startswith("1/")


def test_neuron_gate_solves_and_on_screen_numbers_are_the_math(page, site_url):
    page.goto(site_url + LESSONS[1])
    wait_all_live(page)
    w = "neuron-gate"
    page.get_by_role("combobox", name="Gate").select_option("NAND")
    for label, value in (("Weight w₁", -6), ("Weight w₂", -6), ("Bias b", 9)):
        page.get_by_role("slider", name=label).fill(str(value))
    wait_until(page, f"document.querySelector(\"[data-widget='{w}'] .widget-status\").textContent.includes('You win')")
    assert "NAND solved" in status_text(page, w)
    label = page.get_attribute(f"[data-widget='{w}'] canvas", "aria-label")
    shown = [float(v) for v in re.search(r"it gives ([\d., ]+), so", label).group(1).split(", ")]
    sigmoid = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    expected = [sigmoid(-6 * a - 6 * b + 9) for a, b in ((0, 0), (0, 1), (1, 0), (1, 1))]
    assert shown == pytest.approx(expected, abs=0.0005)
    page.get_by_role("combobox", name="Gate").select_option("OR")                 # the same weights fail another gate
    wait_until(page, f"!document.querySelector(\"[data-widget='{w}'] .widget-status\").textContent.includes('You win')")


def test_a_slider_dragged_with_the_mouse_redraws_the_neuron(page, site_url):
    page.goto(site_url + LESSONS[1])
    wait_all_live(page)
    w = "neuron-gate"
    slider = page.get_by_role("slider", name="Weight w₁")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 40, box["y"] + box["height"] / 2, steps=12)
    page.mouse.up()
    wait_until(page, f"document.querySelector(\"[data-widget='{w}'] canvas\").getAttribute('aria-label').includes('w₁ = 10.0')", 10)
    assert "w₁ = 10.0" in page.locator(f"[data-widget='{w}'] canvas").get_attribute("aria-label")


def test_forward_pass_plays_and_recomputes(page, site_url):
    page.goto(site_url + LESSONS[2])
    wait_all_live(page)
    w = "forward-pass"
    page.get_by_role("button", name="Play").click()
    wait_until(page, f"document.querySelector(\"[data-widget='{w}']\").dataset.animating === 'true'", 5)
    wait_until(page, f"document.querySelector(\"[data-widget='{w}']\").dataset.animating === 'false'", 15)
    first = status_text(page, w)
    assert "Output" in first or "output" in first
    x1 = page.get_by_role("slider", name="Input x₁")
    x1.focus()
    page.keyboard.press("Home")                                    # x1 = 0 by keyboard
    page.get_by_role("button", name="Play").click()
    wait_until(page, f"document.querySelector(\"[data-widget='{w}']\").dataset.animating === 'false'"
                     f" && document.querySelector(\"[data-widget='{w}'] .widget-status\").textContent.toLowerCase().includes('output')", 15)
    assert status_text(page, w) != first
    assert page.errors == []


def test_without_python_the_snapshots_stay_with_a_message(page, site_url):
    page.route("**/pyodide-*/**", lambda route: route.abort())
    page.goto(site_url + LESSONS[1])
    wait_until(page, "document.querySelector('[data-widget] .widget-progress').textContent.includes('still picture')", 30)
    assert widget_statuses(page) == {"one-neuron-1": "snapshot"}
    assert page.is_visible("[data-widget='neuron-gate'] svg.widget-snapshot")
    assert page.is_visible("text=Three steps")                     # the lesson still reads


@pytest.fixture(scope="module")
def two_widget_site(tmp_path_factory):
    """The course plus one extra lesson holding two widgets."""
    import subprocess
    import sys
    base = tmp_path_factory.mktemp("two")
    shutil.copytree(ROOT / "content", base / "content")
    (base / "content" / "level-1" / "99-two-widgets.md").write_text(
        "---\ntitle: Two widgets\nlevel: 1\norder: 99\nsummary: Test page.\n---\n\n"
        "```{widget} dimmer-game\n```\n\n```{widget} neuron-gate\n```\n")
    out = base / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(base / "content"),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    url, server = start_server(out)
    yield url
    server.shutdown()


def _zip_with_failing_dimmer(original: bytes) -> bytes:
    """The zip ships bytecode (widgets/dimmer_game.pyc); a .py beside it is imported first."""
    source, target = zipfile.ZipFile(io.BytesIO(original)), io.BytesIO()
    broken = (ROOT / "pysrc" / "widgets" / "dimmer_game.py").read_bytes() + (
        b"\n\ndef _boom(self, *a):\n    raise RuntimeError('injected failure')\n\nDimmerGame.on_input = _boom\n")
    assert "widgets/dimmer_game.pyc" in source.namelist()
    with zipfile.ZipFile(target, "w") as z:
        for item in source.infolist():
            z.writestr(item, source.read(item))
        z.writestr("widgets/dimmer_game.py", broken)
    return target.getvalue()


def test_one_widget_failing_leaves_the_others_live(page, two_widget_site):
    def patch(route):
        response = route.fetch()
        route.fulfill(response=response, body=_zip_with_failing_dimmer(response.body()))
    page.route("**/course-py.*.zip", patch)
    page.goto(two_widget_site + "level-1/two-widgets.html")
    wait_all_live(page)
    page.get_by_role("switch", name="Switch x₁").check()
    wait_until(page, "document.querySelector(\"[data-widget='dimmer-game']\").dataset.status === 'error'", 10)
    assert "injected failure" in page.inner_text("[data-widget='dimmer-game'] .widget-error")
    page.get_by_role("slider", name="Bias b").fill("5")           # the other widget still answers:
    wait_until(page, "document.querySelector(\"[data-widget='neuron-gate'] .widget-status\").textContent"
                     ".startsWith('AND: 1 of 4 rows right')", 10)      # σ(5) ≈ 0.993 on every row: only (1, 1) is right
    assert widget_statuses(page)["two-widgets-2"] == "live"
    page.get_by_role("button", name="Reset widget").click()        # and the broken one can be restarted
    wait_until(page, "document.querySelector(\"[data-widget='dimmer-game']\").dataset.status === 'live'", 10)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(profile, site_url, path):
    assert serious_axe_violations(profile, site_url + path) == []
