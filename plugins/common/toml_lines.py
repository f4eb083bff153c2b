"""TOML data files with the line of every key, so a problem in a value can name its line.

``tomllib`` returns plain dicts without positions. Editors' data files are simple
(tables, arrays of tables, ``key = value`` lines, multi-line strings), so one scan
of the text finds where each key was written; a key the scan cannot place (an
inline table, say) falls back to the line of its table. Table names and keys may
be dotted and quoted (``[site.en]``, ``[ "site" . "en" ]``, ``en.name = …``).

The one scanner of the project: site.toml (identity, ``[cms]``) and the
organisation file read their lines here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from plugins.common.errors import ContentError

KeyPath = tuple[str | int, ...]

# One part of a key or table name: bare, "basic" (with escapes) or 'literal'.
_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_NAME = rf"{_PART}(?:\s*\.\s*{_PART})*"
_TABLE = re.compile(rf"^\s*(?P<open>\[\[?)\s*(?P<name>{_NAME})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*(?P<key>{_NAME})\s*=\s*(?P<value>.*)$")
_SYNTAX_LINE = re.compile(r"line (\d+)")


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each table and key to its 1-based line: ``("leaders", 0, "name") → 12``.

    An array of tables counts its entries (``[[leaders]]`` → 0, 1, …), as tomllib
    orders them. A dotted key records its full path only (``en.name = …`` in
    ``[site]`` → ``("site", "en", "name")``, not ``("site", "en")``). Lines inside
    multi-line strings are skipped.
    """
    lines: dict[KeyPath, int] = {}
    counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    closing: str | None = None  # the quote that ends the multi-line string being skipped
    for number, line in enumerate(text.split("\n"), start=1):
        if closing:
            if closing in line:
                closing = None
            continue
        if match := _TABLE.match(line):
            table = _table_path(match["name"], match["open"] == "[[", counts)
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            lines.setdefault((*table, *_parts(match["key"])), number)
            closing = _opened_multiline(match["value"])
    return lines


def _table_path(name: str, is_array: bool, counts: dict[KeyPath, int]) -> KeyPath:
    """The key path of a table header; ``[[a]]`` appends the next index of array ``a``."""
    path: KeyPath = ()
    parts = _parts(name)
    for number, part in enumerate(parts, start=1):
        path = (*path, part)
        if path in counts and not (is_array and number == len(parts)):
            path = (*path, counts[path] - 1)  # inside the array's latest entry: [a.b] after [[a]]
    if is_array:
        index = counts.get(path, 0)
        counts[path] = index + 1
        path = (*path, index)
    return path


def _parts(name: str) -> list[str]:
    """The parts of a dotted name, quotes resolved: ``site . "en"`` → ``["site", "en"]``, ``"a.b"`` → ``["a.b"]``."""
    return [_unquoted(part) for part in re.findall(_PART, name)]


def _unquoted(part: str) -> str:
    """A bare part as it is; a quoted one as tomllib reads it (escapes resolved), else without its quotes."""
    if part[0] not in "\"'":
        return part
    try:
        return tomllib.loads(f"k = {part}")["k"]
    except tomllib.TOMLDecodeError:  # a bad escape: the file itself fails to parse, and says so first
        return part[1:-1]


def _opened_multiline(value: str) -> str | None:
    """The delimiter of a multi-line string that ``value`` opens and does not close on its line."""
    for quote in ('"""', "'''"):
        if value.startswith(quote) and value.count(quote) == 1:
            return quote
    return None


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path``, else of its nearest enclosing table that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def parse_toml(text: str, source: str | Path, key: str) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    """The data and its key lines; a syntax error is a ``ContentError`` with ``key`` and the line tomllib names."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_LINE.search(str(exc))
        raise ContentError(
            key, f"Tệp dữ liệu sai cú pháp TOML: {exc}", source, int(match[1]) if match else None
        ) from None
    return data, key_lines(text)
