"""`build.py serve`: an edited lesson is rebuilt and served; a broken one is
reported as file:line while the last good site keeps being served."""
from __future__ import annotations

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


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
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


def test_serve_rebuilds_on_edit_and_keeps_the_last_good_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    lesson = content / "level-1" / "02-one-neuron.md"
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                               "--content", str(content), "--out", str(tmp_path / "dist")],
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/level-1/one-neuron.html"
    try:
        assert wait_for(lambda: "One neuron" in fetch(url)), "the server never came up"

        lesson.write_text(lesson.read_text().replace("title: One neuron", "title: A single neuron"))
        assert wait_for(lambda: "A single neuron" in fetch(url)), "the edit was not rebuilt"

        broken = lesson.read_text().replace("```{widget} neuron-gate", "```{widget} neuron-gaet")
        lesson.write_text(broken)
        line = broken.split("\n").index("```{widget} neuron-gaet") + 1
        shown = f"level-1/02-one-neuron.md:{line}: unknown widget 'neuron-gaet'"
        assert wait_for(lambda: shown in (tmp_path / "serve.log").read_text()), "the error was not printed"
        page = fetch(url)
        assert "A single neuron" in page and 'data-widget="neuron-gate"' in page  # the last good build
    finally:
        server.terminate()
        server.wait(10)
        log.close()
