"""Video click-to-load and the photo-story lightbox in Chromium (Playwright network log, keyboard)."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.browser.fixtures import PHONE, blocking_violations, screenshot, serve
from tests.conftest import article, build_site


def jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1800, 1200), (shade, 90, 60)).save(out, "JPEG")
    return out.getvalue()


STORY = "\n\n".join(f"![Ảnh số {n}](anh-{n}.jpg)\n/// caption\nChú thích ảnh {n}\n///" for n in (1, 2, 3))
FILES = {
    "articles/2024/video/index.md": article("Video hội nghị", Video="https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
    "articles/2024/phong-su/index.md": article("Phóng sự ảnh", Kind="photo-story", body=STORY),
    **{f"articles/2024/phong-su/anh-{n}.jpg": jpeg(40 * n) for n in (1, 2, 3)},
}


@pytest.fixture(scope="module")
def media_url(tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("media-browser"), FILES)
    server, url = serve(build.output)
    yield url
    server.shutdown()


def third_party(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


def test_video_makes_no_third_party_request_until_the_reader_clicks(browser, media_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # The provider is never really contacted: its frame is answered locally, but the request is logged.
    context.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="<p>player</p>"))
    page = context.new_page()
    page.goto(f"{media_url}/bai-viet/video/")
    page.wait_for_load_state("networkidle")
    assert third_party(requests) == []
    assert page.locator("iframe").count() == 0

    page.get_by_role("button", name="Phát video").click()
    iframe = page.locator("figure.video iframe")
    iframe.wait_for()
    assert iframe.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")
    page.wait_for_load_state("networkidle")
    assert [urlsplit(u).hostname for u in third_party(requests)] == ["www.youtube-nocookie.com"]
    assert page.frame_locator("figure.video iframe").locator("p").inner_text() == "player"
    screenshot(page, "media-video-after-click-1366")
    context.close()


def test_video_poster_works_from_the_keyboard(browser, media_url):
    context = browser.new_context(viewport=PHONE)
    context.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="ok"))
    page = context.new_page()
    page.goto(f"{media_url}/bai-viet/video/")
    screenshot(page, "media-video-poster-390")
    page.focus("[data-video-play]")
    page.keyboard.press("Enter")
    page.locator("figure.video iframe").wait_for()
    context.close()


def counter(page) -> str:
    return page.locator("[data-lightbox-counter]").inner_text()


def active_in_dialog(page) -> bool:
    return page.evaluate("document.querySelector('dialog[data-lightbox]').contains(document.activeElement)")


def test_lightbox_opens_moves_and_closes_from_the_keyboard(page_at, media_url):
    page = page_at(f"{media_url}/bai-viet/phong-su/")
    triggers = page.locator(".lightbox-trigger")
    assert triggers.count() == 3
    assert page.locator("[data-lightbox-hint]").is_visible()
    triggers.nth(1).focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[data-lightbox]")
    assert dialog.evaluate("d => d.open")
    assert counter(page) == "Ảnh 2 / 3"
    assert page.locator(".lightbox__caption").inner_text() == "Chú thích ảnh 2"
    page.keyboard.press("ArrowRight")
    assert counter(page) == "Ảnh 3 / 3"
    page.keyboard.press("ArrowRight")
    assert counter(page) == "Ảnh 1 / 3"  # wraps around
    page.keyboard.press("ArrowLeft")
    assert counter(page) == "Ảnh 3 / 3"
    for _ in range(6):  # focus stays inside the modal dialog
        page.keyboard.press("Tab")
        assert active_in_dialog(page)
    screenshot(page, "media-lightbox-open-1366")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.lightbox-trigger')[1]")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1366, "height": 900}])
def test_lightbox_loads_a_variant_as_wide_as_the_screen_and_follows_swipes(page_at, media_url, viewport):
    """Large view: the figures plugin's variants with sizes=100vw, so never an upscaled photo
    (the largest variant on a wide screen, a lighter one on a phone)."""
    # The page's CSP forbids string evaluation, which wait_for_function uses while it polls; the
    # site's own scripts run under the CSP in tests/site/test_seo_csp_browser.py.
    page = page_at(f"{media_url}/bai-viet/phong-su/", viewport, bypass_csp=True)
    page.locator(".lightbox-trigger").first.click()
    page.wait_for_function(
        "document.querySelector('.lightbox__img') && document.querySelector('.lightbox__img').complete"
    )
    srcset = page.locator(".article__body figure source").first.get_attribute("srcset")
    widths = [int(candidate.split()[-1][:-1]) for candidate in srcset.split(", ")]
    chosen = int(re.search(r"-(\d+)x\d+\.", page.locator(".lightbox__img").evaluate("img => img.currentSrc"))[1])
    needed = viewport["width"] * page.evaluate("devicePixelRatio")
    assert chosen >= min(max(widths), needed)
    page.evaluate(
        """() => {
        const d = document.querySelector('dialog[data-lightbox]');
        d.dispatchEvent(new PointerEvent('pointerdown', {clientX: 300, pointerType: 'touch', bubbles: true}));
        d.dispatchEvent(new PointerEvent('pointerup', {clientX: 100, pointerType: 'touch', bubbles: true}));
    }"""
    )
    assert counter(page) == "Ảnh 2 / 3"
    screenshot(page, f"media-lightbox-swiped-{viewport['width']}")


# The demo build's pages of this issue, checked like the theme's page types (axe-core, no sideways scroll).
DEMO_PAGES = {
    "documents": "van-ban/",
    "documents-type": "van-ban/loai/nghi-quyet/",
    "document": "van-ban/nghi-quyet-15-nq-duk-cong-tac-xay-dung-dang-nam-2024/",
    "video": "bai-viet/video-hoi-nghi-quan-triet-nghi-quyet-trung-uong/",
    "photo-story": "bai-viet/phong-su-anh-sac-mau-hoi-xuan-xu-lang/",
    "access-to-information": "tiep-can-thong-tin/",
    "accessibility-statement": "ho-tro-tiep-can/",
}


@pytest.mark.parametrize("name", DEMO_PAGES)
@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE])
def test_demo_page_is_accessible_and_fits_the_screen(page_at, demo_url, axe, name, viewport):
    page = page_at(f"{demo_url}/{DEMO_PAGES[name]}", viewport)
    assert page.locator("h1").count() == 1
    if name == "photo-story":
        page.locator(".lightbox-trigger").first.click()  # check the open lightbox too
    assert blocking_violations(axe, page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"media-{name}-{viewport['width']}")
