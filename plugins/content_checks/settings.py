"""Defaults of ``make check`` (override any ``CONTENT_CHECKS_*`` in pelicanconf.py).

The pixel limit is the build's own (``FIGURES_MAX_PIXELS``), so the check and the
build never disagree; only the byte limit is the checker's.
"""

DEFAULTS = {
    # A source photo heavier than this is refused: it bloats the repository and every
    # editor's upload, and nothing on the site needs it (the build re-encodes anyway).
    # A phone photo (12 MP, 3-5 MB) passes; an uncompressed TIFF-to-JPEG export does not.
    "CONTENT_CHECKS_MAX_PHOTO_BYTES": 8 * 1024 * 1024,
}
