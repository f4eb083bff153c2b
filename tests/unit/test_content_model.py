"""content_model core: decoding, header line numbers, dates, schema, site data."""

import unicodedata
from datetime import datetime

import pytest

from plugins.common.errors import ContentError
from plugins.content_model import core
from plugins.vi_text.core import is_slug
from tests.conftest import SITE_DATA


def test_read_source_text_normalises_bom_crlf_and_nfd():
    raw = "\ufeffTitle: Đa\u0309ng\r\n\r\nThân bài\r\n".encode()
    assert core.read_source_text(raw, "a.md") == "Title: Đảng\n\nThân bài\n"


def test_non_utf8_file_names_file_and_line():
    raw = b"Title: ok\nCategory: x\n" + "Tiêu đ\n".encode("cp1258")
    with pytest.raises(ContentError) as caught:
        core.read_source_text(raw, "content/articles/a/index.md")
    assert caught.value.key == "not-utf8"
    assert caught.value.line == 3
    assert str(caught.value).startswith("content/articles/a/index.md:3: ")


def test_header_lines_maps_keys_to_lines_and_stops_at_body():
    text = "---\nTitle: A\nTags: a,\n    b\nDate: 2021-01-21 13:58\n---\n\nBody: not metadata\n"
    assert core.header_lines(text) == {"title": 2, "tags": 3, "date": 5}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-21 13:58", datetime(2021, 1, 21, 13, 58)),
        ("2021-01-21T13:58:30", datetime(2021, 1, 21, 13, 58, 30)),
        ("21-01-2021 13:58", datetime(2021, 1, 21, 13, 58)),
        ("05/01/2021 08:00", datetime(2021, 1, 5, 8, 0)),  # day first, as Vietnamese write it
    ],
)
def test_parse_datetime_accepts_portal_formats(value, expected):
    assert core.parse_datetime(value) == expected


def test_date_without_time_is_refused_with_a_hint():
    with pytest.raises(ValueError, match="thiếu giờ"):
        core.parse_datetime("2021-01-21")


@pytest.mark.parametrize("value", ["21/13/2021 10:00", "hôm qua", "2021-02-30 10:00", ""])
def test_bad_dates_are_refused(value):
    with pytest.raises(ValueError, match="không hợp lệ"):
        core.parse_datetime(value)


def test_check_metadata_reports_every_problem_with_lines():
    meta = {"title": "", "date": "2021-01-21 13:58", "status": "publish", "tieude": "x", "featured": "maybe"}
    lines = {"title": 1, "date": 2, "status": 3, "tieude": 4, "featured": 5}
    errors = core.check_metadata(meta, lines, "a.md", is_page=False)
    keys = {(e.key, e.line) for e in errors}
    assert ("missing-title", 1) in keys
    assert ("missing-category", None) in keys
    assert ("missing-author", None) in keys
    assert ("bad-status", 3) in keys
    assert ("unknown-metadata-key", 4) in keys
    assert ("bad-featured", 5) in keys


def test_page_needs_only_a_title():
    assert core.check_metadata({"title": "Giới thiệu"}, {"title": 1}, "p.md", is_page=True) == []


def test_site_data_lists_categories_with_ascii_slugs():
    data = core.load_site_data(SITE_DATA)
    assert len(data.categories) >= 6
    assert all(is_slug(c.slug) for c in data.categories)
    assert data.category_named("Hoạt động Đảng ủy Khối", "a.md", 1).slug == "hoat-dong-dang-uy-khoi"


def test_unknown_category_suggests_the_accented_name():
    data = core.load_site_data(SITE_DATA)
    with pytest.raises(ContentError) as caught:
        data.category_named("Hoat dong Dang uy Khoi", "a.md", 3)
    assert caught.value.key == "unknown-category"
    assert 'Có phải bạn muốn viết "Hoạt động Đảng ủy Khối"' in caught.value.message


def test_broken_site_data_names_the_line(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('[site]\nname = "x"\n[[categories]\nname = "y"\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        core.load_site_data(path)
    assert caught.value.key == "bad-site-data"
    assert caught.value.line == 3


def test_tags_and_author_need_letters_for_a_slug():
    meta = {"title": "A", "date": "2024-01-01 08:00", "category": "Dân vận", "author": "<b></b>", "tags": "ok, <i></i>"}
    lines = {"title": 1, "date": 2, "category": 3, "author": 4, "tags": 5}
    keys = {(e.key, e.line) for e in core.check_metadata(meta, lines, "a.md", is_page=False)}
    assert keys == {("bad-author", 4), ("bad-tags", 5)}


def test_a_key_written_twice_is_refused_on_its_second_line_whatever_its_case():
    text = "Title: A\nDate: 2024-05-06 08:30\ntitle: B\nTAGS: x\nTags: y\n\nThân bài.\n"
    found = [(e.key, e.line) for e in core.header_problems(text, "a.md")]
    assert found == [("duplicate-key", 3), ("duplicate-key", 5)]
    assert "dòng 1" in core.header_problems(text, "a.md")[0].message


def test_an_indented_line_in_the_header_is_refused_for_every_key_tags_too():
    text = "Title: A\n    nối tiếp\nTags: a,\n\tb\n\nThân bài.\n"
    assert [(e.key, e.line) for e in core.header_problems(text, "a.md")] == [
        ("header-continuation", 2),
        ("header-continuation", 4),
    ]
    assert core.header_problems("Title: A\nTags: a, b\n\n    mã ví dụ trong thân bài\n", "a.md") == []


def test_a_key_written_twice_in_yaml_front_matter_is_refused():
    text = '---\ntitle: "A"\ntags: ["x"]\nTitle: "B"\n---\n\nThân bài.\n'
    assert [(e.key, e.line) for e in core.header_problems(text, "a.md")] == [("duplicate-key", 4)]


@pytest.mark.parametrize(
    ("folder", "key"),
    [
        ("hội-nghị", "bad-folder-slug"),
        ("Hoi-Nghi", "bad-folder-slug"),
        ("hoi nghi", "bad-folder-slug"),
        ("a" * 201, "address-too-long"),
    ],
)
def test_an_article_folder_must_make_a_short_ascii_address(folder, key):
    meta = {"title": "A", "date": "2024-05-06 08:30", "category": "x", "author": "B"}
    errors = core.check_file("", meta, {}, "a.md", is_page=False, folder_slug=folder)
    assert [e.key for e in errors] == [key]
    assert core.check_file("", meta | {"slug": "hoi-nghi"}, {}, "a.md", is_page=False, folder_slug=folder) == []


def test_tags_authors_and_page_titles_longer_than_an_address_are_refused():
    long_name = "Đảng bộ " * 30
    meta = {"title": long_name, "tags": f"ngắn, {long_name}", "author": long_name}
    lines = {"title": 1, "tags": 2, "author": 3}
    errors = core.check_file("", meta, lines, "p.md", is_page=True)
    assert sorted((e.key, e.line) for e in errors) == [
        ("address-too-long", 1),
        ("address-too-long", 2),
        ("address-too-long", 3),
    ]


def test_nfd_text_and_trailing_spaces_are_notices():
    original = unicodedata.normalize("NFD", "Title: Hội nghị") + "\nDate: 2024-05-06 08:30 \n\nThân bài \n"
    notices = core.text_form_notices(original, "a.md", body_start=4)
    assert [(n.key, n.line) for n in notices] == [("not-nfc", 1), ("trailing-space-in-metadata", 2)]
    assert {n.key for n in notices} <= core.NOTICE_KEYS
