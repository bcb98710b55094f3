"""Every widget in registry(), each on its own embed page in headless Chromium: it goes live,
takes every control once (each button, each switch, another choice in each menu, each slider
to one end by keyboard), takes a drag on its canvas if its scene asks for pointer input (with
a mouse, then with a finger once the same page is a phone-sized touch screen), draws a picture
that is not blank, shows no error and logs none, and axe finds nothing serious. Each page is
opened from a hostile link (every setting and a setting's name carry script payloads): none
runs, the widget says it ignored them and works as usual. A new widget is covered by adding
its file.

The session's one browser profile serves every widget (its caches make each boot quicker); each
page is closed before the next opens."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import ROOT, forget_the_learner, wait_all_live
from widgets import registry

BOOT_S = 180         # Python starts in ~3 s; generous for a machine shared by many test runs
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
PAYLOADS = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">',
            "javascript:window.__pwned=1", "';window.__pwned=1;//", "{{7*7}}<svg onload=window.__pwned=1>"]


def mount(uid):
    return f"DLCourse.mounts.get({uid!r})"


def wait_idle(page, uid, timeout=15.0):
    """Until the widget has answered everything it was sent but animation ticks."""
    idle = (f"(() => {{ const m = {mount(uid)}; const tick = (e) => !e || e.type === 'tick';"
            " return m.state !== 'loading' && tick(m.inFlight) && m.queue.every(tick); })()")
    deadline = time.time() + timeout
    while not page.evaluate(idle):             # polled often: a widget answers in a few ms
        assert time.time() < deadline, f"{uid} did not answer within {timeout} s"
        page.wait_for_timeout(20)


def hostile_query(index, name):
    """Each setting carries a payload and every payload is a setting's name. Settings are read by
    kind, not by widget, so the payloads rotate from widget to widget: over the registry every
    kind of setting meets every payload."""
    names = [s.name for s in registry()[name].settings]
    query = [f"{key}={PAYLOADS[(index + k) % len(PAYLOADS)]}" for k, key in enumerate(names)]
    query += [f"{payload}=1" for payload in PAYLOADS]
    return "&".join(query).replace("#", "%23")


def open_widget(context, url, name, query):
    page = context.new_page()
    page.set_viewport_size({"width": 1000, "height": 900})
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(url + f"embed/{name}.html?{query}")
    wait_all_live(page, BOOT_S)
    return page, page.evaluate("document.querySelector('[data-widget]').id")


def assert_nothing_ran(page):
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x], [data-widget] svg[onload]").count() == 0


def control_ids(page, uid):
    return page.evaluate(f"[...document.querySelectorAll('#{uid} .widget-controls :is(button, input, select)')]"
                         ".filter(e => e.id && e.type !== 'file').map(e => e.id)")


def use_control(page, uid, cid):
    """One use of one control, found again by its id (controls may be rebuilt meanwhile)."""
    el = page.locator(f"[id='{cid}']")
    if not el.count() or el.is_disabled():
        return False
    tag, kind = el.evaluate("e => [e.tagName.toLowerCase(), e.type]")
    if tag == "button" or kind == "checkbox":
        try:
            el.click(timeout=5000)
        except PlaywrightTimeout:               # it went grey meanwhile: an animation just ended
            if not el.is_disabled():
                raise
            return False
        wait_idle(page, uid)
    elif tag == "select":                      # another choice than the current one
        el.select_option(el.evaluate("s => [...s.options].map(o => o.value).filter(v => v !== s.value).pop()"))
        wait_idle(page, uid)
    elif kind == "range":                      # to one end, by keyboard
        el.focus()
        page.keyboard.press("Home" if el.evaluate("s => Number(s.value) >= Number(s.max)") else "End")
        wait_idle(page, uid)
    return True


def use_every_control(page, uid):
    used = set()
    for _ in range(3):                         # a control that appears after another's use gets its turn too
        todo = [cid for cid in control_ids(page, uid) if cid not in used]
        if not todo:
            break
        for cid in todo:
            used.add(cid)
            use_control(page, uid, cid)
    return used


def scene_flags(page, uid):
    return page.evaluate(f"(({{pointer, hover, tap, keys}}) => ({{pointer: !!pointer, hover: !!hover, tap: !!tap,"
                         f" keys: !!keys}}))({mount(uid)}.scene)")


def drag_with_mouse(page, uid):
    box = page.locator(f"#{uid} canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.6, steps=8)
    page.mouse.up()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    wait_idle(page, uid)


def become_a_phone(page):
    """The same page as a 375 px wide touch screen (no second boot): the widget gets its
    resize, and touches arrive as real touch events."""
    page.set_viewport_size({"width": 375, "height": 740})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    return cdp


def drag_with_finger(page, cdp, uid):
    page.locator(f"#{uid} canvas").scroll_into_view_if_needed()
    box = page.locator(f"#{uid} canvas").bounding_box()
    points = [(box["x"] + box["width"] * (0.3 + 0.05 * k), box["y"] + box["height"] * (0.3 + 0.04 * k)) for k in range(8)]
    kinds = ["touchStart"] + ["touchMove"] * (len(points) - 1)
    for kind, (x, y) in zip(kinds, points):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    wait_idle(page, uid)


def press_keys(page, uid):
    page.locator(f"#{uid} canvas").focus()
    for key in ("ArrowRight", "ArrowDown", " "):
        page.keyboard.press(key)
    wait_idle(page, uid)


def assert_healthy(page, uid):
    assert page.locator(f"#{uid} .widget-error").count() == 0, page.inner_text(f"#{uid} .widget-error")
    assert page.get_attribute(f"#{uid}", "data-status") == "live"
    colours = page.evaluate(f"""(() => {{
        const c = document.querySelector('#{uid} canvas');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length && seen.size < 3; i += 4 * 7) if (data[i + 3]) seen.add(data.slice(i, i + 4).join());
        return seen.size;
    }})()""")
    assert colours >= 2, "the canvas is blank"
    assert page.errors == []


def serious_axe_findings(page, uid):
    """axe-core on the live widget (the page's own rules are checked on lesson pages elsewhere)."""
    page.evaluate(AXE)
    result = page.evaluate(f"axe.run({{include: [['#{uid}']]}}, {{resultTypes: ['violations']}})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("index,name", enumerate(sorted(registry())), ids=sorted(registry()))
def test_every_widget_works_on_its_embed_page(profile, site_url, index, name):
    page, uid = open_widget(profile, site_url, name, hostile_query(index, name))
    try:
        assert_nothing_ran(page)
        assert "Link settings ignored" in page.inner_text(f"#{uid} .widget-notice")
        flags = scene_flags(page, uid)
        used = use_every_control(page, uid)
        assert used or flags["pointer"] or flags["hover"] or flags["tap"] or flags["keys"], "nothing to use"
        if flags["pointer"] or flags["hover"] or flags["tap"]:
            drag_with_mouse(page, uid)
        if flags["keys"]:
            press_keys(page, uid)
        assert_healthy(page, uid)
        assert_nothing_ran(page)
        assert serious_axe_findings(page, uid) == []
        if flags["pointer"]:
            cdp = become_a_phone(page)
            page.wait_for_timeout(50)          # the resize reaches the widget
            wait_idle(page, uid)
            drag_with_finger(page, cdp, uid)
            assert_healthy(page, uid)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            cdp.detach()
    finally:
        page.close()
        forget_the_learner(profile, {site_url.rstrip("/")})
