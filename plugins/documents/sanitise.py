"""Attachments on the way out: what a published PDF or DOCX must not carry (issue #23, leaks).

Plain Python, no Pelican import. A Word export or a scan keeps the clerk's
name, reviewers' names and comments, tracked changes, the company, the
template's network path; a crafted file may carry document-level JavaScript,
automatic actions, VBA macros or a remote template fetched when it is opened.
Every function raises ``ValueError`` with a Vietnamese reason an editor can act on.

PDF: pikepdf (qpdf) edits the object tree and keeps the text layer, fonts and
pages untouched (no rasterising: legal documents must stay searchable and
selectable). A file with only an owner password (printing/copying limits) opens
without a password and is published unencrypted; one that needs a password to
open is refused.

DOCX: the OOXML zip is rewritten part by part (python-docx would re-save every
part): personal properties, comments, people, macros and their relationships go,
comment anchors are removed from the text, an attached template is unlinked,
other external links than hyperlinks and tracked changes are refused (the
editor accepts or rejects them in Word: publishing either version silently
would be a choice the build cannot make). Sizes are capped before anything is
inflated (zip bombs).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from xml.etree import ElementTree

import pikepdf

# --- PDF -----------------------------------------------------------------------------------------------

_ACTION_KEYS = ("/AA", "/OpenAction")
_SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/Rendition"}


def sanitise_pdf(data: bytes, name: str) -> bytes:
    """The PDF without /Info, XMP, document JavaScript, embedded files and automatic or script actions."""
    try:
        pdf = pikepdf.open(BytesIO(data))
    except pikepdf.PasswordError:
        raise ValueError(f'Tệp "{name}" cần mật khẩu để mở; hãy xuất lại PDF không đặt mật khẩu mở.') from None
    except pikepdf.PdfError as exc:
        raise ValueError(
            f'Tệp "{name}" không mở được như một tệp PDF: tệp bị hỏng hoặc không phải PDF ({_short(exc)}).'
            " Hãy xuất lại PDF từ chương trình soạn thảo rồi thay tệp."
        ) from None
    with pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        root = pdf.Root
        for key in ("/Metadata", *_ACTION_KEYS):
            if key in root:
                del root[key]
        if "/Names" in root:
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in root.Names:
                    del root.Names[key]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                _disarm(obj)
        out = BytesIO()
        pdf.save(out, encryption=False, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _disarm(obj: pikepdf.Object) -> None:
    """Remove automatic actions, per-object XMP and script/launch actions from one dictionary (page, annotation…)."""
    for key in (*_ACTION_KEYS, "/Metadata"):
        if key in obj:
            del obj[key]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in _SCRIPT_ACTIONS:
        del obj["/A"]
    if obj.get("/S") in _SCRIPT_ACTIONS:
        for key in ("/JS", "/F", "/Win", "/Mac", "/Unix"):
            if key in obj:
                del obj[key]


def _short(exc: Exception) -> str:
    """The library's first line, without the in-memory stream it names (``stream <_io.BytesIO object at 0x…>:``)."""
    text = re.sub(r"^stream <[^>]*>:\s*", "", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return text[:120]


# --- DOCX ----------------------------------------------------------------------------------------------

# Parts that are about people or code, never about the text.
_DROPPED_PARTS = re.compile(
    r"^(docProps/(app|custom)\.xml|word/(comments[A-Za-z]*|people|vbaData)\.xml|word/vbaProject\.bin"
    r"|word/_rels/vbaProject\.bin\.rels)$"
)
_CORE_KEEP = {"title", "subject", "language"}
_COMMENT_ANCHOR = re.compile(rb"<w:(?:commentRangeStart|commentRangeEnd|commentReference)\b[^>]*/>")
_TRACKED_CHANGE = re.compile(rb"<w:(ins|del|moveFrom|moveTo)\b")
_ATTACHED_TEMPLATE = re.compile(rb"<w:attachedTemplate\b[^>]*/>")
_HYPERLINK = "/hyperlink"
_TEMPLATE = "/attachedTemplate"
_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def sanitise_docx(data: bytes, name: str, *, max_unpacked: int, max_ratio: int) -> bytes:
    """The DOCX without people, comments, macros or remote template; refused with tracked changes or a bomb."""
    try:
        source = zipfile.ZipFile(BytesIO(data))
        infos = source.infolist()
    except zipfile.BadZipFile as exc:
        raise ValueError(
            f'Tệp "{name}" không mở được như một tệp DOCX: tệp bị hỏng hoặc không phải DOCX ({_short(exc)}).'
            " Hãy lưu lại bằng Word (Lưu thành… .docx) rồi thay tệp."
        ) from None
    _check_inflation(infos, len(data), name, max_unpacked, max_ratio)
    try:
        parts = {info.filename: _read_capped(source, info, max_unpacked) for info in infos}
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error) as exc:
        raise ValueError(
            f'Tệp "{name}" không mở được như một tệp DOCX: tệp bị hỏng hoặc không phải DOCX ({_short(exc)}).'
            " Hãy lưu lại bằng Word (Lưu thành… .docx) rồi thay tệp."
        ) from None
    _refuse_tracked_changes(parts, name)
    dropped = {part for part in parts if _DROPPED_PARTS.match(part)}
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            if info.filename in dropped:
                continue
            payload = _clean_part(info.filename, parts[info.filename], dropped, name)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), payload)
    return out.getvalue()


