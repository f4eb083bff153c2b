"""Summary: is text. Images and embeds are refused by the reader and make check, and stripped by html_policy."""

from __future__ import annotations

import pytest

from plugins.content_model.core import is_remote_url, summary_media_errors
from plugins.html_policy.core import clean, make_cleaner, make_summary_cleaner


@pytest.mark.parametrize(
    ("summary", "key"),
    [
        ("Tin ![](https://t.example/p.gif) hết", "summary-remote-image"),
        ('Tin <img src="HTTP://t.example/p.gif"> hết', "summary-remote-image"),
        ('Tin <img src="//t.example/p.gif"> hết', "summary-remote-image"),
        ('Tin <video poster="https://t.example/v.jpg"></video>', "summary-remote-image"),
        ('Tin <iframe src="https://t.example/"></iframe>', "summary-remote-image"),
        ("Tin ![Ảnh](anh.jpg) hết", "summary-image"),
        ("Tin <svg><circle r='1'/></svg> hết", "summary-image"),
    ],
)
def test_media_in_a_summary_is_refused_naming_file_and_line(summary: str, key: str) -> None:
    errors = summary_media_errors(summary, "articles/2024/bai/index.md", 5)
    assert [e.key for e in errors] == [key]
    assert str(errors[0]).startswith("articles/2024/bai/index.md:5: ")


@pytest.mark.parametrize(
    "summary", ["Một câu tóm tắt.", "a < b và c > d", "Xem [văn bản](https://example.org/x).", "<em>Nhấn</em> mạnh"]
)
def test_text_summaries_pass(summary: str) -> None:
    assert summary_media_errors(summary, "a.md", 1) == []


def test_remote_urls() -> None:
    assert all(map(is_remote_url, ["https://a/b", "//a/b", "data:image/png;base64,AA"]))
    assert not any(map(is_remote_url, ["anh.jpg", "{static}anh.jpg", "/anh/a.jpg"]))


def test_the_summary_cleaner_keeps_text_and_links_but_nothing_that_loads() -> None:
    html = (
        '<p>Tin <img src="https://t.example/p.gif"> <a href="https://example.org/">nguồn</a>'
        '<picture><source srcset="https://t.example/a.webp"></picture><em>nhấn</em></p>'
    )
    summary = clean(html, make_summary_cleaner())
    assert "t.example" not in summary
    assert 'href="https://example.org/"' in summary
    assert "<em>nhấn</em>" in summary
    assert "t.example" in clean(html, make_cleaner())  # the body keeps its (figures-checked) pictures
