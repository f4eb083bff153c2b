"""Defaults of the portal_pages plugin (override any ``PORTAL_PAGES_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Home page: how many stories the "Tin mới nhất" list shows under the featured one.
    "PORTAL_PAGES_LATEST_COUNT": 6,
    # Home page: how many newest stories each category block shows (the issue asks for 3–5).
    "PORTAL_PAGES_SECTION_COUNT": 4,
}
