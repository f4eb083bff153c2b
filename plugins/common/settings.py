"""Merge a plugin's prefixed defaults with the site's settings, once, at start.

The shape comes from pelican-seo: each plugin keeps ``DEFAULTS`` with its
prefix in its own ``settings.py``; the site overrides any of them in
pelicanconf.py. Unknown keys with the plugin's prefix are reported, because a
misspelt setting silently falling back to its default is a classic trap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def merged(defaults: Mapping[str, Any], site: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """Return the plugin's settings: ``defaults`` overridden by the site's values."""
    unknown = sorted(k for k in site if k.startswith(prefix) and k not in defaults)
    if unknown:
        raise KeyError(f"Unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(defaults))}")
    return {key: site.get(key, value) for key, value in defaults.items()}
