"""The identity and contact rules of content/data/site.toml (plugins/content_model/identity.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from plugins.common.toml_lines import key_lines
from plugins.content_model import core
from plugins.content_model.identity import (
    REQUIRED,
    check_identity,
    is_email,
    is_web_url,
    phone_number,
    tel_uri,
)
from tests.conftest import SITE_DATA

# The live file's shape before launch: every identity value present but empty, [site.en] too.
EMPTY = """\
# comment
[site]
name = "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn"
responsible = "Ban Tuyên giáo"
responsible_person = ""
responsible_role = ""
address = ""
phone = ""
email = ""
working_hours = ""

[site.en]
name = ""
functions = ""
address = ""
working_hours = ""

[[categories]]
name = "Dân vận"
slug = "dan-van"
"""


def problems(text: str, source: str = "data/site.toml") -> list:
    return check_identity(tomllib.loads(text), key_lines(text), source)


def by_key(errors: list) -> dict[str, int | None]:
    return {e.key: e.line for e in errors}


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("0205 3812 345", "+842053812345"),
        ("0205 3 812 345", "+842053812345"),
        ("(0205) 3.812.345", "+842053812345"),
        ("+84 205 3812345", "+842053812345"),
        ("0205-3812-345", "+842053812345"),
        ("0912 345 678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
    ],
)
def test_vietnamese_phone_formats_are_read(written, number):
    assert phone_number(written) == number
    assert tel_uri(written) == f"tel:{number}"


@pytest.mark.parametrize(
    "written",
    ["", "12345", "0205 381", "0205 3812 345 / 0205 3812 346", "+1 202 555 0100", "0205 3812 345 máy lẻ 2", "O2O5"],
)
def test_what_is_not_one_vietnamese_number_is_refused(written):
    assert phone_number(written) is None
    assert tel_uri(written) == ""


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("bantuyengiao.dukcqt@langson.example", True),
        ("ban-tg@langson.gov.vn", True),
        ("mailto:ban@langson.gov.vn", False),
        ("ban@langson", False),
        ("ban tg@langson.gov.vn", False),
        ("Ban TG <ban@langson.gov.vn>", False),
        ("ban@@langson.gov.vn", False),
    ],
)
def test_email_syntax(value, ok):
    assert is_email(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://langson.gov.vn", True),
        ("http://langson.gov.vn/path?q=1", True),
        ("javascript:alert(1)", False),
        ("langson.gov.vn", False),
        ("ftp://langson.gov.vn", False),
        ("https://", False),
        ("https://lang son.gov.vn", False),
    ],
)
def test_only_http_and_https_addresses_are_web_urls(value, ok):
    assert is_web_url(value) is ok


def test_the_complete_fixture_identity_has_no_problem():
    assert core.load_site_data(SITE_DATA).identity_errors() == []


def test_every_empty_required_value_is_reported_on_its_own_line():
    errors = problems(EMPTY)
    expected = {
        "missing-site-responsible-person": 5,
        "missing-site-responsible-role": 6,
        "missing-site-address": 7,
        "missing-site-phone": 8,
        "missing-site-email": 9,
        "missing-site-working-hours": 10,
        "missing-site-en-name": 13,
        "missing-site-en-functions": 14,
        "missing-site-en-address": 15,
        "missing-site-en-working-hours": 16,
    }
    assert by_key(errors) == expected
    phone = next(e for e in errors if e.key == "missing-site-phone")
    assert str(phone) == (
        'data/site.toml:8: Chưa điền số điện thoại liên hệ (khóa "phone" trong bảng [site]);'
        " phải điền trước khi ra mắt (Nghị định 42/2022/NĐ-CP). [missing-site-phone]"
    )


def test_a_missing_key_points_at_its_table_and_a_missing_table_at_site():
    text = '[site]\nname = "A"\nresponsible = "B"\n'
    errors = by_key(problems(text))
    assert errors["missing-site-phone"] == 1
    assert errors["missing-site-en-name"] == 1  # no [site.en]: add it below [site]
    text += '\n[site.en]\nname = "X"\n'
    assert by_key(problems(text))["missing-site-en-functions"] == 5


def test_whitespace_only_is_empty_and_every_required_field_is_checked():
    text = "[site]\n" + "".join(f'{f.key} = "  "\n' for f in REQUIRED if f.table == "site")
    keys = set(by_key(problems(text)))
    assert {f"missing-site-{f.key.replace('_', '-')}" for f in REQUIRED if f.table == "site"} <= keys


def test_values_in_the_wrong_form_are_named_with_their_line():
    text = (
        EMPTY.replace('phone = ""', 'phone = "0205 38 12"')
        .replace('email = ""', 'email = "mailto:ban@langson.gov.vn"')
        .replace('working_hours = ""', "working_hours = 8", 1)
    )
    text = text.replace('responsible = "Ban Tuyên giáo"', 'responsible = "Ban Tuyên giáo"\nportal_url = "javascript:x"')
    errors = by_key(problems(text))
    assert errors["bad-site-phone"] == 9
    assert errors["bad-site-email"] == 10
    assert errors["bad-site-value"] == 11  # a number where text belongs
    assert errors["bad-site-url"] == 5
    assert "missing-site-phone" not in errors


def test_a_non_text_url_is_reported_too():
    errors = problems('[site]\nprovincial_portal_url = 3\n[site.en]\nmore_url = "https://x.example"\n')
    assert by_key(errors)["bad-site-value"] == 2
    assert "bad-site-url" not in by_key(errors)


def test_site_data_reports_its_own_file_and_lines(tmp_path: Path):
    path = tmp_path / "site.toml"
    path.write_text(EMPTY, encoding="utf-8")
    errors = core.load_site_data(path).identity_errors()
    assert {Path(e.source) for e in errors} == {path}
    assert by_key(errors)["missing-site-email"] == 9


@pytest.mark.parametrize(
    ("is_page", "value", "ok"),
    [(True, "contact", True), (True, "lien-he", False), (False, "contact", False)],
)
def test_only_pages_name_a_template_and_only_a_known_one(is_page, value, ok):
    meta = {"title": "Liên hệ", "template": value}
    if not is_page:
        meta |= {"date": "2024-01-01 08:00", "category": "Dân vận", "author": "A"}
    errors = core.check_metadata(meta, {"template": 2}, "p.md", is_page=is_page)
    assert [(e.key, e.line) for e in errors] == ([] if ok else [("bad-template", 2)])
