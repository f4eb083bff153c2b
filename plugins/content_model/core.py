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

import contextlib
import difflib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import smartypants
import yaml
from typogrify.filters import typogrify

from plugins.common.errors import ContentError, raise_if_any
from plugins.common.toml_lines import KeyPath, line_of, parse_toml
from plugins.content_model.identity import check_identity
from plugins.vi_text.core import fold, is_nfc, is_slug, nfc, slugify

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
    # Read by plugins/media_embeds: a video (YouTube/Facebook address or an MP4 beside the article),
    # its captions file and transcript, and the article kind (e.g. photo-story).
    "video": "video",
    "captions": "phụ đề",
    "transcript": "lời thoại",
    "kind": "loại bài",
    # A page's layout from theme/templates (Pelican's own "Template:"), one of PAGE_TEMPLATES.
    "template": "mẫu trang",
}
REQUIRED_FOR_ARTICLE = ("title", "date", "category", "author")
REQUIRED_FOR_PAGE = ("title",)
STATUSES = ("published", "draft", "hidden")
BOOLEAN_KEYS = ("featured", "sample")
# Page layouts an editor may name: "contact" shows the contact block from content/data/site.toml.
PAGE_TEMPLATES = ("contact",)
_YES = {"yes", "true", "1", "có", "co"}
_NO = {"no", "false", "0", "không", "khong"}

# The earliest date any text of this portal can carry: the Communist Party of Vietnam was founded
# on 3 February 1930, so no news of a Party committee and no Party document is older. An earlier
# year is a typing slip ("0024", "1024" for 2024) that would open archive pages such as luu-tru/1/.
EARLIEST_DATE = date(1930, 2, 3)
# How far ahead an article may be scheduled (Status: published with a future Date waits until then):
# a year covers every real plan (anniversaries, congresses); more is a mistyped year.
MAX_SCHEDULE_AHEAD = timedelta(days=366)
# Vietnam's legal time, UTC+7, the offset of every date the portal shows or writes. Not the
# Asia/Ho_Chi_Minh zone's history, which is Saigon's: +08:00 in 1943-1945, 1947-1955 and
# 1959-1975, +07:06:30 before 1906; this committee is in Lạng Sơn, in the north, where UTC+7 has
# been the legal time since 1945 (pelicanconf.TIMEZONE = "Etc/GMT-7", the constant +07:00 zone).
PORTAL_TZ = timezone(timedelta(hours=7))

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
    """What ``content/data/site.toml`` holds: site identity, contact block, categories.

    ``data`` is the whole parsed file and ``lines`` maps its tables and keys
    (``("site", "phone")``, see ``toml_lines.key_lines``) to lines, so checks of the identity can name them.
    """

    categories: tuple[Category, ...]
    site: dict = field(default_factory=dict)
    source: Path | None = None
    data: dict = field(default_factory=dict)
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def identity_errors(self) -> list[ContentError]:
        """Problems of the identity and contact block (``identity.check_identity``), with lines."""
        return check_identity(self.data, self.lines, self.source or "data/site.toml")

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
    """Map each metadata key (lower case) to its 1-based line in ``text`` (its first line, if written twice).

    Reads the header block as Python-Markdown's meta extension does: from the
    first line (an optional ``---`` opens it) to the first blank line;
    indented lines continue the previous key.
    """
    lines: dict[str, int] = {}
    for key, number, continued in header_entries(text):
        if not continued:
            lines.setdefault(key, number)
    return lines


