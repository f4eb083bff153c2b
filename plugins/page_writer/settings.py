"""Defaults of the page_writer plugin (override any ``PAGE_WRITER_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every PAGE_WRITER_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "PAGE_WRITER_"

    # Processes rendering pages at once; 0 means one per CPU core, 1 renders in this process only.
    PAGE_WRITER_WORKERS: int = 0
    # Below this many pages to render, one process is as fast as forking.
    PAGE_WRITER_MIN_PAGES: int = 60
    # Skip pages whose inputs did not change since the previous build into the same output folder.
    PAGE_WRITER_SKIP_UNCHANGED: bool = True
    # Article attributes no template reads, left out of page signatures because they are costly to digest:
    # the photo plugin's encoding plans (the article HTML already names every variant by its content hash).
    PAGE_WRITER_IGNORED_ATTRIBUTES: list[str] = field(default_factory=lambda: ["figure_plans"])
    # File in CACHE_PATH listing the pages the previous build wrote, with their signatures.
    PAGE_WRITER_MANIFEST_FILE: str = "page-writer-manifest.pickle"
    # Folder in CACHE_PATH for Jinja's compiled templates (keyed by each template's source checksum).
    PAGE_WRITER_BYTECODE_DIR: str = "jinja-bytecode"
