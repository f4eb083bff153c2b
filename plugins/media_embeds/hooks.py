"""Glue: turn an article's Video/Captions/Transcript/Kind fields into markup and a page template."""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from pelican.contents import Article
from pelican.utils import truncate_html_paragraphs, truncate_html_words

from plugins.common import pelican_api
from plugins.common.theme_strings import add_theme_string_check
from plugins.content_model.core import metadata_lines
from plugins.media_embeds import core
from plugins.media_embeds.settings import Settings

logger = logging.getLogger(__name__)

# The page template for each kind: they extend article.html and add the kind's script (and CSP for video).
_FIGURE = re.compile(r"<figure\b.*?</figure>\s*", re.DOTALL)
TEMPLATES = {"video": "article_video", "photo-story": "article_photo_story"}


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


@cache
def _partials(templates: str, autoescape: bool) -> Environment:
    """A Jinja environment on the theme, to render the kind's partial into the article body.

    The markup goes into the body (not the page template) because it belongs at the top
    of the article text and must also reach feeds, where the poster is a plain link.
    It is rendered at ``content_object_init``, before anything caches the content.
    """
    env = Environment(loader=FileSystemLoader(templates), autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)
    add_theme_string_check(env)  # its partials use t() too
    return env


def add_media(instance: Any) -> None:
    """``content_object_init``: check the fields, prepend the player or story intro, pick the template."""
    if not isinstance(instance, Article):
        return
    meta = instance.metadata
    if not any(meta.get(key) for key in ("video", "captions", "transcript", "kind")):
        return
    source = Path(instance.source_path)
    cfg = plugin_settings(instance.settings)
    limits = {
        "local_formats": tuple(cfg.MEDIA_EMBEDS_LOCAL_FORMATS),
        "max_local_bytes": cfg.MEDIA_EMBEDS_MAX_LOCAL_BYTES,
    }
    errors = core.media_errors(meta, source.parent, source, metadata_lines(source), **limits)
    for err in errors:
        logger.error("%s", err)
    if errors:
        return
    video = core.parse_video(meta["video"], source.parent, **limits) if meta.get("video") else None
    kind = "video" if video else core.parse_kind(meta.get("kind") or "news")
    instance.kind = kind
    instance.video = video
    if kind not in TEMPLATES:
        return
    instance.template = TEMPLATES[kind]
    intro = _render(instance, f"partials/{kind.replace('-', '_')}.html", video=video)
    _keep_text_summary(instance)
    pelican_api.set_body_html(instance, intro + pelican_api.body_html(instance))


def _keep_text_summary(instance: Any) -> None:
    """Fix the automatic summary to the article's own text before the player is prepended.

    Pelican derives a missing summary from the start of the content; without this, home
    and list cards (and the lead paragraph) would repeat the video poster or the story's photos.
    """
    settings = instance.settings
    if "summary" in instance.metadata or settings["SUMMARY_MAX_LENGTH"] is None:
        return
    text = _FIGURE.sub("", pelican_api.body_html(instance))  # a summary is words, not a photo strip
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        text = truncate_html_paragraphs(text, settings["SUMMARY_MAX_PARAGRAPHS"])
    instance.metadata["summary"] = truncate_html_words(
        text, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"]
    )


def _render(instance: Any, template: str, **values: Any) -> str:
    settings = instance.settings
    env = _partials(str(Path(settings["THEME"]) / "templates"), bool(settings["JINJA_ENVIRONMENT"].get("autoescape")))
    meta = instance.metadata
    return env.get_template(template).render(
        article=instance, captions=meta.get("captions", ""), transcript=meta.get("transcript", ""), **values
    )


def add_template_filters(generator: Any) -> None:
    """``generator_init``: ``frame_csp`` for article_video.html (one frame origin on a video's page)."""
    generator.env.filters["frame_csp"] = core.frame_csp
