"""The search index in one Pagefind bundle per year, so a rebuild re-indexes only the years that changed.

Pagefind has no incremental mode: one page edited means every page indexed again
(14 s at 5,000 articles, 29 s and 2.35 GiB of RAM at 10,000, most of a warm build).
Split by the year of each page's own date (``core.shard_of``), an edit to a 2024
article re-indexes 2024 only; a new article, the current year only. Each shard's
bundle is kept in the cache under a digest of everything that made it (its pages as
prepared, in order, and the code and Pagefind version), so a build finds unchanged
years there whether or not the output folder was kept (``make publish`` builds into a
fresh one). Years missing from the cache are indexed in parallel, one Pagefind process
per core; each holds one year, so memory no longer grows with the whole archive.

The search page merges the shards with Pagefind's own multisite API
(``pagefind.mergeIndex``): the newest year is the bundle at ``pagefind/`` (with the
scripts and WebAssembly, loaded once), every other year a bundle of index files only in
``pagefind/<year>/``, listed newest first in ``pagefind/shards.json``. The split is a
function of the pages alone, so a warm build's bundle is a cold build's, byte for byte.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plugins.build_cache.core import fingerprint
from plugins.search_index import bundle, core

SHARDS_FILE = "shards.json"  # search.js reads it next to pagefind.js
SHARDS_DIR = "shards"  # under the search-index cache folder
TEMPORARY_PREFIX = ".tmp-"
# What a merged (non-primary) bundle needs: Pagefind's entry, metadata, index, fragments and filters.
INDEX_FOLDERS = ("index/", "fragment/", "filter/")


@dataclass
class Shard:
    """One year's pages, ``(URL, HTML to index)`` in sorted path order."""

    key: str
    pages: list[tuple[str, str]] = field(default_factory=list)

    def digest(self, language: str) -> str:
        """What this shard's bundle depends on: its pages, the language and the code that indexes them."""
        pages = (f"{url}\0{html}".encode() for url, html in self.pages)
        return fingerprint([code_fingerprint().encode(), language.encode(), *pages])


def code_fingerprint() -> str:
    """The code and binary a bundle comes from, besides its pages (prepared copies are keyed separately)."""
    sources = [Path(module.__file__).read_bytes() for module in (bundle, core) if module.__file__]
    versions = [importlib.metadata.version(name).encode() for name in ("pagefind_bin_extended",)]
    return fingerprint([*sources, Path(__file__).read_bytes(), *versions])


def shard_order(keys: Iterable[str]) -> list[str]:
    """Newest year first (the primary bundle and the first results of "newest first"); undated pages last."""
    years = sorted((key for key in keys if key != core.UNDATED), reverse=True)
    return years + ([core.UNDATED] if core.UNDATED in keys else [])


def split_by_year(pages: Iterable[tuple[str, str]]) -> list[Shard]:
    """``(URL, prepared HTML)`` pages grouped into shards, newest first, each keeping the pages' order."""
    shards: dict[str, Shard] = {}
    for url, prepared in pages:
        key = core.shard_of(prepared)
        shards.setdefault(key, Shard(key)).pages.append((url, prepared))
    return [shards[key] for key in shard_order(shards)]


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


def shard_list(keys: list[str]) -> bytes:
    """``shards.json``: the year filter's name and each shard's folder relative to the bundle, primary first."""
    shards = [{"key": key, "path": "" if position == 0 else f"{key}/"} for position, key in enumerate(keys)]
    return json.dumps({"filter": core.YEAR_FILTER, "shards": shards}, ensure_ascii=False, indent=1).encode()
