"""plugins.publish_checks.core on hand-made files: duplicate paths, traversal, links, HTML sanity, leaks."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from plugins.common.paths import outside_content
from plugins.publish_checks.core import (
    OutputClaim,
    Withheld,
    bundle_dir,
    check_output,
    duplicate_outputs,
    escaping_references,
)

SITEURL = "https://portal.test"


def page(body: str, *, head: str = "<title>Trang</title>", lang: str = "vi") -> str:
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n'


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def keys(errors) -> list[str]:
    return sorted(e.key for e in errors)


# --- duplicate output paths ------------------------------------------------------------------


def test_two_sources_with_one_output_path_name_both_files():
    errors = duplicate_outputs(
        [
            OutputClaim("bai-viet/hoi-nghi/index.html", "content/articles/2021/a/index.md"),
            OutputClaim("bai-viet/hoi-nghi/index.html", "content/articles/2024/b/index.md"),
            OutputClaim("bai-viet/khac/index.html", "content/articles/2024/c/index.md"),
        ]
    )
    assert len(errors) == 1
    text = str(errors[0])
    assert "content/articles/2021/a/index.md" in text
    assert "content/articles/2024/b/index.md" in text
    assert errors[0].key == "duplicate-output-path"


def test_paths_equal_after_folding_diacritics_and_case_are_duplicates():
    errors = duplicate_outputs(
        [
            OutputClaim("bai-viet/hội-nghị/index.html", "content/articles/2021/hội-nghị/index.md"),
            OutputClaim("bai-viet/Hoi-Nghi/index.html", "content/articles/2022/hoi-nghi/index.md"),
        ]
    )
    assert len(errors) == 1
    assert "hội-nghị" in str(errors[0])
    assert "content/articles/2022/hoi-nghi/index.md" in str(errors[0])


def test_distinct_paths_and_one_source_claiming_twice_are_fine():
    claim = OutputClaim("a/index.html", "content/a.md")
    assert duplicate_outputs([claim, claim, OutputClaim("b/index.html", "content/b.md")]) == []


# --- paths outside content/ ------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    ["{static}/../secret.txt", "{static}../../../../secret.txt", "{filename}/../../etc/passwd", "|static|/../x.txt"],
)
def test_links_leaving_content_are_refused_with_file_and_line(tmp_path, link):
    content = tmp_path / "content"
    source = content / "articles" / "2024" / "a" / "index.md"
    source.parent.mkdir(parents=True)
    errors = escaping_references(f"Title: A\n\nXem [tệp]({link}).\n", source, content)
    assert [(e.key, e.line) for e in errors] == [("path-outside-content", 3)]
    assert str(source.name) in str(errors[0])


def test_each_link_leaving_content_is_named_with_its_own_line(tmp_path):
    content = tmp_path / "content"
    source = content / "articles" / "2024" / "a" / "index.md"
    text = "Title: A\n\n[a]({static}anh.jpg) [b]({static}/../x.txt)\n\nChữ.\r\n[c](|attach|../../../../y.pdf)\n"
    errors = escaping_references(text, source, content)
    assert [(e.line, "x.txt" in str(e) or "y.pdf" in str(e)) for e in errors] == [(3, True), (6, True)]


def test_links_inside_content_are_accepted(tmp_path):
    content = tmp_path / "content"
    source = content / "articles" / "2024" / "a" / "index.md"
    text = "![](anh.jpg) [x]({static}anh-1.jpg) [y]({filename}/pages/gioi-thieu.md) [z]({static}../b/anh.jpg)"
    assert escaping_references(text, source, content) == []


def test_symlink_out_of_content_is_detected(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "secret.pdf").write_text("secret")
    link = content / "tai-lieu.pdf"
    os.symlink(tmp_path / "secret.pdf", link)
    (content / "thuong.pdf").write_text("ok")
    assert outside_content(link, content).key == "path-outside-content"
    assert outside_content(content / "thuong.pdf", content) is None


def test_bundle_dir_is_the_folder_holding_index_md(tmp_path):
    content = write(tmp_path / "content", {"articles/2024/a/index.md": "x", "articles/2024/a/anh/1.jpg": "x"})
    assert bundle_dir(content / "articles/2024/a/anh/1.jpg", content) == content / "articles/2024/a"
    assert bundle_dir(content / "images/logo.png", content) is None


# --- links, anchors, HTML sanity -------------------------------------------------------------


def test_a_clean_site_has_no_problems(tmp_path):
    out = write(
        tmp_path / "out",
        {
            "index.html": page(
                '<h1 id="top">Trang chủ</h1><a href="bai/">Bài</a><a href="https://portal.test/bai/#phan-2">Phần 2</a>'
                '<img src="anh/a.jpg" srcset="anh/a.jpg 1x, /anh/b.jpg 2x" alt=""><a href="#top">Lên</a>'
                '<a href="https://other.example/x">Ngoài</a><a href="mailto:a@b.vn">Thư</a>'
                '<script type="application/ld+json">{"a": 1}</script>'
            ),
            "bai/index.html": page('<h1>Bài</h1><h2 id="phan-2">Phần 2</h2><a href="../">Về</a>'),
            "anh/a.jpg": b"\xff\xd8",
            "anh/b.jpg": b"\xff\xd8",
            "feeds/all.atom.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<link href="https://portal.test/bai/" rel="alternate"/></feed>',
        },
    )
    assert check_output(out, siteurl=SITEURL) == []


def test_broken_links_anchors_srcset_and_feed_links_are_reported(tmp_path):
    out = write(
        tmp_path / "out",
        {
            "index.html": page(
                '<h1>Trang</h1>\n<a href="khong-co/">x</a>\n<a href="bai/#khong-co-muc">y</a>\n'
                '<img alt="" src="anh/a.jpg" srcset="anh/a.jpg 1x, anh/thieu.jpg 2x">'
            ),
            "bai/index.html": page("<h1>Bài</h1>"),
            "anh/a.jpg": b"\xff\xd8",
            "feeds/all.atom.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<link href="https://portal.test/mat/" rel="alternate"/></feed>',
        },
    )
    errors = check_output(out, siteurl=SITEURL)
    assert keys(errors) == ["broken-link"] * 4
    messages = "\n".join(str(e) for e in errors)
    for fragment in ("khong-co/", "#khong-co-muc", "anh/thieu.jpg", "https://portal.test/mat/", "index.html:6"):
        assert fragment in messages


def test_links_under_a_siteurl_with_a_path_prefix(tmp_path):
    out = write(
        tmp_path / "out",
        {"index.html": page('<h1>T</h1><a href="https://org.github.io/portal/bai/">ok</a><a href="/portal/mat">x</a>')},
    )
    write(out, {"bai/index.html": page("<h1>B</h1>")})
    errors = check_output(out, siteurl="https://org.github.io/portal")
    assert [e.message.split('"')[1] for e in errors] == ["/portal/mat"]


def test_html_sanity_rules(tmp_path):
    out = write(
        tmp_path / "out",
        {
            "two-h1.html": page("<h1>A</h1><h1>B</h1>"),
            "no-h1.html": page("<p>x</p>"),
            "english.html": page("<h1>A</h1>", lang="en"),
            "no-title.html": page("<h1>A</h1>", head=""),
            "no-doctype.html": '<html lang="vi"><head><title>t</title></head><body><h1>A</h1></body></html>',
            "leftover.html": page('<h1>A</h1><a href="{filename}/pages/x.md">x</a>'),
            "inline.html": page('<h1>A</h1><script>alert(1)</script><p style="color:red">x</p>'),
        },
    )
    by_file = {}
    for error in check_output(out, siteurl=SITEURL):
        by_file.setdefault(Path(str(error.source)).name, set()).add(error.key)
    assert by_file == {
        "two-h1.html": {"h1-count"},
        "no-h1.html": {"h1-count"},
        "english.html": {"wrong-lang"},
        "no-title.html": {"no-title"},
        "no-doctype.html": {"no-doctype"},
        "leftover.html": {"unresolved-link", "broken-link"},
        "inline.html": {"inline-script", "inline-style"},
    }


def test_static_html_outside_the_theme_is_checked_for_links_only(tmp_path):
    admin = "<html><body>app</body></html>"
    out = write(tmp_path / "out", {"index.html": page("<h1>A</h1>"), "admin/index.html": admin})
    assert check_output(out, siteurl=SITEURL, rendered=["index.html"]) == []
    assert keys(check_output(out, siteurl=SITEURL)) == ["h1-count", "no-doctype", "no-title", "wrong-lang"]


# --- leaks ------------------------------------------------------------------------------------

DRAFT = Withheld("Bản nháp “kế hoạch” & dự thảo", "ban-nhap-ke-hoach", "content/articles/2024/x/index.md")


@pytest.mark.parametrize(
    ("relative", "data"),
    [
        ("index.html", page("<h1>A</h1><p>Bản nháp “kế hoạch” &amp; dự thảo</p>")),
        ("index.html", page('<h1>A</h1><a href="bai-viet/ban-nhap-ke-hoach/">x</a>')),
        ("feeds/all.atom.xml", "<feed><title>Bản nháp “kế hoạch” &amp; dự thảo</title></feed>"),
        ("pagefind/fragment/x.pf_fragment", gzip.compress(json.dumps({"title": DRAFT.title}).encode(), mtime=0)),
        ("anh/ban-nhap-ke-hoach/anh-1.jpg", b"\xff\xd8"),
    ],
    ids=["title-in-page", "slug-in-link", "title-in-feed", "title-in-search-index", "slug-in-file-name"],
)
def test_withheld_titles_and_slugs_are_found_anywhere(tmp_path, relative, data):
    out = write(tmp_path / "out", {relative: data})
    errors = [e for e in check_output(out, siteurl=SITEURL, withheld=[DRAFT]) if e.key == "withheld-content-leaked"]
    assert len(errors) == 1
    assert DRAFT.source in errors[0].message


def test_similar_but_different_slugs_and_published_names_are_not_leaks(tmp_path):
    out = write(
        tmp_path / "out",
        {"index.html": page('<h1>Thông báo</h1><a href="bai-viet/ban-nhap-ke-hoach-2/">x</a>')},
    )
    write(out, {"bai-viet/ban-nhap-ke-hoach-2/index.html": page("<h1>Bài khác</h1>")})
    withheld = [DRAFT, Withheld("Thông báo", "thong-bao-nhap", "content/articles/2024/y/index.md")]
    assert check_output(out, siteurl=SITEURL, withheld=withheld, published_names={"Thông báo"}) == []


def test_links_to_unpublished_content_are_reported_with_lines(tmp_path):
    from plugins.publish_checks.core import references_to_unpublished

    draft = tmp_path / "articles" / "2024" / "nhap" / "index.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("x", encoding="utf-8")
    source = tmp_path / "articles" / "2024" / "bai" / "index.md"
    text = "Title: A\n\nXem [nháp]({filename}/articles/2024/nhap/index.md) và [ảnh]({static}anh.jpg).\n"
    errors = references_to_unpublished(text, source, tmp_path, {draft.resolve()})
    assert [(e.key, e.line) for e in errors] == [("link-to-unpublished", 3)]
    assert references_to_unpublished(text, source, tmp_path, set()) == []


def test_a_page_named_in_page_langs_declares_its_own_language_and_only_that_one(tmp_path):
    out = write(tmp_path / "out", {"index.html": page("<h1>A</h1>"), "en/index.html": page("<h1>B</h1>", lang="en")})
    assert keys(check_output(out, siteurl=SITEURL)) == ["wrong-lang"]  # en/ is a page like any other
    assert check_output(out, siteurl=SITEURL, page_langs={"en/index.html": "en"}) == []
    (out / "en" / "index.html").write_text(page("<h1>B</h1>"), encoding="utf-8")  # the English page says "vi"
    assert keys(check_output(out, siteurl=SITEURL, page_langs={"en/index.html": "en"})) == ["wrong-lang"]
