"""Every way a photo can be wrong fails the production build with a message naming the article and the photo.

Each case is built twice: in-process with development settings (the problem is
logged as an ERROR with the same message) and as ``make publish`` does it, in a
subprocess with publishconf.py and ``--fatal warnings`` (exit status ≠ 0). The
fixtures are generated here rather than committed as binaries, so each one says
how it is broken.
"""

from __future__ import annotations

import io
import logging
import os
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from bench.standin_photos import scene
from tests.conftest import ROOT, article, build_site, write_content

FOLDER = "articles/2024/anh-loi"
ARTICLE = f"{FOLDER}/index.md"
MAX_BOMB_RSS_KB = 512 * 1024


def good_jpeg(size: tuple[int, int] = (640, 427)) -> bytes:
    buffer = io.BytesIO()
    scene(*size, "OK", seed=4).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """A real camera-like JPEG cut at two thirds: its header is fine, its pixels are not."""
    data = good_jpeg()
    return data[: len(data) * 2 // 3]


def oversized_header_jpeg() -> bytes:
    """A tiny JPEG whose frame header claims 9000×7000 (63 MP): above the 50 MP limit."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (40, 90, 160)).save(buffer, "JPEG")
    data = buffer.getvalue()
    sof = data.index(b"\xff\xc0")
    return data[: sof + 5] + (7000).to_bytes(2, "big") + (9000).to_bytes(2, "big") + data[sof + 9 :]


def png_bomb(side: int = 30_000) -> bytes:
    """A valid 1-bit PNG of ``side``² pixels (900 MP, ~110 kB): decoding it would take gigabytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\0" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def tiff() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 10, 10)).save(buffer, "TIFF")
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    """One broken photo: what the editor wrote, what lies on disk, and the expected error key."""

    reference: str
    key: str
    files: Callable[[], dict[str, bytes]] = dict
    outside: str | None = None  # "fifo" or "jpeg": a file next to content/, which nothing may read
    link_to_outside: bool = False


CASES = {
    "missing-file": Case("khong-co-anh.jpg", "image-not-found"),
    "truncated-jpeg": Case("cut.jpg", "image-corrupt", lambda: {"cut.jpg": truncated_jpeg()}),
    "text-renamed-jpg": Case("anh.jpg", "image-unreadable", lambda: {"anh.jpg": "Đây là văn bản".encode()}),
    "unsupported-tiff": Case("scan.tif", "image-format", lambda: {"scan.tif": tiff()}),
    "bomb-header": Case("lon.jpg", "image-too-large", lambda: {"lon.jpg": oversized_header_jpeg()}),
    "bomb-png": Case("bom.png", "image-too-large", lambda: {"bom.png": png_bomb()}),
    "zero-bytes": Case("rong.jpg", "image-empty", lambda: {"rong.jpg": b""}),
    "dot-dot-etc-passwd": Case("../../etc/passwd", "image-outside-folder"),
    "dot-dot-to-fifo": Case("../../../../secret.jpg", "image-outside-folder", outside="fifo"),
    "absolute-path": Case("/etc/passwd", "image-absolute-path"),
    "symlink-outside-content": Case("anh.jpg", "image-outside-folder", outside="jpeg", link_to_outside=True),
    "symlink-to-fifo": Case("anh.jpg", "image-outside-folder", outside="fifo", link_to_outside=True),
}


def lay_out(root: Path, case: Case) -> Path:
    """Write the case's content folder under ``root`` (and its outside file beside it); returns content/."""
    body = f"Đoạn mở đầu.\n\n![Ảnh minh họa]({case.reference})\n/// caption\nẢnh minh họa\n///\n"
    files: dict[str, str | bytes] = {ARTICLE: article("Bài có ảnh lỗi", body=body)}
    files.update({f"{FOLDER}/{name}": data for name, data in case.files().items()})
    content = root / "content"
    write_content(content, files)
    outside = root / "secret.jpg"
    if case.outside == "fifo":
        os.mkfifo(outside)  # opening it for reading would block the build: proof that nothing reads it
    elif case.outside == "jpeg":
        outside.write_bytes(good_jpeg())
    if case.link_to_outside:
        (content / FOLDER / "anh.jpg").symlink_to(outside)
    return content


def expected_fragments(case: Case) -> list[str]:
    return [f"{ARTICLE}:", f'"{case.reference}"', f"[{case.key}]"]


@pytest.mark.parametrize("name", CASES)
def test_development_build_logs_an_error_naming_article_and_photo(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    build = build_site(tmp_path, content=lay_out(tmp_path, case), CACHE_PATH=str(tmp_path / "cache"))
    errors = [r.getMessage() for r in build.records if r.levelno >= logging.ERROR]
    assert any(all(part in message for part in expected_fragments(case)) for message in errors), errors
    assert_nothing_leaked(tmp_path, build.output)


@pytest.mark.parametrize("name", ["truncated-jpeg", "text-renamed-jpg"])
def test_a_rejected_photo_leaves_no_facts_even_when_settled(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow (fresh) machine the photo is over 2 s old when read, so its facts count as settled.

    Its facts must still not be saved once the photo is rejected: settle_ns = 0
    makes every machine behave as that slow one.
    """
    from plugins.figures import core

    monkeypatch.setattr(core.PhotoFactsCache, "settle_ns", 0)
    build = build_site(tmp_path, content=lay_out(tmp_path, CASES[name]), CACHE_PATH=str(tmp_path / "cache"))
    assert any(r.levelno >= logging.ERROR for r in build.records)
    assert_nothing_leaked(tmp_path, build.output)


@dataclass
class Run:
    returncode: int
    log: str
    max_rss_kb: int


def run_production(content: Path, output: Path, cache: Path, timeout: float = 120) -> Run:
    """``make publish`` on ``content``; returns exit status, log and peak memory of the build process.

    ``os.wait4`` gives the peak RSS of exactly this child (``getrusage`` would mix
    in every other process the test session started).
    """
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "publishconf.py")]
    command += ["--fatal", "warnings", "-e", f'CACHE_PATH="{cache}"']
    env = {**os.environ, "COLUMNS": "1000"}  # one message per line in Pelican's log
    with (output.parent / "pelican.log").open("w+b") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
    return Run(process.returncode, " ".join(text.split()), usage.ru_maxrss)


@pytest.mark.parametrize("name", CASES)
def test_production_build_fails_naming_article_and_photo(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    content = lay_out(tmp_path, case)
    run = run_production(content, tmp_path / "output", tmp_path / "cache")
    assert run.returncode != 0, run.log
    assert all(part in run.log for part in expected_fragments(case)), run.log
    assert run.max_rss_kb < MAX_BOMB_RSS_KB
    assert_nothing_leaked(tmp_path, tmp_path / "output")


def assert_nothing_leaked(root: Path, output: Path) -> None:
    """Only content/, output/, the cache and the log exist; no variant of a bad photo was published."""
    assert {p.name for p in root.iterdir()} <= {"content", "output", "cache", "secret.jpg", "pelican.log"}
    published = [p for p in (output / "anh").rglob("*") if p.is_file()] if (output / "anh").exists() else []
    assert published == []
    cached = [p for p in (root / "cache" / "figures").rglob("*") if p.is_file()]
    assert cached == []
    secret = root / "secret.jpg"
    if secret.is_file():
        assert all(p.read_bytes() != secret.read_bytes() for p in output.rglob("*") if p.is_file())


def test_cover_naming_a_missing_photo_points_at_the_cover_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_content(content, {ARTICLE: article("Bài có ảnh đại diện sai", Cover="khong-co.jpg")})
    build = build_site(tmp_path, content=content, CACHE_PATH=str(tmp_path / "cache"))
    errors = [r.getMessage() for r in build.records if r.levelno >= logging.ERROR]
    assert any(f"{ARTICLE}:5:" in m and '"khong-co.jpg"' in m and "[image-not-found]" in m for m in errors), errors


def production_run_of(tmp_path: Path, body: str) -> Run:
    content = tmp_path / "content"
    write_content(content, {ARTICLE: article("Bài có ảnh", body=body), f"{FOLDER}/ok.jpg": good_jpeg()})
    return run_production(content, tmp_path / "output", tmp_path / "cache")


def test_a_good_photo_passes_the_production_build(tmp_path: Path) -> None:
    """The control case: the same article with a sound photo builds under --fatal warnings."""
    run = production_run_of(tmp_path, "Đoạn mở đầu.\n\n![Ảnh minh họa](ok.jpg)\n/// caption\nẢnh minh họa\n///\n")
    assert run.returncode == 0, run.log
    assert list((tmp_path / "output" / "anh").rglob("ok-*.webp"))


def test_a_photo_without_caption_or_alt_fails_the_production_build(tmp_path: Path) -> None:
    run = production_run_of(tmp_path, "Đoạn mở đầu.\n\n![](ok.jpg)\n")
    assert run.returncode != 0
    assert all(part in run.log for part in (f"{ARTICLE}:8:", '"ok.jpg"', "[image-no-caption]")), run.log
