"""Defaults of the search index step (override any ``SEARCH_INDEX_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every SEARCH_INDEX_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "SEARCH_INDEX_"

    # One index for the whole site in this language, whatever a page's lang attribute
    # says: the search page loads one index, and a stray lang="en" must not split it.
    SEARCH_INDEX_LANGUAGE: str = "vi"
    # Processes preparing pages, then Pagefind processes indexing years, at once: 0 means one per CPU core.
    SEARCH_INDEX_WORKERS: int = 0
    # Pages per index shard, at least (whole years, from the oldest): smaller shards make
    # a rebuild re-index less, but every query then fetches one index chunk per shard.
    SEARCH_INDEX_SHARD_PAGES: int = 2500


# Pagefind's default bundle folder in the output (search.html loads pagefind/pagefind.js from it).
# Not a setting (the theme's script names it); listed so that no page takes the address
# (content_model.core.output_sections reads OUTPUT_SECTIONS of every plugin's settings module).
BUNDLE_DIR = "pagefind"
OUTPUT_SECTIONS = (BUNDLE_DIR,)
