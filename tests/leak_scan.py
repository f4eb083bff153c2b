"""Scan a built output folder for anything that must not be published (issue #23, "Leaks: target zero").

Used by the leak tests of several plugins: a secret planted in content (a word in
a draft, the bytes of a file outside the repository, an author's name in a PDF)
must be found nowhere in the output, in no file's bytes, no file's name and no
compressed part of a DOCX or PDF; and published PDF/DOCX must carry no metadata,
comments, revisions, scripts, macros or external references.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

import pikepdf

# Names of photo variants in the pages (srcset, src, og:image, JSON-LD), relative or absolute.
_VARIANT_URL = re.compile(rb"anh/[0-9a-f]{2}/[A-Za-z0-9._-]+\.(?:avif|webp|jpg)")


def _readable_parts(path: Path) -> Iterator[tuple[str, bytes]]:
    """The file's bytes, and for a zip (DOCX) or a PDF the decompressed parts too."""
    data = path.read_bytes()
    yield str(path), data
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                for info in archive.infolist():
                    yield f"{path}!{info.filename}", archive.read(info)
        except zipfile.BadZipFile:
            pass
    elif data[:5] == b"%PDF-":
        try:
            with pikepdf.open(BytesIO(data)) as pdf:
                for number, obj in enumerate(pdf.objects):
                    if isinstance(obj, pikepdf.Stream):
                        try:
                            yield f"{path}#obj{number}", obj.read_bytes()
                        except pikepdf.PdfError:
                            continue
        except pikepdf.PdfError:
            pass


def find_secrets(output: Path, secrets: Iterable[str | bytes]) -> list[str]:
    """Every place in ``output`` (file name or content) where one of ``secrets`` occurs.

    A text secret is looked for as UTF-8 and as UTF-16 (Office and PDF text strings).
    """
    needles: list[tuple[str, list[bytes]]] = []
    for secret in secrets:
        if isinstance(secret, str):
            needles.append((secret, [secret.encode(), secret.encode("utf-16-le"), secret.encode("utf-16-be")]))
        else:
            needles.append((repr(secret[:24]), [secret]))
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = str(path.relative_to(output))
        for label, forms in needles:
            if any(form in relative.encode() for form in forms):
                found.append(f"{relative}: name contains {label}")
        for where, data in _readable_parts(path):
            for label, forms in needles:
                if any(form in data for form in forms):
                    found.append(f"{where}: contains {label}")
    return found


def unreferenced_photo_variants(output: Path, folder: str = "anh") -> list[str]:
    """Photo variants in ``output/folder`` that no written page, feed or file names (published for nothing)."""
    root = output / folder
    if not root.is_dir():
        return []
    referenced: set[str] = set()
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ".webmanifest"}:
            referenced |= {m.decode() for m in _VARIANT_URL.findall(path.read_bytes())}
    variants = {str(p.relative_to(output)) for p in root.rglob("*") if p.is_file()}
    return sorted(variants - referenced)


def pdf_problems(data: bytes) -> list[str]:
    """What a published PDF must not carry: metadata, document-level scripts and automatic actions."""
    problems = []
    with pikepdf.open(BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer and len(pdf.trailer.Info.keys()):
            problems.append(f"/Info {sorted(pdf.trailer.Info.keys())}")
        root = pdf.Root
        for key in ("/Metadata", "/OpenAction", "/AA"):
            if key in root:
                problems.append(f"catalog {key}")
        if "/Names" in root and "/JavaScript" in root.Names:
            problems.append("catalog /Names /JavaScript")
        for number, page in enumerate(pdf.pages, start=1):
            for key in ("/AA", "/Metadata"):
                if key in page.obj:
                    problems.append(f"page {number} {key}")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and obj.get("/S") in ("/JavaScript", "/Launch"):
                problems.append(f"action {obj.get('/S')}")
    return problems


_DOCX_FORBIDDEN_PARTS = re.compile(
    r"(^|/)(comments[A-Za-z]*\.xml|people\.xml|vbaProject\.bin|vbaData\.xml|custom\.xml)$"
)
_PERSONAL_CORE = re.compile(rb"<(?:\w+:)?(creator|lastModifiedBy|lastPrinted|revision|keywords|description|category)\b")


def docx_problems(data: bytes) -> list[str]:
    """What a published DOCX must not carry: people, comments, revisions, macros, external references."""
    problems = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            part = archive.read(name)
            if _DOCX_FORBIDDEN_PARTS.search(name):
                problems.append(f"part {name}")
            if name == "docProps/core.xml" and (match := _PERSONAL_CORE.search(part)):
                problems.append(f"core property {match[1].decode()}")
            if name == "docProps/app.xml" and re.search(rb"<(?:\w+:)?(Company|Manager|Template)\b", part):
                problems.append("app.xml company/manager/template")
            for rel in re.findall(rb"<Relationship\b[^>]*>", part) if name.endswith(".rels") else []:
                if b'TargetMode="External"' in rel and b"/hyperlink" not in rel:
                    problems.append(f"external relationship in {name}")
            if name.startswith("word/") and re.search(rb"<w:(ins|del|moveFrom|moveTo)\b", part):
                problems.append(f"tracked change in {name}")
            if name.startswith("word/") and re.search(rb"<w:(commentRangeStart|commentReference)\b", part):
                problems.append(f"comment anchor in {name}")
    return problems


def attachment_problems(output: Path) -> list[str]:
    """``pdf_problems`` and ``docx_problems`` of every PDF and DOCX in ``output``."""
    found = []
    for path in sorted(output.rglob("*")):
        if path.suffix.lower() == ".pdf":
            found += [f"{path.relative_to(output)}: {p}" for p in pdf_problems(path.read_bytes())]
        elif path.suffix.lower() == ".docx":
            found += [f"{path.relative_to(output)}: {p}" for p in docx_problems(path.read_bytes())]
    return found
