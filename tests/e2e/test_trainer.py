"""The MLP trainer in headless Chromium, against the built site over local HTTP:
it trains in the worker while the page keeps answering, its setup lives in the
URL, bad links and bad CSV get a message and a working default, and it works
by keyboard, by mouse and by touch-sized taps on a phone."""
from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from helpers import serious_axe_violations, wait_all_live, wait_until
from trainer.explain import Neuron, hit
from trainer.layout import diagram, make_layout

PAGE = "level-3/train-a-network-live.html"
UID = "train-a-network-live-1"
ROOT = f"document.getElementById('{UID}')"


def status(page):
    return page.inner_text(f"#{UID} .widget-status")


def epoch(page):
    label = page.get_attribute(f"#{UID} canvas", "aria-label")
    return int(re.search(r"Epoch (\d+)", label).group(1))


def wait_status(page, text, timeout=30):
    wait_until(page, f"{ROOT}.querySelector('.widget-status').textContent.includes({text!r})", timeout,
               what=f"status containing {text!r}")


def link_settings(address):
    """The trainer's settings in a page address, in either form of link (#uid?key=value&… or
    #uid.key=value&…)."""
    hash_ = address.split("#", 1)[1]
    if hash_.startswith(UID + "?"):
        return {k: v[0] for k, v in parse_qs(hash_.split("?", 1)[1]).items()}
    return {k[len(UID) + 1:]: v[0] for k, v in parse_qs(hash_).items() if k.startswith(UID + ".")}


def open_trainer(page, url, settings=""):
    page.goto(url + PAGE + (f"#{UID}?{settings}" if settings else ""))
    wait_all_live(page, 120)            # (a machine shared by many test runs boots slowly)
    page.locator(f"#{UID} canvas").scroll_into_view_if_needed()


def control(page, name, role="combobox"):
    return page.locator(f"#{UID}").get_by_role(role, name=name, exact=True)


def to_canvas(page, x, y):
    """Page coordinates of scene point (x, y), from the layout the widget chose for its width."""
    box = page.locator(f"#{UID} canvas").bounding_box()
    scene_w = make_layout(page.evaluate(f"{ROOT}.clientWidth")).w
    scale = box["width"] / scene_w
    return box["x"] + x * scale, box["y"] + y * scale


def test_it_trains_in_the_worker_while_a_slider_still_answers(page, site_url):
    open_trainer(page, site_url)
    assert epoch(page) == 0
    page.get_by_role("button", name="Play").click()
    wait_until(page, f"Number(({ROOT}.querySelector('canvas').getAttribute('aria-label').match(/Epoch (\\d+)/))[1]) > 50",
               20, what="50 epochs trained")
    before = epoch(page)
    for value in ("20", "5"):
        control(page, "Batch size", "slider").fill(value)
        wait_status(page, f"Batch size is now {value}", 5)
    assert epoch(page) > before                                    # it kept training, nothing reset
    assert page.get_attribute(f"#{UID}", "data-animating") == "true"
    page.get_by_role("button", name="Pause").click()
    wait_until(page, f"{ROOT}.dataset.animating === 'false'", 5)
    paused = epoch(page)
    page.wait_for_timeout(400)
    assert epoch(page) == paused
    assert re.search(r"test accuracy \d+\.\d%", status(page))
    assert page.errors == []


def test_a_link_restores_the_setup_and_changes_are_kept_in_the_address(page, browser, site_url):
    open_trainer(page, site_url, "data=xor&layers=3&n3=5&act=relu&lr=0.1&x1x2=true&seed=77")
    assert control(page, "Data").input_value() == "xor"
    assert control(page, "Layer 3").input_value() == "5"
    assert control(page, "Activation").input_value() == "relu"
    assert control(page, "Learning rate").input_value() == "0.1"
    assert control(page, "x₁x₂", "switch").is_checked()
    assert "Network 3-4-2-5-1 (relu) learning the xor data" in page.get_attribute(f"#{UID} canvas", "aria-label")
    control(page, "Optimizer").select_option("adam")
    wait_until(page, "location.hash.includes('opt=adam')", 5)
    shared = page.url
    assert link_settings(shared)["seed"] == "77" and link_settings(shared)["opt"] == "adam"
    other = browser.new_context().new_page()
    other.goto(shared)
    wait_all_live(other, 120)
    assert other.locator(f"#{UID}").get_by_role("combobox", name="Optimizer", exact=True).input_value() == "adam"
    assert other.get_attribute(f"#{UID} canvas", "aria-label") == page.get_attribute(f"#{UID} canvas", "aria-label")
    other.context.close()


