"""``make new``: the scaffold lands where the project expects, builds at once, and never overwrites."""

from __future__ import annotations

import logging
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from plugins.content_model.core import KNOWN_KEYS, header_lines
from tests.conftest import ROOT, article, build_site, write_content
from tools.content_checks.cli import config_from_settings
from tools.content_checks.core import check_content
from tools.editor_tools import cli
from tools.editor_tools.core import NewArticle, article_text, create_article

TITLE = "Đảng ủy Khối tổ chức Hội nghị Ban Chấp hành lần thứ 5"
SLUG = "dang-uy-khoi-to-chuc-hoi-nghi-ban-chap-hanh-lan-thu-5"


class _FixedClock(datetime):
    """``datetime.now(tz)`` at 2025-12-31 18:30 UTC: already 1 January 2026 in Hà Nội."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2025, 12, 31, 18, 30, tzinfo=UTC).astimezone(tz)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    write_content(folder, {})
    return folder


def test_cli_uses_vietnam_time_and_the_project_slug(content, monkeypatch, capsys):
    monkeypatch.setattr(cli, "datetime", _FixedClock)
    assert (
        cli.main(["new", TITLE, "--content", str(content), "--category", "Xây dựng Đảng", "--unit", "Ban Tổ chức"]) == 0
    )
    path = content / "articles" / "2026" / SLUG / "index.md"
    text = path.read_text(encoding="utf-8")
    assert f"Title: {TITLE}\n" in text
    assert "Date: 2026-01-01 01:30\n" in text
    assert "Category: Xây dựng Đảng\n" in text
    assert "Unit: Ban Tổ chức\n" in text
    assert "Status: draft\n" in text
    assert f"ban-nhap/{SLUG}/" in capsys.readouterr().out


def test_scaffold_has_every_field_an_editor_fills():
    text = article_text(NewArticle(TITLE, datetime(2026, 1, 1, 8, 0), "Dân vận", "Nguyễn Văn A"))
    keys = set(header_lines(text))
    assert keys <= set(KNOWN_KEYS)
    assert keys >= {"title", "date", "category", "tags", "author", "unit", "summary", "cover", "related", "status"}


def test_scaffold_passes_check_and_builds_as_a_draft_then_publishes(content, tmp_path):
    # One published article beside the draft: plugins/related fails on a site with none (reported).
    write_content(content, {"articles/2025/bai-cu/index.md": article("Bài cũ")})
    new = NewArticle(TITLE, datetime(2026, 1, 1, 8, 0), "Dân vận", "Nguyễn Văn A")
    path = create_article(content, "articles", new)
    assert check_content(config_from_settings(ROOT / "pelicanconf.py", content)) == []
    draft = build_site(tmp_path / "draft", content=content)
    assert draft.messages(logging.ERROR) == []
    assert (draft.output / "ban-nhap" / SLUG / "index.html").is_file()
    assert not (draft.output / "bai-viet" / SLUG).exists()

    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft", "Status: published"), encoding="utf-8")
    published = build_site(tmp_path / "published", content=content)
    page = published.html(f"bai-viet/{SLUG}/")
    assert page.find("h1").get_text(strip=True) == TITLE
    # Empty Summary/Cover/Tags count as absent: the description falls back to the body.
    assert page.find("meta", attrs={"name": "description"})["content"] == "Viết nội dung bài ở đây."


def test_refuses_to_overwrite_or_reuse_a_slug_of_another_year(content, capsys):
    create_article(content, "articles", NewArticle(TITLE, datetime(2025, 3, 1, 8, 0), "Dân vận", "A"))
    existing = content / "articles" / "2025" / SLUG / "index.md"
    existing.write_text(existing.read_text(encoding="utf-8") + "Đã viết.\n", encoding="utf-8")
    assert cli.main(["new", TITLE, "--content", str(content)]) == 1
    assert "[article-exists]" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8").endswith("Đã viết.\n")
    assert not (content / "articles" / "2026" / SLUG).exists()


def test_unknown_category_is_refused_with_a_suggestion(content, capsys):
    assert cli.main(["new", TITLE, "--content", str(content), "--category", "Dan van"]) == 1
    assert 'Có phải bạn muốn viết "Dân vận"' in capsys.readouterr().err


def test_make_new_and_check_targets(content):
    result = subprocess.run(
        # -o: the venv is already there; do not let make reinstall the pins.
        ["make", "--no-print-directory", "-o", ".venv/.runtime", "new", f"TITLE={TITLE}", f"INPUTDIR={content}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(content.glob(f"articles/*/{SLUG}/index.md"))) == 1
    make_check = ["make", "--no-print-directory", "-o", ".venv/.runtime", "check", f"INPUTDIR={content}"]
    clean = subprocess.run(make_check, cwd=ROOT, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (content / "articles" / "2024" / "sai" / "index.md").parent.mkdir(parents=True)
    (content / "articles" / "2024" / "sai" / "index.md").write_text("Title: Sai\n\nThân bài.\n", encoding="utf-8")
    broken = subprocess.run(make_check, cwd=ROOT, capture_output=True, text=True, check=False)
    assert broken.returncode != 0
    assert "articles/2024/sai/index.md" in broken.stdout
    assert "[missing-date]" in broken.stdout
