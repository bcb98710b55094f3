#!/usr/bin/env python3
"""How fast the course builds and comes alive. Prints figures; asserts nothing.

    python bench/build_and_load.py [--runs 5] [--pages level-1/one-neuron.html ...] [--dist DIR]

Measures: build time (wall clock and CPU); dist/ size; for EVERY lesson page, in
headless Chromium, the time until its first widget is live on a first visit
(cold: a fresh browser context, empty HTTP cache and storage), beside the floor:
a bare page that only boots the same Pyodide + NumPy in a worker. The runs are
interleaved (each round visits the floor, then a few pages, then the floor
again, ...), so a page and the floor see the same machine; the figures are
medians of --runs rounds and each page's ratio is its median over the floor's.
Also the bytes each first visit downloads, against the floor's; and for one
page (one-neuron) first paint, a repeat visit (same profile: the interpreter
snapshot and the HTTP cache) and the offline zip (file://).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PAGE = "level-1/one-neuron.html"
FLOOR_EVERY = 4          # pages between two visits of the floor, within a round
LIVE_GOAL, BYTES_GOAL = 1.05, 1.05

FLOOR_HTML = """<!doctype html><meta charset="utf-8"><title>floor</title><p>floor</p>
<script src="floor-main.js"></script>"""
FLOOR_MAIN = """const w = new Worker("floor-worker.js");
w.onmessage = () => { window.__live = performance.now(); };"""
FLOOR_WORKER = """importScripts("pyodide-0.27.7/pyodide.js");
(async () => { const py = await loadPyodide({indexURL: new URL("pyodide-0.27.7/", location.href).href});
  await py.loadPackage("numpy", {messageCallback: () => {}}); py.runPython("import numpy"); postMessage("ok"); })();"""

# Records when the first widget goes live (injected before any page script).
WATCH_LIVE = """new MutationObserver((_, obs) => {
  if (document.querySelector('[data-status="live"]')) { window.__live = performance.now(); obs.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-status"]});"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}
    bytes_sent = 0          # body bytes served, counted per visit

    def copyfile(self, source, outputfile):
        Handler.bytes_sent += os.fstat(source.fileno()).st_size
        super().copyfile(source, outputfile)

    def log_message(self, *args):
        pass


def serve(folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def visit(context, url, timeout=90, settle_ms=400):
    """One page load; returns (first paint ms, first widget live ms, bytes served until settled)."""
    Handler.bytes_sent = 0
    page = context.new_page()
    page.goto(url)
    deadline = time.time() + timeout
    while page.evaluate("window.__live") is None and time.time() < deadline:
        page.wait_for_timeout(10)
    live = page.evaluate("window.__live")
    paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    page.wait_for_timeout(settle_ms)          # what the page still fetches right after
    page.close()
    return paint, live, Handler.bytes_sent


def cold_visit(browser, url, init_script):
    """A first visit: a fresh context has an empty HTTP cache, Cache API and storage."""
    context = browser.new_context()
    if init_script:
        context.add_init_script(init_script)
    try:
        return visit(context, url)
    finally:
        context.close()


def series(browser_type, url, runs, init_script=WATCH_LIVE):
    """Cold in a fresh persistent profile, then a repeat visit in that profile (as a learner sees it)."""
    cold, repeat, paints = [], [], []
    for _ in range(runs):
        profile = tempfile.mkdtemp(prefix="bench-profile-")
        context = browser_type.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                         args=CHROMIUM_ARGS)
        context.add_init_script(init_script)
        paint, live, _ = visit(context, url)
        cold.append(live)
        paints.append(paint)
        repeat.append(visit(context, url)[1])
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {"cold": median(cold), "repeat": median(repeat), "paint": median(paints)}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def lesson_pages(dist):
    """Every lesson page (level-N/<slug>.html) that shows at least one widget."""
    pages = []
    for path in sorted(dist.glob("level-*/*.html")):
        if path.name != "index.html" and "data-widget=" in path.read_text(encoding="utf-8"):
            pages.append(path.relative_to(dist).as_posix())
    return pages


def every_page(browser, url, pages, runs):
    """{page: [live ms]}, {page: [bytes]}, with "floor" among them; interleaved rounds."""
    live = {p: [] for p in ["floor", *pages]}
    size = {p: [] for p in live}
    for round_ in range(runs):
        order = pages[round_ % len(pages):] + pages[:round_ % len(pages)]   # rotate: no page always first
        for i, page in enumerate(order):
            if i % FLOOR_EVERY == 0:
                _, ms, b = cold_visit(browser, url + "floor.html", "")
                live["floor"].append(ms)
                size["floor"].append(b)
            _, ms, b = cold_visit(browser, url + page, WATCH_LIVE)
            live[page].append(ms)
            size[page].append(b)
        print(f"  round {round_ + 1}/{runs} done", file=sys.stderr)
    return live, size


def build(dist):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--zip", "--out", str(dist)], check=True,
                   capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def folder_size(folder, skip=()):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix not in skip)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="lesson pages to measure (default: every lesson page)")
    parser.add_argument("--no-detail", action="store_true", help="skip the one-page repeat/offline figures")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    dist = OUT / "dist"
    wall, cpu = build(dist)
    (dist / "floor.html").write_text(FLOOR_HTML)
    (dist / "floor-main.js").write_text(FLOOR_MAIN)
    (dist / "floor-worker.js").write_text(FLOOR_WORKER)
    pages = args.pages or lesson_pages(dist)

    url, server = serve(dist)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        print(f"{len(pages)} lesson pages x {args.runs} rounds…", file=sys.stderr)
        live, size = every_page(browser, url, pages, args.runs)
        browser.close()
        detail = None
        if not args.no_detail:
            unzipped = OUT / "unzipped"
            shutil.rmtree(unzipped, ignore_errors=True)
            with zipfile.ZipFile(dist / "deep-learning-course.zip") as z:
                z.extractall(unzipped)
            detail = {"floor": series(p.chromium, url + "floor.html", 3, init_script=""),
                      "course": series(p.chromium, url + PAGE, 3),
                      "offline": series(p.chromium, (unzipped / "deep-learning-course" / PAGE).as_uri(), 3)}
    server.shutdown()

    mb = 1024 * 1024
    floor_ms, floor_bytes = median(live["floor"]), median(size["floor"])
    print(f"build (python build.py --zip)   {wall:6.1f} s wall clock, {cpu:.1f} s CPU   (goal < 30 s)")
    print(f"dist/ size (without the zip)    {folder_size(dist, skip={'.zip'}) / mb:6.1f} MB;"
          f" offline zip {(dist / 'deep-learning-course.zip').stat().st_size / mb:.1f} MB")
    print(f"first widget live, cold (fresh context), median of {args.runs} interleaved rounds, headless Chromium:")
    print(f"  {'page':42} {'live ms':>8} {'x floor':>8} {'MB':>6} {'x floor':>8}")
    print(f"  {'floor: bare Pyodide + NumPy in a worker':42} {floor_ms:8.0f} {1:8.2f} {floor_bytes / mb:6.2f} {1:8.3f}")
    worst_live = worst_bytes = 0.0
    for page in pages:
        ms, b = median(live[page]), max(size[page])
        worst_live, worst_bytes = max(worst_live, ms / floor_ms), max(worst_bytes, b / floor_bytes)
        print(f"  {page:42} {ms:8.0f} {ms / floor_ms:8.2f} {b / mb:6.2f} {b / floor_bytes:8.3f}")
    print(f"  worst page: live {worst_live:.2f} x floor (goal <= {LIVE_GOAL}), "
          f"bytes {worst_bytes:.3f} x floor (goal <= {BYTES_GOAL})")
    if detail:
        f, c, o = detail["floor"], detail["course"], detail["offline"]
        print(f"{PAGE}, persistent profile, median of 3:")
        print(f"  first paint, snapshots visible     {c['paint']:6.0f} ms")
        print(f"  floor cold {f['cold']:6.0f} ms, repeat {f['repeat']:6.0f} ms")
        print(f"  page cold  {c['cold']:6.0f} ms ({c['cold'] / f['cold']:.2f} x floor), "
              f"repeat {c['repeat']:6.0f} ms ({c['repeat'] / f['cold']:.2f} x cold floor)")
        print(f"  file://    cold {o['cold']:6.0f} ms, repeat {o['repeat']:6.0f} ms "
              f"({o['repeat'] / f['cold']:.2f} x cold floor)")


if __name__ == "__main__":
    main()
