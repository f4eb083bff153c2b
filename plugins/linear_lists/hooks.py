"""Signal handler: index the tag and author lists once the articles generator has built them."""

from __future__ import annotations

from typing import Any

from plugins.linear_lists.core import indexed


def index_tag_and_author_lists(generator: Any) -> None:
    """``article_generator_finalized``: the lists ``generate_tags``/``generate_authors`` filter the dates by."""
    for tag, articles in generator.tags.items():
        generator.tags[tag] = indexed(articles)
    generator.authors[:] = [(author, indexed(articles)) for author, articles in generator.authors]
