"""The figures plugin's state shared by every page of one build, and by other plugins (organisation's portraits).

Kept out of ``hooks`` so that another plugin uses the photo pipeline without
importing this plugin's signal handlers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from plugins.common.build_context import of_build
from plugins.figures import core
from plugins.figures.settings import Settings


def cache_dir(settings: dict[str, Any]) -> Path:
    configured = Settings.of(settings).FIGURES_CACHE_PATH
    return Path(configured or os.path.join(settings["CACHE_PATH"], "figures"))


class SitePhotos:
    """What every article of one build shares: settings read once and the photo facts cache.

    It lives in the build's context (``plugins.common.build_context``) from the
    first article until ``encode_and_publish`` saves the facts and removes it.
    """

    CONTEXT_KEY = "figures_site_photos"

    def __init__(self, settings: dict[str, Any]) -> None:
        self.values = Settings.of(settings)
        self.encoder = core.EncoderSettings.from_settings(self.values)
        self.planner = core.Planner(self.encoder, self.values.FIGURES_OUTPUT_DIR)
        self.cache = cache_dir(settings)
        self.facts = core.PhotoFactsCache(self.cache / core.FACTS_FILE)
        self.max_bytes = self.values.FIGURES_MAX_PHOTO_BYTES

    @classmethod
    def of(cls, context: dict[str, Any] | None, settings: dict[str, Any]) -> SitePhotos:
        """The build's instance (made on first use); a content object without a context gets its own."""
        return of_build(context, cls.CONTEXT_KEY, lambda: cls(settings))
