"""The documents section ("Văn bản") as plain Python: schema, validation, attachments, listings.

Nothing here imports Pelican: the generator (hooks.py), ``make check`` and the unit
tests call these functions directly.

Why a content type of our own rather than articles with extra fields: a resolution
or directive has a number/symbol, an issuing body, an issue and an effective date
and an attached file, but no author, category or news date; mixing them into the
article schema would weaken every check on news articles and put documents into
news feeds and archives. Each document is one folder
(``van-ban/YYYY/<slug>/index.md`` + the PDF/DOCX beside it).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from markdown import Markdown

from plugins.common.errors import ContentError
from plugins.common.paths import outside_content
from plugins.content_model.core import (
    EARLIEST_DATE,
    header_lines,
    header_problems,
    portal_now,
    read_source_text,
    shown_date,
    unknown_and_missing_keys,
)
from plugins.documents import sanitise
from plugins.vi_text.core import is_slug, nfc

# Every metadata key of a document, with the Vietnamese name used in messages.
KNOWN_KEYS: dict[str, str] = {
    "title": "trích yếu (tên văn bản)",
    "number": "số, ký hiệu",
    "type": "loại văn bản",
    "issuer": "cơ quan ban hành",
    "issued": "ngày ban hành",
    "effective": "ngày hiệu lực",
    "signer": "người ký",
    "attachment": "tệp đính kèm",
    "summary": "tóm tắt",
    "sample": "văn bản mẫu",
}
REQUIRED = ("title", "number", "type", "issuer", "issued", "attachment")
# Folder names the section's own listing pages use; a document there would collide with them.
RESERVED_SLUGS = frozenset({"loai", "nam", "tep", "trang"})
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_YES = {"yes", "true", "1", "có", "co"}

# Party documents (Quy định 66-QĐ/TW): "15-NQ/ĐUK", "123-KH/BTGTU", "02-KL/TW".
# State documents (Nghị định 30/2020/NĐ-CP): "13/2018/NĐ-CP", "45/QĐ-UBND".
_PARTY_NUMBER = re.compile(
    r"(?P<n>\d{1,5})-(?P<abbr>[A-ZĐ][A-Za-zĐđ]{0,5})/(?P<issuer>[A-ZĐ0-9]{1,12}(?:-[A-ZĐ0-9]{1,12})*)"
)
_STATE_NUMBER = re.compile(
    r"(?P<n>\d{1,5})/(?:\d{4}/)?(?P<abbr>[A-ZĐ][A-Za-zĐđ]{0,5})-(?P<issuer>[A-ZĐ0-9]{1,12}(?:-[A-ZĐ0-9]{1,12})*)"
)


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: Vietnamese name, ASCII slug, the abbreviation its number carries (NQ, CT…)."""

    name: str
    slug: str
    abbreviation: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Attachment:
    """The file a document page offers for download, already stripped of personal metadata."""

    source: Path
    data: bytes
    extension: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:12]

    def published_name(self, slug: str) -> str:
        """``<slug>.<hash>.<ext>``: readable, and a new name whenever the content changes."""
        return f"{slug}.{self.digest}.{self.extension}"

    @property
    def size_label(self) -> str:
        return human_size(len(self.data))

    @property
    def format_label(self) -> str:
        return self.extension.upper()


@dataclass(frozen=True)
class Document:
    """One document as the templates use it (URLs are filled in by the generator)."""

    source: Path
    slug: str
    title: str
    number: str
    type: DocumentType
    issuer: str
    issued: date
    effective: date | None
    signer: str
    summary: str
    content: str
    attachment: Attachment
    sample: bool = False
    url: str = ""  # site-relative addresses, set by the generator from DOCUMENTS_* settings
    file_url: str = ""

    @property
    def year(self) -> int:
        return self.issued.year

    @property
    def download_name(self) -> str:
        """What the browser saves the file as: the number/symbol in ASCII ("15-nq-duk.pdf")."""
        return f"{document_file_stem(self.number)}.{self.attachment.extension}"


