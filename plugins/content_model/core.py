"""The portal's content model as plain Python: metadata schema, dates, site data.

Nothing here imports Pelican: the reader (hooks.py) and ``make check`` both call
these functions, and the unit tests exercise them on strings.

Why our own checks rather than Pelican's: Pelican parses dates with dateutil,
which reads "05-01-2021" month-first (a Vietnamese editor means 5 January),
accepts a date with no time, and reports problems in English with a
traceback. Editors need one Vietnamese line per problem that names the file
and the line.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from plugins.common.errors import ContentError
from plugins.vi_text.core import fold, is_slug, nfc

# Every metadata key an editor may write, with the Vietnamese name used in messages.
KNOWN_KEYS: dict[str, str] = {
    "title": "tiêu đề",
    "date": "ngày giờ đăng",
    "modified": "ngày giờ sửa",
    "category": "chuyên mục",
    "tags": "từ khóa",
    "author": "tác giả",
    "unit": "đơn vị",
    "summary": "tóm tắt",
    "cover": "ảnh đại diện",
    "related": "tin liên quan",
    "status": "trạng thái",
    "slug": "đường dẫn",
    "featured": "tin nổi bật",
    "sample": "bài mẫu",
}
REQUIRED_FOR_ARTICLE = ("title", "date", "category", "author")
REQUIRED_FOR_PAGE = ("title",)
STATUSES = ("published", "draft", "hidden")
BOOLEAN_KEYS = ("featured", "sample")
_YES = {"yes", "true", "1", "có", "co"}
_NO = {"no", "false", "0", "không", "khong"}

_HEADER_LINE = re.compile(r"^[ ]{0,3}(?P<key>[^\s:][^:]*?)\s*:(?P<value>.*)$")
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M",
)


@dataclass(frozen=True)
class Category:
    """A section of the portal: Vietnamese name, ASCII slug, short description."""

    name: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class SiteData:
    """What ``content/data/site.toml`` holds: site identity, contact block, categories."""

    categories: tuple[Category, ...]
    site: dict = field(default_factory=dict)

    def category_named(self, name: str, source: str | Path, line: int | None) -> Category:
        """The category called ``name``, or an error that suggests the closest names."""
        for category in self.categories:
            if category.name == name:
                return category
        names = [c.name for c in self.categories]
        by_fold = {fold(n): n for n in names}
        guess = by_fold.get(fold(name)) or next(iter(difflib.get_close_matches(name, names, n=1)), None)
        hint = f' Có phải bạn muốn viết "{guess}"?' if guess else ""
        raise ContentError(
            "unknown-category",
            f'Chuyên mục "{name}" không có trong danh sách chuyên mục (content/data/site.toml).{hint}'
            f" Các chuyên mục hợp lệ: {', '.join(names)}.",
            source,
            line,
        )


def read_source_text(raw: bytes, source: str | Path) -> str:
    """Decode an editor's file: UTF-8 only, BOM and Windows line ends tolerated, NFC out.

    A non-UTF-8 file (Windows-1258, say) is an error naming the line of the
    first bad byte, because guessing the encoding would publish mojibake.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            "not-utf8",
            "Tệp không được lưu bằng mã UTF-8 (có thể là Windows-1258 hoặc TCVN3). "
            "Hãy mở tệp và lưu lại với mã hóa UTF-8.",
            source,
            line,
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def header_lines(text: str) -> dict[str, int]:
    """Map each metadata key (lower case) to its 1-based line in ``text``.

    Reads the header block as Python-Markdown's meta extension does: from the
    first line (an optional ``---`` opens it) to the first blank line;
    indented lines continue the previous key.
    """
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if number == 1 and line.strip() == "---":
            continue
        if not line.strip() or line.strip() in ("---", "..."):
            break
        if line.startswith(("    ", "\t")) and lines:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            break
        lines.setdefault(match["key"].strip().lower(), number)
    return lines


