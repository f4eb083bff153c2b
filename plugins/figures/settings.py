"""Defaults of the figures plugin (override any ``FIGURES_*`` in pelicanconf.py or publishconf.py)."""

DEFAULTS = {
    # Widths (CSS px) of the responsive variants of a body photo; a photo is never
    # upscaled, so a narrower original gets the widths below its own plus its own.
    "FIGURES_WIDTHS": (480, 800, 1200, 1600),
    # Modern formats offered through <source>, best first; JPEG is always the <img> fallback.
    # Pillow 13 wheels ship libavif, so AVIF needs no extra plugin.
    "FIGURES_FORMATS": ("avif", "webp"),
    # Encoder quality per format (0-100). AVIF 60 ≈ WebP 80 ≈ JPEG 82 visually.
    "FIGURES_QUALITY": {"avif": 60, "webp": 80, "jpeg": 82},
    # AVIF encoder speed (0 slow/small … 10 fast/larger); 8 halves the time of the default 6.
    "FIGURES_AVIF_SPEED": 8,
    # `sizes` of body photos: the article column is at most 44rem wide (--measure in site.css).
    "FIGURES_SIZES": "(min-width: 48rem) 44rem, 100vw",
    # Cover photo for cards: cropped to this aspect ratio, at these widths.
    "FIGURES_CARD_RATIO": (3, 2),
    "FIGURES_CARD_WIDTHS": (400, 800, 1200),
    # Open Graph / Zalo / Facebook share image: a JPEG crop of this size (smaller if the photo is).
    "FIGURES_OG_SIZE": (1200, 630),
    # Refuse photos above this many pixels before decoding them (a 50 MP camera
    # file is already more than any news photo needs; decompression bombs stop here).
    "FIGURES_MAX_PIXELS": 50_000_000,
    # Formats an editor may upload (Pillow format names).
    "FIGURES_ACCEPTED_FORMATS": ("JPEG", "PNG", "WEBP", "MPO"),
    # Published variants go to OUTPUT_PATH/<this>/…
    "FIGURES_OUTPUT_DIR": "anh",
    # Encoded variants are cached here (keyed by content hash + settings);
    # None means <CACHE_PATH>/figures.
    "FIGURES_CACHE_PATH": None,
    # Processes for cold encoding; None means one per CPU core.
    "FIGURES_WORKERS": None,
    # A photo with neither caption nor alt text: "warning" while writing, "error" in production.
    "FIGURES_MISSING_CAPTION": "warning",
    # A stand-in photo (EXIF marker core.STANDIN_MARKER: a placeholder while the real photo is
    # missing): "allow" while writing and in a demo deployment, "error" in production.
    "FIGURES_STANDIN_PHOTOS": "allow",
    # A photo whose embedded colour profile (ICC) is damaged is published as sRGB and the editor told:
    # "warning" while writing (make html/devserver print it), "info" in production (--fatal warnings
    # would refuse a photo that is published correctly); see hooks.report_ignored_profiles.
    "FIGURES_IGNORED_PROFILE": "warning",
    # Also publish each photo at full size (re-encoded, metadata stripped) and link the figure to it.
    "FIGURES_PUBLISH_ORIGINALS": False,
}
