"""The Content-Security-Policy in every page's <head> does not block the portal's own CSS and JavaScript.

A CSP that is too strict fails silently for readers (unstyled page, dead buttons), so
Chromium loads real pages and reports every ``securitypolicyviolation`` event.
"""

from __future__ import annotations

import pytest

from tests.browser.fixtures import PHONE, screenshot
from tests.conftest import SEED_SLUG

REPORT_VIOLATIONS = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"
)
PAGES = {"home": "/", "article": f"/bai-viet/{SEED_SLUG}/", "section": "/chuyen-muc/tuyen-giao/", "404": "/404.html"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_load_their_assets_without_csp_violations(browser, demo_url, name):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(REPORT_VIOLATIONS)
    try:
        page = context.new_page()
        page.goto(demo_url + PAGES[name], wait_until="networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        assert page.evaluate("window.__csp") == []
        # The stylesheet applied (a blocked one leaves the default 8px body margin and serif font).
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
        if name == "article":
            # site.js ran: it reveals the share buttons that start `hidden`.
            assert page.locator("[data-copy-link]").is_visible()
            screenshot(page, "csp-article-390")
    finally:
        context.close()
