"""Run Pagefind over a built site: ``index_site(output_dir)``.

Each article page goes through ``core.prepare_page`` (kept between builds by ``cache``)
and lands in its year's shard (``shards``); each shard not kept from an earlier build is
handed to the Pagefind binary from the ``pagefind[extended]`` wheel (nothing is
downloaded at build time), ``bundle`` puts the filter tables of the index it returns in
a stable order, and the shards are written to ``output/pagefind/``. The served HTML
stays exactly as Pelican wrote it; only the index sees the Vietnamese-aware copy.

Pagefind runs as a service (``pagefind --service``: base64 JSON messages on its standard
input and output), fed by this module in sorted path order, rather than as ``pagefind
--site`` over a prepared copy of the site on disk:

* Pagefind numbers pages in the order it receives them, and the numbers are in every
  index file. ``--site`` takes the order in which the file system lists a folder
  (creation order on tmpfs, name-hash order on ext4, seeded per file system), so two
  builds agreed only if they wrote the same files in the same order to the same kind
  of disk, and a kept copy of the site, updated in place, indexed differently from a
  fresh one. Sent in sorted order, the same pages make the same bundle anywhere.
* No copy of 5,000 pages is written and read back.

The bundle comes back in the answer (``GetFiles``) and this module writes it. Pagefind's
own ``WriteFiles`` answers before its asynchronous file writes have finished, and the
service exits the moment its input is closed: files were cut short (an empty
pagefind-entry.json here; a truncated pagefind.js of 8,192 bytes with Pagefind's Python
API, which also reads one answer per 0.1 s polling tick: 35.6 s for 300 pages).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pagefind_bin_extended import get_executable

from plugins.common.processes import available_cpus, fork_map, worker_count
from tools.search_index.bundle import normalise_bundle
from tools.search_index.cache import PreparedPages
from tools.search_index.core import page_url
from tools.search_index.settings import BUNDLE_DIR, Settings
from tools.search_index.shards import (
    SHARDS_DIR,
    SHARDS_FILE,
    Shard,
    ShardBundles,
    place,
    shard_list,
    split_into_shards,
)

CACHE_DIR = "search-index"  # under Pelican's CACHE_PATH
PAGES_DIR = "pages"  # prepared pages, under the settings file's folder in CACHE_DIR


@dataclass(frozen=True)
class IndexSummary:
    """What one run indexed, for the build log and the benchmark."""

    pages: int
    bundle: Path
    reused: int = 0  # pages whose prepared copy was kept from an earlier build
    shards: int = 0  # bundles of whole years (shards.split_into_shards)
    shards_reused: int = 0  # shards whose bundle was kept from an earlier build

    def bundle_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.bundle.rglob("*") if path.is_file())


class PagefindFailed(RuntimeError):
    """Pagefind failed; the message carries its own output so the build log says why."""


def cache_folder(cache_path: str | Path, settings_file: str | Path) -> Path:
    """Where builds made with ``settings_file`` keep their prepared pages.

    One folder per settings file: development and production pages differ (SITEURL),
    and each build forgets the copies it did not use.
    """
    return Path(cache_path) / CACHE_DIR / Path(settings_file).stem


def article_pages(output_dir: Path, store: PreparedPages, workers: int = 1) -> list[tuple[str, str]]:
    """``(URL, HTML to index)`` for every page with an article body, in sorted path order.

    Pages are read and prepared in ``workers`` forked processes: preparing 5,000 new
    pages takes seconds of lxml and regular expressions, and Pagefind waits for all of them.
    """
    paths = [path for path in sorted(output_dir.rglob("*.html")) if path.relative_to(output_dir).parts[0] != BUNDLE_DIR]
    outcomes = fork_map(lambda path: store.look_up(path.read_bytes()), paths, workers)
    pages = []
    for path, outcome in zip(paths, outcomes, strict=True):
        if outcome.error:
            raise PagefindFailed(f"{path}: {outcome.error}")
        prepared = store.account(outcome.value)
        if prepared is not None:
            pages.append((page_url(path.relative_to(output_dir).as_posix()), prepared))
    return pages


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request to the service: base64 of its JSON, then a comma."""
    text = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(text.encode("utf-8")) + b","


