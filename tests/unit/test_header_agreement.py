"""Property test (issue #23): the build's reader and ``make check`` find the same problems in any article header.

Random header lines (known and unknown keys, a key written twice in any case,
indented continuation lines, odd spacing, Vietnamese values) go through
``PortalMarkdownReader.read`` and through ``check_content`` with the production
settings. Neither may raise anything but the project's ContentError; every
(key, line) the reader refuses with is in the checker's report, and the reader
accepts a file exactly when the checker finds no error in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from plugins.common.errors import ContentError, ContentErrors
from plugins.content_model.core import NOTICE_KEYS
from plugins.content_model.hooks import PortalMarkdownReader
from tests.conftest import ROOT, SITE_DATA
from tools.content_checks.cli import config_from_settings
from tools.content_checks.core import check_content

SETTINGS = ROOT / "publishconf.py"
VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậềếểễệ ĐƯÔ,-", max_size=30)
# Mostly values the key accepts (so a duplicate or a continuation is often the only problem), sometimes not.
GOOD_VALUES = {
    "title": ["Hội nghị sơ kết", "Bài thử"],
    "date": ["2024-05-06 08:30", "06/05/2024 08:30"],
    "category": ["Xây dựng Đảng", "Dân vận"],
    "author": ["Nguyễn Văn A", "Trần Thị B"],
    "tags": ["hội nghị, chi bộ", "dân vận"],
    "summary": ["Tóm tắt ngắn."],
    "status": ["published", "hidden"],
    "slug": ["bai-viet-khac"],
    "unit": ["Chi bộ cơ quan"],
    "featured": ["yes", "không"],
}
ODD_KEYS = ["Modified", "tác giả", "Ngày", "X-Extra"]
SEPARATORS = st.sampled_from([": ", ":", " : ", ":\t", ":  "])
REQUIRED = ["Title: Bài thử", "Date: 2024-05-06 08:30", "Category: Xây dựng Đảng", "Author: Nguyễn Văn A"]


@st.composite
def key_line(draw: st.DrawFn) -> str:
    """``Key: value`` with the key in any case, odd spacing around it, and a value that may not fit the key."""
    key = draw(st.sampled_from([*GOOD_VALUES, *ODD_KEYS]))
    key = draw(st.sampled_from([key, key.capitalize(), key.upper()]))
    good = GOOD_VALUES.get(key.lower(), ["x"])
    value = draw(st.one_of(st.sampled_from(good), st.sampled_from(good), st.sampled_from(good), VIETNAMESE))
    indent, trailing = draw(st.sampled_from(["", "", " ", "   "])), draw(st.sampled_from(["", "", " ", "\t"]))
    return f"{indent}{key}{draw(SEPARATORS)}{value}{trailing}"


CONTINUATION = st.builds("{}{}".format, st.sampled_from(["    ", "\t", "      "]), VIETNAMESE)


@st.composite
def headers(draw: st.DrawFn) -> list[str]:
    """The four required lines (now and then one is dropped) with key and continuation lines mixed in."""
    lines = [line for line in REQUIRED if draw(st.integers(0, 7))]
    for _ in range(draw(st.integers(0, 4))):
        extra = draw(st.one_of(key_line(), key_line(), key_line(), CONTINUATION))
        lines.insert(draw(st.integers(0, len(lines))), extra)
    return lines


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PortalMarkdownReader]:
    content = tmp_path_factory.mktemp("agreement") / "content"
    (content / "data").mkdir(parents=True)
    shutil.copy(SITE_DATA, content / "data" / "site.toml")
    return content, PortalMarkdownReader(read_settings(str(SETTINGS), override={"PATH": str(content)}))


def read(reader: PortalMarkdownReader, path: Path) -> dict[tuple[str, int | None], str]:
    """The problems the build's reader stops with, (key, line) → the file named; empty when it reads the file."""
    try:
        reader.read(str(path))
    except ContentErrors as errors:
        return {(e.key, e.line): str(e.source) for e in errors.errors}
    except ContentError as error:
        return {(error.key, error.line): str(error.source)}
    return {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=headers())
def test_reader_and_make_check_agree_on_any_header(site, lines):
    content, reader = site
    path = content / "articles" / "2024" / "bai" / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\nThân bài.\n", encoding="utf-8")
    refused = read(reader, path)
    assert all(source == str(path) for source in refused.values()), "an error names another file"
    reported = check_content(config_from_settings(SETTINGS, content))
    found = {(e.key, e.line) for e in reported if e.key not in NOTICE_KEYS and Path(e.source) == path}
    assert set(refused) <= found, f"the build refuses with {set(refused) - found} that make check does not report"
    assert bool(refused) == bool(found), f"build refuses: {sorted(refused)}; make check: {sorted(found)}"
