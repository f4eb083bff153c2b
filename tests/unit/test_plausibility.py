"""Plausibility rules (issue 23): dates of articles and documents, duplicate categories."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelicanconf import TIMEZONE
from plugins.common.errors import ContentError, ContentErrors
from plugins.content_model import core
from plugins.documents.core import document_date_errors
from tests.conftest import ROOT, SITE_DATA, write_content
from tools.content_checks.cli import config_from_settings
from tools.content_checks.core import check_content

NOW = datetime(2026, 12, 3, 20, 0)
LINES = {"date": 2, "modified": 5}


def keys(meta: dict[str, str], now: datetime = NOW) -> set[tuple[str, int | None]]:
    return {(e.key, e.line) for e in core.date_errors(meta, LINES, "a.md", now=now)}


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"date": "0001-05-06 08:30"}, {("implausible-date", 2)}),
        ({"date": "31-12-1929 23:59"}, {("implausible-date", 2)}),
        ({"date": "1930-02-02 23:59"}, {("implausible-date", 2)}),
        ({"date": "1930-02-03 00:00"}, set()),
        ({"date": "2027-12-04 20:00"}, set()),  # 366 days ahead: still a schedule
        ({"date": "2027-12-04 20:01"}, {("implausible-date", 2)}),
        ({"date": "9999-12-31 23:59"}, {("implausible-date", 2)}),
        ({"date": "2024-05-06 08:30", "modified": "2024-05-06 08:30"}, set()),
        ({"date": "2024-05-06 08:30", "modified": "2024-05-06 08:29"}, {("modified-before-date", 5)}),
        (
            {"date": "2024-05-06 08:30", "modified": "0001-01-01 00:00"},
            {("implausible-modified", 5), ("modified-before-date", 5)},
        ),
        ({"date": "2024-05-06 08:30", "modified": "2099-01-01 00:00"}, {("implausible-modified", 5)}),
        ({"date": "not a date", "modified": "2024-05-06 08:30"}, set()),  # the parser's own error says it
        ({}, set()),
    ],
)
def test_article_dates(meta: dict[str, str], expected: set) -> None:
    assert keys(meta) == expected


def test_the_messages_name_the_line_and_say_what_to_do() -> None:
    (error,) = core.date_errors({"date": "0001-05-06 08:30"}, LINES, "a.md", now=NOW)
    assert str(error).startswith("a.md:2: Ngày 06-05-0001")
    assert "gõ nhầm năm" in error.message


def test_check_metadata_applies_the_date_rule() -> None:
    """One call site in the reader and in make check: check_metadata carries the rule."""
    meta = {"title": "A", "date": "0001-01-01 08:00", "category": "Dân vận", "author": "B"}
    found = core.check_metadata(meta, {"title": 1, "date": 2, "category": 3, "author": 4}, "a.md", is_page=False)
    assert ("implausible-date", 2) in {(e.key, e.line) for e in found}


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)))
def test_a_date_is_refused_exactly_outside_the_range(when: datetime) -> None:
    when = when.replace(second=0, microsecond=0)
    refused = bool(keys({"date": f"{when.year:04d}-{when:%m-%d %H:%M}"}))
    assert refused == (when.date() < core.EARLIEST_DATE or when > NOW + core.MAX_SCHEDULE_AHEAD)


def test_portal_now_is_utc_plus_seven() -> None:
    """The ceiling counts from the portal's clock: at 20:00 UTC it is already tomorrow in Lạng Sơn."""
    assert core.PORTAL_TZ.utcoffset(None) == timedelta(hours=7)
    assert abs(core.portal_now() - (datetime.utcnow() + timedelta(hours=7))) < timedelta(minutes=1)


@given(st.datetimes(min_value=datetime(1930, 2, 3), max_value=datetime(2100, 1, 1)))
def test_every_plausible_date_shows_plus_seven(when: datetime) -> None:
    """The site's TIMEZONE gives +07:00 across the whole allowed range (Asia/Ho_Chi_Minh gave +08:00 in 1959-1975)."""
    assert when.replace(tzinfo=ZoneInfo(TIMEZONE)).isoformat().endswith("+07:00")


def test_the_saigon_zone_would_not() -> None:
    """Why TIMEZONE is not Asia/Ho_Chi_Minh: its history is the South's (this fails if tzdata ever changes it)."""
    assert datetime(1968, 1, 31, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).isoformat().endswith("+08:00")
    assert datetime(1, 1, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).utcoffset() == timedelta(hours=7, seconds=390)


TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"issued": date(2026, 12, 3)}, set()),
        ({"issued": date(2026, 12, 4)}, {("implausible-document-issued", 5)}),
        ({"issued": date(2099, 3, 15)}, {("implausible-document-issued", 5)}),
        ({"issued": date(1, 3, 15)}, {("implausible-document-issued", 5)}),
        ({"issued": date(1930, 2, 3), "effective": date(2090, 1, 1)}, set()),  # in force later: fine
        ({"issued": date(2024, 3, 15), "effective": date(24, 3, 20)}, {("implausible-document-effective", 6)}),
    ],
)
def test_document_dates(dates: dict[str, date], expected: set) -> None:
    found = document_date_errors(dates, {"issued": 5, "effective": 6}, Path("v.md"), today=TODAY)
    assert {(e.key, e.line) for e in found} == expected


