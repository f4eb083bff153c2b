"""Defaults of the search index step (override any ``SEARCH_INDEX_*`` in pelicanconf.py)."""

DEFAULTS = {
    # One index for the whole site in this language, whatever a page's lang attribute
    # says: the search page loads one index, and a stray lang="en" must not split it.
    "SEARCH_INDEX_LANGUAGE": "vi",
    # Processes preparing pages, then Pagefind processes indexing years, at once: 0 means one per CPU core.
    "SEARCH_INDEX_WORKERS": 0,
}
