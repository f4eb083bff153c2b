"""Identity and contact (Nghị định 42/2022/NĐ-CP, Điều 4 and 7) in built sites.

The contact page, every page's footer and the English page (/en/) render the
identity from content/data/site.toml; an incomplete identity is one warning in a
development build (the site still builds, empty fields show nothing), a refusal
naming file and line in production, and the same lines in `make check`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.content_model.core import load_site_data
from tests.conftest import FIXTURE_SITE, SITE_DATA, Build, article, build_site, run_pelican, run_publish, write_content
from tools.content_checks.cli import main as make_check

ARTICLE = "articles/2024/bai-mot/index.md"
FILES = {
    ARTICLE: article("Bài một"),
    "pages/lien-he.md": (FIXTURE_SITE / "pages" / "lien-he.md").read_text(encoding="utf-8"),
}
# What the fixture's site.toml says, as a reader sees it.
VIETNAMESE_FACTS = {
    "Đơn vị quản lý": "Ban Tuyên giáo Đảng ủy Khối các cơ quan tỉnh Lạng Sơn",
    "Chịu trách nhiệm nội dung": "Nguyễn Văn A, Phó Bí thư Đảng ủy Khối",
    "Địa chỉ": "Số 1 đường Ví Dụ, phường Mẫu, tỉnh Lạng Sơn",
    "Điện thoại": "0205 3 812 345",
    "Thư điện tử": "bantuyengiao.dukcqt@langson.example",
    "Giờ làm việc": "Sáng 7:00–11:30, chiều 13:30–17:00, từ thứ Hai đến thứ Sáu",
}
ENGLISH_FACTS = {
    "Address": "No. 1 Vi Du Street, Mau Ward, Lang Son Province, Viet Nam",
    "Telephone": "0205 3 812 345",
    "Email": "bantuyengiao.dukcqt@langson.example",
    "Working hours": "Monday to Friday, 7:00–11:30 and 13:30–17:00 (UTC+7)",
}
ENGLISH_NAME = "Party Committee of the Lang Son Provincial Agencies Bloc"


def incomplete_site_data() -> str:
    """The fixture's site.toml with the phone and the English working hours emptied."""
    text = SITE_DATA.read_text(encoding="utf-8")
    text = text.replace('phone = "0205 3 812 345"', 'phone = ""')
    return text.replace('working_hours = "Monday to Friday, 7:00–11:30 and 13:30–17:00 (UTC+7)"', 'working_hours = ""')


def line_of(text: str, start: str, after: str = "") -> int:
    """1-based line of the first line starting with ``start`` (below the line ``after``)."""
    lines = text.split("\n")
    first = lines.index(after) if after else 0
    return next(n for n, line in enumerate(lines, start=1) if n > first and line.startswith(start))


def facts(dl) -> dict[str, str]:
    """A <dl> as {label: value}."""
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in dl.find_all("dt")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(tmp_path_factory.mktemp("identity"), FILES)


def test_contact_page_shows_the_identity_from_site_data_with_links(site):
    html = site.html("lien-he/")
    card = html.select_one("article .contact-card")
    assert card.h2.get_text(strip=True) == "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn"
    assert facts(card.dl) == VIETNAMESE_FACTS
    assert card.select_one('a[href^="tel:"]')["href"] == "tel:+842053812345"
    assert card.select_one('a[href^="mailto:"]')["href"] == "mailto:bantuyengiao.dukcqt@langson.example"
    # The page's own text follows the block.
    assert "Gửi tin, bài và ý kiến góp ý" in html.select_one(".article__body").get_text()


@pytest.mark.parametrize("relative", ["index.html", "bai-viet/bai-mot/", "lien-he/", "en/", "luu-tru/"])
def test_every_footer_shows_the_identity_and_links_the_english_page(site, relative):
    footer = site.html(relative).select_one("footer.site-footer")
    assert facts(footer.select_one("dl.site-footer__facts")) == VIETNAMESE_FACTS
    english = footer.select('a[hreflang="en"]')
    assert len(english) == 1
    assert english[0]["lang"] == "en"
    assert english[0]["href"].endswith("en/")
    assert english[0].get_text(strip=True) == "English"