def header_entries(text: str) -> list[tuple[str, int, bool]]:
    """Every line of a ``Key: value`` header as (lower-case key, 1-based line, is it an indented continuation).

    A continuation line carries the key it would be joined to.
    """
    entries: list[tuple[str, int, bool]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number == 1 and line.strip() == "---":
            continue
        if not line.strip() or line.strip() in ("---", "..."):
            break
        if line.startswith(("    ", "\t")) and entries:
            entries.append((entries[-1][0], number, True))
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            break
        entries.append((match["key"].strip().lower(), number, False))
    return entries


def header_problems(text: str, source: str | Path) -> list[ContentError]:
    """A key written twice (any case) and indented continuation lines, each on its own line.

    Why refused rather than read: the Markdown meta extension keeps both values
    of a key written twice (Pelican then uses one of them, silently), and joins
    an indented line to the key above it, which is how a body's first indented
    line (a quote, a code sample) disappears into the header. Lists have one
    spelling everywhere, commas on one line (``make new`` and the web editor
    write it so; YAML lists are rewritten to it), so an indented line is never
    needed, Tags included. Shared by the reader and ``make check``.
    """
    if yaml_front_matter(text) is not None:
        return _yaml_duplicate_keys(text, source)
    errors: list[ContentError] = []
    first: dict[str, int] = {}
    for key, number, continued in header_entries(text):
        if continued:
            errors.append(
                ContentError(
                    "header-continuation",
                    f"Dòng này thụt đầu dòng ngay dưới dòng “{key.capitalize()}: …” nên bị nối vào giá trị đó."
                    " Hãy viết cả giá trị trên một dòng (nhiều từ khóa thì ngăn bằng dấu phẩy) và để"
                    " một dòng trống giữa phần thông tin đầu bài và thân bài.",
                    source,
                    number,
                )
            )
        elif first.setdefault(key, number) != number:
            errors.append(_duplicate_key(key, first[key], source, number))
    return errors


def _yaml_duplicate_keys(text: str, source: str | Path) -> list[ContentError]:
    """Keys written twice in YAML front matter (YAML itself keeps the last one silently)."""
    found = yaml_front_matter(text)
    try:
        root = yaml.compose(found[0], Loader=yaml.BaseLoader) if found else None
    except yaml.YAMLError:
        return []  # as_pelican_header reports the syntax error
    if not isinstance(root, yaml.MappingNode):
        return []
    errors, first = [], {}
    for key_node, _ in root.value:
        key, line = str(key_node.value).strip().lower(), key_node.start_mark.line + 2
        if first.setdefault(key, line) != line:
            errors.append(_duplicate_key(key, first[key], source, line))
    return errors


def _duplicate_key(key: str, first: int, source: str | Path, line: int) -> ContentError:
    return ContentError(
        "duplicate-key",
        f"Trường “{key.capitalize()}” được ghi hai lần (lần đầu ở dòng {first}); chỉ một giá trị được dùng."
        " Hãy giữ một dòng và xóa dòng kia.",
        source,
        line,
    )


# A line that only YAML gives meaning to: a list item, a quoted, flow or block
# value, or an indented continuation. Decap CMS writes these; hand-written
# Pelican headers (``Key: value``) never need them.
_YAML_ONLY_LINE = re.compile(r"^\s+\S|^[^:\s][^:]*:\s*[\"'\[{>|]")


def yaml_front_matter(text: str) -> tuple[str, str] | None:
    """The YAML block and the body when ``text`` opens with YAML front matter, else None.

    A ``---`` block written in Pelican's ``Key: value`` form is left to the
    Markdown meta extension exactly as before; only a block using YAML-only
    syntax (what Decap CMS saves: tag lists, quoted or folded strings) is
    read as YAML, so hand-written files keep their meaning.
    """
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            block = lines[1:end]
            if any(_YAML_ONLY_LINE.match(item) for item in block):
                return "\n".join(block), "\n".join(lines[end + 1 :])
            return None
    return None


def as_pelican_header(text: str, source: str | Path) -> tuple[str, dict[str, int]]:
    """``text`` with any YAML front matter rewritten as Pelican's ``Key: value`` header, and key lines.

    Why: the Markdown meta extension reads neither YAML lists nor quoting, so a
    file saved by the web editor would otherwise lose its tags or keep its
    quotes. Lists become comma-separated values (the form editors type by
    hand), multi-line strings one line; empty values are dropped, as if the
    field were absent. Line numbers point into the original file.
    """
    found = yaml_front_matter(text)
    if found is None:
        return text, header_lines(text)
    block, body = found
    try:
        root = yaml.compose(block, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        # Where an unclosed quote opened is more useful than the end of the block it ran into.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        raise ContentError(
            "bad-front-matter",
            f"Phần thông tin đầu bài (giữa hai dòng ---) sai cú pháp YAML: {getattr(exc, 'problem', exc)}.",
            source,
            mark.line + 2 if mark else None,
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise ContentError("bad-front-matter", "Phần thông tin đầu bài phải là các dòng “tên: giá trị”.", source, 2)
    header: list[str] = []
    lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        key, line = key_node.value.strip().lower(), key_node.start_mark.line + 2
        value = _header_value(value_node, key, source, line)
        lines.setdefault(key, line)
        if value:
            header.append(f"{key}: {value}")
    return "\n".join(header) + "\n\n" + body.lstrip("\n"), lines


def _header_value(node: yaml.Node, key: str, source: str | Path, line: int) -> str:
    """One YAML value as a single header line; a list item holding a comma would split wrongly."""
    if isinstance(node, yaml.ScalarNode):
        return " ".join(node.value.split())
    if isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        items = [" ".join(item.value.split()) for item in node.value]
        if any("," in item for item in items):
            raise ContentError(
                "comma-in-list-item",
                f"Một mục của “{key}” chứa dấu phẩy; dấu phẩy dùng để ngăn cách các mục.",
                source,
                line,
            )
        return ", ".join(item for item in items if item)
    raise ContentError("bad-front-matter", f"Giá trị của “{key}” phải là chữ hoặc danh sách chữ.", source, line)


def metadata_lines(source: str | Path) -> dict[str, int]:
    """Metadata key → line of a file on disk, for plugins that report a problem after reading.

    A file that cannot be decoded gives no lines (the reader has reported it already).
    """
    try:
        return header_lines(read_source_text(Path(source).read_bytes(), source))
    except ContentError:
        return {}


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


def shown_date(value: date) -> str:
    """``06-05-0001``: day first as the portal prints dates, the year always in four digits (``%Y`` gives "1")."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def portal_now() -> datetime:
    """The current time on the portal's clock, naive (as ``parse_datetime`` returns editors' dates)."""
    return datetime.now(PORTAL_TZ).replace(tzinfo=None)


def date_errors(
    meta: dict[str, str], lines: dict[str, int], source: str | Path, *, now: datetime | None = None
) -> list[ContentError]:
    """Dates that parse but cannot be right: before 1930, scheduled more than a year ahead, Modified before Date.

    Values that do not parse are left to the parser's own message (``bad-date``).
    ``now`` is the build's time on the portal's clock (``portal_now``).
    """
    now = now or portal_now()
    parsed: dict[str, datetime] = {}
    for key in ("date", "modified"):
        with contextlib.suppress(ValueError):
            if meta.get(key, "").strip():
                parsed[key] = parse_datetime(meta[key])
    errors = []
    for key, value in parsed.items():
        line = f'dòng "{key.capitalize()}:"'
        if value.date() < EARLIEST_DATE:
            message = (
                f"Ngày {shown_date(value)} ({line}) sớm hơn ngày thành lập Đảng ({shown_date(EARLIEST_DATE)}):"
                " chắc là gõ nhầm năm. Hãy sửa lại năm (viết đủ bốn chữ số, ví dụ 2024)."
            )
            errors.append(ContentError(f"implausible-{key}", message, source, lines.get(key)))
        elif value > now + MAX_SCHEDULE_AHEAD:
            message = (
                f"Ngày {shown_date(value)} ({line}) muộn hơn hôm nay quá một năm: bài hẹn giờ chỉ được đặt trước"
                f" tối đa một năm (đến {shown_date(now + MAX_SCHEDULE_AHEAD)}). Chắc là gõ nhầm năm; hãy sửa lại."
            )
            errors.append(ContentError(f"implausible-{key}", message, source, lines.get(key)))
    if "date" in parsed and "modified" in parsed and parsed["modified"] < parsed["date"]:
        message = (
            f'Ngày sửa ({shown_date(parsed["modified"])} {parsed["modified"]:%H:%M}, dòng "Modified:") trước ngày đăng'
            f' ({shown_date(parsed["date"])} {parsed["date"]:%H:%M}, dòng "Date:"):'
            " bài không thể được sửa trước khi đăng. Hãy sửa một trong hai ngày."
        )
        errors.append(ContentError("modified-before-date", message, source, lines.get("modified")))
    return errors


def parse_boolean(value: str) -> bool:
    """``yes``/``no`` (also ``có``/``không``) as a bool."""
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f'Giá trị "{value}" không hợp lệ: chỉ dùng "yes" (có) hoặc "no" (không).')


def split_list(value: str) -> list[str]:
    """A list-valued metadata value as Pelican splits it: on semicolons if any, else on commas.

    Empty items are dropped and duplicates kept once, so checks see the same
    items as the tag pages.
    """
    items = value.split(";") if ";" in value else value.split(",")
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def unknown_and_missing_keys(
    meta: dict[str, str],
    lines: dict[str, int],
    source: str | Path,
    *,
    known: dict[str, str],
    required: tuple[str, ...],
    kind: str = "",
) -> list[ContentError]:
    """The schema checks every content type shares: keys it does not know, required keys left empty.

    ``known`` maps keys to their Vietnamese names; ``kind`` ("document") goes
    into the error keys (``unknown-document-key``, ``missing-document-number``).
    """
    infix = f"{kind}-" if kind else ""
    errors = [
        ContentError(
            f"unknown-{infix or 'metadata-'}key",
            f'Trường thông tin "{key}" không được hỗ trợ. Các trường hợp lệ: {", ".join(known)}.',
            source,
            line,
        )
        for key, line in lines.items()
        if key not in known
    ]
    errors += [
        ContentError(
            f"missing-{infix}{key}",
            f"Thiếu {known[key]} (dòng “{key.capitalize()}: …” ở đầu tệp).",
            source,
            lines.get(key),
        )
        for key in required
        if not meta.get(key, "").strip()
    ]
    return errors


def check_metadata(
    meta: dict[str, str], lines: dict[str, int], source: str | Path, *, is_page: bool
) -> list[ContentError]:
    """Every schema problem in one file's raw metadata (lower-case keys, string values)."""
    errors: list[ContentError] = []

    def err(key: str, message: str, meta_key: str | None = None) -> None:
        errors.append(ContentError(key, message, source, lines.get(meta_key) if meta_key else None))

    required = REQUIRED_FOR_PAGE if is_page else REQUIRED_FOR_ARTICLE
    errors += unknown_and_missing_keys(meta, lines, source, known=KNOWN_KEYS, required=required)
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
    errors += _names_without_slug(meta, lines, source)
    template = meta.get("template", "").strip()
    if template and not is_page:
        err("bad-template", 'Dòng "Template:" chỉ dùng cho trang (content/pages/), không cho bài viết.', "template")
    elif template and template not in PAGE_TEMPLATES:
        valid = ", ".join(PAGE_TEMPLATES)
        err("bad-template", f'Mẫu trang "{template}" không có; các mẫu hợp lệ: {valid}.', "template")
    errors += summary_media_errors(meta.get("summary", ""), source, lines.get("summary"))
    errors += date_errors(meta, lines, source)
    if "slug" in meta and not is_slug(meta["slug"].strip()):
        err("bad-slug", f'Đường dẫn "{meta["slug"]}" chỉ được gồm chữ thường không dấu, số và dấu "-".', "slug")
    return errors


# Elements that make a reader's browser or feed reader fetch something as soon as the text is shown.
_EMBEDDING_TAGS = frozenset({"img", "picture", "source", "video", "audio", "svg", "image", "iframe", "object", "embed"})
_EMBEDDING_ATTRIBUTES = ("src", "srcset", "href", "xlink:href", "data", "poster")


class _Embeds(HTMLParser):
    """The embedding elements of a fragment and the address each loads (empty when it names none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _EMBEDDING_TAGS or (tag == "input" and dict(attrs).get("type") == "image"):
            values = dict(attrs)
            url = next((values[a] or "" for a in _EMBEDDING_ATTRIBUTES if values.get(a)), "")
            self.found.append((tag, url.strip()))


def is_remote_url(url: str) -> bool:
    """An address on another host: a scheme (``https:``, ``http:``) or protocol-relative (``//host``)."""
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})", url.strip(), re.IGNORECASE))


