"""Glue: Jinja filters from Pelican objects, and robots.txt/sitemap.xml after the build."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from plugins.seo_feeds import core
from plugins.seo_feeds.settings import Settings

logger = logging.getLogger(__name__)


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def add_template_helpers(generator: Any) -> None:
    """``generator_init``: filters and globals used by partials/seo_meta.html."""
    settings = generator.settings
    cfg = plugin_settings(settings)
    siteurl = settings["SITEURL"]
    generator.env.globals.update(
        seo_csp=core.content_security_policy(cfg.SEO_FEEDS_CSP),
        seo_absolute=core.is_absolute_site(siteurl),
    )
    generator.env.filters.update(
        canonical_url=partial(core.canonical_url, siteurl, not_found_file=settings.get("404_SAVE_AS", "404.html")),
        og_image=partial(og_image, settings=settings, cfg=cfg),
        news_article=partial(news_article, settings=settings, cfg=cfg),
        plain=_plain,
    )


def og_image(content: Any, *, settings: dict[str, Any], cfg: Settings) -> core.OgImage:
    """The article's cover in its Open Graph size when the figures plugin made one, else the site image."""
    cover = getattr(content, "cover", None)
    if getattr(cover, "og_url", None):
        return core.OgImage(core.absolute_url(settings["SITEURL"], cover.og_url), cover.og_width, cover.og_height)
    width, height = cfg.SEO_FEEDS_DEFAULT_IMAGE_SIZE
    url = f"{settings['THEME_STATIC_DIR']}/{cfg.SEO_FEEDS_DEFAULT_IMAGE}"
    return core.OgImage(core.absolute_url(settings["SITEURL"], url), width, height)


def news_article(article: Any, *, settings: dict[str, Any], cfg: Settings) -> dict:
    """``article`` as a schema.org NewsArticle dict (rendered with ``|tojson``, which escapes <, > and &)."""
    siteurl = settings["SITEURL"]
    return core.news_article(
        headline=_plain(article.title),
        url=core.absolute_url(siteurl, article.url),
        published=article.date,
        modified=getattr(article, "modified", None),
        authors=[str(a) for a in getattr(article, "authors", [])],
        section=str(article.category),
        keywords=[str(t) for t in getattr(article, "tags", [])],
        description=_plain(getattr(article, "summary", "")),
        image=og_image(article, settings=settings, cfg=cfg),
        publisher=settings["SITENAME"],
        publisher_url=core.absolute_url(siteurl, ""),
        lang=settings["DEFAULT_LANG"],
    )


def _plain(markup: Any) -> str:
    """Text as a reader sees it: tags dropped, entities (typogrify's curly quotes) decoded."""
    return Markup(str(markup or "")).striptags()


def write_robots_and_sitemap(pelican: Any) -> None:
    """``finalized``: robots.txt always; sitemap.xml when SITEURL is absolute (a sitemap needs full addresses)."""
    output = Path(pelican.output_path)
    siteurl = pelican.settings["SITEURL"]
    cfg = plugin_settings(pelican.settings)
    (output / "robots.txt").write_text(core.robots_txt(siteurl, cfg.SEO_FEEDS_ROBOTS_DISALLOW), encoding="utf-8")
    if core.is_absolute_site(siteurl):
        entries = core.sitemap_entries(output)
        (output / "sitemap.xml").write_text(core.sitemap_xml(entries), encoding="utf-8")
        logger.info("seo_feeds: sitemap.xml lists %d pages", len(entries))
