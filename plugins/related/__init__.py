""" "Tin liên quan" and "Tin cùng chuyên mục": the two blocks under every article.

"Tin liên quan": explicit ``Related:`` slugs first, in the editor's order (an
unknown slug is an error naming the article's file and line; a slug naming an
article that exists but is not published in this build, i.e. a draft, hidden,
future-dated or, with samples off, sample article, is dropped without error
and appears once that article is published); then, optionally, the articles
that name this one; then computed ones (Vietnamese TF-IDF over syllables and
bigrams, tags, category, recency) up to ``RELATED_COUNT``.
"Tin cùng chuyên mục": newest other articles of the category, and the
previous/next article in it.
"""

from pelican import signals

from plugins.related import hooks
from plugins.related.settings import Settings


def register() -> None:
    signals.initialized.connect(Settings.check)  # a bad or misspelt setting stops the build at start
    signals.article_generator_finalized.connect(hooks.attach_related)