def summary_media_errors(summary: str, source: str | Path, line: int | None) -> list[ContentError]:
    """Images and other embedded media in ``Summary:`` are refused, naming the line.

    The summary goes as text into cards, the meta description, JSON-LD and every
    feed; an image there is at best dropped and at worst a tracker that every feed
    reader loads (a remote ``![](https://…)`` or ``<img>``). Refused rather than
    silently removed: the editor sees why the summary differs from what they
    wrote, and fixes one line (photos belong in the body, the card uses Cover:).
    Shared by the reader and ``make check`` (same rule, same words); html_policy
    also strips any image from summaries, as a second line of defence.
    """
    if "<" not in summary and "![" not in summary:
        return []
    parser = _Embeds()
    parser.feed(markdown.markdown(summary))
    parser.close()
    located = [(tag, url) for tag, url in parser.found if url] or parser.found[:1]
    return [_summary_media_error(tag, url, source, line) for tag, url in located]


def _summary_media_error(tag: str, url: str, source: str | Path, line: int | None) -> ContentError:
    if is_remote_url(url):
        message = (
            f'Dòng "Summary:" (tóm tắt) chứa ảnh lấy từ trang web khác ("{url}"): tóm tắt đi vào tin RSS/Atom,'
            " thẻ tin và mô tả trang, nên mọi người đọc sẽ tải ảnh đó từ máy chủ lạ (có thể dùng để theo dõi)."
            " Hãy xóa ảnh khỏi tóm tắt; ảnh đặt trong thân bài, ảnh đại diện ghi ở dòng Cover:."
        )
        return ContentError("summary-remote-image", message, source, line)
    shown = f'"{url}"' if url else f"<{tag}>"
    message = (
        f'Dòng "Summary:" (tóm tắt) chứa ảnh hoặc nội dung nhúng {shown}: tóm tắt chỉ là chữ.'
        " Hãy xóa khỏi tóm tắt; ảnh đặt trong thân bài, ảnh đại diện ghi ở dòng Cover:."
    )
    return ContentError("summary-image", message, source, line)


