"""The sitemap reads only each page's head: the same text the whole page split at </head> gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.seo_feeds.core import page_head, sitemap_entries


def whole_page_head(page: Path) -> str:
    return page.read_text(encoding="utf-8", errors="replace").split("</head>", 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        "<html><head><title>Đảng ủy Khối</title></head><body>" + "nội dung " * 5000 + "</body></html>",
        "<head>" + "ư" * 9000 + "</head><body>x</body>",  # the end tag straddles two chunks
        "<p>Không có phần đầu</p>" * 3000,
        "",
    ],
)
def test_the_head_is_what_splitting_the_whole_page_gives(tmp_path: Path, text: str) -> None:
    page = tmp_path / "index.html"
    page.write_text(text, encoding="utf-8")
    for chunk in (7, 64, 16384):
        assert page_head(page, chunk) == whole_page_head(page)


def test_undecodable_bytes_are_replaced_as_before(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"<head><title>\xff\xfe \xc4</title></head><body>\xe1\xba</body>")
    assert page_head(page, 5) == whole_page_head(page)


def test_the_sitemap_lists_canonical_pages_with_their_modification_time(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    canonical = '<link rel="canonical" href="https://example.vn/a/">'
    modified = '<meta property="article:modified_time" content="2024-05-06T08:30:00+07:00">'
    (tmp_path / "a" / "index.html").write_text(f"<head>{canonical}{modified}</head><body>x</body>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<head><title>404</title></head>", encoding="utf-8")
    entries = sitemap_entries(tmp_path)
    assert entries == [("https://example.vn/a/", "2024-05-06T08:30:00+07:00")]
