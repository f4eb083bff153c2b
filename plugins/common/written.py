"""Which articles and pages a build will actually write: one answer for every plugin that publishes files.

A photo variant, an attachment or a copied file is published only for a page
that is written; deciding that in one place keeps the figures plugin (photo
variants) and publish_checks (static files, links) from disagreeing about a
draft, a hidden article or a future-dated one. Generators are read by the
attribute names in ``pelican_api.WRITTEN_LISTS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from plugins.common.pelican_api import HIDDEN_ARTICLE_LISTS, WRITTEN_LISTS

# Build-context key: source paths of content read and then left out of the build (samples in production),
# so publish_checks can name a link to one at its source line, as it does for drafts.
DROPPED_SOURCES = "common_dropped_sources"


def listed_contents(generators: Iterable[Any], *, skip: tuple[str, ...] = ()) -> Iterator[Any]:
    """Every article and page the generators still hold, published or not (minus the lists in ``skip``)."""
    for generator in generators:
        for attr in WRITTEN_LISTS:
            if attr not in skip:
                yield from getattr(generator, attr, None) or ()


def contents_to_write(generators: Iterable[Any], *, withhold_hidden: bool) -> list[tuple[Any, str]]:
    """Articles and pages that will be written, with their ``save_as``.

    A content whose ``save_as`` is empty (a draft in production) is not written;
    with ``withhold_hidden`` (production: ``PUBLISH_CHECKS_WITHHOLD_HIDDEN``) the
    hidden articles are not either, even before publish_checks empties their lists.
    Samples dropped by content_model are no longer listed at all. Pelican works
    ``save_as`` out on every access: here once per content.
    """
    skip = HIDDEN_ARTICLE_LISTS if withhold_hidden else ()
    found = ((content, content.save_as) for content in listed_contents(generators, skip=skip))
    return [(content, save_as) for content, save_as in found if save_as]