# The longest address part (slug) made from an editor's words: a tag, an author, a folder, a page title.
# A slug becomes a folder name of the output (the/<slug>/index.html); most file systems stop at 255 bytes,
# so 200 ASCII characters leave room for a suffix; real folder names stay under 130.
MAX_SLUG_LENGTH = 200


def _names_without_slug(meta: dict[str, str], lines: dict[str, int], source: str | Path) -> list[ContentError]:
    """Tags and authors that give no usable address: empty (only markup or punctuation) or too long."""
    names = {"tags": split_list(meta.get("tags", "")), "author": [meta.get("author", "").strip()]}
    errors = []
    for key, values in names.items():
        for name in (n for n in values if n):
            if not slugify(name):
                message = f'{KNOWN_KEYS[key].capitalize()} "{name}" không có chữ hay số nào để làm đường dẫn.'
                errors.append(ContentError(f"bad-{key}", message, source, lines.get(key)))
            elif len(slugify(name)) > MAX_SLUG_LENGTH:
                errors.append(_too_long(KNOWN_KEYS[key], name, source, lines.get(key)))
    return errors


def _too_long(what: str, name: str, source: str | Path, line: int | None) -> ContentError:
    shown = name if len(name) <= 60 else name[:60] + "…"
    return ContentError(
        "address-too-long",
        f"{what.capitalize()} “{shown}” quá dài để làm đường dẫn ({len(slugify(name))} ký tự,"
        f" tối đa {MAX_SLUG_LENGTH}). Hãy viết ngắn gọn hơn.",
        source,
        line,
    )


