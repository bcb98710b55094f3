"""Serve dist/ on localhost and rebuild when a lesson, a widget or the web
runtime changes (like `mkdocs serve`). A failed rebuild prints its errors and
the last good site keeps being served: the build only swaps dist/ on success."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".svg": "image/svg+xml"}

    def end_headers(self):
        # A reload always shows the latest build while authoring.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def snapshot(folders):
    return {p: p.stat().st_mtime_ns for d in folders for p in Path(d).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def watch(folders, rebuild, interval=0.5):
    seen = snapshot(folders)
    while True:
        time.sleep(interval)
        now = snapshot(folders)
        if now != seen:
            changed = sorted(p.name for p in set(now) | set(seen) if now.get(p) != seen.get(p))
            seen = now
            print(f"change detected{': ' + ', '.join(changed[:3]) if changed else ''}; rebuilding…", flush=True)
            rebuild()


def serve(folders, dist: Path, port: int, rebuild):
    """Serve dist/ and rebuild whenever a file under `folders` changes."""
    handler = functools.partial(QuietHandler, directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=watch, args=(folders, rebuild), daemon=True).start()
    print(f"Serving the course at http://127.0.0.1:{port}/  (Ctrl+C to stop; edits rebuild automatically)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
