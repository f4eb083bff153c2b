"""The portal theme's page types, built from a tiny site and read back as HTML.

One module-scoped site (development settings) and one production build
(publishconf.py, absolute SITEURL) cover home, category with pagination,
article, tag, author, archives by year and month, pages and 404.
Expected values come from the content written here, not from the templates.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from plugins.publish_checks.core import check_output
from tests.conftest import SEED_SLUG, Build, article, build_site

PER_PAGE = 5
BUILDING = [f"Tin xây dựng Đảng số {n:02d}" for n in range(1, 14)]  # 13 stories: 3 pages of 5
FEATURED = "Hội nghị quán triệt nghị quyết được đánh dấu nổi bật"
SAMPLE = "Bài mẫu về công tác tuyên giáo"
SITEURL = "https://portal.example.vn"


def tiny_site_files() -> dict[str, str]:
    files = {
        f"articles/2024/xay-dung-{n:02d}/index.md": article(
            title,
            date=f"2024-{1 + n // 5:02d}-{1 + n:02d} 08:{n:02d}",
            category="Xây dựng Đảng",
            Summary=f"Tóm tắt của tin số {n:02d}.",
            Tags="chi bộ, đảng viên" if n % 2 else "chi bộ",
        )
        for n, title in enumerate(BUILDING, start=1)
    }
    files["articles/2023/noi-bat/index.md"] = article(
        FEATURED, date="2023-11-20 09:15", category="Tuyên giáo", Featured="yes", Unit="Ban Tuyên giáo Đảng ủy Khối"
    )
    files["articles/2023/bai-mau/index.md"] = article(
        SAMPLE, date="2023-12-01 10:00", category="Tuyên giáo", Sample="yes", Author="Trần Thị Bình"
    )
    files["pages/lich-su.md"] = "Title: Lịch sử\n\nĐảng ủy Khối các cơ quan tỉnh.\n"
    files["pages/lien-he.md"] = "Title: Liên hệ\n\nĐịa chỉ liên hệ.\n"
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = build_site(tmp_path_factory.mktemp("theme"), tiny_site_files(), DEFAULT_PAGINATION=PER_PAGE)
    assert not built.messages(), built.messages()
    return built


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        tmp_path_factory.mktemp("theme-publish"),
        tiny_site_files(),
        settings_file="publishconf.py",
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
    )


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def target(build: Build, page: str, href: str) -> tuple[Path, str] | None:
    """The file (and fragment) an internal link on ``page`` points to; None for an external one."""
    if href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    base = "http://site.invalid/" + page
    url, fragment = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.netloc != "site.invalid":
        return None
    relative = posixpath.normpath(parts.path.lstrip("/")) if parts.path.strip("/") else ""
    resolved = build.output / relative
    if resolved.is_dir() or parts.path.endswith("/"):
        resolved = resolved / "index.html"
    return resolved, fragment


def broken_links(build: Build) -> list[str]:
    """Internal links, stylesheets, scripts and images whose file or #anchor is missing.

    The publish pipeline's own checker (plugins/publish_checks), run on the
    output folder: no server, fragments included. `make audit` also runs linkinator.
    """
    return [str(error) for error in check_output(build.output, rendered=()) if error.key == "broken-link"]


# --- home ------------------------------------------------------------------------------


def test_home_leads_with_the_featured_story_even_though_newer_ones_exist(site):
    home = site.html("index.html")
    assert text(home.select_one(".home-featured .card__title")) == FEATURED
    latest = [text(t) for t in home.select(".home-latest .card__title")]
    assert FEATURED not in latest
    assert latest[:3] == [BUILDING[-1], BUILDING[-2], BUILDING[-3]]  # newest first


def test_home_has_one_block_per_category_in_site_data_order_with_a_link_to_it(site):
    home = site.html("index.html")
    blocks = home.select(".home-section")
    assert [text(b.select_one("h2")) for b in blocks] == ["Xây dựng Đảng", "Tuyên giáo"]  # site.toml order
    first = blocks[0]
    assert 3 <= len(first.select(".card")) <= 5
    assert text(first.select_one(".card__title")) == BUILDING[-1]
    path, _ = target(site, "index.html", first.select_one("h2 a")["href"])
    assert text(BeautifulSoup(path.read_bytes(), "lxml").h1) == "Xây dựng Đảng"


def test_home_links_pages_and_footer_names_committee_and_provincial_portal(site):
    home = site.html("index.html")
    assert {text(a) for a in home.select(".home-pages a")} == {"Lịch sử", "Liên hệ"}
    footer = home.select_one("footer")
    assert "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn" in text(footer)
    assert "Số 1 đường Ví Dụ, phường Mẫu" in text(footer)  # the address in tests/fixtures/site/data/site.toml
    assert footer.select_one('a[href^="https://langson.gov.vn"]')


def test_header_names_committee_and_nav_lists_only_sections_with_articles(site):
    home = site.html("index.html")
    header = home.select_one("header.site-header")
    assert "Đảng bộ tỉnh Lạng Sơn" in text(header)
    assert "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn" in text(header)
    nav = [text(a) for a in home.select(".site-nav a")]
    assert nav == ["Trang chủ", "Xây dựng Đảng", "Tuyên giáo"]  # no link to an empty (missing) section page
    assert home.select_one("form[role=search]")["action"].endswith("tim-kiem/")


# --- category pages and pagination -------------------------------------------------------


def test_category_pages_paginate_in_vietnamese_with_numbers(site):
    first = site.html("chuyen-muc/xay-dung-dang/")
    assert not first.select_one(".pagination a[rel=prev]")
    assert text(first.select_one(".pagination a[rel=next]")) == "Trang sau ›"
    numbers = [text(a) for a in first.select(".pagination__page")]
    assert numbers == ["1", "2", "3"]
    assert first.select_one(".pagination [aria-current=page]").get_text(strip=True) == "1"

    second_path, _ = target(site, "chuyen-muc/xay-dung-dang/index.html", first.select_one("a[rel=next]")["href"])
    assert second_path == site.output / "chuyen-muc/xay-dung-dang/trang/2/index.html"
    second = BeautifulSoup(second_path.read_bytes(), "lxml")
    assert text(second.select_one("a[rel=prev]")) == "‹ Trang trước"
    assert second.select_one(".pagination [aria-current=page]").get_text(strip=True) == "2"
    third = site.html("chuyen-muc/xay-dung-dang/trang/3/")
    assert not third.select_one("a[rel=next]")
    shown = [text(t) for p in (first, second, third) for t in p.select(".card__title")]
    assert shown == BUILDING[::-1]  # every story once, newest first


def test_category_items_have_title_date_and_summary(site):
    card = site.html("chuyen-muc/xay-dung-dang/").select_one(".card")
    assert text(card.select_one(".card__title")) == BUILDING[-1]
    assert re.fullmatch(r"\d\d-\d\d-2024 \d\d:\d\d", text(card.select_one("time")))
    assert text(card.select_one(".card__summary")) == "Tóm tắt của tin số 13."


def test_tag_and_author_pages_list_their_stories(site):
    tag = site.html("the/dang-vien/")
    assert text(tag.h1) == "Từ khóa: đảng viên"
    assert len(tag.select(".card")) == PER_PAGE  # 7 tagged stories: a full first page
    author = site.html("tac-gia/tran-thi-binh/")
    assert [text(t) for t in author.select(".card__title")] == [SAMPLE]


# --- article -------------------------------------------------------------------------------


def test_article_breadcrumb_tags_and_byline_point_at_existing_pages(site):
    page = "bai-viet/noi-bat/index.html"
    soup = site.html(page)
    crumbs = soup.select(".breadcrumbs a")
    assert [text(a) for a in crumbs] == ["Trang chủ", "Tuyên giáo"]
    links = [*crumbs, *soup.select(".tags a"), soup.select_one(".byline a")]
    for link in links:
        path, _ = target(site, page, link["href"])
        assert path.is_file(), link["href"]
    assert " ".join(soup.select_one(".byline").get_text().split()) == "Nguyễn Văn A, Ban Tuyên giáo Đảng ủy Khối"


def test_sample_articles_carry_a_badge_and_others_do_not(site):
    assert text(site.html("bai-viet/bai-mau/").select_one(".article__meta .badge")) == "Bài mẫu"
    assert site.html("bai-viet/noi-bat/").select_one(".article__meta .badge") is None


def test_dev_build_offers_copy_link_but_no_share_links_without_an_address(site):
    soup = site.html("bai-viet/noi-bat/")
    assert soup.select_one(".share [data-copy-link]") is not None
    assert soup.select_one(".share a") is None
    script = soup.select_one("script[src$='js/site.js']")
    assert script.has_attr("defer")


def test_published_share_links_carry_the_absolute_article_url(published):
    soup = published.html("bai-viet/noi-bat/")
    expected = f"{SITEURL}/bai-viet/noi-bat/"
    facebook = urlsplit(soup.select_one(".share__link--facebook")["href"])
    assert facebook.netloc == "www.facebook.com"
    assert parse_qs(facebook.query)["u"] == [expected]
    zalo = urlsplit(soup.select_one(".share__link--zalo")["href"])
    assert parse_qs(zalo.query)["url"] == [expected]
    assert soup.select_one("[data-copy-link]")["data-url"] == expected


# --- archives, pages, 404 -----------------------------------------------------------------------


def test_archives_group_years_and_months_and_link_to_their_pages(site):
    page = "luu-tru/index.html"
    soup = site.html(page)
    years = [text(h.a) for h in soup.select(".archive-year h2")]
    assert years == ["2024", "2023"]
    months_2023 = [text(a) for a in soup.select(".archive-year")[1].select(".archive-year__months a")]
    assert months_2023 == ["Tháng 12 năm 2023", "Tháng 11 năm 2023"]
    for link in soup.select(".archive-tree a"):
        path, _ = target(site, page, link["href"])
        assert path.is_file(), link["href"]
    november = site.html("luu-tru/2023/11/")
    assert "Tháng 11 năm 2023" in text(november.h1)
    assert [text(t) for t in november.select(".card__title")] == [FEATURED]
    assert len(site.html("luu-tru/2024/").select(".card")) == len(BUILDING)


def test_pages_and_vietnamese_404(site):
    assert text(site.html("lich-su/").h1) == "Lịch sử"
    assert text(site.html("lien-he/").h1) == "Liên hệ"
    missing = site.html("404.html")
    assert text(missing.h1) == "Không tìm thấy trang"
    assert missing.html["lang"] == "vi"


def test_every_internal_link_and_anchor_of_the_tiny_site_resolves(site):
    assert broken_links(site) == []


def test_link_checker_notices_a_broken_link(tmp_path, site):
    """The checker must be able to fail: break one link and one anchor in a copy."""
    import shutil

    copy = Build(tmp_path / "out", site.content)
    shutil.copytree(site.output, copy.output)
    page = copy.output / "lich-su" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</main>", '<a href="../khong-co/">x</a><a href="../#khong">y</a></main>'
        ),
        encoding="utf-8",
    )
    broken = broken_links(copy)
    assert len(broken) == 2
    assert all("lich-su/index.html" in message for message in broken)
    assert any('"../khong-co/"' in message for message in broken)
    assert any("#khong" in message for message in broken)


# --- the real demo content ------------------------------------------------------------------------


def test_demo_site_has_no_broken_internal_links(fixture_site):
    assert broken_links(fixture_site) == []


def transfer_size(build: Build, page: str) -> dict[str, int]:
    """Gzipped bytes (level 6, a common server setting) of a page and the CSS, JS and fonts it loads."""
    soup = build.html(page)
    assets = [n["href"] for n in soup.select("link[rel=stylesheet]")] + [n["src"] for n in soup.select("script[src]")]
    sizes = {page: len(gzip.compress((build.output / page).read_bytes(), 6))}
    for ref in assets:
        path, _ = target(build, page, urlsplit(ref).path)  # production links are absolute
        sizes[str(path.relative_to(build.output))] = len(gzip.compress(path.read_bytes(), 6))
    # A system font stack ships none; count any that appear, except the web editor's own (loaded at /admin/ only).
    fonts = [p for p in build.output.rglob("*") if p.suffix in {".woff2", ".woff", ".ttf"}]
    for font in (f for f in fonts if not f.is_relative_to(build.output / "admin")):
        sizes[str(font.relative_to(build.output))] = len(gzip.compress(font.read_bytes(), 6))
    return sizes


def test_seed_article_transfer_size_before_images_is_under_30_kb(fixture_site):
    sizes = transfer_size(fixture_site, f"bai-viet/{SEED_SLUG}/index.html")
    assert any(name.endswith(".css") for name in sizes)  # the stylesheet was found and counted
    assert sum(sizes.values()) <= 30 * 1024, sizes
