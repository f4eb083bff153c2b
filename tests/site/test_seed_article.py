"""The seed article, built from the real content/, checked against the published original.

Expected values come from tests/golden/seed-article.txt, a verbatim copy of the
article as the portal published it, not from our templates or content files.
"""

import re
import unicodedata

import pytest

from plugins.vi_text.core import slugify
from tests.conftest import ROOT

REFERENCE = (ROOT / "tests" / "golden" / "seed-article.txt").read_text(encoding="utf-8")
LINES = [line.strip() for line in REFERENCE.splitlines()]
SECTION, TITLE, TIMESTAMP = LINES[0], LINES[2], LINES[4]
BYLINE = next(line for line in reversed(LINES) if line and line != "Tin liên quan")
CAPTIONS = [
    "Các cộng tác viên thảo luận tại hội nghị",
    "Đồng chí Phạm Thu Hằng, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh phát biểu chỉ đạo tại hội nghị",
]


def squash(text: str) -> str:
    return " ".join(text.split())


def paragraphs() -> list[str]:
    """Body paragraphs: the indented lines of the original (captions and byline are not indented)."""
    body = [line.strip() for line in REFERENCE.splitlines() if line[:1].isspace() and line.strip()]
    assert len(body) == 6, "the reference article has six paragraphs"
    return body


@pytest.fixture(scope="module")
def page(fixture_site):
    return fixture_site.html(f"bai-viet/{slugify(TITLE)}/")


def test_reference_is_what_we_think_it_is():
    assert TIMESTAMP == "21-01-2021 13:58"
    assert BYLINE == "Hoàng Thị Hương, Ban Tuyên giáo Đảng ủy Khối"
    for caption in CAPTIONS:
        assert caption.split(" phát biểu")[0] in REFERENCE


def test_url_is_the_ascii_slug_of_the_title(fixture_site):
    slug = slugify(TITLE)
    assert slug.startswith("dang-uy-khoi-cac-co-quan-tinh-to-chuc-hoi-nghi")
    assert (fixture_site.output / "bai-viet" / slug / "index.html").is_file()


def test_title_timestamp_and_language(page):
    assert page.html["lang"] == "vi"
    assert squash(page.find("h1").get_text()) == TITLE
    time = page.select_one("time.article__time")
    assert time.get_text(strip=True) == TIMESTAMP
    assert time["datetime"] == "2021-01-21T13:58:00+07:00"


def test_section_name_and_breadcrumb(page):
    crumbs = [squash(a.get_text()) for a in page.select("nav.breadcrumbs a")]
    assert crumbs[0] == "Trang chủ"
    assert "Hoạt động Đảng ủy Khối" in crumbs
    assert SECTION.startswith("Hoạt động Đảng ủy Khối")


def test_every_paragraph_is_published_verbatim(page):
    body = squash(page.select_one(".article__body").get_text(" "))
    for paragraph in paragraphs():
        assert squash(paragraph) in body


def test_two_figures_with_the_exact_captions(page):
    figures = page.select(".article__body figure")
    assert len(figures) == 2
    assert [squash(f.find("figcaption").get_text(" ")) for f in figures] == CAPTIONS
    for figure in figures:
        assert figure.find("img")["alt"].strip()


def test_byline_names_author_and_unit(page):
    assert squash(page.select_one(".byline").get_text()) == BYLINE


def test_related_news_block_lists_explicit_articles(page):
    related = page.select_one("section.related")
    assert squash(related.find("h2").get_text()) == "Tin liên quan"
    links = related.select("a[href]")
    assert len(links) >= 2
    assert "bai-viet/hoi-nghi-bao-cao-vien-thang-12-nam-2020/" in links[0]["href"]


def test_page_text_is_nfc(fixture_site):
    html = (fixture_site.output / "bai-viet" / slugify(TITLE) / "index.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)


def test_category_page_lists_the_seed(fixture_site):
    category = fixture_site.html("chuyen-muc/hoat-dong-dang-uy-khoi/")
    titles = [squash(a.get_text()) for a in category.select("main a")]
    assert TITLE in titles


def test_no_typographic_leaks_in_head(page):
    title = page.find("title")
    assert "&nbsp;" not in str(title)
    assert "\xa0" not in title.get_text()
    assert not re.search(r'class="caps"', str(page))
