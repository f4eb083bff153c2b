"""The browser's toolbar colour (theme-color) is the header's red, read from the stylesheet's tokens."""

from __future__ import annotations

from plugins.common.theme_tokens import read_tokens
from tests.conftest import ROOT


def test_theme_color_meta_is_the_red_token(fixture_site) -> None:
    red = read_tokens(ROOT / "theme")["red"]
    for page in ("index.html", "404.html", "chuyen-muc/dan-van/index.html"):
        meta = fixture_site.html(page).find("meta", attrs={"name": "theme-color"})
        assert meta["content"] == red, page
