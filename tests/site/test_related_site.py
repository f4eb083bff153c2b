""" "Tin liên quan" and "Tin cùng chuyên mục" on built pages: order, exclusions, errors, determinism."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.conftest import SEED_SLUG, Build, article, build_site, soon

DLXH = (
    "Ban Tuyên giáo Đảng ủy Khối tổng kết công tác dư luận xã hội. Đội ngũ cộng tác viên dư luận xã hội "
    "đã nắm bắt, phản ánh kịp thời tình hình tư tưởng của cán bộ, đảng viên."
)
HIEN_MAU = "Đoàn viên thanh niên các cơ quan tỉnh hiến máu tình nguyện, tiếp nhận 300 đơn vị máu cho bệnh viện."
GENERIC = "Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị giao ban, triển khai nhiệm vụ quý III."
THI = "Hội thi báo cáo viên giỏi: thí sinh trình bày bài nói chuyện thời sự trước ban giám khảo."


def path(slug: str, year: int = 2024) -> str:
    return f"articles/{year}/{slug}/index.md"


FILES = {
    path("tong-ket-du-luan"): article(
        "Tổng kết công tác dư luận xã hội",
        date="2024-01-20 09:00",
        category="Tuyên giáo",
        body=DLXH,
        Tags="dư luận xã hội",
        Related="giao-ban-quy-iii",
    ),
    path("so-ket-du-luan"): article(
        "Sơ kết công tác dư luận xã hội 6 tháng", date="2024-07-10 09:00", category="Tuyên giáo", body=DLXH
    ),
    path("tap-huan-cong-tac-vien"): article(
        "Tập huấn cộng tác viên dư luận xã hội", date="2023-05-10 09:00", category="Tuyên giáo", body=DLXH
    ),
    path("giao-ban-quy-iii"): article("Giao ban quý III", date="2024-09-30 14:00", body=GENERIC),
    path("hoi-thi-2022", 2022): article("Hội thi 2022", date="2022-02-01 09:00", category="Tuyên giáo", body=THI),
    path("hoi-thi-2024"): article("Hội thi 2024", date="2024-11-01 09:00", category="Tuyên giáo", body=THI),
    path("hoi-thi-2025", 2025): article("Hội thi 2025", date="2025-01-01 09:00", category="Tuyên giáo", body=THI),
    path("hien-mau"): article("Ngày hội hiến máu", date="2024-03-26 07:30", category="Đoàn thể", body=HIEN_MAU),
    path("du-luan-ban-nhap"): article(
        "Dư luận xã hội (bản nháp)", date="2024-02-01 09:00", category="Tuyên giáo", body=DLXH, Status="draft"
    ),
    path("du-luan-an"): article(
        "Dư luận xã hội (ẩn)", date="2024-02-02 09:00", category="Tuyên giáo", body=DLXH, Status="hidden"
    ),
    path("du-luan-tuong-lai", 2099): article("Dư luận xã hội năm tới", date=soon(), category="Tuyên giáo", body=DLXH),
    path("du-luan-bai-mau"): article(
        "Dư luận xã hội (bài mẫu)", date="2024-02-03 09:00", category="Tuyên giáo", body=DLXH, Sample="yes"
    ),
}
UNPUBLISHED = {"du-luan-ban-nhap", "du-luan-an", "du-luan-tuong-lai", "du-luan-bai-mau"}


def slugs(build: Build, page: str, selector: str) -> list[str]:
    soup = build.html(f"bai-viet/{page}/")
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select(selector)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        tmp_path_factory.mktemp("related"), FILES, WITH_FUTURE_DATES=False, CONTENT_MODEL_INCLUDE_SAMPLES=False
    )


def test_explicit_first_then_the_same_story_line(site: Build) -> None:
    related = slugs(site, "tong-ket-du-luan", ".related__list a")
    assert related[0] == "giao-ban-quy-iii"
    assert set(related[1:3]) == {"so-ket-du-luan", "tap-huan-cong-tac-vien"}
    assert "hien-mau" not in related


def test_never_itself_nor_drafts_hidden_future_or_samples(site: Build) -> None:
    for page in ("tong-ket-du-luan", "so-ket-du-luan", "tap-huan-cong-tac-vien", "giao-ban-quy-iii"):
        listed = slugs(site, page, ".article-aside a")
        assert page not in listed
        assert not UNPUBLISHED & set(listed), page


def test_explicit_link_is_reciprocal(site: Build) -> None:
    assert slugs(site, "giao-ban-quy-iii", ".related__list a")[0] == "tong-ket-du-luan"


def test_same_category_block_repeats_no_headline_shown_elsewhere(site: Build) -> None:
    soup = site.html("bai-viet/tap-huan-cong-tac-vien/")
    related = set(slugs(site, "tap-huan-cong-tac-vien", ".related__list a"))
    listed = slugs(site, "tap-huan-cong-tac-vien", ".same-category__list a")
    neighbours = slugs(site, "tap-huan-cong-tac-vien", ".category-nav a")
    assert neighbours == ["hoi-thi-2022", "tong-ket-du-luan"]  # older, newer
    assert not (related | set(neighbours)) & set(listed)
    assert listed[:2] == ["hoi-thi-2025", "hoi-thi-2024"]  # newest first
    assert soup.select_one(".same-category h2").get_text(strip=True) == "Tin cùng chuyên mục"
    more = soup.select_one(".same-category .more a")
    assert more["href"].endswith("chuyen-muc/tuyen-giao/")


def test_prev_and_next_in_category(site: Build) -> None:
    soup = site.html("bai-viet/tong-ket-du-luan/")
    assert soup.select_one('.category-nav a[rel="prev"]')["href"].endswith("tap-huan-cong-tac-vien/")
    assert soup.select_one('.category-nav a[rel="next"]')["href"].endswith("so-ket-du-luan/")
    assert "Tin trước" in soup.select_one(".category-nav__prev").get_text()


def test_related_items_show_title_and_date(site: Build) -> None:
    item = site.html("bai-viet/tong-ket-du-luan/").select_one(".related__item")
    assert item.a.get_text(strip=True) == "Giao ban quý III"
    assert item.time["datetime"].startswith("2024-09-30")
    assert item.time.get_text(strip=True) == "30/09/2024"


def test_no_errors_logged(site: Build) -> None:
    assert not [m for m in site.messages(logging.ERROR) if "related" in m.lower() or "liên quan" in m]


def test_unknown_related_slug_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    files = {
        path("a"): article("Bài A", body=HIEN_MAU, Related="khong-co-bai-nay"),
        path("b"): article("Bài B", body=GENERIC),
    }
    build = build_site(tmp_path, files)
    errors = [m for m in build.messages(logging.ERROR) if "[unknown-related-slug]" in m]
    line = files[path("a")].split("\n").index("Related: khong-co-bai-nay") + 1
    assert len(errors) == 1
    assert f"articles/2024/a/index.md:{line}:" in errors[0]
    assert '"khong-co-bai-nay"' in errors[0]


def test_related_slug_of_a_dropped_sample_is_silently_ignored(tmp_path: Path) -> None:
    files = {
        path("a"): article("Bài A", body=HIEN_MAU, Related="bai-mau"),
        path("bai-mau"): article("Bài mẫu", body=HIEN_MAU, Sample="yes"),
    }
    build = build_site(tmp_path, files, CONTENT_MODEL_INCLUDE_SAMPLES=False)
    assert not build.messages(logging.ERROR)
    assert not build.html("bai-viet/a/").select(".related")


def test_a_lone_article_has_neither_block(tmp_path: Path) -> None:
    build = build_site(tmp_path, {path("a"): article("Bài A", body=HIEN_MAU)})
    soup = build.html("bai-viet/a/")
    assert not soup.select(".related")
    assert not soup.select(".same-category")


def test_two_builds_give_identical_blocks(site: Build, tmp_path: Path) -> None:
    again = build_site(tmp_path, FILES, WITH_FUTURE_DATES=False, CONTENT_MODEL_INCLUDE_SAMPLES=False)
    for page in ("tong-ket-du-luan", "so-ket-du-luan", "giao-ban-quy-iii"):
        first = site.html(f"bai-viet/{page}/").select_one(".article-aside")
        second = again.html(f"bai-viet/{page}/").select_one(".article-aside")
        assert str(first) == str(second)


def test_seed_article_shows_explicit_then_computed_and_its_category(fixture_site: Build) -> None:
    soup = fixture_site.html(f"bai-viet/{SEED_SLUG}/")
    related = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select(".related__list a")]
    assert related[:2] == ["hoi-nghi-bao-cao-vien-thang-12-nam-2020", "tap-huan-nghiep-vu-cong-tac-tuyen-giao-nam-2020"]
    assert len(related) == 5
    assert any("du-luan-xa-hoi" in slug for slug in related[2:])  # the same story line, computed
    assert soup.select(".same-category__list li") or soup.select(".category-nav a")
