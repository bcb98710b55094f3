"""Level 2 in headless Chromium, against the built site over local HTTP: each
lesson's widget goes live without console errors and answers real input
(keyboard, mouse drags on the canvas, buttons), and the pages pass axe."""
from __future__ import annotations

import pytest

from helpers import serious_axe_violations, wait_all_live, wait_until
from widgets.xor import Xor

LESSONS = {"layers": "level-2/input-hidden-output.html", "xor": "level-2/xor-and-the-squash.html",
           "init-race": "level-2/starting-weights.html"}


def status_text(page, widget):
    return page.inner_text(f"[data-widget='{widget}'] .widget-status")


def wait_status(page, widget, fragment, timeout=15):
    wait_until(page, f"document.querySelector(\"[data-widget='{widget}'] .widget-status\")"
                     f".textContent.includes({fragment!r})", timeout,
               what=f"{widget} status with {fragment!r}")


def canvas_pixels(page, widget):
    return page.evaluate(f"document.querySelector(\"[data-widget='{widget}'] canvas\").toDataURL()")


def open_lesson(page, site_url, widget):
    page.goto(site_url + LESSONS[widget])
    wait_all_live(page)
    assert page.locator("[data-widget] canvas").count() == page.locator("[data-widget]").count() == 1


def test_layers_fires_and_wins_with_keys(page, site_url):
    open_lesson(page, site_url, "layers")
    w = "layers"
    assert "Press Fire signal" in status_text(page, w)
    page.get_by_role("slider", name="Input x₁").focus()
    page.keyboard.press("End")                                     # x1 = 1
    page.get_by_role("slider", name="Input x₂").focus()
    page.keyboard.press("Home")                                    # x2 = 0
    wait_status(page, w, "inputs 1.00 and 0.00")
    before = canvas_pixels(page, w)
    page.get_by_role("button", name="Fire signal").click()
    wait_status(page, w, "You win!")                               # after the layers lit up in turn
    assert status_text(page, w).startswith("Output 0.71, above the firing line")
    assert canvas_pixels(page, w) != before
    label = page.get_attribute(f"[data-widget='{w}'] canvas", "aria-label")
    assert "output y = 0.71, above the firing line" in label
    assert page.is_visible(f"[data-widget='{w}'] .widget-badge")
    assert page.errors == []


def drag(page, canvas, scene_w, scene_h, path):
    """Press, move and release the mouse through scene points on the canvas."""
    box = canvas.bounding_box()
    at = [(box["x"] + x / scene_w * box["width"], box["y"] + y / scene_h * box["height"]) for x, y in path]
    page.mouse.move(*at[0])
    page.mouse.down()
    for point in at[1:]:
        page.mouse.move(*point, steps=8)
    page.mouse.up()


def test_xor_drag_keys_and_hidden_layer_change_the_accuracy(page, site_url):
    open_lesson(page, site_url, "xor")
    w = "xor"
    canvas = page.locator(f"[data-widget='{w}'] canvas")
    canvas.scroll_into_view_if_needed()
    wide = Xor()                                     # the same scene geometry as the page (640+ px wide)
    wide.on_resize(canvas.bounding_box()["width"])
    size = (wide.lay["w"], wide.lay["h"])
    assert status_text(page, w) == "One line, no hidden layer: 2 of 4 points right."
    # Turn the line by its handle a quarter-turn back to 45°, then drag it down to x1 + x2 = 0.5.
    drag(page, canvas, *size, [wide.to_scene(0.65, 1.05), wide.to_scene(0.26, 0.89)])
    wait_status(page, w, "1 of 4")
    drag(page, canvas, *size, [wide.to_scene(0.65, 0.5), wide.to_scene(0.33, 0.18)])
    wait_status(page, w, "3 of 4")                                 # the best one line can do
    page.get_by_role("switch", name="Hidden layer (two cuts)").check()
    wait_status(page, w, "Hidden layer on")
    assert "2 of 4" in status_text(page, w)
    canvas.focus()
    page.keyboard.press(" ")                                       # adjust cut 2 now
    for _ in range(27):
        page.keyboard.press("ArrowLeft")                           # 90° + 27 · 5° = 225°
    wait_until(page, f"document.querySelector(\"[data-widget='{w}'] canvas\")"
                     ".getAttribute('aria-label').includes('cut 2 at 225°')", 10)
    page.get_by_role("slider", name="Cut 2 offset").fill("-0.35")
    wait_status(page, w, "You win!")
    page.get_by_role("switch", name="Squash in the hidden layer").uncheck()
    wait_status(page, w, "one straight line")                      # no squash: the cuts collapse
    assert page.errors == []


def test_init_race_trains_and_the_balanced_start_wins(page, site_url):
    open_lesson(page, site_url, "init-race")
    w = "init-race"
    before = canvas_pixels(page, w)
    page.get_by_role("button", name="Train all three").click()
    wait_until(page, f"document.querySelector(\"[data-widget='{w}']\").dataset.animating === 'true'", 5)
    wait_status(page, w, "Epoch ")
    assert canvas_pixels(page, w) != before                        # the curves are being drawn
    wait_until(page, f"document.querySelector(\"[data-widget='{w}']\").dataset.animating === 'false'", 40)
    text = status_text(page, w)
    assert text.startswith("After 200 epochs the balanced start reached the lowest loss."), text
    assert "hidden units are still identical" in text
    assert page.get_by_role("button", name="Train all three").is_enabled()
    assert page.errors == []


@pytest.mark.parametrize("path", ["level-2/index.html", *LESSONS.values()])
def test_axe_finds_no_serious_violation(profile, site_url, path):
    assert serious_axe_violations(profile, site_url + path) == []
