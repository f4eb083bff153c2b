"""Defaults of the html_policy plugin (override any ``HTML_POLICY_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every HTML_POLICY_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "HTML_POLICY_"

    # Extra tags a site allows in article bodies, e.g. {"video", "source"} for local video.
    HTML_POLICY_EXTRA_TAGS: frozenset[str] = frozenset()
