"""Every colour of the theme is a token: raw values only in the stylesheet's token block, none in templates.

stylelint (``make lint``) enforces the CSS half too; this runs with the tests, without Node,
and also covers the templates and the tokens reader (theme-color: tests/site/test_theme_tokens_site.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.common.theme_tokens import ThemeTokensMissing, read_tokens

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"
CSS = THEME / "static" / "css" / "site.css"
RAW_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(")
TOKEN_BLOCK = re.compile(r"/\* stylelint-disable color-no-hex.*?/\* stylelint-enable[^*]*\*/", re.DOTALL)


def test_raw_colours_only_in_the_token_block() -> None:
    css = CSS.read_text(encoding="utf-8")
    blocks = TOKEN_BLOCK.findall(css)
    assert len(blocks) == 1, "one token block, fenced by the stylelint-disable/enable comments"
    assert ":root" in blocks[0]
    outside = TOKEN_BLOCK.sub("", css)
    assert RAW_COLOUR.findall(outside) == []
    assert len(RAW_COLOUR.findall(blocks[0])) >= 20  # guards the pattern: the tokens themselves are found


def test_no_template_holds_a_raw_colour() -> None:
    found = {
        str(path.relative_to(THEME)): hits
        for path in (THEME / "templates").rglob("*.html")
        # "#main" and other fragment links are not colours: a colour is a value of 3, 4, 6 or 8 hex digits.
        if (
            hits := re.findall(
                r"(?<![\w/&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b", path.read_text("utf-8")
            )
        )
    }
    assert found == {}


def test_tokens_are_read_from_the_stylesheet() -> None:
    tokens = read_tokens(THEME)
    assert tokens["red"] == "#a50019"
    assert tokens["paper"] == "#fff"
    assert tokens["step--1"] == "0.875rem"
    assert {"focus", "on-accent", "ink"} <= set(tokens)


def test_a_stylesheet_without_tokens_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
    with pytest.raises(ThemeTokensMissing, match="no :root"):
        read_tokens(tmp_path)
