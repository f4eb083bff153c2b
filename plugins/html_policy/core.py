"""Sanitise article HTML with nh3 against the portal's allowlist."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import nh3

# nh3's defaults (text, links, lists, tables, quotes, figure/figcaption) plus
# what our own Markdown pipeline emits: responsive pictures, lazy images,
# footnote and heading anchors, typogrify's <span class=…>.
_TAGS = frozenset(nh3.ALLOWED_TAGS | {"picture", "source"})
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "fetchpriority"},
    "source": {"type", "srcset", "sizes", "media", "width", "height"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# C0 controls (but tab, LF, CR) and DEL: invisible, and not allowed in XML 1.0,
# so one pasted or entity-encoded control character would break every feed.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def make_cleaner(extra_tags: Iterable[str] = ()) -> nh3.Cleaner:
    """A reusable cleaner: built once per build, used for every article.

    Relative URLs (including Pelican's ``{static}``/``{filename}`` placeholders,
    resolved later) are kept; absolute URLs only with the schemes above, so
    ``javascript:`` and ``data:`` links lose their href.
    """
    tags = _TAGS | set(extra_tags)
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=_DROP_WITH_CONTENT - tags,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def clean(html: str, cleaner: nh3.Cleaner) -> str:
    """``html`` with everything outside the allowlist removed."""
    return _CONTROL_CHARACTERS.sub("", cleaner.clean(html)) if html else html


_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")


def plain_text(text: str) -> str:
    """A metadata field (title) as plain Unicode text: tags dropped, entities decoded.

    Pelican runs typogrify over titles, which turns quotes into HTML entities;
    keeping titles as HTML would force ``|safe`` in templates, and a title is
    where a pasted ``<script>`` would then run. As text, every template escapes
    it and typogrify's curly quotes survive as characters.
    """
    return _CONTROL_CHARACTERS.sub("", html.unescape(_TAG.sub("", text)))
