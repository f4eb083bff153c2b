"""Defaults of the build_cache plugin (override any ``BUILD_CACHE_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every BUILD_CACHE_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "BUILD_CACHE_"

    # Processes reading articles at once; 0 means one per CPU core, 1 turns parallel reading off.
    BUILD_CACHE_WORKERS: int = 0
    # Below this many articles to read, a sequential read is as fast as forking (a warm build reads one).
    BUILD_CACHE_MIN_FILES: int = 40
    # File in CACHE_PATH holding the fingerprint of the code that produced the cache.
    BUILD_CACHE_FINGERPRINT_FILE: str = "build-cache-fingerprint"
