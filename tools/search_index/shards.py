"""The search index in a few Pagefind bundles of whole years, so a rebuild re-indexes only the shard that changed.

Pagefind has no incremental mode: one page edited means every page indexed again
(14 s at 5,000 articles, 29 s and 2.35 GiB of RAM at 10,000, most of a warm build).
Pages are grouped by the year of their own date (``core.shard_of``) into shards of
whole consecutive years holding at least ``SEARCH_INDEX_SHARD_PAGES`` pages, filled
from the oldest year (``group_years``): an edit re-indexes its shard only, a new
article the newest shard only. Each shard's bundle is kept in the cache under a digest
of everything that made it (its pages as prepared, in order, the code and Pagefind's
version), so a build finds unchanged shards there whether or not the output folder was
kept (``make publish`` builds into a fresh one). Shards missing from the cache are
indexed in parallel, one Pagefind process per core, each holding one shard's pages.

Why not one bundle per year: every query fetches, from every bundle, the index chunk
holding each of its words, and a small bundle's chunks cover wider ranges of words. At
5,000 articles in 12 yearly bundles a query downloaded up to 2.7 times the bytes of one
bundle, in 40 to 74 requests instead of 7 to 20; with the default 2,500 pages per shard
(two shards) 4 to 35 % more (bench/results/2026-11-25-search-shards-N5000.md). Readers
are on phones, so the default leans their way; a site that rebuilds often and is
searched little can lower it.

The search page merges the shards with Pagefind's own multisite API
(``pagefind.mergeIndex``): the newest shard is the bundle at ``pagefind/`` (with the
scripts and WebAssembly, loaded once), every other shard a bundle of index files only in
``pagefind/<first year>-<last year>/``, listed in ``pagefind/shards.json`` with the years.
The split is a function of the pages alone, so a warm build's bundle is a cold build's,
byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugins.build_cache.core import code_fingerprint_of, fingerprint
from tools.search_index import bundle, core

SHARDS_FILE = "shards.json"  # search.js reads it next to pagefind.js
SHARDS_DIR = "shards"  # under the search-index cache folder
TEMPORARY_PREFIX = ".tmp-"
# What a merged (non-primary) bundle needs: Pagefind's entry, metadata, index, fragments and filters.
INDEX_FOLDERS = ("index/", "fragment/", "filter/")


@dataclass
class Shard:
    """Consecutive years' pages, ``(URL, HTML to index)`` in sorted path order."""

    years: list[str]  # oldest first; the undated pages' UNDATED last, in the newest shard
    pages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The folder name of a merged shard: ``2021`` or ``2015-2019``."""
        dated = [year for year in self.years if year != core.UNDATED] or [core.UNDATED]
        return dated[0] if len(dated) == 1 else f"{dated[0]}-{dated[-1]}"

    def digest(self, language: str) -> str:
        """What this shard's bundle depends on: its pages, the language and the code that indexes them."""
        pages = (f"{url}\0{html}".encode() for url, html in self.pages)
        return fingerprint([code_fingerprint().encode(), language.encode(), *pages])


def code_fingerprint() -> str:
    """The code and binary a bundle comes from, besides its pages (prepared copies are keyed separately)."""
    return code_fingerprint_of([bundle, core, sys.modules[__name__]], ["pagefind_bin_extended"])


def group_years(counts: dict[str, int], min_pages: int) -> list[list[str]]:
    """Years into shards of at least ``min_pages`` pages, oldest first; the newest shard may be smaller.

    Filled from the oldest year, so adding this year's articles can only change the
    newest shard, and editing an article changes no boundary at all. Undated pages go
    with the newest shard.
    """
    groups: list[list[str]] = [[]]
    size = 0
    for year in sorted(year for year in counts if year != core.UNDATED):
        if size >= min_pages:
            groups.append([])
            size = 0
        groups[-1].append(year)
        size += counts[year]
    if core.UNDATED in counts:
        groups[-1].append(core.UNDATED)
    return [group for group in groups if group]


def split_into_shards(pages: Sequence[tuple[str, str]], min_pages: int) -> list[Shard]:
    """``(URL, prepared HTML)`` pages in shards by year (``group_years``), newest shard first, page order kept."""
    years = [core.shard_of(prepared) for _, prepared in pages]
    shards = [Shard(group) for group in group_years(Counter(years), min_pages)]
    shard_of_year = {year: shard for shard in shards for year in shard.years}
    for page, year in zip(pages, years, strict=True):
        shard_of_year[year].pages.append(page)
    return shards[::-1]


def is_index_part(name: str) -> bool:
    """Whether a bundle file is needed by a merged shard (not the scripts, styles and WebAssembly)."""
    metadata = name.startswith("pagefind.") and name.endswith(".pf_meta")
    return name == bundle.ENTRY_FILE or metadata or name.startswith(INDEX_FOLDERS)


class ShardBundles:
    """Shard bundles on disk by digest: kept under ``folder`` between builds, or in a temporary folder.

    A bundle is written to a temporary name and renamed into place, so a build that
    stops half-way leaves no partial bundle behind to be taken for a whole one.
    """

    def __init__(self, folder: Path | None) -> None:
        self._scratch = None if folder else tempfile.TemporaryDirectory(prefix="search-shards-")
        self.folder = folder if folder else Path(self._scratch.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()

    def find(self, digest: str) -> Path | None:
        """The kept bundle made from the same inputs, if any."""
        self._used.add(digest)
        found = self.folder / digest
        return found if found.is_dir() else None

    def keep(self, digest: str, files: dict[str, bytes]) -> Path:
        """Store a new bundle's files (path in the bundle → bytes) under ``digest``."""
        self._used.add(digest)
        staging = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=self.folder))
        for name, data in sorted(files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        final = self.folder / digest
        shutil.rmtree(final, ignore_errors=True)
        os.replace(staging, final)
        return final

    def forget_unused(self) -> None:
        """Delete the bundles this build did not use (another build's staging folders are left alone)."""
        for entry in self.folder.iterdir():
            if entry.name not in self._used and not entry.name.startswith(TEMPORARY_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
        if self._scratch:
            self._scratch.cleanup()


def place(kept: Path, target: Path, *, primary: bool) -> None:
    """Copy a kept bundle to ``target``: whole for the primary shard, its index files only for the others.

    Copies, not hard links: a later step that edits the output in place must not change the cache.
    """
    for source in sorted(kept.rglob("*")):
        name = source.relative_to(kept).as_posix()
        if source.is_file() and (primary or is_index_part(name)):
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)


def shard_list(shards: list[Shard]) -> bytes:
    """``shards.json``: each shard's folder relative to the bundle (primary first), and the years newest first.

    search.js lists "newest first" one year at a time, by the year filter, so the years
    are listed with the filter's name.
    """
    folders = [{"key": shard.key, "path": f"{shard.key}/" if position else ""} for position, shard in enumerate(shards)]
    every = {year for shard in shards for year in shard.years}
    years = sorted(every - {core.UNDATED}, reverse=True) + sorted(every & {core.UNDATED})
    listed = {"filter": core.YEAR_FILTER, "years": years, "shards": folders}
    return json.dumps(listed, ensure_ascii=False, indent=1).encode()