def test_a_malformed_link_gets_a_message_and_a_working_default(page, site_url):
    open_trainer(page, site_url, "layers=99&lr=fast&data=%3Cscript%3Ealert(1)%3C%2Fscript%3E&n1=%E0%A4%A")
    notice = page.inner_text(f"#{UID} .widget-notice")
    for key in ("'layers'", "'lr'", "'data'", "'n1'"):
        assert key in notice
    assert control(page, "Data").input_value() == "circle"
    assert control(page, "Layer 1").input_value() == "4"
    page.get_by_role("button", name="Step").click()
    wait_until(page, f"{ROOT}.querySelector('canvas').getAttribute('aria-label').includes('Epoch 1.')", 10)
    assert page.errors == []


def test_a_pasted_csv_names_its_bad_lines_and_keeps_the_good_ones(page, site_url):
    open_trainer(page, site_url)
    control(page, "Data").select_option("csv")
    area = page.locator(f"#{UID} textarea")
    area.fill("x1,x2,label\n1,2,0\n-1,-2,1\noops,3,1\n2,-3,1\n-4,2,0\n4,1\n")
    page.get_by_role("button", name="Load CSV").click()
    wait_status(page, "Loaded 4 points")
    notice = page.inner_text(f"#{UID} .widget-notice")
    assert "line 4" in notice and "line 7" in notice
    area.fill("nothing,useful\n")
    page.get_by_role("button", name="Load CSV").click()
    wait_status(page, "previous data is kept")
    page.get_by_role("button", name="Step").click()                # the 4 good points still train
    wait_until(page, f"{ROOT}.querySelector('canvas').getAttribute('aria-label').includes('Epoch 1.')", 10)
    rows = "".join(f"{x},{-x},{int(x > 0)}\n" for x in range(-5, 6) if x)
    page.locator(f"#{UID}").get_by_label("Open a file…").set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": rows.encode()}])
    wait_status(page, "Loaded 10 points")
    assert area.input_value() == rows


def test_clicking_the_plot_adds_a_point_and_the_keyboard_reads_neurons(page, site_url):
    open_trainer(page, site_url)
    control(page, "Click on the plot adds").select_option("1")
    plot = make_layout(page.evaluate(f"{ROOT}.clientWidth")).plot
    page.mouse.click(*to_canvas(page, plot.x + 0.75 * plot.w, plot.y + 0.25 * plot.h))   # the point (3, 3)
    wait_status(page, "Added a training point at (3.0, 3.0)")
    assert page.locator(f"#{UID}").get_by_role("button", name="Remove my points").is_enabled()
    page.locator(f"#{UID} canvas").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    wait_status(page, "Layer 1, neuron 2 at the point (3.00, 3.00)")
    assert re.search(r"tanh\(.*\) = tanh\(−?\d+\.\d\d\) = −?\d\.\d\d", status(page))


def test_a_huge_learning_rate_is_stopped_explained_and_undone(page, site_url):
    open_trainer(page, site_url)
    control(page, "Learning rate").select_option("10")
    page.get_by_role("button", name="Play").click()
    wait_status(page, "Training stopped at epoch")
    assert "learning rate" in status(page)
    restore = page.locator(f"#{UID}").get_by_role("button", name="Restore last good weights")
    assert restore.is_enabled() and page.get_by_role("button", name="Play").is_disabled()
    restore.click()
    wait_status(page, "Back to the weights of epoch")
    assert page.get_by_role("button", name="Play").is_enabled()


def test_export_shows_pytorch_code_ready_to_copy(page, site_url):
    open_trainer(page, site_url)
    page.get_by_role("button", name="Step").click()
    page.get_by_role("button", name="Export").click()
    code = page.locator(f"#{UID} .ctl-code pre").nth(1)
    code.wait_for()
    assert "import torch" in code.inner_text() and "trained for 1 epochs" in code.inner_text()
    assert page.locator(f"#{UID}").get_by_role("button", name="Copy").count() == 2


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def test_on_a_phone_it_fits_and_a_tap_explains_a_neuron(phone, site_url):
    open_trainer(phone, site_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    width = phone.evaluate(f"{ROOT}.clientWidth")
    layout = make_layout(width)
    assert not layout.wide
    columns, _ = diagram(layout, [2, 4, 2, 1], ["Inputs", "Layer 1", "Layer 2", "Output"])
    x, y = columns[2].center(1)
    assert hit(columns, x, y) == Neuron(2, 1)
    phone.locator(f"#{UID} canvas").scroll_into_view_if_needed()
    phone.touchscreen.tap(*to_canvas(phone, x, y))
    wait_status(phone, "Layer 2, neuron 2")
    assert phone.errors == []


@pytest.mark.parametrize("path", ["level-3/index.html", PAGE])
def test_axe_finds_no_serious_violation(profile, site_url, path):
    assert serious_axe_violations(profile, site_url + path) == []
