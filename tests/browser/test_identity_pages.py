"""The contact page and the English page in Chromium: axe-core (0 serious/critical), no sideways
scrolling from 320 px up, and screenshots under test-artifacts/ (identity-<page>-<width>.png)."""

from __future__ import annotations

import pytest

from tests.browser.fixtures import DESKTOP, PHONE, SMALLEST, assert_accessible_and_fits, screenshot

PAGES = {"contact": ("lien-he/", "vi"), "english": ("en/", "en")}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("viewport", "width"), [(DESKTOP, 1366), (PHONE, 390), (SMALLEST, 320)])
def test_identity_page_is_accessible_and_fits_the_screen(page_at, demo_url, axe, name, viewport, width):
    path, lang = PAGES[name]
    page = page_at(f"{demo_url}/{path}", viewport)
    assert_accessible_and_fits(page, axe, width, lang=lang)
    # The phone number and the address are links a phone can dial and mail.
    assert page.locator('main a[href="tel:+842053812345"]').is_visible()
    assert page.locator('main a[href^="mailto:"]').is_visible()
    screenshot(page, f"identity-{name}-{width}")


def test_footer_english_link_leads_to_the_english_page_and_back(page_at, demo_url):
    page = page_at(f"{demo_url}/", PHONE)
    page.locator('footer a[hreflang="en"]').click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator('main a[hreflang="vi"]').click()
    page.wait_for_url(f"{demo_url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