def _site_toml(tmp_path: Path, categories: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text('[site]\nname = "x"\n' + categories, encoding="utf-8")
    return path


def test_two_categories_with_one_slug_are_refused_on_the_second_slug_line(tmp_path: Path) -> None:
    path = _site_toml(
        tmp_path,
        '[[categories]]\nname = "A"\nslug = "a"\n\n[[categories]]\nname = "B"\nslug = "a"\n',
    )
    with pytest.raises(ContentError) as caught:
        core.load_site_data(path)
    assert caught.value.key == "duplicate-category-slug"
    assert caught.value.line == 9
    assert "(dòng 5)" in caught.value.message


def test_names_equal_up_to_case_nfc_and_spacing_are_refused(tmp_path: Path) -> None:
    nfd = "Da\u0302n va\u0323\u0302n"  # "Dân vận" as macOS or a pasted PDF may write it
    categories = (
        f'[[categories]]\nname = "Dân vận"\nslug = "dan-van"\n[[categories]]\nname = "{nfd.upper()}  "\nslug = "b"\n'
        '[[categories]]\nname = "Dân văn"\nslug = "c"\n'  # another word: only diacritics differ
        '[[categories]]\nname = "C"\nslug = "c"\n'
    )
    with pytest.raises(ContentErrors) as caught:
        core.load_site_data(_site_toml(tmp_path, categories))
    assert [(e.key, e.line) for e in caught.value.errors] == [
        ("duplicate-category-name", 7),
        ("duplicate-category-slug", 14),
    ]


def test_the_fixture_categories_are_distinct() -> None:
    assert len(core.load_site_data(SITE_DATA).categories) >= 8


@pytest.fixture(scope="module")
def production() -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"))


def test_sections_of_the_production_site_are_reserved_for_pages(production: dict) -> None:
    reserved = core.reserved_slugs(production, "PAGE")
    sections = {"admin", "van-ban", "chuyen-muc", "the", "tac-gia", "luu-tru", "anh", "pagefind", "en", "gioi-thieu"}
    assert sections | {"feeds", "theme", "images", "tim-kiem", "bai-viet"} <= set(reserved)
    assert reserved["van-ban"].startswith("DOCUMENTS_")  # named after the setting that owns it
    assert {"lien-he", "tiep-can-thong-tin", "trang"}.isdisjoint(reserved)  # ordinary page slugs stay free
    assert core.reserved_slugs(production, "CATEGORY") == {"all": "FEED_ALL_ATOM"}


def test_the_reserved_set_follows_the_settings() -> None:
    """Nothing hand-listed: a new section, or pages moved into a folder, change the set."""
    pages_at_root = {"PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html", "NEWS_URL": "tin-moi/"}
    assert "tin-moi" in core.reserved_slugs(pages_at_root, "PAGE")
    assert "admin" in core.reserved_slugs(pages_at_root, "PAGE")  # a plugin's default (CMS_ADMIN_SAVE_DIR)
    in_a_folder = {
        "PAGE_URL": "trang/{slug}/",
        "PAGE_SAVE_AS": "trang/{slug}/index.html",
        "X_SAVE_AS": "trang/a/index.html",
    }
    assert core.reserved_slugs(in_a_folder, "PAGE") == {"a": "X_SAVE_AS"}
    feeds = {"CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml", "FEED_ALL_ATOM": "feeds/all.atom.xml", "X_RSS": None}
    assert core.reserved_slugs(feeds, "CATEGORY") == {"all": "FEED_ALL_ATOM"}


@pytest.mark.parametrize(
    ("meta", "lines", "expected"),
    [
        ({"title": "Văn bản"}, {"title": 1}, [("reserved-slug", 1)]),
        ({"title": "Quản trị", "slug": "admin"}, {"title": 1, "slug": 2}, [("reserved-slug", 2)]),
        ({"title": "Admin", "slug": "quan-tri"}, {"title": 1, "slug": 2}, []),
        ({"title": "Liên hệ"}, {"title": 1}, []),
    ],
)
def test_page_slug_errors(meta: dict, lines: dict, expected: list, production: dict) -> None:
    found = core.page_slug_errors(meta, lines, "p.md", core.reserved_slugs(production, "PAGE"))
    assert [(e.key, e.line) for e in found] == expected


def test_make_check_answers_for_production_too(tmp_path: Path) -> None:
    """pelicanconf.py has no feeds, publishconf.py has: make check refuses what either build would."""
    content = tmp_path / "content"
    text = SITE_DATA.read_text(encoding="utf-8") + '\n[[categories]]\nname = "Tất cả"\nslug = "all"\n'
    write_content(content, {"data/site.toml": text, "pages/tin.md": "Title: Tin\nSlug: feeds\n\nNội dung.\n"})
    errors = check_content(config_from_settings(ROOT / "pelicanconf.py", content))
    assert {(e.key, Path(str(e.source)).name) for e in errors} == {
        ("reserved-slug", "site.toml"),
        ("reserved-slug", "tin.md"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## A {: #main }", [(1, "main")]),
        ("## A {:#main}", [(1, "main")]),
        ("Đoạn.\n{#main .lead}", [(2, "main")]),
        ('## A {: .x id="main" }', [(1, "main")]),
        ("<div ID=main>x</div>", [(1, "main")]),
        ('<p id="&#109;ain">x</p>', [(1, "main")]),  # the browser decodes the entity
        ("`{#main}` và\n\n```\n{#main}\n```\n", []),  # shown as code, not applied
        ("Giá {từ 5} đến {10}", []),
    ],
)
def test_editor_ids(text: str, expected: list) -> None:
    assert core.editor_ids(text) == expected
