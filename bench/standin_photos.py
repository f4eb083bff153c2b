"""Camera-like stand-in JPEGs: real size, EXIF with orientation, camera, time and GPS.

Used by the benchmark corpus generator and the tests (``make_photo``), and to make
the seed article's two honest placeholders (``placeholder``: the original photos
are not available). The EXIF is deliberately "dirty" (GPS position, camera serial)
so the photo pipeline has something real to strip, and one placeholder is stored
sideways with Orientation = 6 so that the pipeline's rotation is visible.

A placeholder says what it is in the picture (Vietnamese, readable on a phone) and
in its EXIF ImageDescription (plugins.figures.core.STANDIN_MARKER), so a production
build refuses to publish it until the real photo is copied over it.

    python -m bench.standin_photos content/articles/2021/<slug>/
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from plugins.figures.core import EXIF_IMAGE_DESCRIPTION, STANDIN_MARKER

ORIENTATION, MAKE, MODEL, SOFTWARE, DATETIME_ORIGINAL = 0x0112, 0x010F, 0x0110, 0x0131, 0x9003
BODY_SERIAL, EXIF_IFD, GPS_IFD = 0xA431, 0x8769, 0x8825
# Lạng Sơn city, roughly: what a phone camera would record.
GPS_LANG_SON = {1: "N", 2: (21.0, 51.0, 12.0), 3: "E", 4: (106.0, 45.0, 36.0)}


def scene(width: int, height: int, label: str, seed: int) -> Image.Image:
    """An upright landscape picture whose "up" is obvious: sky on top, floor below, a label."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.55)
    for y in range(height):
        if y < horizon:
            shade = (90 + y * 100 // horizon, 150 + y * 60 // horizon, 230)
        else:
            shade = (150 - (y - horizon) * 60 // (height - horizon), 110, 80)
        draw.line([(0, y), (width, y)], fill=shade)
    for _ in range(14):  # people around a conference table, as coloured blocks
        x = rng.randrange(0, width - 80)
        w, h = rng.randrange(40, 90), rng.randrange(120, 220)
        draw.rectangle(
            [x, horizon - h // 2, x + w, horizon + h // 2], fill=tuple(rng.randrange(30, 220) for _ in range(3))
        )
    draw.rectangle([width // 8, horizon + 40, width * 7 // 8, horizon + 120], fill=(120, 30, 30))
    font = ImageFont.load_default(size=max(24, width // 22))
    draw.text((width // 20, height // 12), label, fill=(255, 255, 255), font=font)
    draw.text((width // 20, height // 12 + width // 16), "^ UP / PHIA TREN", fill=(255, 240, 0), font=font)
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    return Image.blend(image, noise, 0.08)


def camera_exif(orientation: int, when: str, serial: str, *, description: str = "") -> Image.Exif:
    """EXIF as a phone camera writes it, GPS included (and an ImageDescription when given)."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[SOFTWARE] = "Canon", "Canon EOS 80D", "Firmware 1.0.2"
    exif[ORIENTATION] = orientation
    if description:
        exif[EXIF_IMAGE_DESCRIPTION] = description
    exif.get_ifd(EXIF_IFD).update({DATETIME_ORIGINAL: when, BODY_SERIAL: serial})
    exif.get_ifd(GPS_IFD).update(GPS_LANG_SON)
    return exif


def make_photo(
    path: Path,
    size: tuple[int, int],
    label: str,
    *,
    orientation: int = 1,
    seed: int = 0,
    when: str = "2021:01:20 09:15:00",
    quality: int = 88,
) -> None:
    """Write a JPEG that displays as ``size`` (width, height) once its Orientation is applied."""
    image = scene(*size, label, seed)
    if orientation == 6:  # stored rotated 90° counter-clockwise; viewers turn it back clockwise
        image = image.transpose(Image.Transpose.ROTATE_90)
    image.save(path, "JPEG", quality=quality, exif=camera_exif(orientation, when, f"SN{seed:06d}"))


# Liberation Sans from Debian's fonts-liberation2 (`make test` installs it): it has every Vietnamese letter.
FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")
PLACEHOLDER_LINES = ("ẢNH GIỮ CHỖ", "Chưa có ảnh thật của bài viết.", "Ảnh thật sẽ thay thế ảnh này.")


def placeholder(width: int, height: int, number: int) -> Image.Image:
    """A plain picture that says it is a placeholder, with "up" marked so a rotation shows."""
    image = Image.new("RGB", (width, height), (222, 226, 230))
    draw = ImageDraw.Draw(image)
    frame = max(8, width // 80)
    draw.rectangle([frame, frame, width - frame, height - frame], outline=(120, 128, 136), width=frame)
    big, small = ImageFont.truetype(str(FONT), width // 12), ImageFont.truetype(str(FONT), width // 26)
    y = height // 4
    for index, line in enumerate((*PLACEHOLDER_LINES, f"Ảnh {number} · ↑ phía trên")):
        font = big if index == 0 else small
        left, top, right, bottom = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - right + left) // 2, y), line, fill=(60, 66, 72), font=font)
        y += (bottom - top) * 2
    return image


def make_placeholder(path: Path, size: tuple[int, int], number: int, *, orientation: int = 1) -> None:
    """Write a marked placeholder JPEG that displays as ``size`` once its Orientation is applied."""
    image = placeholder(*size, number)
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    exif = camera_exif(orientation, "2021:01:20 09:15:00", f"SN{number:06d}", description=STANDIN_MARKER)
    image.save(path, "JPEG", quality=85, exif=exif)


def main(folder: str) -> None:
    target = Path(folder)
    make_placeholder(target / "hoi-nghi-1.jpg", (1600, 1067), 1)
    make_placeholder(target / "hoi-nghi-2.jpg", (1600, 1067), 2, orientation=6)


if __name__ == "__main__":
    main(sys.argv[1])
