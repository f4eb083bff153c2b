"""Browser fixtures, loaded as a pytest plugin by tests/conftest.py so every test folder can use them.

Chromium comes from Debian (`make test` installs it, see ensure-chromium.sh);
Playwright's own browser download cannot work here. Without Chromium the tests
skip on a developer machine but FAIL under CI=true: a skipped check is not a pass.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, Build

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
# Flags that keep a headless Chromium quiet on a machine without network access.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SMALLEST = {"width": 320, "height": 640}  # the narrowest phone a page must fit without sideways scroll
BLOCKING = {"serious", "critical"}  # axe impacts that fail a page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything that opens Chromium carries the ``browser`` marker (``-m "not browser"`` to skip locally)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def require(available: bool, message: str) -> None:
    """A missing tool fails the test under CI=true (a skipped check is not a pass) and skips it elsewhere."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium; missing Chromium fails under CI=true and skips elsewhere."""
    require(
        Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)),
        f"Chromium not found at {CHROMIUM}: run `make test` as root or `apt-get install -y chromium`",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free loopback port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def demo_url(fixture_site: Build) -> Iterator[str]:
    """The demo site over HTTP, as a reader's browser gets it."""
    server, url = serve(fixture_site.output)
    yield url
    server.shutdown()


@pytest.fixture
def page_at(browser):
    """Open pages at a viewport size; closes them after the test."""
    contexts = []

    def open_page(url: str, viewport: dict[str, int] = DESKTOP, **options: object):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under test-artifacts/ (git-ignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def axe() -> object:
    """axe-core (bundled by axe-playwright-python), injected into a page by ``blocking_violations``."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def blocking_violations(axe: object, page: object) -> list[str]:
    """axe-core's serious and critical violations on ``page``, one line each."""
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def assert_accessible_and_fits(page: object, axe: object, width: int, *, lang: str = "vi") -> None:
    """What every page type promises: its language, one h1, no blocking axe violation, no sideways scroll."""
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    assert blocking_violations(axe, page) == []
    # Nothing wider than the window (a section nav may scroll inside itself).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
