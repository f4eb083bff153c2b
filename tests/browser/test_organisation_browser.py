"""The "Giới thiệu" section (plugins/organisation) of the fixture site in Debian's Chromium.

Each of the four pages passes axe-core (no serious or critical violation) and has no sideways
scroll on the narrowest phone (320 px), a phone (390 px) and a desktop; full-page screenshots
go to test-artifacts/organisation-<page>-<width>.png for a person to look at. The section's own
navigation and the anchors from the structure to the member organisations work with a keyboard.
"""

from __future__ import annotations

import pytest

from tests.browser.fixtures import DESKTOP, PHONE, SMALLEST, assert_accessible_and_fits, screenshot
from tests.browser.test_theme import load_lazy_images

PAGES = {
    "about": "gioi-thieu/",
    "leaders": "gioi-thieu/lanh-dao/",
    "structure": "gioi-thieu/co-cau-to-chuc/",
    "units": "gioi-thieu/don-vi-truc-thuoc/",
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(("viewport", "width"), [(SMALLEST, 320), (PHONE, 390), (DESKTOP, 1366)])
def test_page_is_accessible_fits_the_screen_and_is_screenshotted(page_at, demo_url, axe, name, viewport, width):
    page = page_at(f"{demo_url}/{PAGES[name]}", viewport)
    assert_accessible_and_fits(page, axe, width)
    load_lazy_images(page)
    screenshot(page, f"organisation-{name}-{width}")


def test_section_navigation_tabs_are_tap_sized_on_a_phone_and_lead_to_each_page(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGES['about']}", PHONE)
    tabs = page.locator(".org-nav a")
    assert min(tabs.evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")) >= 44
    page.get_by_role("link", name="Lãnh đạo", exact=True).click()
    assert page.url.endswith("/gioi-thieu/lanh-dao/")
    assert page.locator("h1").inner_text() == "Lãnh đạo Đảng ủy Khối"
    assert page.locator(".leader picture img").first.evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_member_organisation_in_the_structure_leads_to_its_entry(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGES['structure']}")
    link = page.get_by_role("link", name="Chi bộ Sở Tư pháp")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gioi-thieu/don-vi-truc-thuoc/#chi-bo-so-tu-phap")
    target = page.locator("#chi-bo-so-tu-phap")
    assert target.is_visible()
    assert target.evaluate("el => getComputedStyle(el).borderTopColor") != "rgb(227, 222, 214)"  # :target highlight