def test_english_page_is_english_and_links_back_to_the_vietnamese_home(site):
    html = site.html("en/")
    assert html.html["lang"] == "en"
    # The site's own header and footer stay Vietnamese, and say so.
    assert html.select_one("header.site-header")["lang"] == "vi"
    assert html.select_one("footer.site-footer")["lang"] == "vi"
    main = html.select_one("main")
    assert main.h1.get_text(strip=True) == ENGLISH_NAME
    assert html.title.get_text(strip=True) == ENGLISH_NAME
    assert [h2.get_text(strip=True) for h2 in main.select("h2")] == ["Functions and tasks", "Contact"]
    assert "standing body for the Party organisations" in main.get_text()
    assert facts(main.dl) == ENGLISH_FACTS
    assert main.select_one('a[href^="tel:"]')["href"] == "tel:+842053812345"
    back = main.select_one('a[hreflang="vi"]')
    assert back["href"] == "../"
    assert html.select_one(".skip-link").get_text(strip=True) == "Skip to main content"
    for vietnamese_label in VIETNAMESE_FACTS:
        assert vietnamese_label not in main.get_text()


def test_development_build_with_incomplete_identity_warns_and_shows_no_empty_field(tmp_path):
    content = tmp_path / "content"
    write_content(content, {**FILES, "data/site.toml": incomplete_site_data()})
    build = build_site(tmp_path, content=content)
    errors = load_site_data(content / "data" / "site.toml").identity_errors()
    assert [error.key for error in errors] == ["missing-site-phone", "missing-site-en-working-hours"]
    expected = [str(error) for error in errors]
    warnings = [m for m in build.messages(logging.WARNING) if "site.toml" in m]
    assert len(warnings) == 1
    assert warnings[0].split("\n")[1:] == expected  # one line per problem, the check's very words
    # The site is built; the empty fields render nothing, label included.
    for relative in ("lien-he/", "en/", "index.html"):
        html = build.html(relative)
        assert not html.select('a[href^="tel:"]'), relative
        assert "Điện thoại" not in html.get_text(), relative
        assert "Telephone" not in html.get_text(), relative
    assert "Working hours" not in build.html("en/").get_text()
    assert facts(build.html("lien-he/").select_one(".contact-card dl"))["Giờ làm việc"]  # the Vietnamese one is set


def test_production_build_refuses_incomplete_identity_naming_file_line_and_key(tmp_path):
    content = tmp_path / "content"
    text = incomplete_site_data()
    write_content(content, {**FILES, "data/site.toml": text})
    result = run_pelican(content, tmp_path / "output", settings_file="publishconf.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    phone = line_of(text, "phone = ")
    hours = line_of(text, "working_hours = ", after="[site.en]")
    assert re.search(rf'data/site\.toml:{phone}: [^\n]*"phone"[^\n]*\[missing-site-phone\]', output), output
    assert re.search(rf"data/site\.toml:{hours}: [^\n]*\[site\.en\][^\n]*\[missing-site-en-working-hours\]", output)


def test_make_check_prints_the_same_lines_and_fails(tmp_path, capsys):
    content = tmp_path / "content"
    write_content(content, {**FILES, "data/site.toml": incomplete_site_data()})
    expected = [str(error) for error in load_site_data(content / "data" / "site.toml").identity_errors()]
    assert make_check([str(content)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == expected  # nothing else is wrong in this content


def test_published_site_passes_the_checks_and_lists_the_english_page_in_the_sitemap(tmp_path):
    content = tmp_path / "content"
    write_content(content, FILES)
    result = run_publish(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/en/</loc>" in sitemap
    assert "<loc>https://example.org/lien-he/</loc>" in sitemap
    english = BeautifulSoup((tmp_path / "output" / "en" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert english.select_one('link[rel="canonical"]')["href"] == "https://example.org/en/"
    assert english.select_one('meta[property="og:locale"]')["content"] == "en_US"
    assert english.select_one('meta[property="og:title"]')["content"] == ENGLISH_NAME
    assert Path(tmp_path / "output" / "lien-he" / "index.html").exists()
