"""Defaults of the content_model plugin (override any ``CONTENT_MODEL_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Site data an editor may change (categories, contact block), relative to PATH.
    "CONTENT_MODEL_DATA_FILE": "data/site.toml",
    # Sample articles (metadata ``Sample: yes``) ship with the demo; a real
    # deployment drops them all by setting this to False.
    "CONTENT_MODEL_INCLUDE_SAMPLES": True,
    # A news article is a few thousand words; a file this large is a pasted
    # image or document, and Markdown's cost grows with it.
    "CONTENT_MODEL_MAX_BYTES": 1_000_000,
    # Lists/quotes nested deeper than this are a paste accident (and deep
    # enough nesting overflows Python-Markdown's recursion).
    "CONTENT_MODEL_MAX_NESTING": 12,
    # typogrify (Pelican's TYPOGRIFY_* settings) applied by our reader, so that its result is
    # cached with the article; Pelican's own TYPOGRIFY stays False (see core.typographer).
    "CONTENT_MODEL_TYPOGRIFY": False,
}
