"""Defaults of the seo_feeds plugin (override any ``SEO_FEEDS_*`` in pelicanconf.py or publishconf.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every SEO_FEEDS_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "SEO_FEEDS_"

    # Shared image when an article has no cover (theme static path), in the 1200×630 social networks expect.
    SEO_FEEDS_DEFAULT_IMAGE: str = "img/og-default.png"
    SEO_FEEDS_DEFAULT_IMAGE_SIZE: tuple[int, int] = (1200, 630)
    # Content-Security-Policy, delivered as <meta http-equiv> (GitHub Pages cannot set headers).
    # Only this site's own origin: no CDN, analytics or embed. 'wasm-unsafe-eval' lets the
    # self-hosted search (Pagefind, WebAssembly) run; it does not allow any other origin.
    # frame-ancestors is not honoured in a <meta> CSP, so it is not listed.
    SEO_FEEDS_CSP: dict[str, str] = field(
        default_factory=lambda: {
            "default-src": "'self'",
            "script-src": "'self' 'wasm-unsafe-eval'",
            "style-src": "'self'",
            "img-src": "'self' data:",
            "font-src": "'self'",
            "connect-src": "'self'",
            "media-src": "'self'",
            "object-src": "'none'",
            "frame-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
        }
    )
    # Paths robots.txt asks crawlers to skip (beside the site root, e.g. "/tim-kiem/").
    SEO_FEEDS_ROBOTS_DISALLOW: list[str] = field(default_factory=lambda: [])