def _answers(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The service's answers, as they arrive (the last one holds the whole bundle: tens of MiB)."""
    buffer = bytearray()
    while chunk := os.read(stream.fileno(), 1 << 20):
        searched = len(buffer)  # base64 has no comma: only the new bytes can end an answer
        buffer += chunk
        while (end := buffer.find(b",", searched)) != -1:
            yield json.loads(base64.b64decode(buffer[:end]))
            del buffer[: end + 1]
            searched = 0


def _send(stream: IO[bytes], pages: Iterable[tuple[str, str]], language: str) -> int:
    """Ask for one index in ``language``, every page in order, then the bundle's files; returns the page count."""
    stream.write(_message(0, {"type": "NewIndex", "config": {"force_language": language}}))
    count = 0
    for count, (url, html) in enumerate(pages, start=1):
        page = {"type": "AddFile", "index_id": 0, "file_path": None, "url": url, "file_contents": html}
        stream.write(_message(count, page))
    stream.write(_message(count + 1, {"type": "GetFiles", "index_id": 0}))
    stream.flush()
    return count


def _bundle_files(answers: Iterator[dict[str, Any]], last: int) -> dict[str, bytes]:
    """The files in the answer to request ``last``; any error answer before it, or an early end, fails."""
    problems = []
    for answer in answers:
        payload = answer.get("payload", {})
        if payload.get("type") == "Error":
            problems.append(f"{payload.get('message')} ({payload.get('original_message') or answer.get('message_id')})")
        elif payload.get("type") == "NewIndex" and payload.get("index_id") != 0:
            problems.append(f"unexpected index id {payload.get('index_id')}")
        if answer.get("message_id") == last:
            if problems or payload.get("type") != "GetFiles":
                break
            return {file["path"]: base64.b64decode(file["content"]) for file in payload["files"]}
    raise PagefindFailed("; ".join(problems) or "Pagefind stopped before answering")


def run_pagefind(pages: Iterable[tuple[str, str]], language: str) -> tuple[int, dict[str, bytes]]:
    """Index ``(URL, HTML)`` pages, numbered in the order given: their count and the bundle's files."""
    command = [str(get_executable()), "--service"]
    with tempfile.TemporaryFile() as log:
        try:
            with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log) as service:
                try:
                    count = _send(service.stdin, pages, language)
                    files = _bundle_files(_answers(service.stdout), last=count + 1)
                finally:
                    with contextlib.suppress(BrokenPipeError):
                        service.stdin.close()  # the service exits when its input ends
        except (PagefindFailed, BrokenPipeError) as failure:
            log.seek(0)
            output = log.read().decode("utf-8", errors="replace")
            raise PagefindFailed(f"Pagefind failed (exit code {service.returncode}): {failure}\n{output}") from failure
    return count, files


def index_shard(shard: Shard, language: str) -> dict[str, bytes]:
    """One shard's bundle: Pagefind over its pages, filter tables in a stable order."""
    _, files = run_pagefind(shard.pages, language)
    normalise_bundle(files)
    return files


def index_site(
    output_dir: str | Path, settings: Mapping[str, Any] | None = None, cache: Path | None = None
) -> IndexSummary:
    """Index the article pages of the built site in ``output_dir`` into ``output_dir/pagefind/``, in shards of years.

    ``cache``: a folder where prepared pages and shard bundles are kept between builds
    (``cache_folder``); without one every page is prepared and every shard indexed. The
    previous bundle is removed first: Pagefind names its files by content hash, so stale
    ones would otherwise pile up in every deploy. A site without articles gets no bundle
    (Pagefind refuses an empty index); the search page then says search is unavailable.
    """
    options = Settings.of(settings or {})
    language = options.SEARCH_INDEX_LANGUAGE
    output = Path(output_dir).resolve()
    target = output / BUNDLE_DIR
    shutil.rmtree(target, ignore_errors=True)
    store = PreparedPages(cache / PAGES_DIR if cache else None)
    workers = worker_count(options.SEARCH_INDEX_WORKERS, available_cpus())
    shards = split_into_shards(article_pages(output, store, workers), options.SEARCH_INDEX_SHARD_PAGES)
    bundles = ShardBundles(cache / SHARDS_DIR if cache else None)
    digests = [shard.digest(language) for shard in shards]
    kept = {digest: bundles.find(digest) for digest in digests}
    missing = [(shard, digest) for shard, digest in zip(shards, digests, strict=True) if kept[digest] is None]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        made = pool.map(lambda job: bundles.keep(job[1], index_shard(job[0], language)), missing)
        kept.update(zip((digest for _, digest in missing), made, strict=True))
    for position, (shard, digest) in enumerate(zip(shards, digests, strict=True)):
        place(kept[digest], target if position == 0 else target / shard.key, primary=position == 0)
    if shards:
        (target / SHARDS_FILE).write_bytes(shard_list(shards))
    bundles.forget_unused()
    store.forget_unused()
    pages = sum(len(shard.pages) for shard in shards)
    return IndexSummary(pages, target, store.reused, len(shards), len(shards) - len(missing))
