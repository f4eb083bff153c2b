"""Compressed input is refused, or passed on, without being inflated in memory (issue 23: a 510 KB DOCX took 1.6 GB).

Each file goes through the build's own function in a fresh Python process, which
reports its peak resident memory (``VmHWM``). The bound is generous (the
interpreter with Pillow and pikepdf loaded takes about 55 MB) and far below what
inflating would take, so the tests measure memory, never time.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT

MIB = 1 << 20
BOUND = 128 * MIB  # the bombs below inflate to 432-512 MiB; capped reading would already take 100 MiB more


def peak_memory(code: str, path: Path) -> tuple[int, str]:
    """Peak RSS in bytes of a fresh interpreter running ``code`` on ``path``, and what the code printed.

    Read from ``VmHWM`` (this process image's own high-water mark): ``ru_maxrss``
    keeps the parent's mark across fork and exec, so a big pytest worker would count.
    """
    program = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        f"path = Path({str(path)!r})\n"
        f"{code}\n"
        "peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM:')).split()[1]\n"
        "print(json.dumps([int(peak), result]))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=300)
    kilobytes, result = json.loads(done.stdout.strip().splitlines()[-1])
    return kilobytes * 1024, result  # Linux reports kilobytes


def zeros_compressed(size: int) -> bytes:
    """``size`` zero bytes, deflated (zlib format), compressed a megabyte at a time."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * MIB
    return b"".join(compressor.compress(chunk) for _ in range(size // MIB)) + compressor.flush()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    with zipfile.ZipFile(folder / "ke-hoach.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("word/document.xml", "<w:document/>")
        with docx.open("word/media/rong.bin", "w") as part:
            for _ in range(512):
                part.write(b"\0" * MIB)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Rong = pdf.make_indirect(pikepdf.Stream(pdf, zeros_compressed(512 * MIB), Filter=pikepdf.Name.FlateDecode))
    pdf.save(folder / "nghi-quyet.pdf", compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    (folder / "anh.png").write_bytes(png_of_zeros(12_000, 12_000))
    return folder


def png_of_zeros(width: int, height: int) -> bytes:
    """A black RGB PNG written chunk by chunk: 144 MP is under Pillow's own bomb error (179 MP)."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + width * 3)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_half_megabyte_docx_that_inflates_to_512_mib_is_refused_without_inflating_it(bombs: Path) -> None:
    path = bombs / "ke-hoach.docx"
    assert path.stat().st_size < 600_000
    code = (
        "from plugins.documents import core\n"
        "try:\n"
        "    core.read_attachment(path, ('pdf', 'docx'), 20 * 1024 * 1024)\n"
        "    result = 'accepted'\n"
        "except ValueError as exc:\n"
        "    result = str(exc)\n"
    )
    peak, result = peak_memory(code, path)
    assert "giải nén ra 512 MB" in result
    assert peak < BOUND, f"{peak / MIB:.0f} MiB"


def test_a_pdf_with_a_512_mib_stream_is_published_without_inflating_it(bombs: Path) -> None:
    """qpdf copies Flate streams as they are: the build neither inflates the stream nor grows the file."""
    path = bombs / "nghi-quyet.pdf"
    code = "from plugins.documents import core\nresult = len(core.strip_pdf(path.read_bytes(), path.name))\n"
    peak, published_size = peak_memory(code, path)
    assert published_size < 2 * path.stat().st_size
    assert peak < BOUND, f"{peak / MIB:.0f} MiB"


def test_a_photo_of_144_megapixels_is_refused_from_its_header(bombs: Path) -> None:
    """Under Pillow's own limit, and a PNG's EXIF lookup decodes every pixel: the size is checked first."""
    code = (
        "from plugins.common.errors import ContentError\n"
        "from plugins.figures import core\n"
        "try:\n"
        "    core.probe(path, 'anh.png', core.EncoderSettings())\n"
        "    result = 'accepted'\n"
        "except ContentError as exc:\n"
        "    result = exc.key\n"
    )
    peak, result = peak_memory(code, bombs / "anh.png")
    assert result == "image-too-large"
    assert peak < BOUND, f"{peak / MIB:.0f} MiB"
