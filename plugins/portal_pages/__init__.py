"""The portal's home page and archive data, computed once per build for the templates.

Templates get ``portal_home`` (featured story, latest list, one block per
category in the site data's order), ``portal_nav`` (the categories that have
published articles, in the same order) and ``portal_archive_tree`` (years,
each with its months). Choosing and grouping articles is logic, so it lives
here rather than in Jinja.
"""

from pelican import signals

from plugins.portal_pages import hooks
from plugins.portal_pages.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.article_generator_finalized.connect(hooks.expose_portal_pages)
