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
    because unidecode drops the marks wherever they sit.
    """
    ascii_text = unidecode(unicodedata.normalize("NFKC", text)).lower()
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


def format_datetime(value: datetime, pattern: str, locale: str = "vi") -> str:
    """Format ``value`` with a CLDR ``pattern`` in Vietnamese (Babel).

    The datetime keeps its own timezone: articles carry Asia/Ho_Chi_Minh
    times, and that is what the portal prints.
    """
    return babel_format_datetime(value, pattern, tzinfo=value.tzinfo, locale=locale)
