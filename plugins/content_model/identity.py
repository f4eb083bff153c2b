"""The portal's legal identity in ``content/data/site.toml``: who runs it and how to reach them.

Nghị định 42/2022/NĐ-CP (Điều 4) asks a state agency's site to publish its
organisation, the person responsible and its contact details; Điều 7 asks for
the key facts in English too. These rules are part of the content model's core
(plain Python, no Pelican import): the build (hooks.py) logs them as one warning,
which ``make publish`` (``--fatal warnings``) turns into a refusal, and
``make check`` prints the very same lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugins.common.errors import ContentError
from plugins.common.toml_lines import KeyPath, line_of
from plugins.common.urls import url_problem


@dataclass(frozen=True)
class Field:
    """One identity value: its table in site.toml, its key, what an editor calls it."""

    table: str  # "site" or "site.en"
    key: str
    label: str  # Vietnamese, as the message names it

    @property
    def path(self) -> str:
        return f"{self.table}.{self.key}"

    @property
    def key_path(self) -> KeyPath:
        """Where ``key_lines`` records it: ``("site", "en", "name")``."""
        return _key_path(self.table, self.key)


# Every value a launched site must have, in the order the file lists them.
REQUIRED: tuple[Field, ...] = (
    Field("site", "name", "tên cơ quan"),
    Field("site", "responsible", "cơ quan chủ quản, chịu trách nhiệm trang"),
    Field("site", "responsible_person", "họ tên người chịu trách nhiệm nội dung"),
    Field("site", "responsible_role", "chức vụ của người chịu trách nhiệm nội dung"),
    Field("site", "address", "địa chỉ trụ sở"),
    Field("site", "phone", "số điện thoại liên hệ"),
    Field("site", "email", "địa chỉ thư điện tử liên hệ"),
    Field("site", "working_hours", "giờ làm việc"),
    Field("site.en", "name", "tên cơ quan bằng tiếng Anh"),
    Field("site.en", "functions", "đoạn ngắn về chức năng, nhiệm vụ bằng tiếng Anh"),
    Field("site.en", "address", "địa chỉ trụ sở bằng tiếng Anh"),
    Field("site.en", "working_hours", "giờ làm việc bằng tiếng Anh"),
)
LAW = "Nghị định 42/2022/NĐ-CP"

# WHATWG's "valid e-mail address" (what <input type=email> accepts), with a dot required in the domain.
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
# What people put between digit groups: "0205 3812 345", "(0205) 3.812.345", "0205-3812-345".
_PHONE_SEPARATORS = re.compile(r"[\s.()\-]")
# Vietnamese numbers: 0 then 9 digits (mobile) or 10 digits (landline, 02xx area code).
_NATIONAL_NUMBER = re.compile(r"0([1-9]\d{8,9})")
_INTERNATIONAL_NUMBER = re.compile(r"\+84([1-9]\d{8,9})")


def phone_number(value: str) -> str | None:
    """A Vietnamese phone number in international form (``+842053812345``), or None if it is not one.

    Accepts the ways numbers are printed: ``0205 3812 345``, ``(0205) 3.812.345``,
    ``+84 205 3812345``, ``0912 345 678``.
    """
    digits = _PHONE_SEPARATORS.sub("", value)
    match = _NATIONAL_NUMBER.fullmatch(digits) or _INTERNATIONAL_NUMBER.fullmatch(digits)
    return f"+84{match[1]}" if match else None


def tel_uri(value: str) -> str:
    """The ``tel:`` address of a phone number (a template links it), or "" when it is not a number."""
    number = phone_number(str(value or ""))
    return f"tel:{number}" if number else ""


def is_email(value: str) -> bool:
    """True for one plain address (``ten@coquan.gov.vn``), without "mailto:" or a display name."""
    return bool(_EMAIL.fullmatch(value))


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address whose host a browser reads as written (``common.urls``)."""
    return url_problem(value) is None


