"""vi_text core: NFC, slugs, folding, Vietnamese dates."""

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify

from plugins.vi_text import core

VIETNAMESE_CHARACTERS = list(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÂ -,.0123456789<>"
)
VIETNAMESE = st.lists(st.sampled_from([*VIETNAMESE_CHARACTERS, "<b>", "</i>", "<br/>", "&amp;"]), max_size=40).map(
    "".join
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đảng ủy Khối", "dang-uy-khoi"),
        ("Tỉnh ủy", "tinh-uy"),
        ("Tỉnh uỷ", "tinh-uy"),
        ("Hoạt động Đảng ủy Khối", "hoat-dong-dang-uy-khoi"),
        ("Kiểm tra, giám sát", "kiem-tra-giam-sat"),
        ("  Tin tức – Sự kiện!  ", "tin-tuc-su-kien"),
    ],
)
def test_slugify_gives_ascii_vietnamese_slugs(text, slug):
    assert core.slugify(text) == slug


@given(VIETNAMESE)
def test_slug_is_ascii_idempotent_and_agrees_with_pelican(text):
    slug = core.slugify(text)
    assert slug.isascii()
    assert core.slugify(slug) == slug
    assert slug == "" or core.is_slug(slug)
    pelican = pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    assert slug == pelican.strip("-")


@given(VIETNAMESE)
def test_slug_does_not_depend_on_normal_form(text):
    assert core.slugify(unicodedata.normalize("NFD", text)) == core.slugify(text)


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Đảng ủy")
    assert decomposed != "Đảng ủy"
    assert core.nfc(decomposed) == "Đảng ủy"
    assert core.is_nfc("Đảng ủy")
    assert not core.is_nfc(decomposed)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đảng ủy Khối", "dang uy khoi"), ("Tỉnh uỷ", "tinh uy"), ("hội nghị", "hoi nghi"), ("ĐĂNG", "dang")],
)
def test_fold_removes_every_diacritic_including_d_stroke(text, folded):
    assert core.fold(text) == folded


def test_vietnamese_datetime_formats():
    when = datetime(2021, 1, 21, 13, 58, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert core.format_datetime(when, "dd-MM-yyyy HH:mm") == "21-01-2021 13:58"
    assert core.format_datetime(when, "EEEE, dd/MM/yyyy") == "Thứ Năm, 21/01/2021"
    assert core.format_datetime(when, "LLLL 'năm' y") == "Tháng 1 năm 2021"


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_portal_timestamp_round_trips(when):
    text = core.format_datetime(when.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), "dd-MM-yyyy HH:mm")
    assert datetime.strptime(text, "%d-%m-%Y %H:%M") == when.replace(second=0, microsecond=0)
