"""``make check``: one bad-input fixture per rule, built in tmp_path, and the command's output and exit code."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from plugins.figures.core import EncoderSettings
from plugins.figures.settings import Settings as FiguresSettings
from tests.conftest import FIXTURE_SITE, ROOT, SEED_DIR, article, write_content
from tools.content_checks.cli import config_from_settings, main
from tools.content_checks.core import check_content

A = "articles/2024/bai-mot/index.md"
B = "articles/2024/bai-hai/index.md"
FIGURE = "![Đại biểu dự hội nghị]({static}anh.jpg)\n/// caption\nĐại biểu dự hội nghị\n///\n"


def photo(width: int = 40, height: int = 30) -> bytes:
    """A small real JPEG (bytes)."""
    from io import BytesIO

    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def check(tmp_path: Path, files: dict[str, str | bytes], **limits: object) -> list:
    """Lay out ``files`` as a content folder and run every rule with the project's settings."""
    content = tmp_path / "content"
    write_content(content, files)
    config = config_from_settings(ROOT / "pelicanconf.py", content)
    if limits:
        config = type(config)(**{**config.__dict__, **limits})
    return check_content(config)


def found(errors: list, key: str) -> list[tuple[str, int | None]]:
    """(file relative to content/, line) of every error with ``key``."""
    return [(Path(e.source).as_posix().split("/content/")[-1], e.line) for e in errors if e.key == key]


def test_clean_content_has_no_problem(tmp_path):
    files = {A: article("Bài một", body=FIGURE), "articles/2024/bai-mot/anh.jpg": photo()}
    assert check(tmp_path, files) == []


def test_missing_and_invalid_metadata_are_all_reported_with_lines(tmp_path):
    text = "Title: Bài\nDate: 2024-02-30 10:00\nCategory: Dân vận\nFeatured: có lẽ\nTieu de: x\n\nThân bài.\n"
    errors = check(tmp_path, {A: text})
    assert found(errors, "bad-date") == [(A, 2)]
    assert found(errors, "bad-featured") == [(A, 4)]
    assert found(errors, "unknown-metadata-key") == [(A, 5)]
    assert found(errors, "missing-author") == [(A, None)]


def test_unknown_category_names_the_line_and_suggests(tmp_path):
    errors = check(tmp_path, {A: article(category="Dan van")})
    assert found(errors, "unknown-category") == [(A, 3)]
    assert 'Có phải bạn muốn viết "Dân vận"' in errors[0].message


def test_duplicate_slug_names_both_files(tmp_path):
    files = {A: article("Một"), "articles/2025/khac/index.md": article("Hai", Slug="bai-mot")}
    errors = check(tmp_path, files)
    assert found(errors, "duplicate-slug") == [("articles/2025/khac/index.md", 5)]
    assert "articles/2024/bai-mot/index.md" in errors[0].message


def test_slugs_differing_only_by_diacritics_are_duplicates(tmp_path):
    files = {A: article("Một"), "articles/2025/bài-một/index.md": article("Hai")}
    errors = check(tmp_path, files)
    assert found(errors, "duplicate-slug") == [("articles/2025/bài-một/index.md", None)]
    duplicate = next(e for e in errors if e.key == "duplicate-slug")
    assert "chỉ khác ở dấu" in duplicate.message
    assert "articles/2024/bai-mot/index.md" in duplicate.message
    assert found(errors, "bad-folder-slug") == [("articles/2025/bài-một/index.md", None)]


def test_missing_photo_and_missing_cover(tmp_path):
    errors = check(tmp_path, {A: article(Cover="bia.jpg", body=FIGURE)})
    assert sorted(found(errors, "image-not-found")) == [(A, 5), (A, 7)]


def test_photo_without_caption_or_alt(tmp_path):
    body = (
        "![]({static}anh.jpg)\n\n"  # neither: two errors
        "![Ảnh hai]({static}anh.jpg)\n/// caption\n///\n\n"  # empty caption
        "![](anh.jpg)\n/// caption\nChú thích đủ\n///\n"  # caption only: the build takes it as alt
    )
    errors = check(tmp_path, {A: article(body=body), "articles/2024/bai-mot/anh.jpg": photo()})
    assert found(errors, "photo-without-alt") == [(A, 6)]
    assert found(errors, "photo-without-caption") == [(A, 6), (A, 8)]
    assert len(errors) == 3


def test_photo_paths_follow_the_build_rules(tmp_path):
    body = "".join(
        f"![Ảnh]({url})\n/// caption\nẢnh\n///\n\n"
        for url in ("anh.jpg", "{static}anh.jpg", "../bai-hai/anh.jpg", "https://example.org/a.jpg")
    )
    files = {A: article(body=body), "articles/2024/bai-mot/anh.jpg": photo(), B: article("Hai")}
    errors = check(tmp_path, files)
    assert [(e.key, e.line) for e in errors] == [("image-outside-folder", 16), ("image-external", 21)]


def test_unreadable_photo(tmp_path):
    files = {A: article(body=FIGURE), "articles/2024/bai-mot/anh.jpg": b"not a photo"}
    assert found(check(tmp_path, files), "image-unreadable") == [(A, 6)]


def test_oversized_photo_by_bytes_and_by_pixels(tmp_path):
    files = {A: article(body=FIGURE), "articles/2024/bai-mot/anh.jpg": photo(400, 300)}
    by_bytes = check(tmp_path / "bytes", files, max_photo_bytes=100)
    assert found(by_bytes, "oversized-photo") == [(A, 6)]
    assert "MB" in by_bytes[0].message
    by_pixels = check(tmp_path / "pixels", files, photo_settings=EncoderSettings(max_pixels=400 * 300 - 1))
    assert found(by_pixels, "image-too-large") == [(A, 6)]
    assert "400×300" in by_pixels[0].message


