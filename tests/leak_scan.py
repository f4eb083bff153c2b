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


# Image info keys that describe pixels only (Pillow's names); anything else is metadata to strip.
_PIXEL_INFO = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression", "adobe",
    "adobe_transform", "background", "loop", "duration", "transparency", "gamma", "srgb", "aspect",
}  # fmt: skip
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}


def photo_metadata_problems(output: Path) -> list[str]:
    """Published images that still carry EXIF, XMP, comments or text chunks (camera, GPS, author, software)."""
    from PIL import Image

    found = []
    for path in sorted(p for p in output.rglob("*") if p.suffix.lower() in _IMAGE_SUFFIXES):
        try:
            with Image.open(path) as image:
                extra = sorted(set(image.info) - _PIXEL_INFO - {"icc_profile", "exif"})
                if len(image.getexif()):
                    extra.append("EXIF")
        except (OSError, SyntaxError):
            extra = ["not a readable image"]
        if extra:
            found.append(f"{path.relative_to(output)}: {', '.join(extra)}")
    return found


def machine_path_problems(output: Path, machine_paths: Iterable[str | Path]) -> list[str]:
    """Files of the output that name a folder of the building machine (checkout, content, home, temp)."""
    needles = {str(Path(p)).rstrip("/") + "/" for p in machine_paths if str(p).strip("/")}
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.relative_to(output)}: names {n}" for n in sorted(needles) if n.encode() in data]
    return found


def scan_site(
    output: Path, *, log: str = "", secrets: Iterable[str | bytes] = (), machine_paths: Iterable[str | Path] = ()
) -> dict[str, list[str]]:
    """Every whole-site leak check over one build, by class; a clean build has every list empty."""
    secrets = list(secrets)
    return {
        "secrets in output": find_secrets(output, secrets),
        "secrets in log": [str(s) for s in secrets if (s if isinstance(s, str) else s.decode(errors="ignore")) in log],
        "unreferenced photo variants": unreferenced_photo_variants(output),
        "photo metadata": photo_metadata_problems(output),
        "attachment metadata": attachment_problems(output),
        "machine paths": machine_path_problems(output, machine_paths),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.leak_scan OUTPUT [--log FILE] [--secret TEXT]...``: counts per class, exit 1 on any."""
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description="Scan a built site for leaks (issue #23).")
    parser.add_argument("output", type=Path)
    parser.add_argument("--log", type=Path, help="the build's log")
    parser.add_argument("--secret", action="append", default=[], help="text that must be found nowhere")
    args = parser.parse_args(argv)
    log = args.log.read_text(encoding="utf-8", errors="replace") if args.log else ""
    machine = [Path(__file__).resolve().parents[1], Path.home(), tempfile.gettempdir(), os.getcwd()]
    report = scan_site(args.output, log=log, secrets=args.secret, machine_paths=machine)
    for name, findings in report.items():
        print(f"{name}: {len(findings)}")
        for finding in findings[:20]:
            print(f"  {finding}")
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