def parse_datetime(value: str) -> datetime:
    """Parse an editor's date and time; a date without a time is refused.

    Accepted: ``2021-01-21 13:58`` (recommended), ``21-01-2021 13:58`` and
    ``21/01/2021 13:58`` (day first, as the portal prints dates).
    """
    text = " ".join(value.split())
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{4}", text):
        raise ValueError(f'Ngày "{value}" thiếu giờ đăng. Hãy viết cả giờ, ví dụ: 2021-01-21 13:58')
    raise ValueError(
        f'Ngày giờ "{value}" không hợp lệ. Hãy viết theo mẫu năm-tháng-ngày giờ:phút, ví dụ: 2021-01-21 13:58'
    )


def parse_boolean(value: str) -> bool:
    """``yes``/``no`` (also ``có``/``không``) as a bool."""
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f'Giá trị "{value}" không hợp lệ: chỉ dùng "yes" (có) hoặc "no" (không).')


def split_list(value: str) -> list[str]:
    """A comma-separated metadata value as a clean list (empty items dropped)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def check_metadata(
    meta: dict[str, str], lines: dict[str, int], source: str | Path, *, is_page: bool
) -> list[ContentError]:
    """Every schema problem in one file's raw metadata (lower-case keys, string values)."""
    errors: list[ContentError] = []

    def err(key: str, message: str, meta_key: str | None = None) -> None:
        errors.append(ContentError(key, message, source, lines.get(meta_key) if meta_key else None))

    for key in lines:
        if key not in KNOWN_KEYS:
            err(
                "unknown-metadata-key",
                f'Trường thông tin "{key}" không được hỗ trợ. Các trường hợp lệ: {", ".join(KNOWN_KEYS)}.',
                key,
            )
    required = REQUIRED_FOR_PAGE if is_page else REQUIRED_FOR_ARTICLE
    for key in required:
        if not meta.get(key, "").strip():
            err(f"missing-{key}", f"Thiếu {KNOWN_KEYS[key]} (dòng “{key.capitalize()}: …” ở đầu bài).", key)
    status = meta.get("status", "published").strip().lower()
    if status not in STATUSES:
        err("bad-status", f'Trạng thái "{status}" không hợp lệ; chỉ dùng: {", ".join(STATUSES)}.', "status")
    for key in BOOLEAN_KEYS:
        if key in meta:
            try:
                parse_boolean(meta[key])
            except ValueError as exc:
                err(f"bad-{key}", str(exc), key)
    for slug in split_list(meta.get("related", "")):
        if not is_slug(slug):
            err(
                "bad-related-slug",
                f'"{slug}" không phải đường dẫn bài viết (chỉ chữ thường không dấu, số và "-").',
                "related",
            )
    if "slug" in meta and not is_slug(meta["slug"].strip()):
        err("bad-slug", f'Đường dẫn "{meta["slug"]}" chỉ được gồm chữ thường không dấu, số và dấu "-".', "slug")
    return errors


def load_site_data(path: Path) -> SiteData:
    """Read the site data file; a syntax error or a bad category names file and line."""
    try:
        data = tomllib.loads(read_source_text(path.read_bytes(), path))
    except FileNotFoundError:
        raise ContentError(
            "missing-site-data", "Không tìm thấy tệp dữ liệu trang (danh sách chuyên mục).", path
        ) from None
    except tomllib.TOMLDecodeError as exc:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(exc))) else None
        raise ContentError("bad-site-data", f"Tệp dữ liệu sai cú pháp TOML: {exc}", path, line) from None
    categories = []
    for entry in data.get("categories", []):
        name, slug = nfc(entry.get("name", "")).strip(), entry.get("slug", "").strip()
        if not name or not is_slug(slug):
            raise ContentError("bad-category", f"Chuyên mục cần có name và slug ASCII hợp lệ: {entry!r}", path)
        categories.append(Category(name, slug, nfc(entry.get("description", ""))))
    return SiteData(tuple(categories), data.get("site", {}))
