"""Prepare an article page's HTML for Pagefind so Vietnamese is found the way readers type it.

Pagefind 1.5 already folds combining accents ("hoi nghi" finds "hội nghị", an exact
match ranking first), so only two gaps are closed here, both measured against
Pagefind 1.5.2 in tests/browser/test_search.py:

* đ/Đ is a letter of its own to Pagefind, so "dang uy khoi" found nothing. Each page
  gets a hidden metadata field (``ALIAS_META``) listing the ASCII forms of its
  đ-words ("dang dong doan"); Pagefind 1.5 searches metadata, and a metadata-only
  match ranks below a match in the text, so "đang" still ranks an article saying
  "đang" above one saying "Đảng". Only đ-words are listed, not a folded copy of the
  whole text: everything else Pagefind folds itself, and a full copy would double
  every fragment a reader downloads.
* "Tỉnh uỷ" and "Tỉnh ủy" are different code points, so Pagefind ranked the other
  placement as a mere folded match. The indexed copy uses one placement
  (vi_text's ``canonical_tone_placement``) and search.js moves the query's marks the
  same way, so both spellings rank as exact. The served page is not changed; excerpts
  show the canonical placement, titles keep the editor's spelling.

The indexed copy is the ``data-pagefind-body`` element alone in an empty page: Pagefind
reads nothing else of a page that has one (checked: the same bundle, byte for byte, at
1,000 articles), and the header, menus and footer were two thirds of every page it parsed.
The element is cut out of the source text, so Pagefind sees the markup Pelican wrote; only
its text is read with lxml (about five times faster than the standard library's parser).

No Pagefind import here: plain functions on strings, unit-tested without a binary.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import lxml.html

from plugins.vi_text.core import canonical_tone_placement, fold

ALIAS_META = "vi_alias"  # search.js reads it by this name (droppedWords)
YEAR_FILTER = "nam"  # every indexed page's year, the key of its index shard (shards.json names it for search.js)
UNDATED = "khac"  # the year value of a page without a <time datetime> in its body
BODY_ATTRIBUTE = "data-pagefind-body"
BODY_MARKER = BODY_ATTRIBUTE.encode()  # pages without these bytes are not read any further
PAGE_START = "<!DOCTYPE html><html><body>"
PAGE_END = "</body></html>"

# A start tag, attribute values quoted or not ('>' may appear inside quotes).
_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_BODY_NAME = re.compile(rf"\s{BODY_ATTRIBUTE}(?![^\s=/>])", re.IGNORECASE)
# What Pagefind leaves out of a page's words: ignored regions, scripts and styles.
_LEFT_OUT = ".//*[@data-pagefind-ignore] | .//script | .//style | .//template"
_WORD = re.compile(r"\w+")
# The year of a <time datetime="2021-01-21T13:58:00+07:00"> start tag; the first one in the body is the page's own date.
_TIME_YEAR = re.compile(r"""<time\s(?:[^>"']|"[^"]*"|'[^']*')*?\bdatetime\s*=\s*["']?(\d{4})-""", re.IGNORECASE)
_YEAR_ELEMENT = re.compile(rf'data-pagefind-filter="{YEAR_FILTER}:([^"]*)"')


def d_aliases(text: str) -> list[str]:
    """The ASCII forms of the words of ``text`` that contain đ/Đ, sorted, once each.

    ``"Đảng ủy đang họp"`` → ``["dang"]``: what a reader without a Vietnamese
    keyboard types for "Đảng" and "đang".
    """
    d_words = {word for word in _WORD.findall(text) if "đ" in word or "Đ" in word}  # a regex for them is slower
    return sorted({fold(word) for word in d_words})  # fold each spelling once


@dataclass(frozen=True)
class BodySpan:
    """Where the body element is in a page: its start tag, the end of that tag, the end of the element."""

    start: int
    content: int
    end: int


def find_body(source: str) -> BodySpan | None:
    """The first element carrying ``data-pagefind-body`` (as an attribute, not in text or a value)."""
    marker = source.find(BODY_ATTRIBUTE)
    while marker != -1:
        tag = _START_TAG.match(source, max(source.rfind("<", 0, marker), 0))
        if tag and tag.end() > marker and _BODY_NAME.search(_QUOTED.sub("", tag.group(2))):
            return BodySpan(tag.start(), tag.end(), _element_end(source, tag.group(1), tag.end()))
        marker = source.find(BODY_ATTRIBUTE, marker + 1)
    return None


@functools.cache
def _tags_named(name: str) -> re.Pattern[str]:
    """Start and end tags of ``name``; comments, scripts and styles are matched whole so their text is skipped."""
    tag = rf"<(/?){re.escape(name)}(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    return re.compile(rf"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>|{tag}", re.DOTALL | re.IGNORECASE)


def _element_end(source: str, name: str, content: int) -> int:
    """Offset just after the end tag matching a start tag of ``name`` that ends at ``content``.

    Nested elements of the same name are counted; an element left open runs to the end
    of the page, as a browser reads it.
    """
    depth = 1
    for tag in _tags_named(name).finditer(source, content):
        if tag.group(1) is None:  # a comment, script or style
            continue
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(source)


@dataclass(frozen=True)
class PageParts:
    """What the index needs from the body element besides its markup."""

    text: str  # the words Pagefind indexes, pieces joined by spaces as "</h1><p>" separates two words
    title: str  # the first heading's text on one line (inline tags inside it do not split words)


def read_body(element: str) -> PageParts:
    """The indexed text and the title of the body element's HTML ``element``."""
    root = lxml.html.fragment_fromstring(element, create_parent="div")
    for left_out in root.xpath(_LEFT_OUT):
        left_out.drop_tree()
    heading = next(root.iter("h1"), None)
    title = "" if heading is None else " ".join("".join(heading.itertext()).split())
    return PageParts(" ".join(root.itertext()), title)


def read_page(source: str) -> PageParts | None:
    """The parts of the body element of the page ``source``, or None when it has none."""
    span = find_body(source)
    return None if span is None else read_body(source[span.start : span.end])


def meta_element(name: str, value: str, kind: str = "meta") -> str:
    """An empty element carrying one Pagefind metadata (or ``kind="filter"``) field; it adds no words to the text."""
    return f'<span hidden data-pagefind-{kind}="{html.escape(name)}:{html.escape(value)}"></span>'


def year_of(element: str) -> str:
    """The year of the first ``<time datetime>`` in ``element`` (an article's or document's own date), or UNDATED."""
    found = _TIME_YEAR.search(element)
    return found.group(1) if found else UNDATED


def shard_of(prepared: str) -> str:
    """The index shard of a page prepared by ``prepare_page``: its year, as the year filter it was given says."""
    found = _YEAR_ELEMENT.search(prepared)
    return html.unescape(found.group(1)) if found else UNDATED


def prepare_page(source: str) -> str | None:
    """The HTML Pagefind should index for ``source``, or None when it is not an article page.

    Pages without a ``data-pagefind-body`` element (home, lists, tags) are not indexed:
    at 5,000 articles indexing every page cost 1.4 GiB of RAM and only duplicated hits.
    The metadata goes first inside the body element, where Pagefind reads it; so does
    the year filter, which puts the page in its year's shard of the index (``shard_of``)
    and lets search.js list newest first across shards.
    """
    span = find_body(source)
    if span is None:
        return None
    element = source[span.start : span.end]
    parts = read_body(element)
    added = [meta_element(YEAR_FILTER, year_of(element), kind="filter")]
    if parts.title:  # the editor's own spelling, not the canonical one the text gets
        added.append(meta_element("title", parts.title))
    aliases = d_aliases(parts.text)
    if aliases:
        added.append(meta_element(ALIAS_META, " ".join(aliases)))
    start_tag = canonical_tone_placement(source[span.start : span.content])
    rest = canonical_tone_placement(source[span.content : span.end])
    return PAGE_START + start_tag + "".join(added) + rest + PAGE_END


def page_url(relative_path: str) -> str:
    """The URL Pagefind reports for a file: ``bai-viet/x/index.html`` → ``/bai-viet/x/``.

    Relative to the site root; Pagefind's script prefixes the folder it was loaded
    from, so a site served below a sub-path still gets working links.
    """
    url = "/" + relative_path.replace("\\", "/")
    return url.removesuffix("index.html")
