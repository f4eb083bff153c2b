"""Photos in every form a camera, scanner or editing program writes, with the colours they must publish as.

Each kind is four flat quadrants of known colours, so a test can compare the
published variants' pixels with what the source shows (not only "no error").
Used by the figures unit tests and by bad-input cases (``(photo=KIND)`` in txtar).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

SIZE = (96, 64)  # four 48×32 quadrants
RGBA = tuple[int, int, int, int]


@dataclass(frozen=True)
class PhotoKind:
    """A file's bytes, its name's extension, and the sRGB RGBA colour each quadrant must publish as."""

    data: bytes
    suffix: str
    expected: tuple[RGBA, RGBA, RGBA, RGBA]  # top left, top right, bottom left, bottom right


def _quadrants(mode: str, values: tuple[object, object, object, object], **info: object) -> Image.Image:
    image = Image.new(mode, SIZE)
    half_w, half_h = SIZE[0] // 2, SIZE[1] // 2
    for index, value in enumerate(values):
        left, top = (index % 2) * half_w, (index // 2) * half_h
        image.paste(value, (left, top, left + half_w, top + half_h))
    image.info.update(info)
    return image


def _saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png16(colour_type: int, quadrant_samples: tuple[tuple[int, ...], ...]) -> bytes:
    """A 16-bit-per-sample PNG written by hand (Pillow writes 16 bits for greyscale only).

    ``colour_type``: 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA; samples are 0…65535.
    """
    width, height = SIZE
    rows = []
    for y in range(height):
        row = b"\0"  # filter: none
        for x in range(width):
            samples = quadrant_samples[(y >= height // 2) * 2 + (x >= width // 2)]
            row += struct.pack(f">{len(samples)}H", *samples)
        rows.append(row)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _grey16() -> PhotoKind:
    levels = (20, 80, 160, 240)
    image = _quadrants("I;16", tuple(level * 257 for level in levels))
    return PhotoKind(_saved(image, "PNG"), ".png", tuple((v, v, v, 255) for v in levels))


def _rgb16() -> PhotoKind:
    colours = ((200, 30, 30), (30, 160, 60), (20, 40, 220), (250, 250, 250))
    data = png16(2, tuple(tuple(c * 257 for c in colour) for colour in colours))
    return PhotoKind(data, ".png", tuple((*c, 255) for c in colours))


def _rgba16() -> PhotoKind:
    colours = ((200, 30, 30, 255), (30, 160, 60, 128), (20, 40, 220, 255), (0, 0, 0, 0))
    return PhotoKind(png16(6, tuple(tuple(c * 257 for c in colour) for colour in colours)), ".png", colours)


def _grey_alpha() -> PhotoKind:
    pairs = ((40, 255), (120, 255), (200, 128), (0, 0))
    image = Image.merge(
        "LA", (_quadrants("L", tuple(p[0] for p in pairs)), _quadrants("L", tuple(p[1] for p in pairs)))
    )
    return PhotoKind(_saved(image, "PNG"), ".png", tuple((g, g, g, a) for g, a in pairs))


def _palette_transparent() -> PhotoKind:
    palette = [(0, 0, 0), (200, 30, 30), (30, 160, 60), (20, 40, 220)]
    image = _quadrants("P", (0, 1, 2, 3))
    image.putpalette([c for colour in palette for c in colour])
    expected = ((0, 0, 0, 0), *((*c, 255) for c in palette[1:]))
    return PhotoKind(_saved(image, "PNG", transparency=0), ".png", expected)


def _cmyk_jpeg() -> PhotoKind:
    # C, M, Y, K → R = 255 - C - K … as a print-shop export without profile is read.
    image = _quadrants("CMYK", ((0, 255, 255, 0), (255, 0, 255, 0), (0, 0, 0, 0), (0, 0, 0, 255)))
    expected = ((255, 0, 0, 255), (0, 255, 0, 255), (255, 255, 255, 255), (0, 0, 0, 255))
    return PhotoKind(_saved(image, "JPEG", quality=95), ".jpg", expected)


def _broken_profile() -> PhotoKind:
    colours = ((200, 30, 30), (30, 160, 60), (20, 40, 220), (250, 250, 250))
    image = _quadrants("RGB", colours)
    data = _saved(image, "JPEG", quality=95, icc_profile=b"not a colour profile" * 8)
    return PhotoKind(data, ".jpg", tuple((*c, 255) for c in colours))


CAMERA_SECRET = "Nguyễn Văn Chụp"  # the photographer's name a camera or phone writes into the file


def _camera_exif() -> PhotoKind:
    """A phone photo as it leaves the phone: owner, camera, GPS position in EXIF."""
    colours = ((200, 30, 30), (30, 160, 60), (20, 40, 220), (250, 250, 250))
    exif = Image.Exif()
    exif[0x013B] = CAMERA_SECRET  # Artist
    exif[0x010F] = "Canon"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 50.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}  # GPS: Lạng Sơn
    data = _saved(_quadrants("RGB", colours), "JPEG", quality=95, exif=exif)
    return PhotoKind(data, ".jpg", tuple((*c, 255) for c in colours))


def _bilevel() -> PhotoKind:
    image = _quadrants("1", (0, 1, 1, 0))
    expected = ((0, 0, 0, 255), (255, 255, 255, 255), (255, 255, 255, 255), (0, 0, 0, 255))
    return PhotoKind(_saved(image, "PNG"), ".png", expected)


KINDS: dict[str, Callable[[], PhotoKind]] = {
    "grey16": _grey16,
    "rgb16": _rgb16,
    "rgba16": _rgba16,
    "grey-alpha": _grey_alpha,
    "palette-transparent": _palette_transparent,
    "cmyk-jpeg": _cmyk_jpeg,
    "broken-profile": _broken_profile,
    "bilevel": _bilevel,
    "camera-exif": _camera_exif,
}


def photo(kind: str) -> PhotoKind:
    """The photo of that kind (see ``KINDS``)."""
    return KINDS[kind]()


def quadrant_centres(width: int, height: int) -> list[tuple[int, int]]:
    """Where to sample each quadrant in a picture of that size (the centre, far from edges and blur)."""
    return [
        (width // 4, height // 4),
        (3 * width // 4, height // 4),
        (width // 4, 3 * height // 4),
        (3 * width // 4, 3 * height // 4),
    ]


def on_white(colour: RGBA) -> tuple[int, int, int]:
    """What a transparent colour looks like in a JPEG (flattened on a white page)."""
    *rgb, alpha = colour
    return tuple(round(c * alpha / 255 + 255 * (1 - alpha / 255)) for c in rgb)
