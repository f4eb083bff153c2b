"""Defaults of the content_model plugin (override any ``CONTENT_MODEL_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Site data an editor may change (categories, contact block), relative to PATH.
    "CONTENT_MODEL_DATA_FILE": "data/site.toml",
    # Sample articles (metadata ``Sample: yes``) ship with the demo; a real
    # deployment drops them all by setting this to False.
    "CONTENT_MODEL_INCLUDE_SAMPLES": True,
}
