"""Turn the article generator's results into the home page and archive context."""

from __future__ import annotations

from typing import Any

from plugins.portal_pages import core
from plugins.portal_pages.settings import Settings


def expose_portal_pages(generator: Any) -> None:
    """``article_generator_finalized``: add ``portal_home``, ``portal_nav`` and ``portal_archive_tree``.

    The context is shared by every generator, so page templates (Giới thiệu,
    Liên hệ) see the same navigation as article pages.
    """
    cfg = Settings.of(generator.settings)
    categories = ordered_categories(generator)
    home = core.build_home(
        generator.articles,
        categories,
        category_of=lambda article: article.category,
        is_featured=lambda article: bool(getattr(article, "featured", False)),
        latest_count=cfg.PORTAL_PAGES_LATEST_COUNT,
        section_count=cfg.PORTAL_PAGES_SECTION_COUNT,
    )
    generator.context["portal_home"] = home
    generator.context["portal_nav"] = [section.category for section in home.sections]
    archives = generator.context.get("period_archives", {})
    generator.context["portal_archive_tree"] = core.archive_tree(archives.get("year", []), archives.get("month", []))


def ordered_categories(generator: Any) -> list[Any]:
    """Pelican's category objects (which know their URLs) in the site data's order.

    ``PORTAL_CATEGORIES`` comes from the content_model plugin; categories it
    does not list (none, when the reader has validated every file) follow by name.
    """
    by_name = {str(category): category for category, _articles in generator.categories}
    order = [c.name for c in generator.context.get("PORTAL_CATEGORIES", ())]
    known = [by_name[name] for name in order if name in by_name]
    return known + sorted((c for name, c in by_name.items() if name not in order), key=str)