def check_file(
    text: str,
    meta: dict[str, str],
    lines: dict[str, int],
    source: str | Path,
    *,
    is_page: bool,
    folder_slug: str | None = None,
) -> list[ContentError]:
    """Every rule that needs only this one Markdown file: the reader and ``make check`` both call this.

    ``text`` is the decoded file (NFC), ``meta``/``lines`` what the meta
    extension and ``as_pelican_header`` read from it, ``folder_slug`` the slug
    PATH_METADATA takes from an article's folder name (None for pages).
    """
    errors = header_problems(text, source)
    errors += check_metadata(meta, lines, source, is_page=is_page)
    slug = meta.get("slug", "").strip()
    if slug:
        if len(slug) > MAX_SLUG_LENGTH:
            errors.append(_too_long(KNOWN_KEYS["slug"], slug, source, lines.get("slug")))
    elif folder_slug is not None:
        errors += folder_slug_problems(folder_slug, source)
    elif len(slugify(meta.get("title", ""))) > MAX_SLUG_LENGTH:  # no folder: the address comes from the title
        errors.append(_too_long("Tiêu đề trang" if is_page else "Tiêu đề", meta["title"], source, lines.get("title")))
    return errors


def folder_slug_problems(slug: str, source: str | Path) -> list[ContentError]:
    """An article folder's name is its address: lower-case ASCII, digits and "-", not too long.

    Pelican would publish "Hội nghị" at a non-ASCII address with a space in it.
    """
    if not is_slug(slug):
        return [
            ContentError(
                "bad-folder-slug",
                f'Tên thư mục bài viết "{slug}" phải là chữ thường không dấu, số và dấu "-"'
                f' (ví dụ: "{slugify(slug)}"). Hãy đổi tên thư mục.',
                source,
            )
        ]
    if len(slug) > MAX_SLUG_LENGTH:
        return [_too_long("Tên thư mục bài viết", slug, source, None)]
    return []


# Problems of the text's form that the build repairs by itself (it reads NFC, strips spaces): notices,
# printed by `make check` and logged by the build, never failing either.
NOTICE_KEYS = frozenset({"not-nfc", "trailing-space-in-metadata"})


def text_form_notices(original: str, source: str | Path, body_start: int) -> list[ContentError]:
    """Lines in decomposed Unicode (NFD) and metadata lines with trailing spaces, from the text as saved.

    Why notices, not errors: NFD is what macOS and some keyboards write and
    looks the same; the build normalises it to NFC (``read_source_text``) and
    strips metadata values, so the published page is right either way. The
    editor is told, so the repository's text can be searched reliably too.
    """
    notices = []
    for number, line in enumerate(original.split("\n"), start=1):
        if not is_nfc(line):
            notices.append(
                ContentError(
                    "not-nfc",
                    "Ghi chú: dòng này có chữ tiếng Việt ở dạng dấu rời (tổ hợp, NFD), thường do máy Mac,"
                    " dán từ Word/PDF hoặc bộ gõ đặt sai. Trang đăng lên đã được chuyển về dạng dựng sẵn;"
                    " nên gõ lại dòng này bằng Unicode dựng sẵn để tìm kiếm trong tệp được đúng.",
                    source,
                    number,
                )
            )
        if number < body_start and line.strip() not in ("", "---") and line != line.rstrip():
            notices.append(
                ContentError(
                    "trailing-space-in-metadata",
                    "Ghi chú: dòng thông tin đầu bài có khoảng trắng thừa ở cuối dòng (đã được bỏ qua); nên xóa đi.",
                    source,
                    number,
                )
            )
    return notices


def body_start_line(text: str) -> int:
    """The 1-based line where the body starts: after YAML front matter or after the header's blank line."""
    lines = text.split("\n")
    if yaml_front_matter(text) is not None:
        return next(n for n, line in enumerate(lines[1:], start=2) if line.strip() in ("---", "...")) + 1
    header = header_entries(text)
    if not header:
        return 1
    last = header[-1][1]
    ends = ("", "---", "...")  # a blank line, or the closing fence of a "---" header
    return next((n for n, line in enumerate(lines, start=1) if n > last and line.strip() in ends), len(lines)) + 1


