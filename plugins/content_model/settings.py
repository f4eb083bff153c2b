"""Defaults of the content_model plugin (override any ``CONTENT_MODEL_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every CONTENT_MODEL_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "CONTENT_MODEL_"

    # Site data an editor may change (categories, contact block), relative to PATH.
    CONTENT_MODEL_DATA_FILE: str = "data/site.toml"
    # Sample articles (metadata ``Sample: yes``) ship with the demo; a real
    # deployment drops them all by setting this to False.
    CONTENT_MODEL_INCLUDE_SAMPLES: bool = True
    # A news article is a few thousand words; a file this large is a pasted
    # image or document, and Markdown's cost grows with it.
    CONTENT_MODEL_MAX_BYTES: int = 1_000_000
    # Lists/quotes nested deeper than this are a paste accident (and deep
    # enough nesting overflows Python-Markdown's recursion).
    CONTENT_MODEL_MAX_NESTING: int = 12
    # Markdown's cost per paragraph, checked from the text before rendering (render.shape_problems):
    # characters its bracket patterns would scan (about 0.4 µs each: 1 000 000 is ~0.4 s; a paragraph
    # of 300 links costs 16 000), and underline/rule lines × the paragraph's length (~70 M per second).
    CONTENT_MODEL_MAX_BRACKET_SCAN: int = 1_000_000
    CONTENT_MODEL_MAX_SPLIT_SCAN: int = 20_000_000
    # Wall-clock budget of one file's Markdown → HTML (render.render), for any slow shape the checks
    # above do not know. The slowest article of the bench corpus (1000 articles) takes 3 ms, and a
    # 990 KB article of its paragraphs (just under MAX_BYTES) 0.2 s: 5 s is 25 times that.
    CONTENT_MODEL_RENDER_SECONDS: float = 5.0
    # typogrify (Pelican's TYPOGRIFY_* settings) applied by our reader, so that its result is
    # cached with the article; Pelican's own TYPOGRIFY stays False (see core.typographer).
    CONTENT_MODEL_TYPOGRIFY: bool = False