def _check_inflation(infos: list[zipfile.ZipInfo], packed: int, name: str, max_unpacked: int, max_ratio: int) -> None:
    """A zip bomb is refused from the central directory, before anything is inflated."""
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unpacked or unpacked > max_ratio * max(packed, 1):
        raise ValueError(
            f'Tệp "{name}" giải nén ra {unpacked / 1_048_576:.0f} MB (gấp {unpacked / max(packed, 1):.0f} lần tệp nén;'
            f" giới hạn {max_unpacked / 1_048_576:.0f} MB và {max_ratio} lần): không phải văn bản Word thông thường."
            " Hãy mở bằng Word và lưu lại."
        )


def _read_capped(source: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """One part, never more than ``cap`` bytes inflated (the central directory may lie about sizes)."""
    with source.open(info) as stream:
        payload = stream.read(cap + 1)
    if len(payload) > cap:
        raise OSError(f"{info.filename}: lớn bất thường khi giải nén")
    return payload


def _refuse_tracked_changes(parts: dict[str, bytes], name: str) -> None:
    for part, payload in parts.items():
        if part.startswith("word/") and part.endswith(".xml") and _TRACKED_CHANGE.search(payload):
            raise ValueError(
                f'Tệp "{name}" còn thay đổi được theo dõi (Track Changes) chưa xử lý: bản công bố sẽ lộ nội dung'
                " đã sửa, đã xóa và tên người sửa. Trong Word chọn Review → Accept (hoặc Reject) All Changes,"
                " tắt Track Changes, lưu lại rồi đăng."
            )


def _clean_part(part: str, payload: bytes, dropped: set[str], name: str) -> bytes:
    if part == "docProps/core.xml":
        return _public_core_properties(payload)
    if part == "[Content_Types].xml":
        return _content_types_without(payload, dropped)
    if part.endswith(".rels"):
        return _relationships_without(payload, part, dropped, name)
    if part.startswith("word/") and part.endswith(".xml"):
        payload = _COMMENT_ANCHOR.sub(b"", payload)
        if part == "word/settings.xml":
            payload = _ATTACHED_TEMPLATE.sub(b"", payload)
    return payload


def _public_core_properties(xml: bytes) -> bytes:
    """Core properties keep title, subject and language; creator, last editor, dates and revision go."""
    root = ElementTree.fromstring(xml)
    for child in list(root):
        if child.tag.rsplit("}", 1)[-1] not in _CORE_KEEP:
            root.remove(child)
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _content_types_without(xml: bytes, dropped: set[str]) -> bytes:
    """Overrides of removed parts go; a macro-enabled main part is declared a plain document."""
    ElementTree.register_namespace("", _TYPES_NS)
    root = ElementTree.fromstring(xml)
    for child in list(root):
        part = child.get("PartName", "").lstrip("/")
        if part in dropped:
            root.remove(child)
        elif child.get("ContentType") == _MACRO_MAIN:
            child.set("ContentType", _DOCX_MAIN)
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _relationships_without(xml: bytes, rels_part: str, dropped: set[str], name: str) -> bytes:
    """Links to removed parts and the attached template go; other external targets but hyperlinks are refused."""
    ElementTree.register_namespace("", _RELS_NS)
    root = ElementTree.fromstring(xml)
    folder = rels_part.split("_rels/")[0]
    for rel in list(root):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            if kind.endswith(_HYPERLINK):
                continue
            if kind.endswith(_TEMPLATE):
                root.remove(rel)
                continue
            raise ValueError(
                f'Tệp "{name}" lấy nội dung từ nơi khác khi mở ("{target}"): ảnh liên kết, đối tượng nhúng hoặc'
                " khung từ tệp/máy chủ ngoài. Trong Word hãy nhúng hẳn nội dung (hoặc xóa liên kết) rồi lưu lại."
            )
        resolved = target.lstrip("/") if target.startswith("/") else folder + target
        if resolved in dropped:
            root.remove(rel)
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
