"""Defaults of the publish_checks plugin (override any ``PUBLISH_CHECKS_*`` in pelicanconf/publishconf)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every PUBLISH_CHECKS_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "PUBLISH_CHECKS_"

    # Pelican writes ``Status: hidden`` articles (only leaves them out of lists).
    # Development keeps that so an editor can preview one by its address;
    # production (publishconf.py) turns this on so they are not written at all.
    PUBLISH_CHECKS_WITHHOLD_HIDDEN: bool = False
    # Pages written in another language than DEFAULT_LANG: output path → their <html lang>
    # (e.g. {"en/index.html": "en"}). Every other page must declare DEFAULT_LANG.
    PUBLISH_CHECKS_PAGE_LANGS: dict[str, str] = field(default_factory=lambda: {})


def withholds_hidden(settings: Mapping[str, Any]) -> bool:
    """True when hidden articles are not written: asked by every plugin that publishes their files (figures)."""
    return Settings.of(settings).PUBLISH_CHECKS_WITHHOLD_HIDDEN
