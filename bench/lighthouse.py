#!/usr/bin/env python3
"""Lighthouse performance score of every page. Prints figures; asserts nothing.

    python bench/lighthouse.py [--dist DIR] [--runs 1] [--pages index.html level-1/index.html ...]

Builds the site (or serves --dist) on 127.0.0.1, text files gzipped as GitHub Pages
serves them, and runs Lighthouse 12.2.3
(npm, pinned in package.json's devDependencies: `npm ci` installs it) with its
default mobile preset (simulated slow 4G and a 4x slower CPU) and only the
performance category, in /usr/bin/chromium (CHROME_PATH), over every page: the
home page, each level's page and every lesson. With --runs > 1 each page's
figures are medians. Goal: a performance score >= 0.9 on every page.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import start_server  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
GOAL = 0.9
AUDITS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
          "CLS": "cumulative-layout-shift", "SI": "speed-index"}


def pages_of(dist):
    """Home, then every level's page, then every lesson, as the site links them."""
    home = ["index.html"]
    levels = sorted(p.relative_to(dist).as_posix() for p in dist.glob("*/index.html") if p.parent.name != "embed")
    lessons = sorted(p.relative_to(dist).as_posix() for p in dist.glob("level-*/*.html") if p.name != "index.html")
    return home + levels + lessons


def lighthouse(url, out):
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                           f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--max-wait-for-load=90000"],
                          env=env, capture_output=True, text=True)
    if done.returncode or not Path(out).exists():
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "lighthouse failed")
    report = json.loads(Path(out).read_text())
    figures = {"score": report["categories"]["performance"]["score"]}
    for short, audit in AUDITS.items():
        figures[short] = report["audits"][audit]["numericValue"]
    work = report["audits"].get("mainthread-work-breakdown", {}).get("numericValue")
    figures["main-thread ms"] = work
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", help="serve this built site instead of building one")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pages", nargs="*", help="only these pages (paths under dist/)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` (it is a devDependency)")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.dist) if args.dist else Path(tmp) / "dist"
        if not args.dist:
            print("building the site…", file=sys.stderr)
            subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(site)], check=True,
                           capture_output=True)
        url, server = start_server(site, gzip=True)      # text gzipped, as GitHub Pages sends it
        pages = args.pages or pages_of(site)
        rows = []
        for page in pages:
            runs = []
            for i in range(args.runs):
                print(f"{page}: run {i + 1}/{args.runs}…", file=sys.stderr)
                try:
                    runs.append(lighthouse(url + page, Path(tmp) / "report.json"))
                except RuntimeError as err:
                    print(f"  {page}: {err}", file=sys.stderr)
            rows.append((page, {k: statistics.median(r[k] for r in runs) for k in runs[0]} if runs else None))
        server.shutdown()
    print(f"Lighthouse 12.2.3, mobile preset, performance only, median of {args.runs}; goal: score >= {GOAL}")
    print(f"  {'page':40} {'score':>5} {'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} {'SI ms':>7} {'main ms':>8}")
    below = []
    for page, f in rows:
        if f is None:
            print(f"  {page:40} failed")
            below.append(page)
            continue
        if f["score"] < GOAL:
            below.append(page)
        print(f"  {page:40} {f['score']:5.2f} {f['FCP']:7.0f} {f['LCP']:7.0f} {f['TBT']:7.0f} {f['CLS']:6.3f} "
              f"{f['SI']:7.0f} {f['main-thread ms'] or 0:8.0f}{'   <- below the goal' if f['score'] < GOAL else ''}")
    print(f"  {len(rows) - len(below)} of {len(rows)} pages at >= {GOAL}" + (f"; not: {', '.join(below)}" if below else ""))


if __name__ == "__main__":
    main()
