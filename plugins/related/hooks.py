"""Attach ``related_articles`` to every published article."""

from __future__ import annotations

import logging
from typing import Any

from plugins.common.errors import ContentError
from plugins.related import core

logger = logging.getLogger(__name__)


def attach_related(generator: Any) -> None:
    """``article_generator_finalized``: resolve each article's ``Related:`` slugs."""
    by_slug = {a.slug: a for a in generator.articles}
    unpublished = {a.slug for a in (*generator.drafts, *generator.hidden_articles)}
    for article in generator.articles:
        slugs = [s for s in article.metadata.get("related", []) if s != article.slug]
        found, unknown = core.resolve_explicit(slugs, by_slug, unpublished)
        article.related_articles = found
        for slug in unknown:
            logger.error(
                "%s",
                ContentError(
                    "unknown-related-slug",
                    f'Tin liên quan "{slug}" không trỏ tới bài viết nào đã đăng'
                    ' (kiểm tra đường dẫn trong dòng "Related:").',
                    article.source_path,
                    _line_of(article.source_path, "related"),
                ),
            )


def _line_of(source_path: str, key: str) -> int | None:
    """The line of metadata ``key`` in the article's file, for the error message."""
    from plugins.content_model.core import header_lines, read_source_text

    with open(source_path, "rb") as handle:
        return header_lines(read_source_text(handle.read(), source_path)).get(key)
