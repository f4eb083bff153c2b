"""Photos in real (tiny) builds: figure markup, responsive variants, privacy, cover, cache."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader
from PIL import Image

from bench.standin_photos import make_photo
from plugins.figures import core, hooks
from tests.conftest import ROOT, SEED_SLUG, Build, article, build_site

CAPTION_2 = "Đồng chí Phạm Thu Hằng, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh\nphát biểu chỉ đạo tại hội nghị"
BODY = f"""Đoạn mở đầu.

![Các cộng tác viên thảo luận tại hội nghị]({{static}}hoi-nghi-1.jpg)
/// caption
Các cộng tác viên thảo luận tại hội nghị
///

Đoạn giữa.

![](hoi-nghi-2.jpg)
/// caption
{CAPTION_2}. Ảnh: Trọng Hải
///
"""
ARTICLE = "articles/2024/hoi-nghi/index.md"


def photo_bytes(tmp: Path, name: str, size: tuple[int, int], **options: object) -> bytes:
    make_photo(tmp / name, size, name.upper(), **options)
    return (tmp / name).read_bytes()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    tmp = tmp_path_factory.mktemp("photos")
    return {
        ARTICLE: article(
            "Hội nghị tổng kết", date="2024-05-08 08:00", body=BODY, Cover="hoi-nghi-2.jpg", Summary="Tóm tắt."
        ),
        "articles/2024/hoi-nghi/hoi-nghi-1.jpg": photo_bytes(tmp, "hoi-nghi-1.jpg", (1000, 667), seed=1),
        "articles/2024/hoi-nghi/hoi-nghi-2.jpg": photo_bytes(tmp, "hoi-nghi-2.jpg", (900, 600), orientation=6, seed=2),
        "articles/2024/hoi-nghi/khong-dung.jpg": photo_bytes(tmp, "khong-dung.jpg", (300, 200), seed=3),
        "articles/2024/chu/index.md": article("Bài chỉ có chữ", date="2024-05-07 08:00"),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str | bytes]) -> Build:
    return build_site(tmp_path_factory.mktemp("site"), files)


@pytest.fixture(autouse=True)
def _figures_info_logged():
    """The encode counter is logged at INFO; in-process builds do not configure Pelican's logging."""
    logger = logging.getLogger("plugins.figures")
    level = logger.level
    logger.setLevel(logging.INFO)
    yield
    logger.setLevel(level)


def stats_of(build: Build) -> core.EncodeStats:
    (stats,) = [r.figures_stats for r in build.records if hasattr(r, "figures_stats")]
    return stats


def test_both_photos_become_figures_with_their_exact_captions(site: Build) -> None:
    figures = site.html("bai-viet/hoi-nghi/").select("figure")
    assert [f.figcaption.get_text() for f in figures] == [
        "Các cộng tác viên thảo luận tại hội nghị",
        f"{CAPTION_2}. Ảnh: Trọng Hải",
    ]
    assert figures[1].select_one(".figure-credit").get_text() == "Ảnh: Trọng Hải"
    assert figures[1].img["alt"] == CAPTION_2.replace("\n", " ") + "."


def test_figures_are_responsive_pictures_with_dimensions(site: Build) -> None:
    page = site.html("bai-viet/hoi-nghi/")
    first, second = page.select("figure picture")
    assert [s["type"] for s in first.select("source")] == ["image/avif", "image/webp", "image/jpeg"]
    widths = [
        int(c.split()[1].rstrip("w")) for c in first.select_one('source[type="image/webp"]')["srcset"].split(", ")
    ]
    assert widths == [480, 800, 1000]  # never upscaled past the 1000 px original
    assert (first.img["width"], first.img["height"]) == ("1000", "667")
    assert (second.img["width"], second.img["height"]) == ("900", "600")  # upright, not 600×900
    assert all(s["sizes"] for s in first.select("source"))


def test_first_photo_loads_eagerly_and_the_rest_lazily(site: Build) -> None:
    first, second = site.html("bai-viet/hoi-nghi/").select("figure img")
    assert not first.has_attr("loading")
    assert (second["loading"], second["decoding"]) == ("lazy", "async")


def test_every_url_in_the_page_exists_in_the_output(site: Build) -> None:
    page_dir = site.output / "bai-viet" / "hoi-nghi"
    page = site.html("bai-viet/hoi-nghi/")
    urls = [img["src"] for img in page.select("figure img")]
    urls += [c.split()[0] for s in page.select("figure source") for c in s["srcset"].split(", ")]
    assert len(urls) > 10
    for url in urls:
        assert (page_dir / url).resolve().is_file(), url


