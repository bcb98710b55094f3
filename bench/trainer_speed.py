#!/usr/bin/env python3
"""How fast the MLP trainer trains and draws in the browser. Prints figures; asserts nothing.

    python bench/trainer_speed.py [--dist DIR] [--seconds 10] [--runs 3] [--playground URL]

Builds the site into a temporary folder (or serves an existing --dist), opens the
trainer's lesson in headless Chromium with each benchmark setup in the URL (the
same share settings a learner's link carries): circle data, 500 points, half for
training, learning rate 0.03, maximum speed, and 2 -> 8 -> 8 -> 1 tanh with batch
10 (the target's network), then six hidden layers of 8 with batch 1 (the heaviest).
Then it presses Play and, for --seconds, measures:
  - epochs per second (the epoch counter in the canvas's label, start to end);
  - boundary frames per second (the trainer's canvas redrawn: once per tick answered, each
    with the boundary of the weights trained so far);
  - page frames per second (requestAnimationFrame callbacks on the main thread);
  - input delay: a Batch size slider event dispatched while training, until the
    status line shows the widget applied it, and until the next boundary is drawn
    (median and worst of several);
and, for comparison, the same training in CPython with the engine alone.

With --playground URL (a TensorFlow Playground build someone serves, e.g. one
made by ../shared/tools/tfp-build.sh; the project holds none of its code), the
same setups run in Playground in the same run, alternating with the trainer's
runs (Playground, trainer, Playground, …), and the ratios are printed. Its
epochs per second come from its iteration counter (one iteration is one epoch
over the training points), its input delay from a learning-rate change event
to the next painted frame.
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
PAGE = "level-3/train-a-network-live.html"
UID = "train-a-network-live-1"
# name -> (the setup as a share link carries it, hidden layers, batch size, goal as a multiple of Playground)
SETUPS = {
    "2→8→8→1 tanh, batch 10": ("data=circle&noise=0&split=50&layers=2&n1=8&n2=8&act=tanh&lr=0.03&batch=10"
                               "&opt=sgd&reg=none&speed=7", [8, 8], 10, 8.0),
    "six hidden layers of 8, batch 1": ("data=circle&noise=0&split=50&layers=6&n1=8&n2=8&n3=8&n4=8&n5=8&n6=8"
                                        "&act=tanh&lr=0.03&batch=1&opt=sgd&reg=none&speed=7", [8] * 6, 1, 1.5),
}
# The same setup in Playground's URL hash (its src/state.ts): circle, no noise, 50 % training points.
PLAYGROUND_HASH = ("activation=tanh&batchSize={batch}&dataset=circle&regDataset=reg-plane&learningRate=0.03"
                   "&regularizationRate=0&noise=0&networkShape={shape}&seed=0.1&showTestData=false"
                   "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false"
                   "&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification"
                   "&initZero=false&hideText=false&regularization=none")
PLAYGROUND_WATCH = """(() => {
  const iter = () => Number(document.getElementById('iter-number').textContent.replace(/,/g, ''));
  const m = window.__bench = { frames: 0, t0: performance.now(), e0: iter(), iter };
  const loop = () => { m.frames++; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()"""
PLAYGROUND_INPUT = """() => new Promise((resolve) => {
  const select = document.getElementById('learningRate'), t = performance.now();
  select.value = '0.03';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
})"""
INPUTS = True

WIDGET = "document.getElementById('%s')" % UID
WATCH = """(() => {
  const root = %s, canvas = root.querySelector('canvas'), status = root.querySelector('.widget-status');
  const epochOf = () => Number((canvas.getAttribute('aria-label').match(/Epoch (\\d+)/) || [0, 0])[1]);
  const m = window.__bench = { frames: 0, draws: 0, statusAt: [], epochOf, t0: performance.now(), e0: epochOf() };
  const draw = window.DLCourse.drawScene;     // every answer to a tick is drawn once: a new boundary
  m.drawAt = [];
  m.answeredAt = [];                         // when each input's answer reached the page
  window.DLCourse.drawScene = (c, scene) => {
    const result = draw(c, scene);
    if (c === canvas) { m.draws++; m.drawAt.push(performance.now()); }
    return result;
  };
  const request = window.DLCourse.python.request;     // (this runs before the widget draws the answer)
  window.DLCourse.python.request = (message) => {
    const p = request(message);
    if (message.event && message.event.type === 'input') p.then(() => m.answeredAt.push(performance.now()));
    return p;
  };
  new MutationObserver(() => m.statusAt.push([performance.now(), status.textContent]))
    .observe(status, { childList: true, characterData: true, subtree: true });
  const loop = () => { m.frames++; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()""" % WIDGET

SLIDE = """(value) => {
  const input = document.getElementById('%s-batch');
  input.value = value;
  const t = performance.now();
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return t;
}""" % UID


def build(out):
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out)],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)


def browser_run(url, setup, batch, seconds):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}{PAGE}#{UID}?{setup}")
        wait_until(page, f"{WIDGET}.dataset.status === 'live'", 90)
        page.locator(f"#{UID} canvas").scroll_into_view_if_needed()
        page.get_by_role("button", name="Play").click()
        page.wait_for_timeout(1500)                              # warm up, let the pacer settle
        page.evaluate(WATCH)
        delays, pictures = [], []
        end = time.time() + seconds
        value = batch                 # the slider goes batch -> batch + 1 -> batch -> …
        while INPUTS and time.time() < end - 0.6:
            page.wait_for_timeout(600)
            value = batch + 1 if value == batch else batch
            t0 = page.evaluate(SLIDE, value)
            wanted = f"Batch size is now {value}"
            t1 = wait_until(page, f"(window.__bench.statusAt.find(([t, s]) => t >= {t0} && s.includes('{wanted}'))"
                                  " || [0])[0]", 5)
            t2 = wait_until(page, f"window.__bench.drawAt.find((t) => t >= (window.__bench.answeredAt.find("
                                  f"(a) => a >= {t0}) || Infinity)) || 0", 5)
            delays.append(t1 - t0)
            pictures.append(t2 - t0)
        page.wait_for_timeout(max(0, (end - time.time()) * 1000))
        m = page.evaluate("(() => { const m = window.__bench, s = (performance.now() - m.t0) / 1000;"
                          " return { s, epochs: m.epochOf() - m.e0, frames: m.frames, draws: m.draws }; })()")
        sizes = page.evaluate(f"{WIDGET}.querySelector('canvas').getAttribute('aria-label')")
        browser.close()
    return {"epochs_per_s": m["epochs"] / m["s"], "boundary_fps": m["draws"] / m["s"],
            "page_fps": m["frames"] / m["s"], "delays": delays, "pictures": pictures, "label": sizes}


def playground_run(url, batch, hidden, seconds):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        shape = ",".join(str(n) for n in hidden)
        page.goto(f"{url.rstrip('/')}/index.html#{PLAYGROUND_HASH.format(batch=batch, shape=shape)}")
        page.wait_for_selector("#play-pause-button")
        page.click("#play-pause-button")
        page.wait_for_timeout(1500)
        page.evaluate(PLAYGROUND_WATCH)
        delays = []
        end = time.time() + seconds
        while INPUTS and time.time() < end - 0.6:
            page.wait_for_timeout(600)
            delays.append(page.evaluate(PLAYGROUND_INPUT))
        page.wait_for_timeout(max(0, (end - time.time()) * 1000))
        m = page.evaluate("(() => { const m = window.__bench, s = (performance.now() - m.t0) / 1000;"
                          " return { s, epochs: m.iter() - m.e0, frames: m.frames }; })()")
        browser.close()
    return {"epochs_per_s": m["epochs"] / m["s"], "page_fps": m["frames"] / m["s"], "delays": delays}


def cpython_run(hidden, batch, seconds=3.0):
    """The same setup trained by the engine alone in this Python (no drawing)."""
    from trainer.data import built_in
    from trainer.run import Run
    data = built_in("circle", 0, 50, 1)
    run = Run(data, ["x1", "x2"], hidden, "tanh", 1,
              {"lr": 0.03, "batch": batch, "opt": "sgd", "beta": 0.9, "reg": "none", "rate": 0.0, "loss": "ce"})
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        run.train(5)
    return run.epoch / (time.perf_counter() - start)


def report(name, runs, seconds, hidden, batch, goal, playground_runs):
    med = lambda rs, key: statistics.median(r[key] for r in rs)  # noqa: E731
    each = lambda rs, key: ", ".join(format(r[key], ".1f") for r in rs)  # noqa: E731
    delays = sorted(d for r in runs for d in r["delays"])
    eps = med(runs, "epochs_per_s")
    print(f"MLP trainer, {name}: circle, 250 training points, lr 0.03, max speed; "
          f"median of {len(runs)} runs of {seconds:g} s:")
    print(f"  epochs per second       {eps:7.1f}   (runs: {each(runs, 'epochs_per_s')})")
    print(f"  boundary frames/s       {med(runs, 'boundary_fps'):7.1f}   (runs: {each(runs, 'boundary_fps')})")
    print(f"  page frames/s           {med(runs, 'page_fps'):7.1f}   (runs: {each(runs, 'page_fps')})")
    if delays:
        pictures = sorted(d for r in runs for d in r["pictures"])
        print(f"  slider input → applied  {statistics.median(delays):7.1f} ms median, "
              f"{max(delays):.1f} ms worst ({len(delays)} events while training)")
        print(f"  slider input → picture  {statistics.median(pictures):7.1f} ms median, "
              f"{max(pictures):.1f} ms worst (its answer's picture drawn)")
    if playground_runs:
        pg = med(playground_runs, "epochs_per_s")
        pg_delays = [d for r in playground_runs for d in r["delays"]]
        print(f"  Playground, same run    {pg:7.1f}   epochs per second (runs: {each(playground_runs, 'epochs_per_s')});"
              f" page {med(playground_runs, 'page_fps'):.1f} fps;"
              f" input → painted {statistics.median(pg_delays):.1f} ms median, {max(pg_delays):.1f} worst")
        print(f"  ratio                   {eps / pg:7.2f} x Playground   (goal >= {goal:g} x)")
    print(f"  CPython, engine only    {cpython_run(hidden, batch):7.1f}   epochs per second (no drawing)")
    return eps, playground_runs and med(playground_runs, "epochs_per_s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", help="serve this built site instead of building one")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--playground", metavar="URL", help="a served TensorFlow Playground build, run alternately")
    parser.add_argument("--setups", type=int, nargs="*", help="only these setups (0, 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.dist) if args.dist else Path(tmp) / "dist"
        if not args.dist:
            print("building the site…", file=sys.stderr)
            build(site)
        url, server = start_server(site)
        table = []
        for k, (name, (setup, hidden, batch, goal)) in enumerate(SETUPS.items()):
            if args.setups is not None and k not in args.setups:
                continue
            runs, playground_runs = [], []
            for i in range(args.runs):
                print(f"{name}: run {i + 1}/{args.runs} ({args.seconds:g} s of training)…", file=sys.stderr)
                if args.playground:
                    playground_runs.append(playground_run(args.playground, batch, hidden, args.seconds))
                runs.append(browser_run(url, setup, batch, args.seconds))
            eps, pg = report(name, runs, args.seconds, hidden, batch, goal, playground_runs)
            table.append((name, pg, eps, goal))
        server.shutdown()
    if args.playground:
        print("| setup (circle, 250 training points, lr 0.03) | Playground | trainer | ratio | goal |")
        print("|---|---|---|---|---|")
        for name, pg, eps, goal in table:
            print(f"| {name} | {pg:.1f} epochs/s | {eps:.1f} epochs/s | {eps / pg:.2f}× | ≥ {goal:g}× |")


if __name__ == "__main__":
    main()