def load_site_data(path: Path) -> SiteData:
    """Read the site data file; a syntax error or a bad category names file and line."""
    try:
        text = read_source_text(path.read_bytes(), path)
    except FileNotFoundError:
        raise ContentError(
            "missing-site-data", "Không tìm thấy tệp dữ liệu trang (danh sách chuyên mục).", path
        ) from None
    data, lines = parse_toml(text, path, "bad-site-data")
    categories = []
    for index, entry in enumerate(data.get("categories", [])):
        name, slug = nfc(entry.get("name", "")).strip(), entry.get("slug", "").strip()
        if not name or not is_slug(slug):
            line = line_of(lines, ("categories", index))
            raise ContentError("bad-category", f"Chuyên mục cần có name và slug ASCII hợp lệ: {entry!r}", path, line)
        categories.append(Category(name, slug, nfc(entry.get("description", ""))))
    raise_if_any(duplicate_category_errors(categories, lines, path))
    return SiteData(tuple(categories), data.get("site", {}), path, data, lines)


def _name_key(name: str) -> str:
    """A category name as readers and ``Category:`` lines compare it: NFC, case folded, spaces collapsed."""
    return " ".join(nfc(name).casefold().split())


def duplicate_category_errors(
    categories: list[Category], lines: dict[KeyPath, int], source: str | Path
) -> list[ContentError]:
    """Two ``[[categories]]`` with one slug, or one name up to case and spacing: Pelican would merge them silently.

    Each later entry is named on its own ``slug``/``name`` line (``toml_lines``); names
    that differ only by diacritics are different words in Vietnamese and stay apart.
    """
    errors = []
    by_slug: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, category in enumerate(categories):
        first_slug = by_slug.setdefault(category.slug, index)
        first_name = by_name.setdefault(_name_key(category.name), index)
        if first_slug != index:
            other = categories[first_slug]
            message = (
                f'Chuyên mục "{category.name}" có đường dẫn (slug) "{category.slug}" trùng với chuyên mục'
                f' "{other.name}" (dòng {line_of(lines, ("categories", first_slug, "slug"))}): hai chuyên mục sẽ'
                " bị gộp làm một. Hãy đặt slug khác cho một trong hai."
            )
            line = line_of(lines, ("categories", index, "slug"))
            errors.append(ContentError("duplicate-category-slug", message, source, line))
        elif first_name != index:
            other = categories[first_name]
            message = (
                f'Tên chuyên mục "{category.name}" trùng với chuyên mục "{other.name}"'
                f" (dòng {line_of(lines, ('categories', first_name, 'name'))}; chỉ khác chữ hoa hay dấu cách):"
                ' dòng "Category:" của bài viết không phân biệt được hai chuyên mục. Hãy đổi tên một trong hai.'
            )
            line = line_of(lines, ("categories", index, "name"))
            errors.append(ContentError("duplicate-category-name", message, source, line))
    return errors


# Settings whose value is a place in the output: Pelican's *_URL/*_SAVE_AS and feeds, plugins' folders.
_OUTPUT_KEY_ENDINGS = ("_URL", "_SAVE_AS", "_ATOM", "_RSS", "_SAVE_DIR", "_OUTPUT_DIR")
_TEMPLATE_FIELD = re.compile(r"\\\{[A-Za-z_:%]+\\\}")


