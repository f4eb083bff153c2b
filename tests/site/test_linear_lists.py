"""Tag and author pages are the same bytes with and without linear_lists.

Both builds run as separate processes: Pelican's signals are process-wide, so a
build in this process would keep the handler of any earlier build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pelicanconf
from tests.conftest import ROOT, article, write_content

ARTICLES = {
    f"articles/2024/bai-{n}/index.md": article(
        f"Bài số {n}",
        date=f"2024-{n // 28 + 3:02d}-{n % 28 + 1:02d} 08:00",
        Tags=", ".join(tag for tag, every in (("hội nghị", 2), ("chi bộ", 3), ("đoàn viên", 1)) if n % every == 0),
        Author=("Nguyễn Thị Mai", "Lê Văn Nam")[n % 2],
    )
    for n in range(40)  # tags of 40, 20 and 14 articles: longer and shorter than core.SHORT_LIST
}


def build(content: Path, output: Path, plugins: list[str]) -> Path:
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")]
    command += ["--cache-path", str(output.parent / f"{output.name}-cache"), "-e", f"PLUGINS={json.dumps(plugins)}"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("linear-lists")
    write_content(root / "content", ARTICLES)
    plain_plugins = [name for name in pelicanconf.PLUGINS if name != "plugins.linear_lists"]
    assert len(plain_plugins) == len(pelicanconf.PLUGINS) - 1
    return build(root / "content", root / "linear", pelicanconf.PLUGINS), build(
        root / "content", root / "plain", plain_plugins
    )


def pages(output: Path, folder: str) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted((output / folder).rglob("*.html"))}


@pytest.mark.parametrize("folder", ["the", "tac-gia"])
def test_tag_and_author_pages_are_byte_identical(builds: tuple[Path, Path], folder: str) -> None:
    linear, plain = builds
    assert pages(linear, folder) == pages(plain, folder)
    assert len(pages(linear, folder)) >= 3


def test_a_tag_page_lists_its_articles_newest_first(builds: tuple[Path, Path]) -> None:
    listed = (builds[0] / "the" / "doan-vien" / "index.html").read_text(encoding="utf-8")
    positions = [listed.find(f"Bài số {n}<") for n in (39, 36, 33)]
    assert -1 not in positions
    assert positions == sorted(positions)
