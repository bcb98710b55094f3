"""Helpers the tests import: paths, a local HTTP server, waiting on the page."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "pysrc"))
sys.path.insert(0, str(ROOT))


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
