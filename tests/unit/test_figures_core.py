"""The figures plugin without Pelican: path confinement, header checks, planning, encoding, HTML."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageOps, ImageStat

from bench.standin_photos import make_photo, make_placeholder
from plugins.common.errors import ContentError
from plugins.figures import core

SETTINGS = core.EncoderSettings(widths=(480, 800), card_widths=(400,), formats=("webp",))


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "content" / "articles" / "2024" / "bai"
    folder.mkdir(parents=True)
    return folder


def content_root(article_dir: Path) -> Path:
    return article_dir.parents[2]


# --- resolving references ----------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["anh.jpg", "{static}anh.jpg", "|static|anh.jpg", "{attach}anh.jpg"])
def test_plain_and_static_references_name_the_same_file(article_dir: Path, reference: str) -> None:
    (article_dir / "anh.jpg").write_bytes(b"x")
    assert core.resolve_photo(reference, article_dir, content_root(article_dir)) == (article_dir / "anh.jpg").resolve()


def test_a_subfolder_of_the_article_folder_is_allowed(article_dir: Path) -> None:
    (article_dir / "anh").mkdir()
    (article_dir / "anh" / "hội nghị.jpg").write_bytes(b"x")
    found = core.resolve_photo("anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg", article_dir, content_root(article_dir))
    assert found.name == "hội nghị.jpg"


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        ("../../../../etc/passwd", "image-outside-folder"),
        ("{static}../khac/anh.jpg", "image-outside-folder"),
        ("/etc/passwd", "image-absolute-path"),
        ("C:/anh.jpg", "image-absolute-path"),
        ("https://example.com/anh.jpg", "image-external"),
        ("//cdn.example.com/anh.jpg", "image-external"),
        ("khong-co.jpg", "image-not-found"),
    ],
)
def test_references_outside_the_folder_or_missing_are_refused(article_dir: Path, reference: str, key: str) -> None:
    with pytest.raises(ContentError) as caught:
        core.resolve_photo(reference, article_dir, content_root(article_dir))
    assert caught.value.key == key
    assert reference in caught.value.message


def test_a_symlink_leaving_content_is_refused(article_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.jpg"
    make_photo(outside, (240, 160), "X")
    (article_dir / "anh.jpg").symlink_to(outside)
    with pytest.raises(ContentError) as caught:
        core.resolve_photo("anh.jpg", article_dir, content_root(article_dir))
    assert caught.value.key == "image-outside-folder"


# --- header checks --------------------------------------------------------------------------------------


def jpeg_bytes(size: tuple[int, int] = (64, 48), **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def claimed_size(data: bytes, width: int, height: int) -> bytes:
    """A JPEG whose frame header claims another size (how decompression bombs look)."""
    sof = data.index(b"\xff\xc0")
    return data[: sof + 5] + height.to_bytes(2, "big") + width.to_bytes(2, "big") + data[sof + 9 :]


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "image-empty"),
        (b"Xin ch\xc3\xa0o, \xc4\x91\xc3\xa2y kh\xc3\xb4ng ph\xe1\xba\xa3i \xe1\xba\xa3nh", "image-unreadable"),
        (claimed_size(jpeg_bytes(), 9000, 7000), "image-too-large"),
    ],
)
def test_probe_refuses_from_the_header(tmp_path: Path, data: bytes, key: str) -> None:
    path = tmp_path / "anh.jpg"
    path.write_bytes(data)
    with pytest.raises(ContentError) as caught:
        core.probe(path, "anh.jpg", SETTINGS)
    assert caught.value.key == key


def test_probe_names_the_size_of_a_too_large_photo(tmp_path: Path) -> None:
    path = tmp_path / "anh.jpg"
    path.write_bytes(claimed_size(jpeg_bytes(), 9000, 7000))
    with pytest.raises(ContentError, match="9000×7000"):
        core.probe(path, "anh.jpg", SETTINGS)


def test_probe_refuses_an_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    Image.new("RGB", (32, 32)).save(path, "TIFF")
    with pytest.raises(ContentError) as caught:
        core.probe(path, "scan.tif", SETTINGS)
    assert caught.value.key == "image-format"
    assert "TIFF" in caught.value.message


def test_probe_reports_the_upright_size_of_a_sideways_photo(tmp_path: Path) -> None:
    path = tmp_path / "doc.jpg"
    make_photo(path, (300, 200), "UP", orientation=6)
    with Image.open(path) as stored:
        assert stored.size == (200, 300)
    source = core.probe(path, "doc.jpg", SETTINGS)
    assert (source.width, source.height) == (300, 200)


# --- planning --------------------------------------------------------------------------------------------


@given(st.lists(st.integers(16, 4000), min_size=1, max_size=6), st.integers(1, 6000))
def test_variant_widths_never_upscale_and_cover_the_photo(wanted: list[int], available: int) -> None:
    widths = core.variant_widths(wanted, available)
    assert widths == sorted(set(widths))
    assert max(widths) <= available
    assert max(widths) == min(available, max(wanted))


@given(st.integers(1, 5000), st.integers(1, 5000), st.sampled_from([(3, 2), (1200, 630), (1, 1), (2, 3)]))
def test_centre_crop_keeps_the_ratio_inside_the_photo(width: int, height: int, ratio: tuple[int, int]) -> None:
    left, top, right, bottom = core.centre_crop(width, height, ratio)
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
    assert right - left == width or bottom - top == height
    assert abs((right - left) * ratio[1] - (bottom - top) * ratio[0]) <= max(ratio)


def test_cover_has_card_crops_and_an_open_graph_image(tmp_path: Path) -> None:
    path = tmp_path / "anh.jpg"
    path.write_bytes(jpeg_bytes((2000, 1000)))
    plan = core.PhotoPlan(core.probe(path, "anh.jpg", core.EncoderSettings()))
    planner = core.Planner(core.EncoderSettings(), "anh")
    cover = planner.cover_picture(plan, "anh", "Mô tả")
    assert (cover.og_width, cover.og_height) == (1200, 630)
    assert cover.width * 2 == cover.height * 3  # card ratio 3:2
    assert [mime for mime, _ in cover.sources] == ["image/avif", "image/webp", "image/jpeg"]
    assert cover.fallback_url.endswith(".jpg")
    assert all(url.startswith("anh/") for _, candidates in cover.sources for url, _ in candidates)


def test_file_names_change_with_the_photo_and_with_the_settings(tmp_path: Path) -> None:
    one, two = tmp_path / "a.jpg", tmp_path / "b.jpg"
    one.write_bytes(jpeg_bytes())
    two.write_bytes(jpeg_bytes(quality=50))
    planner = core.Planner(SETTINGS, "anh")
    other = core.Planner(core.EncoderSettings(widths=(480, 800), formats=("webp",), quality=(("jpeg", 70),)), "anh")
    key_one = planner.key(core.probe(one, "a", SETTINGS))
    assert key_one != planner.key(core.probe(two, "b", SETTINGS))
    assert key_one != other.key(core.probe(one, "a", SETTINGS))


# --- encoding --------------------------------------------------------------------------------------------


def planned_task(path: Path, cache: Path, settings: core.EncoderSettings = SETTINGS) -> core.EncodeTask:
    plan = core.PhotoPlan(core.probe(path, path.name, settings))
    core.Planner(settings, "anh").body_picture(plan, "anh", "x")
    return core.EncodeTask(str(path), tuple(plan.variants), settings, str(cache))


def test_encoding_strips_metadata_and_turns_the_photo_upright(tmp_path: Path) -> None:
    path = tmp_path / "doc.jpg"
    make_photo(path, (900, 600), "UP", orientation=6)
    task = planned_task(path, tmp_path / "cache")
    stats = core.encode_photos([task], workers=1)
    assert (stats.photos_decoded, stats.files_encoded, stats.failures) == (1, len(task.variants), [])
    for variant in task.variants:
        with Image.open(tmp_path / "cache" / variant.file) as image:
            assert image.size == (variant.width, variant.height)
            assert image.width > image.height  # stored sideways, published upright
            assert not image.getexif()
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
            sky, floor = image.convert("RGB").getpixel((5, 5)), image.convert("RGB").getpixel((5, image.height - 5))
            assert sky[2] > sky[0]  # blue sky on top
            assert floor[0] > floor[2]  # brown floor below


def test_a_second_run_encodes_nothing_and_a_changed_photo_only_itself(tmp_path: Path) -> None:
    one, two = tmp_path / "a.jpg", tmp_path / "b.jpg"
    make_photo(one, (600, 400), "A", seed=1)
    make_photo(two, (600, 400), "B", seed=2)
    cache = tmp_path / "cache"
    core.encode_photos([planned_task(one, cache), planned_task(two, cache)], workers=2)
    warm = core.encode_photos([planned_task(one, cache), planned_task(two, cache)], workers=2)
    assert (warm.photos_decoded, warm.files_encoded) == (0, 0)
    make_photo(two, (600, 400), "B changed", seed=3)
    changed = core.encode_photos([planned_task(one, cache), planned_task(two, cache)], workers=2)
    assert changed.photos_decoded == 1
    assert changed.files_encoded == len(planned_task(two, cache).variants)


@pytest.mark.parametrize("orientation", [1, 6])
def test_crops_match_the_photo_when_decoded_at_reduced_size(tmp_path: Path, orientation: int) -> None:
    """A large JPEG is decoded at 1/2 or 1/4 scale; crops must still cut the same region."""
    path = tmp_path / "lon.jpg"
    make_photo(path, (2400, 1200), "CROP", orientation=orientation)
    settings = core.EncoderSettings(widths=(300,), card_widths=(300,), og_size=(300, 158), formats=())
    plan = core.PhotoPlan(core.probe(path, "lon.jpg", settings))
    core.Planner(settings, "anh").body_picture(plan, "lon", "x")
    core.Planner(settings, "anh").cover_picture(plan, "lon", "x")
    assert not core.encode_photos(
        [core.EncodeTask(str(path), tuple(plan.variants), settings, str(tmp_path))], 1
    ).failures
    with Image.open(path) as original:
        upright = ImageOps.exif_transpose(original).convert("RGB")
    for variant in plan.variants:
        expected = upright.crop(variant.box).resize((variant.width, variant.height))
        with Image.open(tmp_path / variant.file) as made:
            difference = ImageChops.difference(made.convert("RGB"), expected)
        assert max(ImageStat.Stat(difference).mean) < 10, variant.file


def test_a_truncated_jpeg_fails_in_the_encoder_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    make_photo(path, (600, 400), "CUT")
    data = path.read_bytes()
    task = planned_task(path, tmp_path / "cache")
    path.write_bytes(data[: len(data) * 2 // 3])
    stats = core.encode_photos([task], workers=1)
    assert stats.files_encoded == 0
    assert len(stats.failures) == 1
    assert "hỏng" in stats.failures[0][1]
    assert not list((tmp_path / "cache").rglob("*.*"))


def swapped_primaries_profile() -> bytes:
    """A minimal ICC v2 RGB profile whose red primary is sRGB's green and vice versa.

    No real wide-gamut profile ships on this machine; with swapped primaries a pure
    red pixel must come out green, so a missing or wrong conversion is obvious.
    """

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)  # sRGB, D50
    d50 = (0.9642, 1.0, 0.8249)
    tags = [(b"wtpt", xyz(d50)), (b"rXYZ", xyz(green)), (b"gXYZ", xyz(red)), (b"bXYZ", xyz(blue))]
    tags += [(b"rTRC", gamma), (b"gTRC", gamma), (b"bTRC", gamma)]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = struct.pack(">I4sI4s4s4s", offset + len(data), b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += b"\0" * 12 + b"acsp" + b"\0" * 28 + xyz(d50)[8:] + b"\0" * 48
    return header + struct.pack(">I", len(tags)) + table + data


def test_an_embedded_colour_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    Image.new("RGB", (64, 64), (255, 0, 0)).save(path, "PNG", icc_profile=swapped_primaries_profile())
    with Image.open(path) as tagged:
        converted = core.to_srgb(tagged)
    red, green, blue = converted.getpixel((1, 1))
    assert converted.mode == "RGB"
    assert green > 200
    assert max(red, blue) < 50


def test_transparent_png_is_flattened_on_white_for_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(path)
    task = planned_task(path, tmp_path / "cache")
    assert not core.encode_photos([task], workers=1).failures
    jpeg = next(v for v in task.variants if v.fmt == "jpeg")
    with Image.open(tmp_path / "cache" / jpeg.file) as image:
        assert image.convert("RGB").getpixel((10, 10)) == (255, 255, 255)


# --- HTML ------------------------------------------------------------------------------------------------


def sample_picture() -> core.Picture:
    return core.Picture(
        alt='Đại biểu "dự" hội nghị',
        width=1600,
        height=1067,
        fallback_url="anh/ab/x-800x534.jpg",
        sources=[("image/webp", [("anh/ab/x-480x320.webp", 480), ("anh/ab/x-1600x1067.webp", 1600)])],
    )


def test_picture_html_is_lazy_except_when_eager() -> None:
    lazy = core.picture_html(sample_picture(), "../..", "100vw", eager=False)
    eager = core.picture_html(sample_picture(), "../..", "100vw", eager=True)
    assert 'loading="lazy" decoding="async"' in lazy
    assert "loading=" not in eager
    assert 'srcset="../../anh/ab/x-480x320.webp 480w, ../../anh/ab/x-1600x1067.webp 1600w"' in lazy
    assert 'width="1600" height="1067"' in lazy
    assert 'alt="Đại biểu &quot;dự&quot; hội nghị"' in lazy


def test_replace_images_reads_attributes_with_entities() -> None:
    seen: list[dict[str, str]] = []
    html = '<p>a <img alt="Ảnh &amp; chú thích" src="{static}a.jpg"> b</p><img src=b.png>'
    result = core.replace_images(html, lambda tag, attrs: seen.append(attrs) or "[X]")
    assert result == "<p>a [X] b</p>[X]"
    assert seen == [{"alt": "Ảnh & chú thích", "src": "{static}a.jpg"}, {"src": "b.png"}]


def test_line_of_points_at_the_reference() -> None:
    assert core.line_of("Title: x\n\nđoạn\n![a](anh.jpg)\n", "anh.jpg") == 4
    assert core.line_of("x", "anh.jpg") is None


def test_a_placeholder_is_recognised_by_its_marker_and_a_camera_photo_is_not(tmp_path: Path) -> None:
    placeholder, photo = tmp_path / "giu-cho.jpg", tmp_path / "that.jpg"
    make_placeholder(placeholder, (320, 214), 1, orientation=6)
    make_photo(photo, (320, 214), "OK")
    assert core.probe(placeholder, placeholder.name, core.EncoderSettings()).standin
    assert not core.probe(photo, photo.name, core.EncoderSettings()).standin


def test_a_description_that_only_mentions_the_marker_later_is_not_a_standin(tmp_path: Path) -> None:
    path = tmp_path / "anh.jpg"
    exif = Image.Exif()
    exif[core.EXIF_IMAGE_DESCRIPTION] = f"Hội nghị (không phải {core.STANDIN_MARKER})".encode().decode("latin-1")
    Image.new("RGB", (40, 30)).save(path, "JPEG", exif=exif)
    assert not core.probe(path, path.name, core.EncoderSettings()).standin


def test_probe_refuses_a_photo_heavier_than_the_byte_limit_before_opening_it(tmp_path: Path) -> None:
    photo = tmp_path / "anh.jpg"
    make_photo(photo, (640, 480), "A")
    size = photo.stat().st_size
    assert core.probe(photo, "anh.jpg", core.EncoderSettings(), max_bytes=size).width == 640
    with pytest.raises(ContentError) as caught:
        core.probe(photo, "anh.jpg", core.EncoderSettings(), max_bytes=size - 1)
    assert caught.value.key == "oversized-photo"
    assert '"anh.jpg"' in caught.value.message
