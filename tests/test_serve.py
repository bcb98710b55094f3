"""`build.py serve`: an edited lesson is rebuilt and served, and the open pages
are told to reload; a broken one is reported as file:line while the last good
site keeps being served and no page reloads. The reload script is added by the
server only, never written into dist/."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import ROOT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def wait_for(check, timeout=40):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def served_build(page_html):
    """The build id the server stamped on a page's reload script."""
    found = re.search(r'<script src="/__livereload\.js" data-build="([0-9a-f]+)"></script>', page_html)
    assert found, "the served page has no live-reload script"
    return found.group(1)


def test_serve_rebuilds_on_edit_reloads_and_keeps_the_last_good_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    lesson = content / "level-1" / "02-one-neuron.md"
    out = tmp_path / "dist"
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                               "--content", str(content), "--out", str(out)],
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/level-1/one-neuron.html"
    poll = f"{base}/__livereload?build="
    try:
        assert wait_for(lambda: "One neuron" in fetch(url), 120), "the server never came up"
        first = served_build(fetch(url))
        assert served_build(fetch(base + "/")) == first                       # a folder's index.html too
        assert "__livereload" not in (out / "level-1" / "one-neuron.html").read_text()  # dist/ stays clean
        assert "location.reload()" in fetch(base + "/__livereload.js")
        assert json.loads(fetch(poll + first + "&timeout=0.5"))["build"] == first  # nothing changed yet

        # A page waiting on the poll is answered as soon as the good rebuild is served.
        lesson.write_text(lesson.read_text().replace("title: One neuron", "title: A single neuron"))
        second, deadline = first, time.time() + 120
        while second == first and time.time() < deadline:                    # as the page's script asks
            second = json.loads(fetch(poll + first, timeout=40))["build"]
        assert second != first, "the open page was not told to reload"
        page = fetch(url)
        assert "A single neuron" in page and served_build(page) == second

        broken = lesson.read_text().replace("```{widget} neuron-gate", "```{widget} neuron-gaet")
        lesson.write_text(broken)
        line = broken.split("\n").index("```{widget} neuron-gaet") + 1
        shown = f"level-1/02-one-neuron.md:{line}: unknown widget 'neuron-gaet'"
        assert wait_for(lambda: shown in (tmp_path / "serve.log").read_text(), 120), "the error was not printed"
        assert wait_for(lambda: "no reload" in (tmp_path / "serve.log").read_text(), 30)
        page = fetch(url)
        assert "A single neuron" in page and 'data-widget="neuron-gate"' in page  # the last good build
        assert served_build(page) == second
        assert json.loads(fetch(poll + second + "&timeout=1"))["build"] == second  # no reload

        lesson.write_text(broken.replace("neuron-gaet", "neuron-gate").replace("A single neuron", "One neuron"))
        assert wait_for(lambda: "One neuron" in fetch(url), 120), "the fixed lesson was not rebuilt"
        assert served_build(fetch(url)) not in (second, "")
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_a_site_built_for_shipping_has_no_live_reload(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages and not [p for p in pages if "__livereload" in p.read_text()]
    assert not [p for p in (built_site / "assets").iterdir() if "livereload" in p.name]