def document_file_stem(number: str) -> str:
    """ "15-NQ/ĐUK" → "15-nq-duk": a file name any operating system accepts."""
    folded = nfc(number).replace("Đ", "D").replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def human_size(size: int) -> str:
    """A byte count as Vietnamese readers write it: "350 KB", "1,2 MB" (decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def load_document_types(data_file: Path) -> tuple[DocumentType, ...]:
    """The ``[[documents.types]]`` of the site data file; a bad entry names the file."""
    data = tomllib.loads(read_source_text(data_file.read_bytes(), data_file))
    types = []
    for entry in data.get("documents", {}).get("types", []):
        name, slug, abbr = nfc(entry.get("name", "")).strip(), entry.get("slug", ""), entry.get("abbreviation", "")
        if not name or not is_slug(slug) or not abbr:
            raise ContentError(
                "bad-document-type", f"Loại văn bản cần có name, slug ASCII và abbreviation: {entry!r}", data_file
            )
        types.append(DocumentType(name, slug, nfc(abbr)))
    return tuple(types)


def document_sources(folder: Path) -> Iterator[Path]:
    """Every ``index.md`` below the documents folder, in a stable order."""
    if folder.is_dir():
        yield from sorted(folder.rglob("index.md"))


def parse_date(value: str) -> date:
    """A calendar date: ``2024-03-15`` (recommended), ``15-03-2024`` or ``15/03/2024`` (day first)."""
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f'Ngày "{value}" không hợp lệ. Hãy viết theo mẫu năm-tháng-ngày, ví dụ: 2024-03-15')


def split_header(text: str) -> tuple[dict[str, str], dict[str, int], str]:
    """Raw metadata (lower-case keys), the line of each key, and the Markdown body."""
    md = Markdown(extensions=["markdown.extensions.meta"])
    md.convert(text)
    meta = {key.lower(): " ".join(v.strip() for v in values).strip() for key, values in md.Meta.items()}
    _, blank, body = text.partition("\n\n")
    return meta, header_lines(text), body if blank else ""


def check_number(number: str, doc_type: DocumentType | None) -> str | None:
    """Why ``number`` is not a valid number/symbol for ``doc_type``, or None when it is."""
    match = _PARTY_NUMBER.fullmatch(number) or _STATE_NUMBER.fullmatch(number)
    if not match:
        return (
            f'Số, ký hiệu "{number}" không đúng thể thức. Văn bản của Đảng viết như "15-NQ/ĐUK"'
            ' (số - chữ viết tắt loại văn bản / cơ quan ban hành); văn bản nhà nước như "13/2018/NĐ-CP".'
        )
    if doc_type and match["abbr"] != doc_type.abbreviation:
        return (
            f'Số, ký hiệu "{number}" mang chữ viết tắt "{match["abbr"]}", nhưng loại văn bản là'
            f' "{doc_type.name}" (viết tắt "{doc_type.abbreviation}"). Hãy sửa số, ký hiệu hoặc loại văn bản.'
        )
    return None


def find_type(name: str, types: Iterable[DocumentType]) -> DocumentType | None:
    return next((t for t in types if t.name == name), None)


def check_metadata(
    meta: dict[str, str], lines: dict[str, int], source: Path, types: tuple[DocumentType, ...]
) -> list[ContentError]:
    """Every schema problem of one document except the attachment file itself."""
    errors: list[ContentError] = []

    def err(key: str, message: str, meta_key: str | None) -> None:
        errors.append(ContentError(key, message, source, lines.get(meta_key) if meta_key else None))

    errors += unknown_and_missing_keys(meta, lines, source, known=KNOWN_KEYS, required=REQUIRED, kind="document")
    doc_type = find_type(meta.get("type", ""), types)
    if meta.get("type") and doc_type is None:
        names = ", ".join(t.name for t in types)
        err(
            "unknown-document-type",
            f'Loại văn bản "{meta["type"]}" không có trong content/data/site.toml: {names}.',
            "type",
        )
    if meta.get("number") and (problem := check_number(meta["number"], doc_type)):
        err("bad-document-number", problem, "number")
    dates = {}
    for key in ("issued", "effective"):
        if meta.get(key):
            try:
                dates[key] = parse_date(meta[key])
            except ValueError as exc:
                err(f"bad-document-{key}", str(exc), key)
    errors += document_date_errors(dates, lines, source)
    if "issued" in dates and "effective" in dates and dates["effective"] < dates["issued"]:
        err(
            "effective-before-issued",
            f"Ngày hiệu lực ({shown_date(dates['effective'])}) trước ngày ban hành ({shown_date(dates['issued'])}):"
            " văn bản không thể có hiệu lực trước khi được ban hành.",
            "effective",
        )
    return errors


def document_date_errors(
    dates: dict[str, date], lines: dict[str, int], source: Path, *, today: date | None = None
) -> list[ContentError]:
    """Issue and effective dates that parse but cannot be right.

    Not before 1930 (``EARLIEST_DATE``: no Party document is older), and an issue date
    not after today: documents have no schedule (unlike articles), so a document
    "issued" in 2099 would be published at once, dated in the future. ``today`` is the
    portal's date (UTC+7), not the build machine's.
    """
    today = today or portal_now().date()
    errors = []
    for key, value in dates.items():
        name = KNOWN_KEYS[key]
        if value < EARLIEST_DATE:
            message = (
                f"{name.capitalize()} {shown_date(value)} sớm hơn ngày thành lập Đảng ({shown_date(EARLIEST_DATE)}):"
                " chắc là gõ nhầm năm. Hãy sửa lại năm (viết đủ bốn chữ số)."
            )
            errors.append(ContentError(f"implausible-document-{key}", message, source, lines.get(key)))
        elif key == "issued" and value > today:
            message = (
                f"Ngày ban hành {shown_date(value)} còn ở tương lai (hôm nay là {shown_date(today)}): văn bản đăng ngay"
                " khi dựng trang, nên không thể ban hành sau hôm nay. Hãy kiểm tra lại ngày, tháng, năm."
            )
            errors.append(ContentError("implausible-document-issued", message, source, lines.get(key)))
    return errors


def attachment_path(reference: str, folder: Path) -> Path:
    """The attachment named in the metadata; only a file in the document's own folder is allowed."""
    name = reference.strip()
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f'Tệp đính kèm "{name}" phải nằm ngay trong thư mục của văn bản (chỉ ghi tên tệp).')
    return folder / name


