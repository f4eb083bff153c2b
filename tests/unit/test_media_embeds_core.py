"""plugins/media_embeds/core.py: video addresses, local files, kinds and the per-page frame policy."""

from __future__ import annotations

import pytest

from plugins.media_embeds import core

ID = "aqz-KE-bpKQ"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={ID}",
        f"https://youtube.com/watch?feature=share&v={ID}",
        f"https://m.youtube.com/watch?v={ID}&t=30s",
        f"https://youtu.be/{ID}?si=abc",
        f"https://www.youtube.com/shorts/{ID}",
        f"https://www.youtube.com/embed/{ID}",
    ],
)
def test_every_youtube_address_form_becomes_a_nocookie_embed(url, tmp_path):
    video = core.parse_video(url, tmp_path)
    assert video.provider == "youtube"
    assert video.embed_url.startswith(f"https://www.youtube-nocookie.com/embed/{ID}?")
    assert video.watch_url == f"https://www.youtube.com/watch?v={ID}"
    assert video.frame_origin == "https://www.youtube-nocookie.com"


def test_facebook_video_uses_the_video_plugin_with_the_address_encoded(tmp_path):
    video = core.parse_video("https://www.facebook.com/dukcq/videos/123456789/", tmp_path)
    assert video.embed_url == (
        "https://www.facebook.com/plugins/video.php?href="
        "https%3A%2F%2Fwww.facebook.com%2Fdukcq%2Fvideos%2F123456789%2F&show_text=false"
    )
    assert video.frame_origin == "https://www.facebook.com"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://vimeo.com/1", "vimeo.com"),
        ("https://www.youtube.com/watch?v=abc", "mã video"),
        ("https://www.youtube.com/channel/UC123", "mã video"),
        ("https://www.facebook.com/dukcq/posts/1", "không phải địa chỉ một video Facebook"),
        ("../khac/clip.mp4", "thư mục bài viết"),
        ("clip.avi", "MP4"),
        ("clip.mp4", "Không tìm thấy"),
    ],
)
def test_unusable_videos_are_explained_in_vietnamese(value, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        core.parse_video(value, tmp_path)


def test_local_mp4_and_captions_beside_the_article(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"mp4")
    (tmp_path / "clip.vtt").write_text("WEBVTT\n", encoding="utf-8")
    video = core.parse_video("clip.mp4", tmp_path)
    assert (video.is_local, video.file, video.embed_url, video.frame_origin) == (True, "clip.mp4", "", "")
    assert core.check_captions("clip.vtt", tmp_path) == "clip.vtt"
    with pytest.raises(ValueError, match="WebVTT"):
        core.check_captions("clip.srt", tmp_path)


def test_media_errors_name_the_line_and_refuse_captions_for_remote_video(tmp_path):
    (tmp_path / "clip.vtt").write_text("WEBVTT\n", encoding="utf-8")
    meta = {"video": f"https://youtu.be/{ID}", "captions": "clip.vtt", "kind": "Podcast"}
    errors = core.media_errors(meta, tmp_path, tmp_path / "index.md", {"video": 5, "captions": 6, "kind": 7})
    assert sorted((e.key, e.line) for e in errors) == [("bad-kind", 7), ("captions-need-local-video", 6)]


def test_kinds():
    assert core.parse_kind(" Photo-Story ") == "photo-story"
    with pytest.raises(ValueError, match="news, photo-story, video"):
        core.parse_kind("gallery")


def test_frame_csp_replaces_only_the_frame_directive():
    policy = "default-src 'self'; script-src 'self'; frame-src 'none'; img-src 'self' data:"
    relaxed = core.frame_csp(policy, "https://www.youtube-nocookie.com")
    assert relaxed == (
        "default-src 'self'; script-src 'self'; img-src 'self' data:; frame-src https://www.youtube-nocookie.com"
    )
    assert core.frame_csp("default-src 'self'", "https://www.facebook.com").endswith(
        "frame-src https://www.facebook.com"
    )


@pytest.mark.parametrize(
    ("meta", "key", "line"),
    [
        ({"transcript": "Lời thoại."}, "video-missing", 6),
        ({"kind": "video"}, "video-missing", 7),
        ({"video": f"https://youtu.be/{ID}", "kind": "photo-story"}, "video-in-photo-story", 5),
    ],
)
def test_fields_that_need_each_other(meta, key, line, tmp_path):
    lines = {"video": 5, "transcript": 6, "kind": 7}
    errors = core.media_errors(meta, tmp_path, tmp_path / "index.md", lines)
    assert [(e.key, e.line) for e in errors] == [(key, line)]


def test_local_video_over_the_limit_is_refused(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"0" * 2048)
    with pytest.raises(ValueError, match="YouTube"):
        core.parse_video("clip.mp4", tmp_path, ("mp4",), max_local_bytes=1024)
