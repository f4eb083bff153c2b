"""The live web editor (Sveltia CMS) up to its sign-in: Vietnamese, self-hosted, nothing from another origin.

Signing in needs api.github.com, which a test machine cannot reach; what is
checked is everything an editor sees before typing the token, and that the page
asks no other origin for anything (its CSP would refuse it, so a request that
leaves is a regression, not a nuisance).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.fixtures import DESKTOP, PHONE, screenshot, serve
from tests.conftest import article, build_site

# Sveltia asks githubstatus.com whether GitHub has an incident; the page's CSP refuses it, harmlessly.
KNOWN_REFUSED = ("https://www.githubstatus.com/",)


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = build_site(tmp_path_factory.mktemp("cms-live"), {"articles/2024/bai-mot/index.md": article("Bài một")})
    server, url = serve(build.output)
    yield f"{url}/admin/"
    server.shutdown()


def open_admin(browser, url: str, viewport: dict[str, int]):
    """The admin page in a Vietnamese browser; returns page, requests to other origins, CSP refusals."""
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    origin = url.split("/admin/")[0]
    outside: list[str] = []
    refused: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else outside.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập bằng mã truy cập").wait_for()
    return page, outside, refused


def test_sign_in_screen_is_vietnamese_and_self_hosted(browser, admin_url):
    page, outside, refused = open_admin(browser, admin_url, DESKTOP)
    # Sveltia wraps names in Unicode isolates (U+2068, U+2069) around "GitHub".
    assert page.get_by_role("button", name=re.compile(r"^Đăng nhập bằng \W?GitHub\W?$")).is_visible()
    page.wait_for_function("document.fonts.check('24px \"Material Symbols Outlined\"')")  # icons, from /admin/fonts/
    screenshot(page, "cms-live-signin-desktop")
    page.get_by_role("button", name="Đăng nhập bằng mã truy cập").click()
    dialog = page.get_by_role("alertdialog")
    token = dialog.get_by_label("Mã truy cập cá nhân")
    token.wait_for()
    assert "đọc/ghi nội dung" in dialog.inner_text()
    token.fill("github_pat_" + "x" * 20)  # never submitted: GitHub is out of reach here
    screenshot(page, "cms-live-token-desktop")
    assert outside == []
    assert all(any(known in text for known in KNOWN_REFUSED) for text in refused), refused
    page.context.close()


def test_sign_in_screen_on_a_phone(browser, admin_url):
    page, outside, _refused = open_admin(browser, admin_url, PHONE)
    screenshot(page, "cms-live-signin-phone")
    assert outside == []
    page.context.close()