def plugin_defaults() -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Every plugin's and tool's setting defaults, and the ``OUTPUT_SECTIONS`` folders some declare.

    The output folders of plugins (figures' ``anh/``, the web editor's ``admin/``,
    the documents' ``van-ban/``) are their settings' defaults unless pelicanconf.py
    overrides them; Pagefind's ``pagefind/`` is no setting, so tools/search_index
    declares it. The search index runs after Pelican and is not in PLUGINS, so every
    ``settings`` module of ``plugins/`` and ``tools/`` is read, found by name (the
    one place a plugin reads a tool's module: a page must not take any output folder
    of the whole pipeline). No Pelican import.
    """
    import dataclasses
    import importlib
    import pkgutil

    defaults: dict[str, Any] = {}
    sections: list[tuple[str, str]] = []
    for package in ("plugins", "tools"):
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            try:
                settings = importlib.import_module(f"{package}.{module.name}.settings")
            except ModuleNotFoundError:
                continue
            if hasattr(settings, "Settings"):
                defaults.update(dataclasses.asdict(settings.Settings()))
            sections += [(f"{package}.{module.name}", folder) for folder in getattr(settings, "OUTPUT_SECTIONS", ())]
    return defaults, sections


def output_locations(settings: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(setting, value) for every place the build writes to, plugins' defaults and sections included."""
    defaults, found = plugin_defaults()
    for key, value in {**defaults, **settings}.items():
        values = value if key == "STATIC_PATHS" else [value]
        if key in {"STATIC_PATHS", "THEME_STATIC_DIR"} or key.endswith(_OUTPUT_KEY_ENDINGS):
            found += [(key, v.lstrip("/")) for v in values if isinstance(v, str) and v and "://" not in v]
    return found


def reserved_slugs(settings: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Slugs a ``prefix`` object ("PAGE", "CATEGORY") may not take: slug → the setting whose place it would take.

    For a pattern that starts with the slug (``PAGE_URL = "{slug}/"``) every section
    of the site is taken (``van-ban``, ``admin``, ``anh``, ``feeds``...). For one
    inside a section (``CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"``) the slugs
    that would write a fixed file of another setting (``all``: ``FEED_ALL_ATOM``).
    Derived from the settings, so a new section or a renamed URL is covered at once.
    """
    locations = output_locations(settings)
    templates = [
        value
        for key, value in settings.items()
        if key.startswith(f"{prefix}_") and isinstance(value, str) and "{slug}" in value
    ]
    reserved: dict[str, str] = {}
    for template in templates:
        if template.startswith("{slug}"):
            for key, value in locations:
                first = value.split("/")[0]
                if "{" not in first and is_slug(first) and not key.startswith(f"{prefix}_"):
                    reserved.setdefault(first, key)
            continue
        escaped = re.escape(template).replace(re.escape("{slug}"), "(?P<slug>[a-z0-9-]+)", 1)
        pattern = _TEMPLATE_FIELD.sub("[^/]*", escaped)
        for key, value in locations:
            match = re.fullmatch(pattern, value) if "{" not in value else None
            if match and not key.startswith(f"{prefix}_"):
                reserved.setdefault(match["slug"], key)
    return reserved


def reserved_slug_error(
    slug: str, reserved: Mapping[str, str], what: str, fix: str, source: str | Path, line: int | None
) -> ContentError | None:
    """The error for ``slug`` when it is one of ``reserved`` (``reserved_slugs``), else None; ``fix`` says where."""
    if slug not in reserved:
        return None
    names = ", ".join(sorted(reserved))
    return ContentError(
        "reserved-slug",
        f'Đường dẫn "{slug}" của {what} trùng với một mục có sẵn của trang ({reserved[slug]}): {what} sẽ chiếm'
        f" chỗ của mục đó. Hãy đặt đường dẫn khác ({fix}). Các đường dẫn dành riêng: {names}.",
        source,
        line,
    )


def page_slug_errors(
    meta: dict[str, str], lines: dict[str, int], source: str | Path, reserved: Mapping[str, str]
) -> list[ContentError]:
    """A page whose slug (``Slug:``, else its title's) would take over a section of the site."""
    given = meta.get("slug", "").strip()
    slug = given or slugify(meta.get("title", ""))
    fix = "dòng Slug:" if given else "thêm dòng Slug: hoặc đổi tiêu đề"
    error = reserved_slug_error(slug, reserved, "trang", fix, source, lines.get("slug" if given else "title"))
    return [error] if error else []


def category_slug_errors(site: SiteData, reserved: Mapping[str, str]) -> list[ContentError]:
    """Categories in site.toml whose slug would write over a fixed file of the site (a feed, say)."""
    errors = []
    for index, category in enumerate(site.categories):
        line = line_of(site.lines, ("categories", index, "slug"))
        source = site.source or "data/site.toml"
        error = reserved_slug_error(category.slug, reserved, "chuyên mục", 'dòng slug = "…"', source, line)
        if error:
            errors.append(error)
    return errors


@dataclass(frozen=True)
class ThemeIds:
    """The ``id`` values the theme's templates give elements: exact ones, and prefixes of generated ones."""

    exact: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def taken(self, value: str) -> bool:
        return value in self.exact or value.startswith(self.prefixes)


_TEMPLATE_ID = re.compile(r'\bid="(?P<value>[^"]*)"')
_JINJA_DEFAULT = re.compile(r"""default\(\s*['"](?P<value>[^'"]+)['"]""")


def theme_ids(templates: Path) -> ThemeIds:
    """Every ``id="…"`` in the theme's templates (``theme/templates/**.html``), read from the files themselves.

    ``id="main"`` is exact; ``id="section-{{ slug }}"`` gives the prefix ``section-``;
    ``{{ form_id|default('search-q') }}`` its default. An id wholly computed
    (``{{ unit.slug }}``, organisation pages) has neither and is left out.
    """
    exact: set[str] = set()
    prefixes: set[str] = set()
    for path in sorted(templates.rglob("*.html")):
        for match in _TEMPLATE_ID.finditer(path.read_text(encoding="utf-8")):
            value = match["value"]
            literal = re.split(r"\{[{%#]", value, maxsplit=1)[0]
            if literal == value:
                exact.add(value)
            elif literal:
                prefixes.add(literal)
            exact.update(m["value"] for m in _JINJA_DEFAULT.finditer(value))
    return ThemeIds(frozenset(exact), tuple(sorted(prefixes)))


# Python-Markdown's attr_list: "{: #id .class key=value }" or "{#id}" after a block or inline element.
_ATTR_LIST = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n ][^}\n]*)[ ]*\}")
_ATTR_ID = re.compile(
    r"""(?:^|\s)#(?P<hash>[^\s}#.]+)|(?:^|\s)id=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+))"""
)
_HTML_START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_HTML_ID = re.compile(r"""\bid\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>"']+))""", re.IGNORECASE)


