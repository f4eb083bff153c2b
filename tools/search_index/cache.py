"""Prepared article pages kept between builds, so a rebuild prepares only the pages that changed.

The publish pipeline builds into a new folder every time, so modification times do not
tell what changed: an entry is named by the hash of the page's bytes as Pelican wrote
them, inside a folder named by the code that prepares pages (``core`` and ``vi_text``,
and lxml's version). Entries are never changed once written (written to a temporary
name, then renamed), so a build interrupted half-way or two builds sharing the folder
can only miss an entry, never read a wrong one; an entry no page of the current build
asked for is deleted at the end, as are the folders of other code. The index made from
kept copies is the one a fresh preparation makes: the same text goes to Pagefind in the
same order.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from plugins.build_cache.core import code_fingerprint_of
from plugins.common.files import TEMPORARY_SUFFIX, write_atomically
from plugins.vi_text import core as vi_text_core
from tools.search_index import core


def code_fingerprint() -> str:
    """What a prepared copy depends on besides its page."""
    return code_fingerprint_of([core, vi_text_core], ["lxml"])


@dataclass(frozen=True)
class Lookup:
    """One page's prepared HTML (None: no article body), its kept copy's name, and whether it was kept before."""

    name: str | None
    html: str | None
    reused: bool


class PreparedPages:
    """``prepared(page)``: the HTML to index for a page's bytes, from ``folder`` when it was seen before.

    With no folder nothing is kept: every page is prepared, as for a one-off index.
    """

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder / code_fingerprint() if folder else None
        self._used: set[str] = set()
        self.reused = 0  # pages taken from the folder, for the build log and the tests
        if self._folder:
            self._folder.mkdir(parents=True, exist_ok=True)

    def prepared(self, page: bytes) -> str | None:
        """The HTML to index for ``page`` (a whole page as written), or None when it has no article body."""
        return self.account(self.look_up(page))

    def look_up(self, page: bytes) -> Lookup:
        """Prepare ``page`` or take its kept copy, storing a new copy; safe in a forked process.

        Nothing is counted here: a child's counts would die with it, so the parent
        passes each result to ``account``.
        """
        if core.BODY_MARKER not in page:  # most pages of a news site are lists: not even decoded
            return Lookup(None, None, reused=False)
        if self._folder is None:
            return Lookup(None, core.prepare_page(page.decode("utf-8")), reused=False)
        name = hashlib.blake2b(page, digest_size=16).hexdigest() + ".html"
        try:
            kept = (self._folder / name).read_bytes().decode("utf-8")  # bytes: no newline translation
        except FileNotFoundError:
            return Lookup(name, self._keep(name, core.prepare_page(page.decode("utf-8"))), reused=False)
        return Lookup(name, kept, reused=True)

    def account(self, lookup: Lookup) -> str | None:
        """Note a ``look_up`` result as used by this build; returns its HTML."""
        if lookup.name:
            self._used.add(lookup.name)
        self.reused += lookup.reused
        return lookup.html

    def _keep(self, name: str, prepared: str | None) -> str | None:
        """Store a newly prepared copy under ``name`` (not a page without a body: it is cheap to find again)."""
        if prepared is not None and self._folder is not None:
            write_atomically(self._folder / name, prepared.encode("utf-8"))
        return prepared

    def forget_unused(self) -> None:
        """Delete the copies no page of this build asked for, and the folders of other code."""
        if self._folder is None:
            return
        for entry in self._folder.parent.iterdir():
            if entry.is_dir() and entry != self._folder:
                shutil.rmtree(entry, ignore_errors=True)
        for entry in self._folder.iterdir():
            if entry.suffix != TEMPORARY_SUFFIX and entry.name not in self._used:
                entry.unlink(missing_ok=True)
