"""Serve dist/ on localhost and rebuild when a lesson, a widget or the web
runtime changes (like `mkdocs serve`), and reload the open pages after a good
rebuild. A failed rebuild prints its errors (`file:line: message`) and the last
good site keeps being served, unreloaded: the build only swaps dist/ on success.

Live reload exists only here: every HTML page this server sends gets one
`<script src="/__livereload.js">` carrying the id of the build it came from;
the script long-polls `/__livereload?build=ID`, which answers as soon as the
served build differs (or after a while, and the script asks again). The files
in dist/ are never touched, so a site built for shipping has no such script.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import watchfiles

RELOAD_PATH = "/__livereload"
LONGEST_WAIT = 25.0            # seconds a poll is held open before "no change"

# A classic script file (the pages' policy forbids inline scripts) on the
# page's own origin (the policy allows 'self' for scripts and connections).
RELOAD_SCRIPT = """\
"use strict";
(function () {
  const me = document.currentScript;
  const build = me.dataset.build;
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  async function poll() {
    for (;;) {
      try {
        const answer = await fetch("%(path)s?build=" + encodeURIComponent(build), { cache: "no-store" });
        if ((await answer.json()).build !== build) return location.reload();
      } catch (err) {
        await pause(1000);                 // the server is restarting: ask again
      }
    }
  }
  poll();
})();
""" % {"path": RELOAD_PATH}


def build_id(dist: Path) -> str:
    """What the served site looks like: a hash of every page. A page names each
    asset by its content hash, so any change to what a browser loads changes it,
    and a failed build (dist/ left as it was) does not."""
    digest = hashlib.sha256()
    for page in sorted(Path(dist).rglob("*.html")):
        digest.update(str(page.relative_to(dist)).encode() + b"\0" + page.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


class Builds:
    """The id of the site being served, and a way to wait until it changes."""

    def __init__(self, dist: Path):
        self.dist = Path(dist)
        self.changed = threading.Condition()
        self.folder = None                 # (device, inode) of the dist/ folder the id was read from
        self.current = ""
        self.refresh()

    def refresh(self) -> bool:
        """Re-read dist/; True (and waiting pages are woken) if the site changed."""
        with self.changed:
            try:
                folder = os.stat(self.dist)
            except FileNotFoundError:
                return False               # between the two renames of a swap: keep the last id
            now = build_id(self.dist)
            self.folder = (folder.st_dev, folder.st_ino)
            if now == self.current:
                return False
            self.current = now
            self.changed.notify_all()
        return True

    def sync(self) -> str:
        """The id of the site on disk now. A build swaps in a new dist/ folder, so a
        page served just after the swap carries the new id, not the one before."""
        try:
            folder = os.stat(self.dist)
            if (folder.st_dev, folder.st_ino) != self.folder:
                self.refresh()
        except FileNotFoundError:
            pass
        return self.current

    def wait_for_change(self, seen: str, timeout: float) -> str:
        self.sync()
        with self.changed:
            self.changed.wait_for(lambda: self.current != seen, timeout=timeout)
            return self.current


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".svg": "image/svg+xml"}
    builds: Builds | None = None         # set by serve(); None serves dist/ without live reload

    def end_headers(self):
        # A reload always shows the latest build while authoring.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass

    def send_head(self):
        url = urlsplit(self.path)
        if self.builds is not None:
            if url.path == RELOAD_PATH + ".js":
                return self._send_bytes(RELOAD_SCRIPT.encode(), "text/javascript")
            if url.path == RELOAD_PATH:
                return self._answer_poll(parse_qs(url.query))
            page = self._html_file(url.path)
            if page is not None:
                build = self.builds.sync()
                return self._send_bytes(self._with_reload_script(page.read_bytes(), build), "text/html; charset=utf-8")
        return super().send_head()

    def _html_file(self, url_path):
        """The HTML file a GET would send for this path (a folder's index.html too), or None."""
        path = Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    @staticmethod
    def _with_reload_script(html: bytes, build: str) -> bytes:
        tag = f'<script src="{RELOAD_PATH}.js" data-build="{build}"></script>\n'.encode()
        head_end = html.find(b"</head>")
        return html[:head_end] + tag + html[head_end:] if head_end >= 0 else html + tag

    def _answer_poll(self, query):
        seen = query.get("build", [""])[0]
        try:
            timeout = min(max(float(query.get("timeout", [LONGEST_WAIT])[0]), 0.0), LONGEST_WAIT)
        except ValueError:
            timeout = LONGEST_WAIT
        current = self.builds.wait_for_change(seen, timeout)
        return self._send_bytes(json.dumps({"build": current}).encode(), "application/json")

    def _send_bytes(self, data: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def watch(folders, rebuild, builds: Builds, stop_event=None):
    """Rebuild after each burst of changes under `folders` (inotify through
    watchfiles: nothing is polled), then tell the open pages if the site changed."""
    for changes in watchfiles.watch(*folders, stop_event=stop_event, debounce=300, step=100,
                                    raise_interrupt=False):
        names = sorted({Path(path).name for _, path in changes if os.path.exists(path)}) or ["a file removed"]
        print(f"change detected: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}; rebuilding…", flush=True)
        before = builds.sync()
        rebuild()
        builds.refresh()
        if builds.current != before:
            print(f"rebuilt; reloading open pages (build {builds.current})", flush=True)
        else:
            print("the site served is unchanged (the last good build); no reload", flush=True)


def serve(folders, dist: Path, port: int, rebuild):
    """Serve dist/, rebuild whenever a file under `folders` changes, reload the open pages."""
    builds = Builds(dist)
    handler = functools.partial(type("LiveHandler", (QuietHandler,), {"builds": builds}), directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    existing = [str(f) for f in folders if os.path.isdir(f)]
    threading.Thread(target=watch, args=(existing, rebuild, builds), daemon=True).start()
    print(f"Serving the course at http://127.0.0.1:{port}/  (Ctrl+C to stop; edits rebuild and reload the page)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
