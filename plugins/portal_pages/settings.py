"""Defaults of the portal_pages plugin (override any ``PORTAL_PAGES_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every PORTAL_PAGES_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "PORTAL_PAGES_"

    # Home page: how many stories the "Tin mới nhất" list shows under the featured one.
    PORTAL_PAGES_LATEST_COUNT: int = 6
    # Home page: how many newest stories each category block shows (the issue asks for 3–5).
    PORTAL_PAGES_SECTION_COUNT: int = 4
