"""Faster builds on two cores, and a content cache that cannot go stale.

* Articles whose parsed form is not in Pelican's content cache are read
  (Markdown, the portal's schema checks, the summary's second Markdown pass)
  in forked worker processes, one per core, before Pelican's own sequential
  loop runs; the loop then finds every article in its in-memory cache. The
  output is the one a sequential build writes (tests/site/test_warm_build.py).
* Pelican's content cache is keyed only on each file's hash: a change to a
  plugin, to the Markdown settings or to a library would keep serving HTML made
  by the old code. The cache is dropped whenever that code fingerprint changes.

Parallel reading works on every build; the fingerprint check runs when the
cache is loaded (``LOAD_CONTENT_CACHE``, e.g. in CI with ``cache/`` kept).
"""

from pelican import signals

from plugins.build_cache import hooks
from plugins.build_cache.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.initialized.connect(hooks.drop_cache_made_by_other_code)
    signals.article_generator_init.connect(hooks.read_articles_in_parallel)
