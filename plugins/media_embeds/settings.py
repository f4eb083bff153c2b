"""Defaults of the media_embeds plugin (override any ``MEDIA_EMBEDS_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every MEDIA_EMBEDS_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "MEDIA_EMBEDS_"

    # Local video formats an editor may put beside an article (browsers play MP4/H.264 everywhere).
    MEDIA_EMBEDS_LOCAL_FORMATS: tuple[str, ...] = ("mp4",)
    # A news clip of a few minutes at 720p is 20-60 MB; beyond this, upload to the unit's YouTube channel.
    MEDIA_EMBEDS_MAX_LOCAL_BYTES: int = 150 * 1024 * 1024
