"""The "Giới thiệu" section built from content/data/to-chuc.toml (plugins/organisation), in tiny sites.

A production build (publishconf.py) of a site with the fixture's data file: the four pages, the
nested structure, leaders grouped by body with a stripped portrait, the menu link, the sitemap.
Then what goes wrong: a bad record stops `make publish` naming file and line (the same message
as `make check`), an old pages/gioi-thieu.md is refused (reserved slug), and a file without leaders still builds.
"""

from __future__ import annotations

import logging

import pytest
from PIL import Image

from tests.conftest import FIXTURE_SITE, ROOT, article, build_site, run_pelican, write_content
from tools.content_checks.cli import config_from_settings
from tools.content_checks.core import check_content

SITEURL = "https://portal.test"
DATA = FIXTURE_SITE / "data" / "to-chuc.toml"
PAGES = {
    "about": "gioi-thieu/",
    "leaders": "gioi-thieu/lanh-dao/",
    "structure": "gioi-thieu/co-cau-to-chuc/",
    "units": "gioi-thieu/don-vi-truc-thuoc/",
}


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def organisation_files(data: str | None = None) -> dict[str, str | bytes]:
    """One article, the fixture's data file (or ``data``) and its portrait."""
    photo = FIXTURE_SITE / "data" / "lanh-dao" / "nguyen-van-an.jpg"
    return {
        "articles/2024/tin-mot/index.md": article("Tin một"),
        "data/to-chuc.toml": data if data is not None else DATA.read_text(encoding="utf-8"),
        "data/lanh-dao/nguyen-van-an.jpg": photo.read_bytes(),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    data = DATA.read_text(encoding="utf-8").replace(
        "- **Nhiệm kỳ thứ nhất**", "- **Nhiệm kỳ thứ nhất** ([xem](javascript:alert(1)))"
    )
    return build_site(
        tmp_path_factory.mktemp("organisation"),
        organisation_files(data),
        settings_file="publishconf.py",
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
        CMS_ADMIN_ENABLED=False,
    )


def test_the_build_reports_nothing(site):
    assert site.messages(logging.WARNING) == []


@pytest.mark.parametrize("view", PAGES)
def test_each_page_has_its_heading_breadcrumbs_and_section_navigation(site, view):
    soup = site.html(PAGES[view])
    assert len(soup.select("h1")) == 1
    nav = soup.select_one("nav.org-nav")
    links = [a["href"] for a in nav.select("a")]
    assert len(links) == 4
    current = nav.select('a[aria-current="page"]')
    assert len(current) == 1
    assert current[0]["href"].rstrip("/").endswith(PAGES[view].rstrip("/"))
    crumbs = [text(a) for a in soup.select(".breadcrumbs a")]
    assert crumbs == (["Trang chủ"] if view == "about" else ["Trang chủ", "Giới thiệu"])


def test_the_main_menu_and_the_footer_link_to_the_section_from_every_page(site):
    for page in ("index.html", "bai-viet/tin-mot/index.html", PAGES["units"]):
        for where in (".site-nav", ".site-footer"):
            link = site.html(page).select_one(f"{where} a[href$='gioi-thieu/']")
            assert link is not None, (page, where)
            assert text(link) == "Giới thiệu"
    assert site.html(PAGES["about"]).select_one(".site-nav a[href$='gioi-thieu/']")["aria-current"] == "page"
    assert site.html(PAGES["leaders"]).select_one(".site-nav a[href$='gioi-thieu/']")["aria-current"] == "true"


def test_about_page_renders_markdown_and_drops_unsafe_links(site):
    soup = site.html(PAGES["about"])
    assert [text(h) for h in soup.select("article h2")] == ["Lịch sử hình thành", "Chức năng", "Nhiệm vụ"]
    assert soup.select_one(".article__lead").get_text().strip().startswith("Đảng ủy Khối các cơ quan tỉnh")
    assert text(soup.select_one("#org-history + .article__body strong")) == "Nhiệm kỳ thứ nhất"
    assert len(soup.select("#org-tasks + .article__body li")) == 4
    assert "javascript:" not in str(soup)


def test_leaders_are_grouped_by_body_in_file_order_with_a_stripped_portrait(site):
    soup = site.html(PAGES["leaders"])
    groups = {text(s.h2): [text(h) for h in s.select(".leader__name")] for s in soup.select(".org-section")}
    assert groups == {
        "Ban Thường vụ": ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"],
        "Ban Chấp hành": ["Phạm Thị Dung", "Hoàng Văn Em"],
    }
    first = soup.select_one(".leader")
    assert text(first.select_one(".leader__role")) == "Bí thư Đảng ủy Khối"
    assert first.select_one(".leader__phone a")["href"] == "tel:+842053000001"
    img = first.select_one("picture img")
    assert img["alt"] == "Nguyễn Văn An"
    assert [s["type"] for s in first.select("picture source")] == ["image/avif", "image/webp", "image/jpeg"]
    variant = site.output / img["src"].removeprefix(SITEURL + "/")
    with Image.open(variant) as photo:
        assert photo.size == (320, 427)  # 3:4 crop
        assert not photo.getexif()  # camera, serial and GPS stripped
    assert not list(site.output.rglob("nguyen-van-an.jpg"))  # the original is never published


def test_structure_is_a_nested_list_with_the_member_organisations_linked(site):
    soup = site.html(PAGES["structure"])
    tree = soup.select_one("ul.org-tree")
    root = tree.find("li", recursive=False)
    assert text(root.find("span", class_="org-tree__name")) == "Đảng bộ Khối các cơ quan tỉnh Lạng Sơn"
    bch = root.find("ul", recursive=False).find("li", recursive=False)
    assert bch["id"] == "ban-chap-hanh-dang-bo-khoi"
    btv = bch.find("ul", recursive=False).find("li", recursive=False)
    advisory = [text(li.find("span")) for li in btv.find("ul", recursive=False).find_all("li", recursive=False)]
    assert advisory[:3] == ["Văn phòng Đảng ủy Khối", "Ban Tổ chức Đảng ủy Khối", "Ban Tuyên giáo Đảng ủy Khối"]
    units = soup.select_one("#cac-to-chuc-co-so-dang-truc-thuoc").select("ul a")
    assert len(units) == 8
    assert units[0]["href"] == f"{SITEURL}/gioi-thieu/don-vi-truc-thuoc/#dang-bo-van-phong-uy-ban-nhan-dan-tinh"
    assert not soup.select("main img")  # a list, never a picture of a chart


def test_units_are_grouped_by_kind_with_slugs_as_anchors(site):
    soup = site.html(PAGES["units"])
    assert [text(h) for h in soup.select(".org-section h2")] == ["Đảng bộ cơ sở", "Chi bộ cơ sở"]
    unit = soup.select_one("#chi-bo-so-tu-phap")
    assert text(unit.h3) == "Chi bộ Sở Tư pháp"
    facts = dict(zip([text(d) for d in unit.select("dt")], [text(d) for d in unit.select("dd")], strict=True))
    assert facts == {
        "Địa chỉ": "Số 6 đường Thử Nghiệm, thành phố Lạng Sơn",
        "Bí thư": "Triệu Văn Minh",
        "Điện thoại": "0205 3000 106",
    }
    empty = soup.select_one("#dang-bo-so-nong-nghiep-va-moi-truong")
    assert [text(d) for d in empty.select("dd")] == ["Đang cập nhật.", "Đang cập nhật."]


def test_every_page_is_in_the_sitemap(site):
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    for url in PAGES.values():
        assert f"<loc>{SITEURL}/{url}</loc>" in sitemap


def without_leaders_and_history(text: str) -> str:
    """The fixture's data as a committee starts with it: no [[leaders]] table, an empty history."""
    head, leaders_onwards = text.split("[[leaders]]", 1)
    rest = leaders_onwards[leaders_onwards.index("[[structure]]") :]
    start = head.index('history = """')
    end = head.index('"""', start + len('history = """')) + 3
    return head[:start] + 'history = ""' + head[end:] + rest


def test_without_leaders_the_page_says_they_are_being_updated(tmp_path):
    data = without_leaders_and_history(DATA.read_text(encoding="utf-8"))
    assert "[[leaders]]" not in data
    built = build_site(tmp_path, {**organisation_files(data)})
    assert built.messages(logging.ERROR) == []
    soup = built.html(PAGES["leaders"])
    assert text(soup.select_one(".org-updating")) == "Thông tin về lãnh đạo Đảng ủy Khối đang được cập nhật."
    assert text(built.html(PAGES["about"]).select_one("#org-history + .org-updating")) == "Đang cập nhật."


def test_without_a_data_file_there_is_no_section_and_no_menu_link(tmp_path):
    built = build_site(tmp_path, {"articles/2024/tin-mot/index.md": article("Tin một")})
    assert not (built.output / "gioi-thieu").exists()
    assert built.html("index.html").select_one("a[href$='gioi-thieu/']") is None


def test_an_old_about_page_at_the_same_address_is_refused(tmp_path):
    files = {**organisation_files(), "pages/gioi-thieu.md": "Title: Giới thiệu\n\nTrang cũ.\n"}
    write_content(tmp_path / "content", files)
    result = run_pelican(tmp_path / "content", tmp_path / "output")
    assert result.returncode != 0
    # Refused by the reader on its Title: line (the section's address is reserved, content_model.reserved_slugs)
    # before publish_checks' duplicate-output guard would see the two files.
    assert "pages/gioi-thieu.md:1: " in result.stdout + result.stderr
    assert "[reserved-slug]" in result.stdout + result.stderr


BAD_PHONE = DATA.read_text(encoding="utf-8").replace('phone = "0205 3000 001"', 'phone = "3000 001"')


def test_publish_stops_on_a_bad_record_naming_file_and_line_as_make_check_does(tmp_path):
    content = tmp_path / "content"
    write_content(content, organisation_files(BAD_PHONE))
    line = BAD_PHONE.split("\n").index('phone = "3000 001"') + 1
    result = run_pelican(content, tmp_path / "output")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert f"data/to-chuc.toml:{line}: Số điện thoại" in log
    assert "[bad-phone]" in log
    checked = [str(e) for e in check_content(config_from_settings(ROOT / "pelicanconf.py", content))]
    assert len(checked) == 1
    assert checked[0].endswith("[bad-phone]")
    assert f"to-chuc.toml:{line}: " in checked[0]
    assert checked[0].split(": ", 1)[1] in log  # the very message the build printed