def read_attachment(path: Path, formats: tuple[str, ...], max_bytes: int) -> Attachment:
    """The attachment's bytes with author/producer/XMP metadata removed; ValueError says why not."""
    extension = path.suffix.lower().lstrip(".")
    if extension not in formats:
        raise ValueError(f'Tệp "{path.name}" có định dạng không được nhận; chỉ nhận: {", ".join(formats).upper()}.')
    if not path.is_file():
        raise FileNotFoundError(f'Không tìm thấy tệp đính kèm "{path.name}" trong thư mục của văn bản.')
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(f'Tệp "{path.name}" nặng {human_size(size)}, vượt giới hạn {human_size(max_bytes)}.')
    raw = path.read_bytes()
    stripped = strip_pdf(raw, path.name) if extension == "pdf" else strip_docx(raw, path.name)
    return Attachment(path, stripped, extension)


# Zip bombs: a DOCX inflating past either limit is refused before it is unpacked (a real one is a few MB,
# at most ~20 times its compressed size; images inside are stored at about 1:1).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_INFLATION = 100


def strip_pdf(data: bytes, name: str) -> bytes:
    """The PDF as published: no metadata, scripts or automatic actions (``sanitise.sanitise_pdf``)."""
    return sanitise.sanitise_pdf(data, name)


def strip_docx(
    data: bytes, name: str, *, max_unpacked: int = MAX_UNPACKED_BYTES, max_ratio: int = MAX_INFLATION
) -> bytes:
    """The DOCX as published: no people, comments, macros, remote template (``sanitise.sanitise_docx``)."""
    return sanitise.sanitise_docx(data, name, max_unpacked=max_unpacked, max_ratio=max_ratio)


