"""Defaults of the publish_checks plugin (override any ``PUBLISH_CHECKS_*`` in pelicanconf/publishconf)."""

from collections.abc import Mapping
from typing import Any

from plugins.common.settings import merged

DEFAULTS = {
    # Pelican writes ``Status: hidden`` articles (only leaves them out of lists).
    # Development keeps that so an editor can preview one by its address;
    # production (publishconf.py) turns this on so they are not written at all.
    "PUBLISH_CHECKS_WITHHOLD_HIDDEN": False,
    # Pages written in another language than DEFAULT_LANG: output path → their <html lang>
    # (e.g. {"en/index.html": "en"}). Every other page must declare DEFAULT_LANG.
    "PUBLISH_CHECKS_PAGE_LANGS": {},
}


def withholds_hidden(settings: Mapping[str, Any]) -> bool:
    """True when hidden articles are not written: asked by every plugin that publishes their files (figures)."""
    return bool(merged(DEFAULTS, settings, "PUBLISH_CHECKS_")["PUBLISH_CHECKS_WITHHOLD_HIDDEN"])
