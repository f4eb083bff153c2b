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

No Pagefind import here: plain functions on strings, unit-tested without a binary.
The HTML is read with the standard library's parser; only the element marked
``data-pagefind-body`` (the article) matters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from plugins.vi_text.core import canonical_tone_placement, fold

ALIAS_META = "vi_alias"  # search.js reads it by this name (droppedWords)
BODY_ATTRIBUTE = "data-pagefind-body"
IGNORE_ATTRIBUTE = "data-pagefind-ignore"
_VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+")


def d_aliases(text: str) -> list[str]:
    """The ASCII forms of the words of ``text`` that contain đ/Đ, sorted, once each.

    ``"Đảng ủy đang họp"`` → ``["dang"]``: what a reader without a Vietnamese
    keyboard types for "Đảng" and "đang".
    """
    return sorted({fold(word) for word in _WORD.findall(text) if "đ" in word or "Đ" in word})


@dataclass
class PageParts:
    """What the index needs from a page: where its body starts, its text and its title."""

    body_start: int | None = None  # offset just after the body element's start tag
    text: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)

    def body_text(self) -> str:
        """The body's text; pieces joined by spaces, as "</h1><p>" separates two words."""
        return " ".join(self.text)

    def title_text(self) -> str:
        """The first heading's text on one line (inline tags inside it do not split words)."""
        return " ".join("".join(self.title).split())


class _BodyReader(HTMLParser):
    """Collect the text of the ``data-pagefind-body`` element and of its first <h1>.

    Pagefind's own rules are followed where they change which words count: text
    inside ``data-pagefind-ignore`` is left out, and so are scripts and styles.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts = PageParts()
        self._line_offsets = _line_offsets(source)
        self._depth = 0  # open elements inside the body element, 0 when outside it
        self._skip_depth = 0  # open elements inside an ignored region
        self._h1_depth = 0  # 0 outside the first <h1>, -1 once it is closed
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done or tag in _VOID_ELEMENTS:
            return
        names = {name for name, _ in attrs}
        if not self._depth:
            if BODY_ATTRIBUTE in names and self.parts.body_start is None:
                line, column = self.getpos()
                start_tag = self.get_starttag_text() or ""
                self.parts.body_start = self._line_offsets[line - 1] + column + len(start_tag)
                self._depth = 1
            return
        self._depth += 1
        if self._skip_depth or IGNORE_ATTRIBUTE in names or tag in ("script", "style", "template"):
            self._skip_depth += 1
        if tag == "h1" and self._h1_depth == 0:
            self._h1_depth = self._depth

    def handle_endtag(self, tag: str) -> None:
        if not self._depth or tag in _VOID_ELEMENTS:
            return
        if self._h1_depth == self._depth:
            self._h1_depth = -1
        if self._skip_depth:
            self._skip_depth -= 1
        self._depth -= 1
        self._done = self._depth == 0

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip_depth:
            self.parts.text.append(data)
            if self._h1_depth > 0:
                self.parts.title.append(data)


def _line_offsets(source: str) -> list[int]:
    """Offset of the first character of each line, counting "\\n" as HTMLParser does."""
    return [0, *(match.end() for match in re.finditer("\n", source))]


def read_page(source: str) -> PageParts:
    """Find the body element of ``source`` and collect its text and title."""
    reader = _BodyReader(source)
    reader.feed(source)
    reader.close()
    return reader.parts


def meta_element(name: str, value: str) -> str:
    """An empty element carrying one Pagefind metadata field (it adds no words to the text)."""
    return f'<span hidden data-pagefind-meta="{html.escape(name)}:{html.escape(value)}"></span>'


def prepare_page(source: str) -> str | None:
    """The HTML Pagefind should index for ``source``, or None when it is not an article page.

    Pages without a ``data-pagefind-body`` element (home, lists, tags) are not indexed:
    at 5,000 articles indexing every page cost 1.4 GiB of RAM and only duplicated hits.
    """
    if BODY_ATTRIBUTE not in source:  # most pages of a news site are lists: skip parsing them
        return None
    parts = read_page(source)
    if parts.body_start is None:
        return None
    added = []
    title = parts.title_text()
    if title:  # the editor's own spelling, not the canonical one the text gets
        added.append(meta_element("title", title))
    aliases = d_aliases(parts.body_text())
    if aliases:
        added.append(meta_element(ALIAS_META, " ".join(aliases)))
    head, body = source[: parts.body_start], source[parts.body_start :]
    return canonical_tone_placement(head) + "".join(added) + canonical_tone_placement(body)


def page_url(relative_path: str) -> str:
    """The URL Pagefind reports for a file: ``bai-viet/x/index.html`` → ``/bai-viet/x/``.

    Relative to the site root; Pagefind's script prefixes the folder it was loaded
    from, so a site served below a sub-path still gets working links.
    """
    url = "/" + relative_path.replace("\\", "/")
    return url.removesuffix("index.html")
