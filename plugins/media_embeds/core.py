"""Video embeds and article kinds as plain Python (no Pelican import; unit-tested).

Why our own parser rather than an oEmbed library: oEmbed asks YouTube/Facebook at
build time (a network request per build, and CI has no access), and every embed
library outputs the provider's iframe directly, which loads the provider's
scripts and cookies as soon as the page opens. Here the editor's address is only
parsed; the page shows a local poster and the iframe is built by
theme/static/js/video.js when the reader clicks (privacy by default, Decree
13/2023/NĐ-CP on personal data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from plugins.common.errors import ContentError
from plugins.common.urls import BadUrl, parse_web_url

KINDS = ("news", "photo-story", "video")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
_FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch"}


@dataclass(frozen=True)
class Video:
    """What the page needs: where the player comes from, where to watch it, what the CSP must allow."""

    provider: str  # "youtube", "facebook" or "local"
    watch_url: str  # the link a reader follows without JavaScript (and in feeds)
    embed_url: str = ""  # the iframe address, built only on click
    frame_origin: str = ""  # the one origin the page's CSP must allow in frame-src
    file: str = ""  # local MP4, relative to the article folder

    @property
    def is_local(self) -> bool:
        return self.provider == "local"


def parse_video(
    value: str, article_dir: Path, local_formats: tuple[str, ...] = ("mp4",), max_local_bytes: int = 150 * 1024 * 1024
) -> Video:
    """The editor's ``Video:`` value as a Video; ValueError (Vietnamese) when it is not one we can show."""
    text = value.strip()
    if ":" not in text:  # a file name beside the article; anything with a scheme is an address
        return _local_video(text, article_dir, local_formats, max_local_bytes)
    try:
        # The host a browser would open (common/urls): "youtube.com\\@evil.com" is not YouTube.
        host = parse_web_url(text).host
    except BadUrl as exc:
        raise ValueError(f'Địa chỉ video "{text}" không dùng được: {exc}') from None
    parts = urlsplit(text)
    if host in _YOUTUBE_HOSTS:
        return _youtube(parts, text)
    if host in _FACEBOOK_HOSTS:
        return _facebook(text)
    raise ValueError(
        f'Không nhúng được video từ "{host}". Chỉ nhận địa chỉ YouTube, Facebook hoặc tệp MP4 đặt cạnh bài viết.'
    )


def _youtube(parts, text: str) -> Video:
    path = parts.path.strip("/").split("/")
    if parts.hostname == "youtu.be":
        candidate = path[0]
    elif path[0] in ("embed", "shorts", "live") and len(path) > 1:
        candidate = path[1]
    else:
        candidate = parse_qs(parts.query).get("v", [""])[0]
    if not _YOUTUBE_ID.fullmatch(candidate):
        raise ValueError(f'Không tìm thấy mã video trong địa chỉ YouTube "{text}" (ví dụ đúng: youtube.com/watch?v=…).')
    return Video(
        provider="youtube",
        watch_url=f"https://www.youtube.com/watch?v={candidate}",
        embed_url=f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1&rel=0",
        frame_origin="https://www.youtube-nocookie.com",
    )


def _facebook(text: str) -> Video:
    if not re.search(r"/videos/|/watch|/reel/|fb\.watch/", text):
        raise ValueError(
            f'"{text}" không phải địa chỉ một video Facebook (cần có /videos/, /watch, /reel/ hoặc fb.watch).'
        )
    return Video(
        provider="facebook",
        watch_url=text,
        embed_url="https://www.facebook.com/plugins/video.php?href=" + quote(text, safe="") + "&show_text=false",
        frame_origin="https://www.facebook.com",
    )


def _local_video(name: str, article_dir: Path, local_formats: tuple[str, ...], max_bytes: int) -> Video:
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f'Tệp video "{name}" phải nằm ngay trong thư mục bài viết (chỉ ghi tên tệp).')
    if name.rsplit(".", 1)[-1].lower() not in local_formats:
        raise ValueError(
            f'Tệp video "{name}" phải là {", ".join(local_formats).upper()} (hoặc địa chỉ YouTube/Facebook).'
        )
    if not (article_dir / name).is_file():
        raise ValueError(f'Không tìm thấy tệp video "{name}" trong thư mục bài viết.')
    if (article_dir / name).stat().st_size > max_bytes:
        raise ValueError(
            f'Tệp video "{name}" nặng hơn {max_bytes // (1024 * 1024)} MB; hãy đăng lên kênh YouTube của đơn vị'
            " rồi ghi địa chỉ YouTube vào trường Video."
        )
    return Video(provider="local", watch_url=name, file=name)


def check_captions(name: str, article_dir: Path) -> str:
    """A WebVTT captions file beside the article (the only format browsers' <track> reads)."""
    clean = name.strip()
    if "/" in clean or not clean.lower().endswith(".vtt"):
        raise ValueError(f'Phụ đề "{clean}" phải là tệp .vtt (WebVTT) nằm ngay trong thư mục bài viết.')
    if not (article_dir / clean).is_file():
        raise ValueError(f'Không tìm thấy tệp phụ đề "{clean}" trong thư mục bài viết.')
    return clean


def parse_kind(value: str) -> str:
    kind = value.strip().lower()
    if kind not in KINDS:
        raise ValueError(f'Loại bài "{value}" không hợp lệ; chỉ dùng: {", ".join(KINDS)}.')
    return kind


def frame_csp(policy: str, origin: str) -> str:
    """``policy`` with ``origin`` as the only frame source: the relaxation a page with a video needs.

    Only the one page that shows the video gets it, and only for frames; every
    other directive, and every other page, keeps the site's strict policy.
    """
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    kept = [d for d in directives if not d.startswith("frame-src")]
    return "; ".join([*kept, f"frame-src {origin}"])


def media_errors(
    meta: dict,
    article_dir: Path,
    source: Path,
    lines: dict[str, int],
    *,
    local_formats: tuple[str, ...] = ("mp4",),
    max_local_bytes: int = 150 * 1024 * 1024,
) -> list[ContentError]:
    """Every problem with an article's Video/Captions/Transcript/Kind fields (for the build and ``make check``)."""
    errors = []
    checks = (
        ("video", lambda v: parse_video(v, article_dir, local_formats, max_local_bytes)),
        ("captions", lambda v: check_captions(v, article_dir)),
        ("kind", parse_kind),
    )
    for key, check in checks:
        if meta.get(key):
            try:
                check(str(meta[key]))
            except ValueError as exc:
                errors.append(ContentError(f"bad-{key}", str(exc), source, lines.get(key)))
    kind, video = str(meta.get("kind", "")).strip().lower(), meta.get("video")
    if not video and (meta.get("transcript") or kind == "video"):
        key = "transcript" if meta.get("transcript") else "kind"
        errors.append(
            ContentError(
                "video-missing", "Bài có lời thoại hoặc loại video nhưng thiếu trường Video.", source, lines.get(key)
            )
        )
    if video and kind == "photo-story":
        errors.append(
            ContentError(
                "video-in-photo-story",
                "Phóng sự ảnh không kèm video; hãy viết video thành một bài riêng.",
                source,
                lines.get("video"),
            )
        )
    if meta.get("captions") and not str(video or "").lower().endswith(".mp4"):
        errors.append(
            ContentError(
                "captions-need-local-video",
                "Phụ đề (.vtt) chỉ dùng cho video MP4 đặt cạnh bài viết; video YouTube/Facebook"
                " dùng phụ đề của nền tảng đó, lời thoại ghi ở trường Transcript.",
                source,
                lines.get("captions"),
            )
        )
    return errors