def check_identity(data: Mapping[str, Any], lines: dict[KeyPath, int], source: str | Path) -> list[ContentError]:
    """Every identity problem of a site data file: empty required values, bad email, phone or URL.

    ``data`` is the parsed file, ``lines`` its ``toml_lines.key_lines``. A missing key
    is reported on the line of its table (or of ``[site]``), so the editor
    knows where to add it.
    """
    errors: list[ContentError] = []
    for field in REQUIRED:
        value = _table(data, field.table).get(field.key, "")
        line = line_of(lines, field.key_path)  # else its table's line, else [site]'s
        if not isinstance(value, str):
            errors.append(_not_text(field.table, field.key, source, line))
        elif not value.strip():
            errors.append(
                ContentError(
                    f"missing-{_slug(field.path)}",
                    f"Chưa điền {field.label} ({_where(field.table, field.key)}); phải điền trước khi ra mắt ({LAW}).",
                    source,
                    line,
                )
            )
    errors += _format_errors(data, lines, source)
    return errors


def _format_errors(data: Mapping[str, Any], lines: dict[KeyPath, int], source: str | Path) -> list[ContentError]:
    """Filled values in the wrong form: email, phone, and every ``*_url`` key."""
    site = _table(data, "site")
    errors = []

    def err(key: str, table: str, name: str, message: str) -> None:
        errors.append(ContentError(key, message, source, lines.get(_key_path(table, name))))

    email, phone = site.get("email"), site.get("phone")
    if isinstance(email, str) and email.strip() and not is_email(email.strip()):
        err(
            "bad-site-email",
            "site",
            "email",
            f'Địa chỉ thư điện tử "{email}" không hợp lệ ({_where("site", "email")}); viết một địa chỉ,'
            " ví dụ: bantuyengiao@langson.gov.vn",
        )
    if isinstance(phone, str) and phone.strip() and phone_number(phone) is None:
        err(
            "bad-site-phone",
            "site",
            "phone",
            f'Số điện thoại "{phone}" không hợp lệ ({_where("site", "phone")}); viết một số gồm 10 hoặc 11 chữ số'
            " bắt đầu bằng 0, ví dụ: 0205 3812 345, (0205) 3.812.345 hoặc +84 205 3812 345.",
        )
    for table in ("site", "site.en"):
        for name, value in _table(data, table).items():
            if not name.endswith("_url"):
                continue
            if not isinstance(value, str):
                errors.append(_not_text(table, name, source, lines.get(_key_path(table, name))))
            elif value.strip() and (problem := url_problem(value)):
                # Checked as written, not stripped: the footer renders the value as it is.
                err(
                    "bad-site-url",
                    table,
                    name,
                    f'Địa chỉ trang web "{value}" không hợp lệ ({_where(table, name)}): {problem} Chỉ dùng địa chỉ'
                    " đầy đủ bắt đầu bằng https:// (hoặc http://).",
                )
    return errors


def _table(data: Mapping[str, Any], dotted: str) -> Mapping[str, Any]:
    """The table at ``site`` or ``site.en``; an absent or non-table value reads as empty."""
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part, {}) if isinstance(node, Mapping) else {}
    return node if isinstance(node, Mapping) else {}


def _key_path(table: str, key: str) -> KeyPath:
    """``("site", "en", "name")`` for key ``name`` of table ``site.en``."""
    return (*table.split("."), key)


def _not_text(table: str, key: str, source: str | Path, line: int | None) -> ContentError:
    return ContentError(
        "bad-site-value",
        f'Giá trị của {_where(table, key)} phải là chữ đặt trong dấu ngoặc kép, ví dụ: {key} = "…".',
        source,
        line,
    )


def _where(table: str, key: str) -> str:
    """How a message names a key: ``khóa "phone" trong bảng [site]``."""
    return f'khóa "{key}" trong bảng [{table}]'


def _slug(path: str) -> str:
    """``site.en.working_hours`` → ``site-en-working-hours`` (error keys use hyphens)."""
    return path.replace(".", "-").replace("_", "-")
