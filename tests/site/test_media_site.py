"""Video and photo-story articles in a tiny built site: markup, CSP, files, and editor errors."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import article, build_site

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (120, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def story_body(count: int) -> str:
    return "\n\n".join(f"![Ảnh {n}](anh-{n}.jpg)\n/// caption\nChú thích ảnh {n}\n///" for n in range(1, count + 1))


FILES = {
    "articles/2024/video-yt/index.md": article("Video YouTube", Video=YOUTUBE, Transcript="Lời thoại của video."),
    "articles/2024/video-fb/index.md": article(
        "Video Facebook", Video="https://www.facebook.com/dangUyKhoi/videos/1234567890/"
    ),
    "articles/2024/video-mp4/index.md": article("Video tại chỗ", Video="clip.mp4", Captions="clip.vtt"),
    "articles/2024/video-mp4/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
    "articles/2024/video-mp4/clip.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n",
    "articles/2024/phong-su/index.md": article("Phóng sự ảnh", Kind="photo-story", body=story_body(3)),
    **{f"articles/2024/phong-su/anh-{n}.jpg": jpeg() for n in range(1, 4)},
    "articles/2024/tin-thuong/index.md": article("Tin thường"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("media"), FILES)


def csp(soup) -> dict[str, str]:
    policy = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    return dict(d.strip().split(" ", 1) for d in policy.split(";"))


def test_youtube_page_has_a_local_poster_and_no_third_party_resource(site):
    soup = site.html("bai-viet/video-yt/")
    figure = soup.select_one("[data-video]")
    assert figure["data-embed"].startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")
    assert figure.select_one("a[data-video-play]")["href"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert soup.find("iframe") is None
    assert len(soup.select("[data-video]")) == 1  # not repeated in an automatic lead/summary
    loaded = [tag.get("src", "") for tag in soup.find_all(["img", "script", "iframe", "source", "link"])]
    loaded += [tag.get("href", "") for tag in soup.find_all("link")]
    assert [url for url in loaded if "youtube" in url or "google" in url] == []
    assert soup.select_one("script[src$='js/video.js']") is not None
    assert soup.select_one(".video__transcript").get_text(" ", strip=True).endswith("Lời thoại của video.")
    assert soup.select_one('[data-pagefind-filter="kind:Video"]') is not None


def test_only_a_video_page_lets_its_provider_frame_in(site):
    assert csp(site.html("bai-viet/video-yt/"))["frame-src"] == "https://www.youtube-nocookie.com"
    assert csp(site.html("bai-viet/video-fb/"))["frame-src"] == "https://www.facebook.com"
    plain = csp(site.html("bai-viet/tin-thuong/"))
    assert plain["frame-src"] == "'none'"
    assert csp(site.html("bai-viet/video-yt/"))["script-src"] == plain["script-src"]


def test_facebook_embed_address_is_the_video_plugin(site):
    embed = site.html("bai-viet/video-fb/").select_one("[data-video]")["data-embed"]
    assert embed.startswith("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2F")


def test_local_mp4_uses_the_native_player_with_captions_and_is_published(site):
    soup = site.html("bai-viet/video-mp4/")
    video = soup.select_one("video")
    assert video["preload"] == "none"
    assert "controls" in video.attrs
    track = video.select_one("track")
    assert (track["kind"], track["srclang"]) == ("captions", "vi")
    for url in (video.select_one("source")["src"], track["src"]):
        assert (site.output / "bai-viet/video-mp4" / url).resolve().is_file()
    assert soup.select_one("[data-video]") is None


def test_photo_story_gets_the_lightbox_dialog_and_script(site):
    soup = site.html("bai-viet/phong-su/")
    assert soup.select_one("dialog[data-lightbox]") is not None
    assert soup.select_one("script[src$='js/lightbox.js']") is not None
    assert len(soup.select(".article__body figure picture")) == 3
    assert soup.select("article figure") == soup.select(".article__body figure")  # not repeated as an automatic lead
    assert soup.select_one('[data-pagefind-filter="kind:Phóng sự ảnh"]') is not None
    assert site.html("bai-viet/tin-thuong/").select_one("dialog") is None


@pytest.mark.parametrize(
    ("meta", "key"),
    [
        ({"Video": "https://vimeo.com/123"}, "bad-video"),
        ({"Video": "https://www.youtube.com/watch?v=short"}, "bad-video"),
        ({"Video": "khong-co.mp4"}, "bad-video"),
        ({"Kind": "podcast"}, "bad-kind"),
        ({"Video": YOUTUBE, "Captions": "phu-de.vtt"}, "bad-captions"),
    ],
)
def test_editor_mistakes_are_errors_naming_the_file_and_line(tmp_path, meta, key):
    build = build_site(tmp_path, {"articles/2024/loi/index.md": article("Bài lỗi", **meta)})
    errors = [m for m in build.messages() if f"[{key}]" in m]
    assert errors
    line = 5 + list(meta).index(key.removeprefix("bad-").capitalize())  # after Title, Date, Category, Author
    assert f"articles/2024/loi/index.md:{line}:" in errors[0]
