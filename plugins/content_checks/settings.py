"""Defaults of ``make check`` (override any ``CONTENT_CHECKS_*`` in pelicanconf.py).

The pixel limit is the build's own (``FIGURES_MAX_PIXELS``), so the check and the
build never disagree; only the byte limit is the checker's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every CONTENT_CHECKS_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "CONTENT_CHECKS_"

    # A source photo heavier than this is refused: it bloats the repository and every
    # editor's upload, and nothing on the site needs it (the build re-encodes anyway).
    # A phone photo (12 MP, 3-5 MB) passes; an uncompressed TIFF-to-JPEG export does not.
    CONTENT_CHECKS_MAX_PHOTO_BYTES: int = 8 * 1024 * 1024
