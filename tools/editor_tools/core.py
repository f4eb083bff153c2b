"""Scaffolding a new article, as plain functions (no Pelican import).

Why not ``pelican-quickstart``-style templates or Cookiecutter: the scaffold
is ten lines whose only logic is the project's slug and date rules, which
live in ``vi_text`` and ``content_model``; a template engine would add a
dependency and hide those rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from plugins.common.errors import ContentError
from plugins.content_model.core import parse_boolean
from plugins.vi_text.core import fold, nfc, slugify

PLACEHOLDER_BODY = "Viết nội dung bài ở đây."


@dataclass(frozen=True)
class NewArticle:
    """What an editor gives ``make new`` (the title) and what the site supplies."""

    title: str
    when: datetime  # already in the site's time zone (Asia/Ho_Chi_Minh)
    category: str
    author: str
    unit: str = ""


def article_text(new: NewArticle) -> str:
    """The new file: every metadata field an editor fills, in the order the guide explains them.

    ``Status: draft`` keeps a half-written article off the site until the
    editor changes it to ``published``; empty fields are allowed (they count
    as absent) so the file builds as soon as it is created.
    """
    fields = [
        ("Title", nfc(new.title.strip())),
        ("Date", new.when.strftime("%Y-%m-%d %H:%M")),
        ("Category", new.category),
        ("Tags", ""),
        ("Author", new.author),
        ("Unit", new.unit),
        ("Summary", ""),
        ("Cover", ""),
        ("Related", ""),
        ("Featured", "no"),
        ("Status", "draft"),
    ]
    header = "\n".join(f"{key}: {value}" if value else f"{key}:" for key, value in fields)
    return f"{header}\n\n{PLACEHOLDER_BODY}\n"


def article_path(content: Path, article_root: str, new: NewArticle) -> Path:
    """``content/articles/YYYY/<slug>/index.md``, the slug made from the title the project's way."""
    slug = slugify(new.title)
    if not slug:
        raise ContentError("bad-title", "Tiêu đề phải có ít nhất một chữ hoặc số để làm đường dẫn bài viết.")
    return content / article_root / f"{new.when:%Y}" / slug / "index.md"


def clashing_folder(content: Path, article_root: str, slug: str) -> Path | None:
    """An existing article folder (any year) whose name equals ``slug`` after folding diacritics."""
    for folder in sorted((content / article_root).glob("*/*/")):
        if fold(folder.name) == fold(slug):
            return folder
    return None


def create_article(content: Path, article_root: str, new: NewArticle) -> Path:
    """Write the scaffold and return its path; never overwrite, never reuse a slug of another year."""
    path = article_path(content, article_root, new)
    existing = clashing_folder(content, article_root, path.parent.name)
    if existing is not None:
        raise ContentError(
            "article-exists",
            f'Đã có bài viết dùng đường dẫn "{path.parent.name}" ({existing}). Hãy đặt tiêu đề khác'
            " hoặc sửa bài đã có; lệnh này không ghi đè.",
            existing / "index.md",
        )
    path.parent.mkdir(parents=True)
    path.write_text(article_text(new), encoding="utf-8")
    return path


def is_sample(index: Path) -> bool:
    """Whether the header of an ``index.md`` says ``Sample: yes`` (demo material, "Bài mẫu")."""
    header = index.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n\n", 1)[0]
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sample":
            try:
                return parse_boolean(value)
            except ValueError:
                return False
    return False


def sample_folders(content: Path, roots: list[str]) -> list[Path]:
    """The folders of sample articles and documents (``<root>/YYYY/<slug>/index.md``) under ``content``."""
    return [
        index.parent for root in roots for index in sorted((content / root).glob("*/*/index.md")) if is_sample(index)
    ]
