"""Golden pages: the seed article and a category page, as reviewed.

The built pages are normalised (indentation, asset fingerprints) and compared
with the committed snapshots in tests/golden/. A difference fails with a diff;
after reviewing it, `make update-golden` rewrites the snapshots (the only way
they change).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.vi_text.core import slugify
from tests.site.test_seed_article import TITLE

GOLDEN = Path(__file__).parent
PAGES = {
    "seed-article.html": f"bai-viet/{slugify(TITLE)}/index.html",
    "category-hoat-dong-dang-uy-khoi.html": "chuyen-muc/hoat-dong-dang-uy-khoi/index.html",
}
_FINGERPRINT = re.compile(r"\?v=[0-9a-f]{6,}")


def normalise(html: str) -> str:
    """One element per line, indented; asset fingerprints masked (they change with every CSS edit).

    BeautifulSoup's html.parser knows HTML5's void elements (<source>, <img>),
    which libxml2's HTML 4 parser would nest inside each other.
    """
    return _FINGERPRINT.sub("?v=…", BeautifulSoup(html, "html.parser").prettify())


@pytest.mark.parametrize(("snapshot", "page"), PAGES.items())
def test_page_matches_reviewed_snapshot(fixture_site, snapshot, page):
    actual = normalise((fixture_site.output / page).read_text(encoding="utf-8"))
    path = GOLDEN / snapshot
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot yet: run `make update-golden` and review {path}"
    expected = path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), snapshot, "built", n=2))
    assert not diff, f"{page} differs from the reviewed snapshot (run `make update-golden` if intended):\n{diff}"