def editor_ids(text: str) -> list[tuple[int, str]]:
    """(line, id) for every ``id`` an editor's Markdown gives an element: attribute lists and raw HTML.

    Fenced code and inline code are skipped (examples there are shown, not applied).
    """
    found = []
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = re.sub(r"`[^`]*`", "", line)
        for block in _ATTR_LIST.finditer(visible):
            found += [(number, _group(m)) for m in _ATTR_ID.finditer(block["attrs"])]
        for tag in _HTML_START_TAG.finditer(visible):
            # Entities are decoded as the browser (and html_policy's nh3) will: id="&#109;ain" is "main".
            found += [(number, html.unescape(_group(m))) for m in _HTML_ID.finditer(tag[0])]
    return found


def _group(match: re.Match[str]) -> str:
    """The one named group of an alternation that matched."""
    return next(value for value in match.groupdict().values() if value is not None)


def editor_id_errors(text: str, theme: ThemeIds, source: str | Path) -> list[ContentError]:
    """Ids in an article or page that the theme gives its own elements (``id="main"`` is the skip link's target).

    Two elements with one id: the skip link, the search box's label and in-page
    links land on the editor's element, or nowhere. Refused, not renamed: the
    editor's own links to ``#main`` would break silently.
    """
    return [
        ContentError(
            "theme-id",
            f'Mã "#{value}" (id) đã được giao diện trang dùng cho phần tử của nó (ví dụ #main là đích của liên kết'
            ' "Bỏ qua đến nội dung chính"). Hãy đặt tên khác, ví dụ "#muc-' + slugify(value) + '".',
            source,
            number,
        )
        for number, value in editor_ids(text)
        if theme.taken(value)
    ]


_FENCE = re.compile(r"^\s*(```|~~~)")
_RAW_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
_NESTING_MARK = re.compile(r"^(?P<indent>[ \t]*)(?P<quotes>(?:>\s*)*)(?:[-*+]|\d+[.)])\s|^(?P<bq>(?:>\s*)+)")


def check_body(text: str, source: str | Path, *, max_bytes: int, max_nesting: int) -> list[ContentError]:
    """Problems in the body's structure that Markdown would choke on, with lines."""
    size = len(text.encode())
    if size > max_bytes:
        return [
            ContentError(
                "too-large",
                f"Bài viết quá lớn ({size // 1000} KB, tối đa {max_bytes // 1000} KB). Có thể bạn đã dán ảnh hoặc"
                " cả tài liệu vào bài; hãy đưa ảnh thành tệp riêng.",
                source,
            )
        ]
    for number, line in enumerate(text.split("\n"), start=1):
        if _nesting_level(line) > max_nesting:
            return [
                ContentError(
                    "too-deep",
                    f"Danh sách hoặc trích dẫn lồng nhau quá {max_nesting} cấp; hãy bớt cấp lồng.",
                    source,
                    number,
                )
            ]
    return []


def _nesting_level(line: str) -> int:
    match = _NESTING_MARK.match(line)
    if not match:
        return 0
    indent = (match["indent"] or "").replace("\t", "    ")
    quotes = (match["quotes"] or match["bq"] or "").count(">")
    return len(indent) // 4 + quotes


def body_of(text: str) -> tuple[str, int]:
    """The body (after the header's first blank line) and the file line it starts on."""
    header, blank, body = text.partition("\n\n")
    if not blank:
        return "", text.count("\n") + 1
    return body, header.count("\n") + 3


def first_raw_html_line(body: str, first_line: int) -> int | None:
    """The line of the first raw HTML tag outside code, or None.

    Editors write Markdown; HTML pasted from Word or a web page brings styles
    and scripts. It is cleaned anyway (html_policy), but the editor is told,
    and a production build refuses it.
    """
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        if _RAW_HTML_TAG.search(re.sub(r"`[^`]*`", "", line)):
            return first_line + offset
    return None


def typographer(ignore_tags: list[str], omit_filters: list[str], dashes: str) -> Callable[[str], str]:
    """typogrify set up as Pelican sets it up from its ``TYPOGRIFY_*`` settings.

    Why our reader applies it rather than Pelican (``TYPOGRIFY = False``,
    ``CONTENT_MODEL_TYPOGRIFY = True``): Pelican runs typogrify *after* its
    content cache, on every article of every build, about a millisecond each;
    done by the reader, the result is cached with the article and computed on
    every core by the build_cache plugin's parallel reading.
    """
    dash_styles = {"oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3}
    # &quot; entities become smart quotes too, as Pelican asks of smartypants.
    smartypants.Attr.default = dash_styles.get(dashes, smartypants.Attr.set1) | smartypants.Attr.w
    omitted = dict.fromkeys(omit_filters, False)
    return lambda text: typogrify(text, ignore_tags, **omitted)
