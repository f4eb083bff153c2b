"""Guards that run before anything is written: duplicate output paths, paths outside content/, withheld photos."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plugins.common.errors import ContentError, ContentErrors
from tests.attachment_fixtures import hostile_pdf
from tests.conftest import article, build_site


def written_files(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) if output.exists() else []


def test_two_articles_with_one_slug_stop_the_build_naming_both_files(tmp_path):
    files = {
        "articles/2023/hoi-nghi/index.md": article("Hội nghị năm 2023", date="2023-03-01 08:00"),
        "articles/2024/hoi-nghi/index.md": article("Hội nghị năm 2024"),
    }
    with pytest.raises((ContentError, ContentErrors)) as raised:
        build_site(tmp_path, files, CMS_ADMIN_ENABLED=False)
    message = str(raised.value)
    assert "articles/2023/hoi-nghi/index.md" in message
    assert "articles/2024/hoi-nghi/index.md" in message
    assert "bai-viet/hoi-nghi/index.html" in message
    assert "[duplicate-output-path]" in message
    assert [f for f in written_files(tmp_path / "output") if f.endswith(".html")] == []


def test_paths_equal_after_removing_diacritics_are_a_duplicate(tmp_path):
    """Article folders with diacritics are refused as addresses ([bad-folder-slug]); static files keep their names."""
    files = {
        "images/tai-liệu.pdf": b"%PDF-1.4 mot",
        "images/tai-lieu.pdf": b"%PDF-1.4 hai",
        "articles/2024/hoi-nghi/index.md": article(
            "Hội nghị không dấu",
            body="Tải [bản một]({static}/images/tai-liệu.pdf), [bản hai]({static}/images/tai-lieu.pdf).",
        ),
    }  # both linked: a file no page links is not published at all
    with pytest.raises((ContentError, ContentErrors)) as raised:
        build_site(tmp_path, files, CMS_ADMIN_ENABLED=False)
    message = str(raised.value)
    assert "images/tai-liệu.pdf" in message
    assert "images/tai-lieu.pdf" in message
    assert "[duplicate-output-path]" in message
    assert [f for f in written_files(tmp_path / "output") if f.endswith(".html")] == []


def test_an_article_folder_with_diacritics_is_refused_as_an_address(tmp_path):
    files = {"articles/2023/hội-nghị/index.md": article("Hội nghị có dấu", date="2023-03-01 08:00")}
    site = build_site(tmp_path, files, CMS_ADMIN_ENABLED=False)
    assert [m for m in site.messages() if "[bad-folder-slug]" in m and "hội-nghị/index.md" in m]
    assert not list((tmp_path / "output").rglob("hội-nghị*"))


def test_links_and_symlinks_out_of_content_are_refused_naming_the_file(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOPSECRET-1")
    (outside / "secret.pdf").write_text("TOPSECRET-2")
    body = "Xem [tệp]({static}/../outside/secret.txt).\n\nVà [tài liệu]({static}tai-lieu.pdf)."
    files = {"articles/2024/a/index.md": article("Bài dẫn ra ngoài", body=body)}
    content = tmp_path / "content"
    (content / "articles/2024/a").mkdir(parents=True)
    os.symlink(outside / "secret.pdf", content / "articles/2024/a/tai-lieu.pdf")
    before = sorted(p.relative_to(tmp_path) for p in outside.rglob("*"))

    site = build_site(tmp_path, files, CMS_ADMIN_ENABLED=False)

    errors = [m for m in site.messages() if "[path-outside-content]" in m]
    assert any("articles/2024/a/index.md:6:" in m and "{static}/../outside/secret.txt" in m for m in errors), errors
    assert any("tai-lieu.pdf" in m for m in errors), errors
    leaked = [f for f in written_files(site.output) if "TOPSECRET" in (site.output / f).read_text(errors="ignore")]
    assert leaked == []
    assert not any(f.endswith(("secret.txt", "tai-lieu.pdf", "secret.pdf")) for f in written_files(site.output))
    assert sorted(p.relative_to(tmp_path) for p in outside.rglob("*")) == before


def test_files_of_unpublished_articles_are_not_copied(tmp_path):
    """Pelican copies every {static} target, a draft's too: the draft's attachment must stay out."""
    attachment = "[Tải tài liệu]({static}tai-lieu.pdf)"
    files = {
        "articles/2024/cong-khai/index.md": article("Bài công khai", body=attachment),
        "articles/2024/cong-khai/tai-lieu.pdf": hostile_pdf(),  # a real PDF: linked files are sanitised
        "articles/2024/nhap-kin/index.md": article("Bài nháp", Status="draft", body=attachment),
        "articles/2024/nhap-kin/tai-lieu.pdf": hostile_pdf(),
    }
    site = build_site(tmp_path, files, settings_file="publishconf.py", CMS_ADMIN_ENABLED=False)
    names = written_files(site.output)
    assert "articles/2024/cong-khai/tai-lieu.pdf" in names
    assert not [n for n in names if "nhap-kin" in n]


def test_hidden_articles_are_written_in_development_but_not_in_production(tmp_path):
    files = {
        "articles/2024/cong-khai/index.md": article("Bài công khai"),
        "articles/2024/an/index.md": article("Bài ẩn", Status="hidden"),
    }
    dev = build_site(tmp_path / "dev", files, CMS_ADMIN_ENABLED=False)
    prod = build_site(tmp_path / "prod", files, settings_file="publishconf.py", CMS_ADMIN_ENABLED=False)
    assert "bai-viet/an/index.html" in written_files(dev.output)
    assert "bai-viet/an/index.html" not in written_files(prod.output)


def test_a_page_cannot_take_the_address_of_a_site_page(tmp_path):
    """The reader refuses the page on its Title: line (content_model reserved slugs, as make check does)."""
    files = {
        "articles/2024/a/index.md": article("Bài công khai"),
        "pages/luu-tru.md": "Title: Lưu trữ\n\nTrang tự viết.\n",
    }
    built = build_site(tmp_path, files, CMS_ADMIN_ENABLED=False)
    (message,) = [m for m in built.messages() if "[reserved-slug]" in m]
    assert 'content/pages/luu-tru.md:1: Đường dẫn "luu-tru" của trang' in message
    assert "Trang tự viết" not in (built.output / "luu-tru" / "index.html").read_text(encoding="utf-8")
