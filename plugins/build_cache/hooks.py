"""Glue between Pelican's reader cache and ``core``: parallel reading, fingerprint check."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pelican.utils import file_suffix

from plugins.build_cache import core
from plugins.build_cache.settings import Settings
from plugins.common import pelican_api, processes

logger = logging.getLogger(__name__)

# Pelican's cache files for the generators whose content it caches.
PELICAN_CACHE_FILES = ("ArticlesGenerator", "ArticlesGenerator-Readers", "PagesGenerator", "PagesGenerator-Readers")


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def drop_cache_made_by_other_code(pelican: Any) -> None:
    """``initialized``: empty Pelican's content cache when the code or settings behind it changed.

    Pelican compares only each file's hash, so after editing a plugin or a
    setting it would keep publishing articles parsed by the old code.
    """
    settings = pelican.settings
    if not settings["LOAD_CONTENT_CACHE"]:
        return
    cache = Path(settings["CACHE_PATH"])
    marker = cache / plugin_settings(settings).BUILD_CACHE_FINGERPRINT_FILE
    current = core.code_fingerprint(settings)
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == current:
        return
    stale = [cache / name for name in PELICAN_CACHE_FILES if (cache / name).exists()]
    for path in stale:
        path.unlink()
    if stale:
        logger.info("build_cache: code or settings changed since the cache was made; content cache emptied")
    cache.mkdir(parents=True, exist_ok=True)
    marker.write_text(current + "\n", encoding="utf-8")


def read_articles_in_parallel(generator: Any) -> None:
    """``article_generator_init``: parse every article missing from the cache, one process per core.

    Pelican's own loop then takes each article from the cache. An article that
    fails here is left out, so Pelican reads it again and reports the problem
    exactly as a sequential build does.
    """
    settings = generator.settings
    config = plugin_settings(settings)
    if not hasattr(os, "fork"):  # Windows: an editor's preview build simply reads sequentially
        return
    workers = processes.worker_count(config.BUILD_CACHE_WORKERS, processes.available_cpus())
    if workers < 2:
        return
    readers = generator.readers
    todo = []
    for relative in sorted(generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])):
        path = os.path.abspath(os.path.join(generator.path, relative))
        reader = readers.readers.get(file_suffix(path))
        if reader is not None and readers.get_cached_data(path, None) is None:
            todo.append((path, reader))
    if len(todo) < config.BUILD_CACHE_MIN_FILES:
        return
    outcomes = processes.fork_map(_read, todo, workers, shared={"settings": settings})
    for (path, _), outcome in zip(todo, outcomes, strict=True):
        if outcome.error is None:
            processes.replay(outcome.records)
            _remember(readers, path, outcome.value)
    logger.debug("build_cache: %d articles read in %d processes", len(todo), workers)


def _remember(readers: Any, path: str, parsed: tuple[str, dict[str, Any]]) -> None:
    """Put a parsed article where ``Readers.read_file`` looks first.

    Pelican 4.12's ``FileStampDataCacher`` keeps ``(file stamp, data)`` in
    ``_cache``; its public ``cache_data`` would drop the entry when
    ``CACHE_CONTENT`` is off, and parallel reading must help cold builds too.
    The entry is saved to disk only when ``CACHE_CONTENT`` is on, as usual.
    """
    pelican_api.remember_parsed(readers, path, parsed)


def _read(job: tuple[str, Any]) -> tuple[str, dict[str, Any]]:
    """One article through its reader, in the form Pelican stores in its cache."""
    path, reader = job
    content, metadata = reader.read(path)
    return content, pelican_api.without_discardable_metadata(metadata)
