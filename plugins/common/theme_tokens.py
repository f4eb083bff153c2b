"""The theme's design tokens, read from the one place they are defined: the stylesheet's ``:root`` block.

A template that needs a colour outside CSS (``<meta name="theme-color">``) takes it from
here, so the red of the header band and of the browser's toolbar cannot drift apart and
no template holds a raw colour.
"""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path("static") / "css" / "site.css"
_ROOT_BLOCK = re.compile(r"^:root\b[^{]*\{(?P<body>[^}]*)\}", re.MULTILINE)
_TOKEN = re.compile(r"^\s*--(?P<name>[a-z0-9-]+)\s*:\s*(?P<value>[^;]+?)\s*;", re.MULTILINE)


class ThemeTokensMissing(Exception):
    """The stylesheet has no ``:root`` block of tokens: a theme bug, so the build stops."""


def read_tokens(theme: str | Path) -> dict[str, str]:
    """``{"red": "#a50019", …}`` from ``<theme>/static/css/site.css`` (names without the leading ``--``)."""
    path = Path(theme) / STYLESHEET
    block = _ROOT_BLOCK.search(path.read_text(encoding="utf-8"))
    if block is None:
        raise ThemeTokensMissing(f"{path}: no :root {{ … }} block of design tokens")
    body = re.sub(r"/\*.*?\*/", "", block["body"], flags=re.DOTALL)
    return {match["name"]: match["value"] for match in _TOKEN.finditer(body)}