def test_pixel_limit_is_the_builds_own():
    config = config_from_settings(ROOT / "pelicanconf.py", None)
    assert config.photo_settings.max_pixels == FiguresSettings().FIGURES_MAX_PIXELS


def test_broken_internal_links(tmp_path):
    body = (
        "[có thật](/bai-viet/bai-hai/) và [không có](/bai-viet/khong-co/)\n\n"
        "[tệp]({filename}../bai-hai/index.md), [tệp mất]({filename}../mat/index.md)\n\n"
        "[chuyên mục](/chuyen-muc/dan-van/), [sai](/chuyen-muc/tin-tuc/), [ngoài](https://langson.gov.vn)\n"
    )
    errors = check(tmp_path, {A: article(body=body), B: article("Bài hai")})
    assert found(errors, "broken-internal-link") == [(A, 6), (A, 8), (A, 10)]
    assert [e.message.split('"')[1] for e in errors] == [
        "/bai-viet/khong-co/",
        "{filename}../mat/index.md",
        "/chuyen-muc/tin-tuc/",
    ]


def test_links_to_a_draft_break_in_production_but_related_may_name_it(tmp_path):
    files = {A: article(body="[bài nháp](/bai-viet/bai-hai/)", Related="bai-hai"), B: article("Hai", Status="draft")}
    errors = check(tmp_path, files)
    assert [(e.key, e.line) for e in errors] == [("broken-internal-link", 7)]
    assert "bản nháp" in errors[0].message


def test_examples_in_code_and_comments_are_not_checked(tmp_path):
    body = "```\n![](mat.jpg)\n```\n\n<!-- ví dụ: ![](mat.jpg) -->\n\nThân bài.\n"
    assert check(tmp_path, {A: article(body=body)}) == []


def test_unknown_related_slug(tmp_path):
    errors = check(tmp_path, {A: article(Related="bai-hai, khong-ton-tai"), B: article("Bài hai")})
    assert found(errors, "unknown-related-slug") == [(A, 5)]
    assert "khong-ton-tai" in errors[0].message


def test_non_nfc_text_is_reported_on_its_line(tmp_path):
    body = "Dòng đúng.\n\n" + unicodedata.normalize("NFD", "Dòng tổ hợp.") + "\n"
    errors = check(tmp_path, {A: article(body=body)})
    assert found(errors, "not-nfc") == [(A, 8)]


def test_trailing_spaces_in_metadata_lines_only(tmp_path):
    text = "Title: Bài  \nDate: 2024-05-06 08:30\nCategory: Dân vận\t\nAuthor: A\n\nThân bài có dấu cách cuối   \n"
    errors = check(tmp_path, {A: text})
    assert found(errors, "trailing-space-in-metadata") == [(A, 1), (A, 3)]


def test_non_utf8_and_empty_body(tmp_path):
    files = {A: article().encode() + "Tiêu đ".encode("cp1258"), B: article(body="")}
    errors = check(tmp_path, files)
    assert found(errors, "not-utf8") == [(A, 7)]  # 4 metadata lines, a blank, the body, then the bad bytes
    assert found(errors, "empty-body") == [(B, None)]


def test_cms_front_matter_is_checked_like_a_hand_written_header(tmp_path):
    text = (
        '---\ntitle: "Hội nghị: tổng kết"\ndate: 2024-05-06 08:30\ncategory: Dân vận\n'
        "author: Nguyễn Văn A\ntags:\n  - hội nghị\n  - tổng kết\nrelated:\n  - khong-co\n---\n\nThân bài.\n"
    )
    errors = check(tmp_path, {A: text})
    assert [(e.key, e.line) for e in errors] == [("unknown-related-slug", 9)]


def test_page_rules_and_ignored_readme(tmp_path):
    files = {
        "pages/lich-su.md": "Title: Lịch sử\n\n[bài](/bai-viet/khong-co/)\n",
        "articles/2024/bai-mot/README.md": "không phải bài viết",
        A: article(),
    }
    errors = check(tmp_path, files)
    assert [(e.key, e.line) for e in errors] == [("broken-internal-link", 3)]


def test_command_prints_every_problem_and_fails(tmp_path, capsys):
    content = tmp_path / "content"
    write_content(content, {A: article(category="Không có"), B: article(Related="khong-co")})
    assert main([str(content)]) == 1
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("[unknown-related-slug]")
    assert ":5: Tin liên quan" in lines[0]
    assert lines[1].split(": ")[0].endswith("bai-mot/index.md:3")
    assert "Có 2 lỗi trong 2 tệp" in err


def test_command_passes_on_the_seed_article_as_a_subprocess(tmp_path):
    content = tmp_path / "content"
    write_content(content, {})
    target = content / "articles" / "2021" / SEED_DIR.name
    target.mkdir(parents=True)
    for path in SEED_DIR.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    text = (target / "index.md").read_text(encoding="utf-8")
    # Its Related: slugs name sample articles that this tiny site does not have.
    (target / "index.md").write_text(re.sub(r"^Related:.*\n", "", text, flags=re.M), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.content_checks", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "Không có lỗi" in result.stderr


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_settings_files_give_the_same_rules(settings_file):
    config = config_from_settings(ROOT / settings_file, None)
    assert config.article_url == "bai-viet/{slug}/"
    assert config.content == (ROOT / "content").resolve()


def test_the_fixture_site_passes_every_rule():
    """The site the other tests build is valid content (the live content/ is checked by `make check` in CI)."""
    errors = check_content(config_from_settings(ROOT / "pelicanconf.py", FIXTURE_SITE))
    assert [str(e) for e in errors] == []
