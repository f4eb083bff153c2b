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
