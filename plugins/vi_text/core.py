"""Plain functions for Vietnamese text; no Pelican import, so unit tests need no site.

Slugs follow Pelican's own algorithm (NFKC, unidecode, lower case, hyphens) so a
slug computed here for a folder name or a new article equals the one Pelican
computes for a category or tag; a unit test pins that equality.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from babel.dates import format_datetime as babel_format_datetime
from markupsafe import Markup
from unidecode import unidecode

_PUNCTUATION = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")
SLUG_PATTERN = re.compile(r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string must have.

    Vietnamese typed on some keyboards (and pasted from Word or PDFs) arrives
    decomposed (NFD): it looks identical but breaks search, slugs and equality.
    """
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """True when ``text`` is already NFC (cheap check before normalising)."""
    return unicodedata.is_normalized("NFC", text)


def slugify(text: str) -> str:
    """ASCII slug: ``"Đảng ủy Khối"`` → ``"dang-uy-khoi"``.

    Both tone-mark placements ("Tỉnh ủy" / "Tỉnh uỷ") give the same slug,
    because unidecode drops the marks wherever they sit. Like Pelican, HTML
    tags are stripped first, so a name made only of markup has no slug.
    """
    ascii_text = unidecode(unicodedata.normalize("NFKC", Markup(text).striptags())).lower()
    return _SEPARATORS.sub("-", _PUNCTUATION.sub("", ascii_text)).strip("-")


def is_slug(text: str) -> bool:
    """True for a well-formed ASCII slug (lower-case words joined by single hyphens)."""
    return bool(SLUG_PATTERN.match(text))


def fold(text: str) -> str:
    """Lower-case ``text`` with every diacritic removed, đ/Đ included.

    Used to compare strings the way a reader types them without accents
    ("dang uy khoi" matches "Đảng ủy Khối") and to catch slugs or names
    that differ only by diacritics.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


# A syllable ending in "oa", "oe" or "uy" (nothing after it) with the tone mark on its
# last vowel, matched in NFD where the mark is a separate combining character. "qu" + "y"
# is excluded: there "u" belongs to the consonant and the mark sits on "y" in both
# spellings ("quý"). Nothing may follow the mark, no letter and no other mark either: in
# NFD the dot below comes before a breve or circumflex, and "hoặc" ("o" + "a", dot below,
# breve) is the vowel "ă", not "a", with the mark where it belongs.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_MARK_ON_LAST_VOWEL = re.compile(rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONE_MARKS}])(?![\w\u0300-\u036f])")
# The same syllables in NFC text: "a", "e" or "y" with a tone mark and no other mark is one code point.
_TONE_ON_LAST_VOWEL_NFC = re.compile(r"(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\w\u0300-\u036f])")


def canonical_tone_placement(text: str) -> str:
    """Put the tone mark of open "oa", "oe", "uy" syllables on the first vowel: "uỷ" → "ủy", "hoà" → "hòa".

    Both placements are correct Vietnamese and both occur, even in one document
    (the seed article has "Tỉnh ủy" and "Tỉnh uỷ"); they are different code points,
    so search, sorting and equality see two words unless one placement is chosen.
    The one chosen is the portal's own ("Đảng ủy"). Syllables with a final
    consonant ("hoàn", "thuyền") are spelt the same either way and are left alone.
    Returns NFC. theme/static/js/search.js has the same rule for queries.
    """
    if unicodedata.is_normalized("NFC", text) and not _TONE_ON_LAST_VOWEL_NFC.search(text):
        return text  # nothing to move (most text: one scan instead of two normalisations and a scan)
    decomposed = unicodedata.normalize("NFD", text)
    moved = _MARK_ON_LAST_VOWEL.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


def format_datetime(value: datetime, pattern: str, locale: str = "vi") -> str:
    """Format ``value`` with a CLDR ``pattern`` in Vietnamese (Babel).

    The datetime keeps its own timezone: articles carry Asia/Ho_Chi_Minh
    times, and that is what the portal prints.
    """
    return babel_format_datetime(value, pattern, tzinfo=value.tzinfo, locale=locale)
