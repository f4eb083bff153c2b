"""The search index's Vietnamese preparation, as plain functions (no Pagefind, no site)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.search_index.core import ALIAS_META, d_aliases, page_url, prepare_page, read_page
from plugins.vi_text.core import canonical_tone_placement, fold


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoà bình", "hòa bình"),
        ("văn hoá", "văn hóa"),
        ("sức khoẻ", "sức khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("tuỳ ý", "tùy ý"),
        ("hoạ sĩ", "họa sĩ"),
        ("Hoà.", "Hòa."),
    ],
)
def test_old_placement_moves_to_the_first_vowel(written: str, canonical: str) -> None:
    assert canonical_tone_placement(written) == canonical


@pytest.mark.parametrize(
    "unchanged",
    ["Tỉnh ủy", "hòa", "quý", "quỷ", "hoàn thành", "thuyền", "khuỷu tay", "ngoài", "Đảng ủy Khối"],
)
def test_spellings_that_are_the_same_in_both_placements_are_kept(unchanged: str) -> None:
    assert canonical_tone_placement(unchanged) == unchanged


def test_decomposed_input_comes_out_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tỉnh uỷ")
    assert canonical_tone_placement(decomposed) == "Tỉnh ủy"


@given(st.text(alphabet="aeouyqhntAOUYĐđ \u0300\u0301\u0303\u0309\u0323àáảãạòóỏõọùúủũụỳýỷỹỵèéẻẽẹ"))
def test_moving_marks_never_changes_the_letters_and_is_stable(text: str) -> None:
    once = canonical_tone_placement(text)
    assert fold(once) == fold(text)
    assert canonical_tone_placement(once) == once


def test_d_aliases_are_the_ascii_forms_of_d_words_once_each() -> None:
    assert d_aliases("Đảng ủy đang họp; ĐẢNG viên, đảng bộ") == ["dang"]
    assert d_aliases("Đoàn thanh niên đi đầu") == ["dau", "di", "doan"]
    assert d_aliases("Tỉnh ủy họp bàn công tác") == []


def page(body: str, *, head: str = "<title>Tỉnh uỷ</title>") -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='vi'><head>{head}</head>\n<body>\n"
        f"<nav>Đảng ủy Khối</nav>\n{body}\n<footer>Địa chỉ</footer></body></html>"
    )


def test_a_page_without_an_article_body_is_not_indexed() -> None:
    assert prepare_page(page("<main><h1>Tin mới nhất</h1></main>")) is None


def test_the_article_gets_its_d_words_as_metadata_but_not_the_navigation_ones() -> None:
    source = page("<article data-pagefind-body>\n<h1>Họp bàn</h1><p>Đoàn viên đi học.</p></article>")
    prepared = prepare_page(source)
    assert prepared is not None
    assert f'data-pagefind-meta="{ALIAS_META}:di doan"' in prepared  # not "dang" from <nav>, not "dia" from <footer>


def test_metadata_goes_inside_the_article_element_just_after_its_start_tag() -> None:
    source = page("<div>\n  <article class='a'\n     data-pagefind-body>\n<h1>Đi</h1></article></div>")
    prepared = prepare_page(source)
    assert prepared is not None
    start = prepared.index("data-pagefind-body>") + len("data-pagefind-body>")
    assert prepared[start:].startswith('<span hidden data-pagefind-meta="title:Đi"></span><span hidden')


def test_indexed_text_has_one_placement_but_the_title_keeps_the_editors_spelling() -> None:
    source = page("<article data-pagefind-body><h1>Ban Thường vụ Tỉnh uỷ</h1><p>Tỉnh uỷ và Tỉnh ủy.</p></article>")
    prepared = prepare_page(source)
    assert prepared is not None
    assert 'data-pagefind-meta="title:Ban Thường vụ Tỉnh uỷ"' in prepared
    text_after_meta = prepared.split("</span>")[-1]
    assert "uỷ" not in text_after_meta
    assert text_after_meta.count("Tỉnh ủy") == 3


def test_ignored_regions_scripts_and_void_elements_do_not_confuse_the_reader() -> None:
    body = (
        "<article data-pagefind-body><h1>Tiêu đề</h1><img src='a.jpg' alt=''><br>"
        "<p data-pagefind-ignore>Chia sẻ <b>đường dẫn</b></p><script>var đ = 1;</script>"
        "<p>Đúng</p></article><p>Đã hết</p>"
    )
    parts = read_page(page(body))
    text = parts.body_text()
    assert "Đúng" in text
    for left_out in ("đường", "var", "Đã hết"):
        assert left_out not in text
    assert parts.title_text() == "Tiêu đề"


def test_character_references_are_read_as_the_characters_they_stand_for() -> None:
    parts = read_page(page("<article data-pagefind-body><h1>A &amp; B</h1><p>&#272;&#7843;ng</p></article>"))
    assert d_aliases(parts.body_text()) == ["dang"]
    assert parts.title_text() == "A & B"


def test_metadata_values_are_escaped() -> None:
    prepared = prepare_page(page('<article data-pagefind-body><h1>"Đổi mới" &lt;b&gt;</h1></article>'))
    assert prepared is not None
    assert re.search(r'data-pagefind-meta="title:&quot;Đổi mới&quot; &lt;b&gt;"', prepared)


@pytest.mark.parametrize(
    ("path", "url"),
    [("bai-viet/x/index.html", "/bai-viet/x/"), ("404.html", "/404.html"), ("a\\b\\index.html", "/a/b/")],
)
def test_page_urls_are_folder_urls_from_the_site_root(path: str, url: str) -> None:
    assert page_url(path) == url
