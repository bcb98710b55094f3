#!/usr/bin/env python3
"""How fast the course builds and comes alive. Prints figures; asserts nothing.

    python bench/build_and_load.py [--runs 5]

Measures: build time; dist/ size and the bytes a first visit downloads; in
headless Chromium, time to first paint and until the first widget is live,
cold (empty profile) and on a repeat visit (same profile), over local HTTP and
from the offline zip (file://); and, in the same run, the floor: a bare page
that only boots Pyodide + NumPy in a worker.
"""
from __future__ import annotations

import argparse
import functools
import os
import http.server
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


def visit(context, url, timeout=60):
    """One page load; returns (first paint ms, first widget live ms, bytes served)."""
    Handler.bytes_sent = 0
    page = context.new_page()
    page.goto(url)
    deadline = time.time() + timeout
    while page.evaluate("window.__live") is None and time.time() < deadline:
        page.wait_for_timeout(10)
    live = page.evaluate("window.__live")
    paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    page.close()
    return paint, live, Handler.bytes_sent


def series(browser_type, url, runs, init_script=WATCH_LIVE):
    """Cold: a fresh profile each run; repeat: a second visit in that profile."""
    cold, repeat, paints, first_bytes = [], [], [], []
    for _ in range(runs):
        profile = tempfile.mkdtemp(prefix="bench-profile-")
        context = browser_type.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                         args=CHROMIUM_ARGS)
        context.add_init_script(init_script)
        paint, live, size = visit(context, url)
        cold.append(live)
        paints.append(paint)
        first_bytes.append(size)
        repeat.append(visit(context, url)[1])
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {"cold": statistics.median(cold), "repeat": statistics.median(repeat),
            "paint": statistics.median(p for p in paints if p is not None) if any(paints) else None,
            "bytes": max(first_bytes)}


def folder_size(folder, skip=()):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix not in skip)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    dist = OUT / "dist"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--zip", "--out", str(dist)], check=True,
                   capture_output=True)
    build_s = time.perf_counter() - start
    (dist / "floor.html").write_text(FLOOR_HTML)
    (dist / "floor-main.js").write_text(FLOOR_MAIN)
    (dist / "floor-worker.js").write_text(FLOOR_WORKER)
    unzipped = OUT / "unzipped"
    shutil.rmtree(unzipped, ignore_errors=True)
    with zipfile.ZipFile(dist / "deep-learning-course.zip") as z:
        z.extractall(unzipped)

    url, server = serve(dist)
    with sync_playwright() as p:
        floor = series(p.chromium, url + "floor.html", args.runs, init_script="")
        course = series(p.chromium, url + PAGE, args.runs)
        offline = series(p.chromium, (unzipped / "deep-learning-course" / PAGE).as_uri(), max(3, args.runs // 2))
    server.shutdown()

    mb = 1024 * 1024
    print(f"build (python build.py --zip)        {build_s:6.1f} s")
    print(f"dist/ size (without the zip)         {folder_size(dist, skip={'.zip'}) / mb:6.1f} MB")
    print(f"offline zip                          {(dist / 'deep-learning-course.zip').stat().st_size / mb:6.1f} MB")
    print(f"first visit downloads (HTTP)         {course['bytes'] / mb:6.1f} MB   (floor page: {floor['bytes'] / mb:.1f} MB)")
    print(f"median of {args.runs} runs, headless Chromium, {PAGE}:")
    print(f"  first paint, snapshots visible     {course['paint']:6.0f} ms")
    print(f"  floor: bare Pyodide + NumPy, cold  {floor['cold']:6.0f} ms   repeat {floor['repeat']:6.0f} ms")
    print(f"  first widget live, HTTP cold       {course['cold']:6.0f} ms   ({course['cold'] / floor['cold']:.2f} x floor; target <= 1.15)")
    print(f"  first widget live, HTTP repeat     {course['repeat']:6.0f} ms   ({course['repeat'] / floor['cold']:.2f} x cold floor; target <= 0.5)")
    print(f"  first widget live, file:// cold    {offline['cold']:6.0f} ms")
    print(f"  first widget live, file:// repeat  {offline['repeat']:6.0f} ms   ({offline['repeat'] / floor['cold']:.2f} x cold floor)")


if __name__ == "__main__":
    main()
