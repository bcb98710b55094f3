"""Shared fixtures: the course built once per test session into a temporary
folder, served over local HTTP, and a headless Chromium to look at it."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "pysrc"))
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def start_server(directory, headers=None):
    """Serve `directory` on a free localhost port; returns (base URL, server)."""
    class Handler(_Handler):
        def end_headers(self):
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            super().end_headers()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = start_server(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


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
