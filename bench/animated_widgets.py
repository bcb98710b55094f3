#!/usr/bin/env python3
"""Every animated widget, animating in the browser: how smooth, how responsive. Prints figures.

    python bench/animated_widgets.py [--dist DIR] [--seconds 3] [--widgets name ...]

A widget is animated when pressing one of its buttons (the primary one first)
starts an animation (`animating` becomes true): found in CPython from
`registry()`. For each, headless Chromium opens its embed page
(dist/embed/<name>.html), presses that button and, while it animates, measures
  - page frames per second (requestAnimationFrame callbacks on the main thread);
  - scene frames per second (calls of DLCourse.drawScene on its canvas: each is
    a new picture from Python);
  - input delay: a slider input event (or, without a slider, a key press on the
    canvas) dispatched while it animates, until its answer from Python has been
    drawn and the next frame painted (median and worst of several).
Goals: page >= 55 fps, scene >= 30 fps, every input answered < 50 ms.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "pysrc"))

from helpers import start_server, wait_until  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
GOALS = {"page": 55, "scene": 30, "delay": 50}
PROBES = 6

WATCH = """(uid) => {
  const root = document.getElementById(uid), canvas = root.querySelector('canvas');
  const m = window.__bench = { frames: [], draws: [], answers: [] };
  const draw = window.DLCourse.drawScene;
  let nextDraw = [];             // callbacks for the next drawing of this canvas
  window.DLCourse.drawScene = (c, scene) => {
    const result = draw(c, scene);
    if (c === canvas) { m.draws.push(performance.now()); nextDraw.splice(0).forEach((fn) => fn()); }
    return result;
  };
  // The answer to each input event, timed until its picture is on screen: an animating widget
  // may answer without the picture, which the next tick then brings and the canvas draws.
  const request = window.DLCourse.python.request;
  window.DLCourse.python.request = (message) => {
    const sent = performance.now(), p = request(message);
    const kind = message.event && message.event.type;
    const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => m.answers.push([sent, performance.now()])));
    if (kind === 'input' || kind === 'key') p.then((view) => (view && view.scene ? painted() : nextDraw.push(painted)));
    return p;
  };
  const loop = (t) => { m.frames.push([t, root.dataset.animating === 'true']); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
}"""

# One probe: a slider nudged by a step (or a key on the canvas); returns the time it was sent.
PROBE = """(uid) => {
  const root = document.getElementById(uid);
  const slider = root.querySelector('.widget-controls input[type=range]:not([disabled])');
  const t = performance.now();
  if (slider) {
    const step = Number(slider.step) || 1, v = Number(slider.value);
    slider.value = v + step <= Number(slider.max) ? v + step : v - step;
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    return [t, 'slider ' + slider.id.slice(uid.length + 1)];
  }
  const canvas = root.querySelector('canvas');
  if (canvas && canvas.tabIndex >= 0) {
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    return [t, 'key'];
  }
  return [t, null];
}"""


def animated_widgets():
    """[(widget name, id of the button that starts its animation)], in registry order."""
    from widgets import registry
    found = []
    for name, cls in registry().items():
        try:
            buttons = [c for c in cls().controls() if c.get("kind") == "button" and not c.get("disabled")]
        except Exception:
            continue
        for c in sorted(buttons, key=lambda c: not c.get("primary")):
            widget = cls()
            try:
                widget.on_click(c["id"])
            except Exception:
                continue
            if widget.animating:
                found.append((name, c["id"]))
                break
    return found


def measure(browser, url, name, button, seconds):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    uid = f"embed-{name}"
    page.goto(f"{url}embed/{name}.html")
    wait_until(page, f"document.getElementById('{uid}').dataset.status === 'live'", 90)
    press = page.locator(f"#{uid}-{button}")
    page.evaluate(WATCH, uid)
    press.click()
    t0 = page.evaluate("performance.now()")
    wait_until(page, f"document.getElementById('{uid}').dataset.animating === 'true'", 10)
    page.wait_for_timeout(seconds * 1000)
    t1 = page.evaluate("performance.now()")
    delays, probe_kind = [], None
    for _ in range(PROBES):
        if page.evaluate(f"document.getElementById('{uid}').dataset.animating") != "true" and press.is_enabled():
            press.click()
            page.wait_for_timeout(300)
        if page.evaluate(f"document.getElementById('{uid}').dataset.animating") != "true":
            break
        sent, probe_kind = page.evaluate(PROBE, uid)
        if probe_kind is None:
            break
        got = wait_until(page, f"(window.__bench.answers.find(([s]) => s >= {sent}) || [0, 0])[1]", 5)
        delays.append(got - sent)
        page.wait_for_timeout(400)
    m = page.evaluate("window.__bench")
    page.close()
    frames = [t for t, on in m["frames"] if t0 <= t <= t1 and on]
    span = (frames[-1] - frames[0]) / 1000 if len(frames) > 1 else 0.0
    draws = [t for t in m["draws"] if frames and frames[0] <= t <= frames[-1]]
    return {"span": span, "page_fps": (len(frames) - 1) / span if span else float("nan"),
            "scene_fps": len(draws) / span if span else float("nan"), "delays": delays, "probe": probe_kind}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", help="serve this built site instead of building one")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds of animation measured per widget")
    parser.add_argument("--widgets", nargs="*", help="only these widgets")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    found = [(n, b) for n, b in animated_widgets() if not args.widgets or n in args.widgets]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.dist) if args.dist else Path(tmp) / "dist"
        if not args.dist:
            print("building the site…", file=sys.stderr)
            subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(site)], check=True,
                           capture_output=True)
        url, server = start_server(site)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, button in found:
                print(f"{name}: pressing {button}…", file=sys.stderr)
                try:
                    rows.append((name, button, measure(browser, url, name, button, args.seconds)))
                except Exception as err:            # one broken widget must not hide the others' figures
                    rows.append((name, button, {"error": str(err).splitlines()[0]}))
            browser.close()
        server.shutdown()
    print(f"Animated widgets on their embed pages, headless Chromium, {args.seconds:g} s of animation each;"
          f" goals: page >= {GOALS['page']} fps, scene >= {GOALS['scene']} fps, input < {GOALS['delay']} ms")
    print(f"  {'widget':18} {'button':7} {'animated s':>10} {'page fps':>8} {'scene fps':>9} "
          f"{'input ms median':>15} {'worst':>6}  probe")
    misses = []
    for name, button, r in rows:
        if "error" in r:
            print(f"  {name:18} {button:7} error: {r['error']}")
            misses.append(name)
            continue
        d = r["delays"]
        med, worst = (statistics.median(d), max(d)) if d else (float("nan"), float("nan"))
        ok = r["page_fps"] >= GOALS["page"] and r["scene_fps"] >= GOALS["scene"] and (not d or worst < GOALS["delay"])
        if not ok:
            misses.append(name)
        print(f"  {name:18} {button:7} {r['span']:10.1f} {r['page_fps']:8.1f} {r['scene_fps']:9.1f} "
              f"{med:15.1f} {worst:6.1f}  {r['probe'] or '-'}{'' if ok else '   <- misses a goal'}")
    print(f"  {len(rows) - len(misses)} of {len(rows)} meet every goal" + (f"; not: {', '.join(misses)}" if misses else ""))


if __name__ == "__main__":
    main()
