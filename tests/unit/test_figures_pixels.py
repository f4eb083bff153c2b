"""Published variants show the colours of the source, whatever form the photo was saved in (issue #23).

A 16-bit greyscale PNG was published white: every form below is encoded by the
real pipeline and the pixels of every variant (AVIF, WebP, JPEG, each width)
are compared with what the source shows, quadrant by quadrant.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image

from plugins.figures import core
from tests.photo_fixtures import KINDS, on_white, photo, quadrant_centres

SETTINGS = core.EncoderSettings(widths=(48, 96), card_widths=(48,), formats=("avif", "webp"))
# Lossy encoders on flat areas: JPEG and WebP stay within a few levels, AVIF at quality 60 a little further.
TOLERANCE = {"jpeg": 10, "webp": 12, "avif": 20}


def encoded(kind: str, folder: Path) -> tuple[core.EncodeTask, core.EncodeStats]:
    source = photo(kind)
    path = folder / f"anh-{kind}{source.suffix}"
    path.write_bytes(source.data)
    plan = core.PhotoPlan(core.probe(path, path.name, SETTINGS))
    core.Planner(SETTINGS, "anh").body_picture(plan, "anh", "x")
    task = core.EncodeTask(str(path), tuple(plan.variants), SETTINGS, str(folder / "cache"))
    return task, core.encode_photos([task], workers=1)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_variant_shows_the_source_colours(kind: str, tmp_path: Path) -> None:
    task, stats = encoded(kind, tmp_path)
    assert stats.failures == []
    expected = photo(kind).expected
    assert {v.fmt for v in task.variants} == {"avif", "webp", "jpeg"}
    for variant in task.variants:
        with Image.open(tmp_path / "cache" / variant.file) as published:
            assert published.size == (variant.width, variant.height)
            pixels = published.convert("RGBA")
        for centre, want in zip(quadrant_centres(*pixels.size), expected, strict=True):
            got = pixels.getpixel(centre)
            tolerance = TOLERANCE[variant.fmt]
            if variant.fmt == "jpeg":
                assert _close(got[:3], on_white(want), tolerance), (variant.file, centre, got, want)
            elif want[3] == 0:  # fully transparent: its colour is invisible
                assert got[3] <= tolerance, (variant.file, centre, got, want)
            else:
                assert _close(got, want, tolerance), (variant.file, centre, got, want)


def _close(got: tuple[int, ...], want: tuple[int, ...], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(got, want, strict=True))


def test_a_sixteen_bit_grey_photo_is_scaled_not_clipped(tmp_path: Path) -> None:
    source = tmp_path / "xam.png"
    source.write_bytes(photo("grey16").data)
    with Image.open(source) as image:
        assert image.mode.startswith("I")  # the form Pillow reads it in, which convert() clipped to white
        converted = core.to_srgb(image)
    assert [converted.getpixel(c) for c in quadrant_centres(*converted.size)] == [
        (20, 20, 20),
        (80, 80, 80),
        (160, 160, 160),
        (240, 240, 240),
    ]


def test_a_transparent_grey_level_of_a_sixteen_bit_png_stays_transparent(tmp_path: Path) -> None:
    path = tmp_path / "xam.png"
    image = Image.new("I;16", (8, 2), 1000 * 257 // 1000)
    image.paste(40 * 257, (0, 0, 4, 2))
    image.save(path, transparency=40 * 257)
    with Image.open(path) as saved:
        assert "transparency" in saved.info
        converted = core.to_srgb(saved)
    assert converted.mode == "RGBA"
    assert converted.getpixel((1, 1))[3] == 0
    assert converted.getpixel((6, 1)) == (1, 1, 1, 255)


def test_a_broken_colour_profile_is_noted_from_the_header_and_the_photo_published(tmp_path: Path) -> None:
    path = tmp_path / "hong.jpg"
    path.write_bytes(photo("broken-profile").data)
    facts = core.read_facts(path, "hong.jpg", SETTINGS.max_pixels)
    assert facts.profile_ignored
    assert core.probe(path, "hong.jpg", SETTINGS).profile_ignored
    healthy = tmp_path / "lanh.jpg"
    Image.new("RGB", (8, 8)).save(healthy, icc_profile=core.ImageCms.ImageCmsProfile(core._SRGB).tobytes())
    assert not core.read_facts(healthy, "lanh.jpg", SETTINGS.max_pixels).profile_ignored


def grey_profile(gamma: float = 2.2) -> bytes:
    """A minimal ICC v2 greyscale profile ("Gray Gamma 2.2", as scanners embed): white point and one curve."""

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    d50 = (0.9642, 1.0, 0.8249)
    tags = [(b"wtpt", xyz(d50)), (b"kTRC", b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0")]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = struct.pack(">I4sI4s4s4s", offset + len(data), b"lcms", 0x02100000, b"mntr", b"GRAY", b"XYZ ")
    header += b"\0" * 12 + b"acsp" + b"\0" * 28 + xyz(d50)[8:] + b"\0" * 48
    return header + struct.pack(">I", len(tags)) + table + data


@pytest.mark.parametrize("mode", ["L", "I;16"])
def test_a_grey_profile_is_used_not_reported_as_damaged(tmp_path: Path, mode: str) -> None:
    """A valid grey profile on grey pixels is applied (gamma 2.2 ≈ sRGB: same values), and no notice is given."""
    path = tmp_path / "quet.png"
    Image.new(mode, (8, 8), 100 if mode == "L" else 100 * 257).save(path, icc_profile=grey_profile())
    with Image.open(path) as scanned:
        assert scanned.info.get("icc_profile")
        assert not core.profile_ignored(scanned)
        converted = core.to_srgb(scanned)
    assert all(abs(c - 100) <= 3 for c in converted.getpixel((2, 2)))
    flat = io.BytesIO()
    Image.new("L", (8, 8), 100).save(flat, "PNG", icc_profile=grey_profile(gamma=1.0))  # linear: lighter in sRGB
    with Image.open(flat) as linear:
        assert core.to_srgb(linear).getpixel((2, 2))[0] > 130
