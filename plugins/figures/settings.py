"""Defaults of the figures plugin (override any ``FIGURES_*`` in pelicanconf.py or publishconf.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every FIGURES_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "FIGURES_"

    # Widths (CSS px) of the responsive variants of a body photo; a photo is never
    # upscaled, so a narrower original gets the widths below its own plus its own.
    FIGURES_WIDTHS: tuple[int, ...] = (480, 800, 1200, 1600)
    # Modern formats offered through <source>, best first; JPEG is always the <img> fallback.
    # Pillow 13 wheels ship libavif, so AVIF needs no extra plugin.
    FIGURES_FORMATS: tuple[Literal["avif", "webp"], ...] = ("avif", "webp")
    # Encoder quality per format (0-100). AVIF 60 ≈ WebP 80 ≈ JPEG 82 visually.
    FIGURES_QUALITY: dict[str, int] = field(default_factory=lambda: {"avif": 60, "webp": 80, "jpeg": 82})
    # AVIF encoder speed (0 slow/small … 10 fast/larger); 8 halves the time of the default 6.
    FIGURES_AVIF_SPEED: int = 8
    # `sizes` of body photos: the article column is at most 44rem wide (--measure in site.css).
    FIGURES_SIZES: str = "(min-width: 48rem) 44rem, 100vw"
    # Cover photo for cards: cropped to this aspect ratio, at these widths.
    FIGURES_CARD_RATIO: tuple[int, int] = (3, 2)
    FIGURES_CARD_WIDTHS: tuple[int, ...] = (400, 800, 1200)
    # Open Graph / Zalo / Facebook share image: a JPEG crop of this size (smaller if the photo is).
    FIGURES_OG_SIZE: tuple[int, int] = (1200, 630)
    # Refuse photos above this many pixels before decoding them (a 50 MP camera
    # file is already more than any news photo needs; decompression bombs stop here).
    FIGURES_MAX_PIXELS: int = 50_000_000
    # A source photo heavier than this is refused (make check, the build, the web editor's upload limit): it
    # bloats the repository and every editor's upload, and nothing on the site needs it (the build re-encodes).
    # A phone photo (12 MP, 3-5 MB) passes; an uncompressed TIFF-to-JPEG export does not.
    FIGURES_MAX_PHOTO_BYTES: int = 8 * 1024 * 1024
    # Formats an editor may upload (Pillow format names).
    FIGURES_ACCEPTED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "MPO")
    # Published variants go to OUTPUT_PATH/<this>/…
    FIGURES_OUTPUT_DIR: str = "anh"
    # Encoded variants are cached here (keyed by content hash + settings);
    # None means <CACHE_PATH>/figures.
    FIGURES_CACHE_PATH: str | None = None
    # Processes for cold encoding; None means one per CPU core.
    FIGURES_WORKERS: int | None = None
    # A photo with neither caption nor alt text: "warning" while writing, "error" in production.
    FIGURES_MISSING_CAPTION: Literal["warning", "error"] = "warning"
    # A stand-in photo (EXIF marker core.STANDIN_MARKER: a placeholder while the real photo is
    # missing): "allow" while writing and in a demo deployment, "error" in production.
    FIGURES_STANDIN_PHOTOS: Literal["allow", "warning", "error"] = "allow"
    # A photo whose embedded colour profile (ICC) is damaged is published as sRGB and the editor told:
    # "warning" while writing (make html/devserver print it), "info" in production (--fatal warnings
    # would refuse a photo that is published correctly); see hooks.report_ignored_profiles.
    FIGURES_IGNORED_PROFILE: Literal["warning", "info"] = "warning"
    # Also publish each photo at full size (re-encoded, metadata stripped) and link the figure to it.
    FIGURES_PUBLISH_ORIGINALS: bool = False
