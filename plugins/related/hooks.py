"""Turn Pelican's articles into ``core`` records and hang the results back on the articles.

Every published article gets ``related_articles`` ("Tin liên quan"),
``same_category_articles`` ("Tin cùng chuyên mục": the newest others of its
category that are not already shown above or as a neighbour) and
``prev_in_category`` / ``next_in_category`` (older / newer neighbour in its
category, or ``None``).

Why not pelican-neighbors 1.2.0 for the neighbours: it re-sorts
``generator.categories`` in place by date alone (ties then follow whatever
order came before), and it does not give the "newest N in the category"
list, so we would still group by category here; computing both from the same
records costs a few lines and keeps one deterministic order (date, then slug).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from pelican.contents import Article

from plugins.common import pelican_api
from plugins.common.errors import ContentError
from plugins.content_model.core import metadata_lines
from plugins.related import core
from plugins.related.settings import Settings

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def scoring_config(options: Settings) -> core.Config:
    """The core's configuration from the ``RELATED_*`` settings."""
    return core.Config(
        count=options.RELATED_COUNT,
        reciprocal=options.RELATED_RECIPROCAL,
        weights=core.Weights(**options.RELATED_WEIGHTS),
        half_life_days=options.RELATED_HALF_LIFE_DAYS,
        min_score=options.RELATED_MIN_SCORE,
    )


def attach_related(generator: Any) -> None:
    """``article_generator_finalized``: fill both blocks for every published article.

    ``generator.articles`` already lacks drafts, hidden and future-dated
    articles (Pelican) and, when samples are off, samples (content_model), so
    nothing unpublished can be chosen.
    """
    started = time.perf_counter()
    options = plugin_settings(generator.settings)
    articles = list(generator.articles)
    by_slug = {a.slug: a for a in articles}
    unpublished = _unpublished_slugs(generator, by_slug)
    explicit = {a.slug: [r.slug for r in _explicit_related(a, by_slug, unpublished)] for a in articles}
    records = [to_record(a) for a in articles]
    related = core.choose_related(records, explicit, scoring_config(options))
    neighbours = core.category_neighbours(records)
    shown = {slug: [*related[slug], *filter(None, neighbours[slug])] for slug in related}  # no headline twice
    same = core.same_category(records, options.RELATED_SAME_CATEGORY_COUNT, shown)
    for article in articles:
        article.related_articles = [by_slug[s] for s in related[article.slug]]
        article.same_category_articles = [by_slug[s] for s in same[article.slug]]
        older, newer = neighbours[article.slug]
        article.prev_in_category = by_slug.get(older)
        article.next_in_category = by_slug.get(newer)
    logger.debug("related: %d articles in %.3f s", len(articles), time.perf_counter() - started)


def to_record(article: Any) -> core.Record:
    """The plain record the scorer needs: text without markup, tag names, category name.

    Reads ``_content`` (the rendered Markdown before link replacement), not
    ``content``: that property resolves ``{static}`` links, which at this
    signal are not known yet, so it would warn (fatal in production) and
    memoize the unresolved HTML for the page.
    """
    summary = article.metadata.get("summary", "")
    return core.Record(
        slug=article.slug,
        title=core.plain_text(article.title),
        text=core.plain_text(f"{summary}\n{pelican_api.body_html(article)}"),
        tags=tuple(str(tag) for tag in getattr(article, "tags", ())),
        category=str(article.category),
        date=article.date,
    )


def _unpublished_slugs(generator: Any, published: dict[str, Any]) -> set[str]:
    """Slugs of articles that exist in the content but are not published in this build.

    ``generated_content`` holds every article Pelican read, including the
    samples that content_model later removed from all of the generator's lists.
    """
    read = (c for c in generator.context.get("generated_content", {}).values() if isinstance(c, Article))
    return {c.slug for c in read if c.slug not in published}


def _explicit_related(article: Any, by_slug: dict[str, Any], unpublished: set[str]) -> list[Any]:
    """The article's ``Related:`` slugs resolved; an unknown slug is logged as an error naming file and line."""
    slugs = [s for s in article.metadata.get("related", []) if s != article.slug]
    found, unknown = core.resolve_explicit(slugs, by_slug, unpublished)
    for slug in unknown:
        logger.error(
            "%s",
            ContentError(
                "unknown-related-slug",
                f'Tin liên quan "{slug}" không trỏ tới bài viết nào đã đăng'
                ' (kiểm tra đường dẫn trong dòng "Related:").',
                article.source_path,
                metadata_lines(article.source_path).get("related"),
            ),
        )
    return found
