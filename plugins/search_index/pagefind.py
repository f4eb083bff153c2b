"""Run Pagefind over a built site: ``index_site(output_dir)``.

Each article page goes through ``core.prepare_page`` into a scratch copy of the site,
and the Pagefind binary from the ``pagefind[extended]`` wheel (nothing is downloaded at
build time) indexes that copy into ``output/pagefind/``. The served HTML stays exactly
as Pelican wrote it; only the index sees the Vietnamese-aware copy.

Why the binary and not Pagefind's Python API (``PagefindIndex.add_html_file``), which
was tried first: its client reads one answer per 0.1 s polling tick, so 300 pages took
35.6 s against 2.7 s for the binary on the same pages (bench/bench_search.py), i.e.
about ten minutes at 5,000 articles; and on a loaded machine it stopped the Pagefind
process right after asking it to write, leaving a truncated pagefind.js (8,192 bytes)
that broke search. The binary is the same program, run to completion.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind_bin_extended import get_executable

from plugins.common.settings import merged
from plugins.search_index.core import prepare_page
from plugins.search_index.settings import DEFAULTS

BUNDLE_DIR = "pagefind"  # Pagefind's default; search.html loads pagefind/pagefind.js from it


@dataclass(frozen=True)
class IndexSummary:
    """What one run indexed, for the build log and the benchmark."""

    pages: int
    bundle: Path

    def bundle_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.bundle.rglob("*") if path.is_file())


class PagefindFailed(RuntimeError):
    """Pagefind failed; the message carries its own output so the build log says why."""


def article_pages(output_dir: Path) -> Iterator[tuple[Path, str]]:
    """``(path relative to the site, HTML to index)`` for every page with an article body."""
    for path in sorted(output_dir.rglob("*.html")):
        relative = path.relative_to(output_dir)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        prepared = prepare_page(path.read_text(encoding="utf-8"))
        if prepared is not None:
            yield relative, prepared


def write_prepared_copy(output_dir: Path, scratch: Path) -> int:
    """Write the prepared article pages under ``scratch`` at their site paths; returns how many."""
    count = 0
    for relative, prepared in article_pages(output_dir):
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(prepared, encoding="utf-8")
        count += 1
    return count


def run_pagefind(site: Path, bundle: Path, language: str) -> None:
    """Index ``site`` into ``bundle`` with the wheel's binary, as one language."""
    command = [str(get_executable()), "--site", str(site), "--output-path", str(bundle)]
    command += ["--force-language", language, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PagefindFailed(f"Pagefind stopped with code {result.returncode}:\n{result.stdout}{result.stderr}")


def index_site(output_dir: str | Path, settings: Mapping[str, Any] | None = None) -> IndexSummary:
    """Index the article pages of the built site in ``output_dir`` into ``output_dir/pagefind/``.

    The previous bundle is removed first: Pagefind names its files by content hash, so
    stale ones would otherwise pile up in every deploy. A site without articles gets no
    bundle (Pagefind refuses an empty index); the search page then says search is unavailable.
    """
    options = merged(DEFAULTS, settings or {}, "SEARCH_INDEX_")
    output = Path(output_dir).resolve()
    bundle = output / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="search-index-") as scratch:
        count = write_prepared_copy(output, Path(scratch))
        if count:
            run_pagefind(Path(scratch), bundle, options["SEARCH_INDEX_LANGUAGE"])
    return IndexSummary(count, bundle)
