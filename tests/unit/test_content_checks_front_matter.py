"""YAML front matter (what Decap's yaml-frontmatter, Jekyll or Hugo habits produce) read like a hand-written header."""

from __future__ import annotations

import pytest

from plugins.common.errors import ContentError
from plugins.content_model.core import as_pelican_header, yaml_front_matter
from tests.conftest import article, build_site

DECAP_YAML = """---
title: "Hội nghị: tổng kết năm 2026"
date: 2026-11-25 20:23
category: Kiểm tra, giám sát
tags:
  - hội nghị
  - kiểm tra
author: Nguyễn Văn A
summary: "Sáng 25/11, Đảng ủy Khối tổ chức hội nghị: tổng kết công tác năm 2026
  với nhiều nội dung quan trọng."
cover: ""
related: []
featured: false
status: published
---
Thân bài.
"""


def test_decap_yaml_becomes_a_pelican_header_with_original_lines():
    header, lines = as_pelican_header(DECAP_YAML, "a.md")
    assert header.split("\n\n")[0].split("\n") == [
        "title: Hội nghị: tổng kết năm 2026",
        "date: 2026-11-25 20:23",
        "category: Kiểm tra, giám sát",
        "tags: hội nghị, kiểm tra",
        "author: Nguyễn Văn A",
        "summary: Sáng 25/11, Đảng ủy Khối tổ chức hội nghị: tổng kết công tác năm 2026 với nhiều nội dung quan trọng.",
        "featured: false",
        "status: published",
    ]
    assert header.endswith("\n\nThân bài.\n")
    assert (lines["title"], lines["tags"], lines["summary"], lines["related"]) == (2, 5, 9, 12)


def test_plain_dashed_header_is_left_to_the_meta_extension():
    text = "---\nTitle: Tin: số #1\nDate: 2021-01-21 13:58\n---\n\nThân bài.\n"
    assert yaml_front_matter(text) is None  # YAML would cut "#1" as a comment
    assert as_pelican_header(text, "a.md")[0] == text


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('---\ntitle: "chưa đóng ngoặc\ndate: x\n---\n\nB\n', "bad-front-matter", 2),  # where the quote opened
        ("---\ntitle: A\ntags:\n  - a, b\n---\n\nB\n", "comma-in-list-item", 3),
        ("---\ntitle: A\nunit:\n  name: x\n---\n\nB\n", "bad-front-matter", 3),
    ],
)
def test_broken_front_matter_names_the_line(text, key, line):
    with pytest.raises(ContentError) as caught:
        as_pelican_header(text, "content/articles/2026/a/index.md")
    assert (caught.value.key, caught.value.line) == (key, line)


def test_yaml_article_builds_exactly_like_the_hand_written_one(tmp_path):
    hand_written = article(
        "Hội nghị: tổng kết năm 2026",
        date="2026-11-25 20:23",
        category="Kiểm tra, giám sát",
        body="Thân bài.",
        Tags="hội nghị, kiểm tra",
        Summary="Sáng 25/11, Đảng ủy Khối tổ chức hội nghị: tổng kết công tác năm 2026 với nhiều nội dung quan trọng.",
        Featured="no",
    )
    pages = {}
    for name, text in {"yaml": DECAP_YAML, "hand": hand_written}.items():
        build = build_site(tmp_path / name, {"articles/2026/hoi-nghi/index.md": text})
        page = build.html("bai-viet/hoi-nghi/")
        pages[name] = (
            page.find("h1").get_text(strip=True),
            page.find("meta", attrs={"name": "description"})["content"],
            sorted(a.get_text(strip=True) for a in page.select("a[href*='the/']")),
            page.find("time").get("datetime"),
            page.select_one(".article__body, article").get_text(" ", strip=True)[-20:],
        )
        assert (build.output / "the" / "hoi-nghi" / "index.html").is_file()
    assert pages["yaml"] == pages["hand"]