def test_published_photos_carry_no_metadata_and_are_sRGB(site: Build) -> None:
    published = [p for p in (site.output / "anh").rglob("*") if p.is_file()]
    assert {p.suffix for p in published} == {".avif", ".webp", ".jpg"}
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), path
            assert image.mode in ("RGB", "RGBA")


def test_originals_are_not_published(site: Build, files: dict[str, str | bytes]) -> None:
    photos = {data for name, data in files.items() if name.endswith(".jpg")}
    for path in site.output.rglob("*"):
        if path.is_file():
            assert path.read_bytes() not in photos, path
    assert not (site.output / "articles").exists()
    assert not list(site.output.rglob("khong-dung*"))  # a stray photo in the folder is not published


def test_sideways_photo_is_published_upright(site: Build) -> None:
    (variant,) = [p for p in (site.output / "anh").rglob("hoi-nghi-2-*-480x320.jpg")]
    with Image.open(variant) as image:
        sky, floor = image.getpixel((10, 10)), image.getpixel((10, image.height - 10))
    assert sky[2] > sky[0]  # blue sky on top
    assert floor[0] > floor[2]  # brown floor below


def test_cover_is_the_named_photo_with_card_and_open_graph_sizes(site: Build) -> None:
    page = site.html("bai-viet/hoi-nghi/")
    og = page.select_one('meta[property="og:image"]')
    cards = site.html("index.html").select("picture img")
    assert any("hoi-nghi-2-" in img["src"] and "-the-" in img["src"] for img in cards)
    if og is not None:  # the SEO partial may not be there yet; when it is, it uses the cover
        assert "-og-" in og["content"]


def test_an_article_without_photos_has_no_cover(site: Build) -> None:
    cards = site.html("index.html").select("article")
    text_only = [c for c in cards if c.select_one('a[href$="bai-viet/chu/"]')]
    with_photo = [c for c in cards if c.select_one('a[href$="bai-viet/hoi-nghi/"]')]
    assert text_only
    assert all(c.picture is None for c in text_only)
    assert any(c.picture is not None for c in with_photo)


def test_warm_rebuild_encodes_nothing_and_a_changed_photo_only_itself(
    tmp_path: Path, files: dict[str, str | bytes]
) -> None:
    cold = build_site(tmp_path / "a", files, CACHE_PATH=str(tmp_path / "cache"))
    warm = build_site(tmp_path / "b", files, CACHE_PATH=str(tmp_path / "cache"))
    assert stats_of(cold).files_encoded > 0
    assert (stats_of(warm).photos_decoded, stats_of(warm).files_encoded) == (0, 0)
    assert sorted(p.name for p in (warm.output / "anh").rglob("*.*")) == sorted(
        p.name for p in (cold.output / "anh").rglob("*.*")
    )
    changed = {**files, "articles/2024/hoi-nghi/hoi-nghi-1.jpg": photo_bytes(tmp_path, "x.jpg", (1000, 667), seed=9)}
    again = build_site(tmp_path / "c", changed, CACHE_PATH=str(tmp_path / "cache"))
    assert stats_of(again).photos_decoded == 1
    # only the new photo's files: hoi-nghi-2 (the cover) is untouched
    assert stats_of(again).files_encoded == len(list((again.output / "anh").rglob("hoi-nghi-1-*")))


def photos_read(build: Build) -> int:
    (count,) = [r.figures_photos_read for r in build.records if hasattr(r, "figures_photos_read")]
    return count


def photo_urls(build: Build, slug: str) -> set[str]:
    page = build.html(f"bai-viet/{slug}/")
    urls = {img["src"] for img in page.select("figure img")}
    return urls | {c.split()[0] for s in page.select("figure source") for c in s["srcset"].split(", ")}


