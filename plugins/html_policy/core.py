"""Sanitise article HTML with nh3 against the portal's allowlist."""

from __future__ import annotations

import html
import pickle
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nh3

from plugins.common.files import write_atomically

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


# A summary is lead text (cards, meta description, JSON-LD, feeds): no element that loads anything.
# content_model refuses such a summary (summary_media_errors); this is the second line of defence.
_NOT_IN_SUMMARY = frozenset({"img", "picture", "source", "video", "audio", "svg", "iframe", "object", "embed"})


def make_summary_cleaner(extra_tags: Iterable[str] = ()) -> nh3.Cleaner:
    """The body's allowlist minus every element that loads a resource (a remote image is a tracker in feeds)."""
    tags = (_TAGS | set(extra_tags)) - _NOT_IN_SUMMARY
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=_DROP_WITH_CONTENT - tags,
        attributes={tag: attrs for tag, attrs in _ATTRIBUTES.items() if tag not in _NOT_IN_SUMMARY},
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


class FileMemo:
    """Results of deterministic work kept between builds in one file, keyed by a digest of their input.

    Pelican's content cache keeps what a reader made, but ``content_object_init``
    handlers (this policy among them) run again on every build, for every
    article. ``clean`` is a pure function of the HTML and of the policy, so its
    result can be kept under a digest of the HTML, in a file versioned by the
    policy. Nothing here is specific to HTML: another plugin's hook whose result
    depends only on inputs it can digest could keep its results the same way.

    ``version`` names the code and settings behind every entry: a file written
    under another version is ignored as a whole. Values are pickled when put
    and unpickled on each ``get``, so a later change to the live objects never
    reaches the memo and every hit gets objects of its own. Only entries this
    build used are saved, so the file does not grow with articles long edited
    or deleted; it is written (atomically) only when that set changed.
    """

    def __init__(self, file: Path | None, version: str) -> None:
        self.file = file
        self.version = version
        self.saved = self._load()
        self.used: dict[str, bytes] = {}

    def _load(self) -> dict[str, bytes]:
        """The saved entries, or none when the file is missing, damaged or written under another version."""
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as stream:
                version, entries = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}
        return entries if version == self.version and isinstance(entries, dict) else {}

    def get(self, key: str) -> Any | None:
        """The value saved under ``key`` (a fresh copy), or None."""
        data = self.used.get(key) or self.saved.get(key)
        if data is None:
            return None
        self.used[key] = data
        return pickle.loads(data)

    def put(self, key: str, value: Any) -> None:
        """Remember ``value`` (as it is now) under ``key``; it must not be None."""
        self.used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Write the entries this build used when they differ from the saved ones."""
        if self.file is None or self.used == self.saved:
            return
        write_atomically(self.file, pickle.dumps((self.version, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        self.saved = dict(self.used)
