"""Shared fixtures: the course built once per test session into a temporary
folder, served over local HTTP, and a headless Chromium to look at it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, forget_the_learner, start_server

E2E = ROOT / "tests" / "e2e"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e/ drives a browser: `pytest -m "not browser"` runs the rest."""
    for item in items:
        if E2E in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--zip", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


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


@pytest.fixture(scope="session")
def profile(browser, tmp_path_factory):
    """One browser profile on disk for the whole run, as a learner's browser keeps one: its
    HTTP cache and stored interpreter snapshot make every page after the first start like a
    repeat visit. A test that needs a first visit, no network or another policy opens its own
    context."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(profile):
    """A fresh page that records console errors and uncaught exceptions."""
    pg = profile.new_page()
    pg.errors, origins = [], set()
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("framenavigated", lambda f: f.url.startswith("http") and origins.add("/".join(f.url.split("/")[:3])))
    yield pg
    if not pg.is_closed():
        pg.close()
    forget_the_learner(profile, origins)