def test_a_photo_shared_by_articles_is_encoded_once_and_a_replaced_one_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.PhotoFactsCache, "settle_ns", 0)  # the photos below count as old, as an editor's are
    shared = photo_bytes(tmp_path, "chung.jpg", (1000, 667), seed=4)
    body = "![Ảnh hội nghị]({static}%s)\n/// caption\nẢnh hội nghị\n///\n"
    files = {
        "articles/2024/mot/index.md": article("Một", body=body % "anh-1.jpg"),
        "articles/2024/mot/anh-1.jpg": shared,
        "articles/2024/hai/index.md": article("Hai", date="2024-05-07 08:00", body=body % "hoi-nghi.jpg"),
        "articles/2024/hai/hoi-nghi.jpg": shared,
    }
    cache = str(tmp_path / "cache")
    cold = build_site(tmp_path / "a", files, CACHE_PATH=cache)
    assert (stats_of(cold).photos_decoded, photos_read(cold)) == (1, 2)
    published = list((cold.output / "anh").rglob("*.*"))
    # hoi-nghi-* are anh-1-*'s twins, and so are card crops the size of a body variant: copied, not encoded
    assert stats_of(cold).files_encoded + stats_of(cold).files_copied == len(published)
    assert stats_of(cold).files_encoded < len([p for p in published if p.name.startswith("anh-1-")])
    for slug in ("mot", "hai"):
        assert all((cold.output / "bai-viet" / slug / url).resolve().is_file() for url in photo_urls(cold, slug))

    content = tmp_path / "a" / "content"
    warm = build_site(tmp_path / "b", content=content, CACHE_PATH=cache)
    assert (stats_of(warm).photos_decoded, stats_of(warm).files_encoded, photos_read(warm)) == (0, 0, 0)

    replaced = content / "articles/2024/mot/anh-1.jpg"
    replaced.write_bytes(photo_bytes(tmp_path, "moi.jpg", (1000, 667), seed=5))  # in place: same path and inode
    again = build_site(tmp_path / "c", content=content, CACHE_PATH=cache)
    assert (stats_of(again).photos_decoded, photos_read(again)) == (1, 1)
    assert photo_urls(again, "mot").isdisjoint(photo_urls(warm, "mot"))  # new bytes, new names
    assert photo_urls(again, "hai") == photo_urls(warm, "hai")
    assert all((again.output / "bai-viet" / "mot" / url).resolve().is_file() for url in photo_urls(again, "mot"))


def test_a_photo_without_caption_or_alt_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    tmp = tmp_path / "p"
    tmp.mkdir()
    build = build_site(
        tmp_path,
        {
            ARTICLE: article(body="Đoạn.\n\n![](anh.jpg)\n"),
            "articles/2024/hoi-nghi/anh.jpg": photo_bytes(tmp, "anh.jpg", (300, 200)),
        },
    )
    (warning,) = [r for r in build.records if "image-no-caption" in r.getMessage()]
    assert warning.levelno == logging.WARNING
    assert f"{ARTICLE}:8:" in warning.getMessage()
    assert '"anh.jpg"' in warning.getMessage()


def test_the_seed_article_shows_both_figures(fixture_site: Build) -> None:
    page = fixture_site.html(f"bai-viet/{SEED_SLUG}/")
    figures = page.select("figure")
    assert [" ".join(f.figcaption.get_text().split()) for f in figures] == [
        "Các cộng tác viên thảo luận tại hội nghị",
        "Đồng chí Phạm Thu Hằng, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh phát biểu chỉ đạo tại hội nghị",
    ]
    for figure in figures:
        assert figure.select_one('source[type="image/webp"]')["srcset"]
        assert (figure.img["width"], figure.img["height"]) == ("1600", "1067")
    assert figures[1].img["loading"] == "lazy"


def test_picture_partial_renders_a_cover(tmp_path: Path) -> None:
    source = tmp_path / "anh.jpg"
    make_photo(source, (1200, 800), "X")
    settings = core.EncoderSettings()
    plan = core.PhotoPlan(core.probe(source, "anh.jpg", settings))
    cover = core.Planner(settings, "anh").cover_picture(plan, "anh", "Mô tả ảnh")
    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    hooks.add_picture_global(SimpleNamespace(env=env))  # what the plugin does at generator_init
    template = env.from_string(
        '{% with image=cover, sizes="(min-width: 60rem) 20rem, 100vw", eager=false %}'
        '{% include "partials/picture.html" %}{% endwith %}'
    )
    html = template.render(cover=cover, SITEURL="https://example.org")
    assert f'src="https://example.org/{cover.fallback_url}"' in html
    assert 'alt="Mô tả ảnh"' in html
    assert 'loading="lazy"' in html
    assert html.count("<source") == 3
    assert env.from_string('{% with image=None %}{% include "partials/picture.html" %}{% endwith %}').render() == ""


def test_originals_published_on_request_are_stripped(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    build = build_site(tmp_path, files, FIGURES_PUBLISH_ORIGINALS=True)
    link = build.html("bai-viet/hoi-nghi/").select_one("figure a.figure-original")
    original = (build.output / "bai-viet" / "hoi-nghi" / link["href"]).resolve()
    with Image.open(original) as image:
        assert image.size == (1000, 667)
        assert not image.getexif()
