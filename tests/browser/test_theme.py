"""The portal theme in Debian's Chromium: accessibility (axe-core), layout on a phone and a
desktop, pagination, print stylesheet, reading tools and Vietnamese glyphs.

Every page type of the demo build is checked with axe-core and saved as a screenshot
under test-artifacts/ (theme-<page>-<width>.png) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from plugins.vi_text.core import slugify
from tests.browser.fixtures import DESKTOP, PHONE, assert_accessible_and_fits, screenshot, serve
from tests.conftest import SEED_SLUG, build_site
from tests.site.test_theme import BUILDING, PER_PAGE, tiny_site_files

# One URL per page type of the demo site (relative to its root).
PAGE_TYPES = {
    "home": "",
    "category": "chuyen-muc/hoat-dong-dang-uy-khoi/",
    "article": f"bai-viet/{SEED_SLUG}/",
    "tag": f"the/{slugify('dư luận xã hội')}/",
    "author": f"tac-gia/{slugify('Hoàng Thị Hương')}/",
    "categories": "chuyen-muc/",
    "tags": "the/",
    "authors": "tac-gia/",
    "archives": "luu-tru/",
    "archive-year": "luu-tru/2021/",
    "archive-month": "luu-tru/2021/01/",
    "page-about": "gioi-thieu/",
    "page-contact": "lien-he/",
    "not-found": "404.html",
    "search": "tim-kiem/",
}


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site with three pages of one section (the demo's sections fit on one page)."""
    built = build_site(tmp_path_factory.mktemp("theme-browser"), tiny_site_files(), DEFAULT_PAGINATION=PER_PAGE)
    server, url = serve(built.output)
    yield url
    server.shutdown()


def load_lazy_images(page) -> None:
    """Load `loading=lazy` photos so they appear in the full-page screenshot.

    Switching them to eager first matters: decode() of a lazy image that never
    enters the viewport would wait forever.
    """
    page.evaluate(
        "Promise.all([...document.images].map(img => { img.loading = 'eager'; return img.decode().catch(() => 0); }))"
    )


@pytest.mark.parametrize("name", PAGE_TYPES)
@pytest.mark.parametrize(("viewport", "width"), [(DESKTOP, 1366), (PHONE, 390)])
def test_page_type_is_accessible_fits_the_screen_and_is_screenshotted(page_at, demo_url, axe, name, viewport, width):
    page = page_at(f"{demo_url}/{PAGE_TYPES[name]}", viewport)
    assert_accessible_and_fits(page, axe, width)
    load_lazy_images(page)
    screenshot(page, f"theme-{name}-{width}")


def test_phone_tap_targets_in_navigation_and_footer_are_at_least_44px(page_at, demo_url):
    page = page_at(f"{demo_url}/", PHONE)
    heights = page.locator(".site-nav a, .pagination a, .share__link").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().height)"
    )
    assert len(heights) > 5
    assert min(heights) >= 44


def test_pagination_links_move_through_the_section(page_at, tiny_url):
    page = page_at(f"{tiny_url}/chuyen-muc/xay-dung-dang/")
    first_titles = page.locator(".card__title").all_inner_texts()
    assert first_titles[0] == BUILDING[-1]
    page.get_by_role("link", name="Trang sau").click()
    assert page.url.endswith("/chuyen-muc/xay-dung-dang/trang/2/")
    assert page.locator(".card__title").first.inner_text() == BUILDING[-1 - PER_PAGE]
    page.get_by_role("link", name="Trang 3", exact=True).click()
    assert page.url.endswith("/trang/3/")
    assert page.get_by_role("link", name="Trang sau").count() == 0
    page.get_by_role("link", name="Trang trước").click()
    assert page.url.endswith("/trang/2/")
    page.get_by_role("link", name="Trang 1", exact=True).click()
    assert page.locator(".card__title").all_inner_texts() == first_titles


def test_breadcrumb_leads_back_to_the_section_and_home(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGE_TYPES['article']}")
    crumbs = page.locator("nav.breadcrumbs a")
    assert crumbs.all_inner_texts() == ["Trang chủ", "Hoạt động Đảng ủy Khối"]
    crumbs.nth(1).click()
    assert page.locator("h1").inner_text() == "Hoạt động Đảng ủy Khối"
    page.locator("nav.breadcrumbs a").first.click()
    assert page.url == f"{demo_url}/"


def test_print_stylesheet_hides_navigation_and_keeps_photos_with_captions(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGE_TYPES['article']}")
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".search-form", ".breadcrumbs", ".share", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").is_visible()
    figure = page.locator(".article__body figure").first
    assert figure.locator("img").is_visible()
    assert figure.locator("figcaption").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible()


def test_copy_link_and_larger_text_work_and_are_remembered(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGE_TYPES['article']}", permissions=["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Sao chép liên kết").click()
    assert page.evaluate("navigator.clipboard.readText()") == page.url  # dev build: the browser's address
    assert page.locator(".share__status").inner_text() == "Đã sao chép liên kết"

    body = page.locator(".article__body")
    before = float(body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    toggle = page.get_by_role("button", name="Cỡ chữ lớn")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert float(body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) > before
    page.reload()
    assert "text-large" in (page.locator("html").get_attribute("class") or "")


def test_tools_that_need_javascript_stay_hidden_without_it(page_at, demo_url):
    page = page_at(f"{demo_url}/{PAGE_TYPES['article']}", java_script_enabled=False)
    assert page.locator(".share__button").count() == 3
    assert not page.locator(".share__button").first.is_visible()
    assert page.locator(".article__body").is_visible()


def test_vietnamese_text_renders_with_a_single_font(page_at, demo_url):
    """ế ậ ễ ổ ữ ỹ must come from the same font as the rest (no glyph fallback mixing two fonts)."""
    page = page_at(f"{demo_url}/{PAGE_TYPES['article']}")
    page.evaluate(
        "document.querySelector('.article__body p').textContent = 'Kiểm tra dấu: ế ậ ễ ổ ữ ỹ Đảng ủy Khối Lạng Sơn'"
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in (".article__body p", ".byline", "h1", ".site-title__name"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert len({f["familyName"] for f in fonts}) == 1, (selector, fonts)
