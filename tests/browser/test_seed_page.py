"""The seed article as a reader's Chromium shows it, on a desktop and on a phone."""

import pytest
from PIL import Image

from plugins.vi_text.core import slugify
from tests.browser.fixtures import DESKTOP, PHONE, screenshot
from tests.site.test_seed_article import BYLINE, CAPTIONS, TIMESTAMP, TITLE, squash


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "seed-article-desktop"), (PHONE, "seed-article-phone")])
def test_seed_article_is_readable(page_at, demo_url, viewport, name):
    page = page_at(f"{demo_url}/bai-viet/{slugify(TITLE)}/", viewport)
    assert squash(page.locator("h1").inner_text()) == TITLE
    assert page.locator("time.article__time").inner_text().strip() == TIMESTAMP
    figures = page.locator(".article__body figure")
    assert figures.count() == 2
    for index, caption in enumerate(CAPTIONS):
        figure = figures.nth(index)
        assert squash(figure.locator("figcaption").inner_text()) == caption
        figure.scroll_into_view_if_needed()
        image = figure.locator("img")
        # Lazy images load once scrolled to; wait for that, but never forever.
        image.evaluate("img => Promise.race([img.decode().catch(() => {}), new Promise(r => setTimeout(r, 10000))])")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"photo {index + 1} did not load"
    assert squash(page.locator(".byline").inner_text()) == BYLINE
    assert page.locator("section.related h2").text_content().strip() == "Tin liên quan"
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    path = screenshot(page, name)
    with Image.open(path) as shot:
        assert shot.width == viewport["width"]
