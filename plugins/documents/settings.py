"""Defaults of the documents plugin ("Văn bản"; override any ``DOCUMENTS_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Where editors keep documents, relative to PATH: <folder>/YYYY/<slug>/index.md + the attachment.
    # Outside ARTICLE_PATHS/PAGE_PATHS/STATIC_PATHS, so Pelican itself never reads or copies these files.
    "DOCUMENTS_PATH": "van-ban",
    # Addresses (ASCII Vietnamese words, one folder per page, like the rest of the site).
    "DOCUMENTS_INDEX_URL": "van-ban/",
    "DOCUMENTS_URL": "van-ban/{slug}/",
    "DOCUMENTS_TYPE_URL": "van-ban/loai/{slug}/",
    "DOCUMENTS_YEAR_URL": "van-ban/nam/{year}/",
    # Attachments are published here under content-hash names (a corrected file gets a new address,
    # so no reader or cache ever keeps the old version under the same name).
    "DOCUMENTS_FILES_URL": "van-ban/tep/",
    # Formats an editor may attach (lower-case extensions). PDF is what readers open everywhere;
    # DOCX for plans and forms that units fill in.
    "DOCUMENTS_FORMATS": ("pdf", "docx"),
    # A scanned 30-page resolution at 300 dpi is ~10 MB; anything heavier is an unoptimised scan.
    "DOCUMENTS_MAX_BYTES": 20 * 1024 * 1024,
    # How many documents the home page block "Văn bản mới" lists.
    "DOCUMENTS_HOME_COUNT": 5,
}
