"""The offline zip in Firefox (Debian's firefox-esr). Playwright cannot drive a
stock Firefox, so this uses Firefox's own remote protocol, Marionette. The
browser's proxy points at a closed port, so any network request would fail."""
from __future__ import annotations

import socket
import subprocess
import time
import zipfile

import pytest

LESSON = "level-1/one-neuron.html"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def firefox(tmp_path):
    from marionette_driver.marionette import Marionette
    port = free_port()
    profile = tmp_path / "profile"
    profile.mkdir()
    prefs = {"marionette.port": port, "browser.shell.checkDefaultBrowser": False,
             "network.proxy.type": 1, "network.proxy.http": "127.0.0.1", "network.proxy.http_port": 9,
             "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": 9, "network.proxy.no_proxies_on": "",
             "network.proxy.allow_hijacking_localhost": True, "datareporting.policy.dataSubmissionEnabled": False}
    (profile / "user.js").write_text("".join(f"user_pref({k!r}, {str(v).lower() if isinstance(v, bool) else repr(v)});\n"
                                             .replace("'", '"') for k, v in prefs.items()))
    process = subprocess.Popen(["firefox-esr", "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
    client.start_session()
    yield client
    client.delete_session()
    process.terminate()
    process.wait(10)


def test_offline_zip_comes_alive_in_firefox(firefox, built_site, tmp_path):
    with zipfile.ZipFile(built_site / "deep-learning-course.zip") as z:
        z.extractall(tmp_path)
    page = tmp_path / "deep-learning-course" / LESSON
    firefox.navigate(page.as_uri())
    deadline = time.time() + 60
    status = ""
    while time.time() < deadline and status not in ("live", "error"):
        status = firefox.execute_script("return document.querySelector('[data-widget]').dataset.status")
        time.sleep(0.2)
    assert status == "live", firefox.execute_script("return document.querySelector('.widget-progress').textContent")
    before = firefox.execute_script("return document.querySelector('[data-widget] .widget-status').textContent")
    firefox.execute_script("const s = document.querySelector('[data-widget] input[type=range]');"
                           "s.value = s.max; s.dispatchEvent(new Event('input'));")
    time.sleep(1.5)
    after = firefox.execute_script("return document.querySelector('[data-widget] .widget-status').textContent")
    assert after != before
    loaded = firefox.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith(("file:", "blob:", "data:")) for url in loaded), loaded