# Files an article or page links with {attach}/{static} (or that lie in STATIC_PATHS) are published through
# the same sanitiser as a document's attachment when they can carry people, comments or code:
LINKED_SANITISED = ("pdf", "docx")
# … and refused when the build cannot clean them (Office formats with macros and authors, archives, programs).
LINKED_REFUSED = frozenset(
    {
        *("doc", "docm", "dot", "dotx", "dotm", "rtf", "odt"),  # word processors
        *("xls", "xlsx", "xlsm", "xlsb", "xlt", "xltx", "ods"),  # spreadsheets
        *("ppt", "pptx", "pptm", "pps", "ppsx", "odp", "odg"),  # presentations
        *("zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "iso", "dmg"),  # archives
        *("exe", "msi", "com", "bat", "cmd", "ps1", "vbs", "jar", "apk"),  # programs
    }
)


# Photos: shown in an article (![…](…), beside it) they go out as the figures plugin's stripped variants;
# a link to the file itself would publish it as it is, with its owner, camera and GPS position.
LINKED_PHOTOS = frozenset({"jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "heic", "heif", "avif", "mpo"})
# Every extension ``linked_file_bytes`` decides on (the rest is published as it is).
LINKED_HANDLED = frozenset(LINKED_SANITISED) | LINKED_REFUSED | LINKED_PHOTOS


def linked_file_bytes(path: Path, max_bytes: int) -> bytes | None:
    """What to publish for a file that pages link to: a PDF/DOCX sanitised, None for a file published as it is.

    Audio and the like return None (published as they are); photos are refused
    (``LINKED_PHOTOS``: shown in a page they are the figures plugin's). A refused
    format, a missing file, one over ``max_bytes``, a zip bomb, tracked changes or
    a password to open raise ``ValueError`` or
    ``FileNotFoundError`` with the reason (``linked_file_error`` words it for
    the editor). The build and ``make check`` both call this: one rule.
    """
    extension = path.suffix.lower().lstrip(".")
    if extension in LINKED_REFUSED:
        raise ValueError(
            f'Tệp "{path.name}" ({extension.upper()}) không được đăng kèm bài: loại tệp này có thể mang tên người'
            " soạn, ghi chú, lịch sử sửa hoặc mã macro mà hệ thống không làm sạch được. Hãy lưu thành PDF"
            " (hoặc DOCX với văn bản Word) rồi dẫn tới tệp mới."
        )
    if extension in LINKED_PHOTOS:
        raise ValueError(
            f'Ảnh "{path.name}" không được đăng dưới dạng tệp tải về: tệp ảnh gốc còn mang tên người chụp, loại máy'
            " và vị trí GPS. Hãy đặt ảnh cạnh bài viết và chèn vào bài bằng ![mô tả](tên-tệp) kèm chú thích."
        )
    if extension not in LINKED_SANITISED:
        return None
    return read_attachment(path, LINKED_SANITISED, max_bytes).data


def linked_file_error(path: Path, max_bytes: int, source: Path | str, line: int | None) -> ContentError | None:
    """``linked_file_bytes``'s refusal as the editor reads it, at the link's file and line; None when publishable."""
    try:
        linked_file_bytes(path, max_bytes)
    except FileNotFoundError as exc:
        return ContentError("missing-attachment", str(exc), source, line)
    except ValueError as exc:
        return ContentError("bad-attachment", str(exc), source, line)
    return None


def read_document(
    source: Path,
    types: tuple[DocumentType, ...],
    *,
    formats: tuple[str, ...],
    max_bytes: int,
    render: Callable[[str], str] | None = None,
    content_root: Path | None = None,
) -> tuple[Document | None, list[ContentError]]:
    """One document folder read and checked; every problem is returned together (None when any).

    ``index.md`` and the attachment must really lie in ``content_root`` (default: the
    document's own folder): a symlink to a file outside the repository is neither
    read, published nor quoted (``plugins.common.paths.outside_content``).
    """
    root = content_root or source.parent
    if outside := outside_content(source, root):
        return None, [outside]
    try:
        text = read_source_text(source.read_bytes(), source)
    except ContentError as exc:
        return None, [exc]
    meta, lines, body = split_header(text)
    errors = header_problems(text, source)  # a key written twice, continuation lines: as for articles
    errors += check_metadata(meta, lines, source, types)
    slug = source.parent.name
    if not is_slug(slug) or slug in RESERVED_SLUGS:
        errors.append(
            ContentError(
                "bad-document-folder",
                f'Tên thư mục "{slug}" phải là chữ thường không dấu, số và "-", và không trùng'
                f" {', '.join(sorted(RESERVED_SLUGS))}.",
                source,
            )
        )
    attachment = None
    if meta.get("attachment"):
        try:
            path = attachment_path(meta["attachment"], source.parent)
            if outside := outside_content(path, root):
                raise outside
            attachment = read_attachment(path, formats, max_bytes)
        except ContentError as exc:
            errors.append(ContentError(exc.key, exc.message, source, lines.get("attachment")))
        except (ValueError, FileNotFoundError) as exc:
            key = "missing-attachment" if isinstance(exc, FileNotFoundError) else "bad-attachment"
            errors.append(ContentError(key, str(exc), source, lines.get("attachment")))
    if errors:
        return None, errors
    document = Document(
        source=source,
        slug=slug,
        title=meta["title"],
        number=meta["number"],
        type=find_type(meta["type"], types),
        issuer=meta["issuer"],
        issued=parse_date(meta["issued"]),
        effective=parse_date(meta["effective"]) if meta.get("effective") else None,
        signer=meta.get("signer", ""),
        summary=meta.get("summary", ""),
        content=render(body) if render and body.strip() else "",
        attachment=attachment,
        sample=meta.get("sample", "").strip().lower() in _YES,
    )
    return document, []


def check_folder(
    folder: Path,
    data_file: Path,
    *,
    formats: tuple[str, ...] = ("pdf", "docx"),
    max_bytes: int = 20 * 1024 * 1024,
    content_root: Path | None = None,
) -> list[ContentError]:
    """Every problem of every document below ``folder`` (for ``make check``), plus duplicate numbers."""
    try:
        types = load_document_types(data_file)
    except ContentError as exc:
        return [exc]
    errors: list[ContentError] = []
    documents = []
    for source in document_sources(folder):
        document, problems = read_document(
            source, types, formats=formats, max_bytes=max_bytes, content_root=content_root or folder
        )
        errors += problems
        if document:
            documents.append(document)
    return errors + duplicate_numbers(documents)


def sample_sources(folder: Path) -> set[Path]:
    """The documents marked ``Sample: yes`` below ``folder`` (from their headers only; resolved paths).

    A production build leaves them out, as it leaves sample articles out: ``make
    check`` needs them to name a link to one, as the build does.
    """
    found = set()
    for source in document_sources(folder):
        header = source.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").split("\n\n", 1)[0]
        for line in header.split("\n"):
            key, _, value = line.partition(":")
            if key.strip().lower() == "sample" and value.strip().lower() in _YES:
                found.add(source.resolve())
    return found


def duplicate_numbers(documents: Iterable[Document]) -> list[ContentError]:
    """Two documents with one number/symbol: one of them is a copy or a typo."""
    seen: dict[str, Document] = {}
    errors = []
    for document in documents:
        first = seen.setdefault(document.number, document)
        if first is not document:
            errors.append(
                ContentError(
                    "duplicate-document-number",
                    f'Số, ký hiệu "{document.number}" đã dùng cho văn bản {first.source}.',
                    document.source,
                )
            )
    return errors


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """Issue date descending, then number: the order a documents register is read in."""
    return sorted(documents, key=lambda d: (-d.issued.toordinal(), d.number))


def by_type(documents: list[Document], types: tuple[DocumentType, ...]) -> list[tuple[DocumentType, list[Document]]]:
    """Each type that has documents, in the data file's order, with its documents (order kept)."""
    groups = [(t, [d for d in documents if d.type == t]) for t in types]
    return [(t, docs) for t, docs in groups if docs]


def by_year(documents: list[Document]) -> list[tuple[int, list[Document]]]:
    """Each year that has documents, newest first, with its documents (order kept)."""
    years = sorted({d.year for d in documents}, reverse=True)
    return [(year, [d for d in documents if d.year == year]) for year in years]
