""" "Tin liên quan": the related-news list under every article.

Explicit ``Related:`` slugs come first, in the editor's order; an unknown slug
is an error naming the article's file.
"""

from pelican import signals

from plugins.related import hooks


def register() -> None:
    signals.article_generator_finalized.connect(hooks.attach_related)
