"""Pelican's tag and author pages in linear time instead of quadratic.

``ArticlesGenerator.generate_tags`` and ``generate_authors`` (Pelican 4.12) pick each
tag's and author's articles out of the date-sorted list with ``article in articles``
on a plain list: every tag page scans its whole list once per article of the site.
At 5,000 articles and 60 tags that is about 1.1 s of every build, warm or cold, in the
one process that cannot be parallelised. No setting avoids it and no official plugin
fixes it, so once the generator has built its lists this plugin swaps each long list
for an equal list that answers ``in`` from a set of ids (short ones, most authors', are
faster as they are: ``core.SHORT_LIST``). The loop over every article per tag and per
author stays: it is inside Pelican's method. Order, contents and the pages written are
unchanged (tests/site/test_linear_lists.py).
"""

from pelican import signals

from plugins.linear_lists import hooks


def register() -> None:
    signals.article_generator_finalized.connect(hooks.index_tag_and_author_lists)
