"""Helpers the tests import: paths, a local HTTP server, waiting on the page."""
from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
sys.path.insert(0, str(ROOT / "pysrc"))
sys.path.insert(0, str(ROOT))


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


class _GzipHandler(_Handler):
    """Text files gzipped for a client that accepts it, as GitHub Pages serves them."""
    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt"}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in self.COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        import gzip
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server(directory, headers=None, gzip=False):
    """Serve `directory` on a free localhost port; returns (base URL, server). gzip: compress
    text files as GitHub Pages does."""
    class Handler(_GzipHandler if gzip else _Handler):
        def end_headers(self):
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            super().end_headers()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def wait_until(page, js, timeout=45.0, what=None):
    """Poll a JS expression until truthy. (Playwright's wait_for_function
    evaluates strings with eval, which the pages' CSP rightly forbids.)"""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = page.evaluate(js)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or js}")


def widget_statuses(page):
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('[data-widget]')]"
                         ".map(w => [w.id, w.dataset.status]))")


def wait_all_live(page, timeout=45.0):
    wait_until(page, "[...document.querySelectorAll('[data-widget]')].every(w => w.dataset.status === 'live')",
               timeout, what="every widget live")


def press_every_control(widget):
    """Use every control a widget shows once (each button, each switch both ways, every
    choice, each slider at its ends), checking after each that the view is still JSON."""
    import json
    for control in widget.controls():
        kind, cid = control["kind"], control["id"]
        if kind == "button":
            widget.on_click(cid)
        elif kind == "toggle":
            widget.on_input(cid, not control["value"])
        elif kind == "choice":
            for value, _ in control["options"]:
                widget.on_input(cid, value)
        elif kind == "slider":
            for value in (control["min"], control["max"], control["value"]):
                widget.on_input(cid, value)
        elif kind == "text":
            widget.on_input(cid, control["value"])
        json.dumps(widget.view(), allow_nan=False)


def forget_the_learner(profile, origins):
    """What a learner leaves behind on each origin visited (progress, settings) goes, so no test
    sees another's; the caches that only make starting faster stay."""
    page = profile.new_page()
    cdp = profile.new_cdp_session(page)
    for origin in origins:
        cdp.send("Storage.clearDataForOrigin",
                 {"origin": origin, "storageTypes": "cookies,local_storage,indexeddb,service_workers"})
    cdp.detach()
    page.close()


def serious_axe_violations(profile, url):
    """axe-core's serious and critical findings on the page at url, once its widgets are live
    (axe is evaluated by the test driver, which the page's policy does not govern)."""
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    page = profile.new_page()
    page.goto(url)
    if page.locator("[data-widget]").count():
        wait_all_live(page)
    page.evaluate(axe)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    forget_the_learner(profile, {"/".join(url.split("/")[:3])})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def scene_items(scene):
    """Every item a scene draws, those inside groups (kit.scene.group) included."""
    for item in scene["items"]:
        yield from scene_items(item) if item["t"] == "group" else (item,)


def assert_text_readable_and_apart(scene):
    """Every text of a scene is at least 13 units high, inside the scene, and overlaps no other
    (widths estimated at 0.55 of the font size per character)."""
    boxes = []
    for it in (item for item in scene_items(scene) if item["t"] == "text"):
        assert it["size"] >= 13, it
        width, height = 0.55 * it["size"] * len(it["s"]), it["size"]
        left = it["x"] - {"start": 0, "middle": width / 2, "end": width}[it["anchor"]]
        box = (left, it["y"] - height / 2, left + width, it["y"] + height / 2)
        assert 0 <= box[0] and box[2] <= scene["w"] and 0 <= box[1] and box[3] <= scene["h"], it
        for other in boxes:
            overlap = box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            assert not overlap, (it["s"], other)
        boxes.append(box)
