"""Defaults of the html_policy plugin (override any ``HTML_POLICY_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Extra tags a site allows in article bodies, e.g. {"video", "source"} for local video.
    "HTML_POLICY_EXTRA_TAGS": frozenset(),
}
