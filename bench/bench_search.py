"""Search at scale: index size, indexing time and what a reader downloads per query, at N articles.

Steps (output on a tmpfs, see TOOLCHAIN.md):

1. ``bench/gen_corpus.py`` writes N synthetic articles (same seed → same corpus);
2. Pelican builds them with the project's pelicanconf.py (skipped with ``--reuse`` when
   the output is already there);
3. ``index_site`` indexes the build: wall time, the Pagefind process's peak RSS, bundle
   size; then, for comparison, Pagefind's plain ``--site`` indexing of the built site
   (the same article bodies, no Vietnamese preparation) to show what the đ aliases and
   the tone placement cost;
4. for each typical query, a fresh Chromium context (empty cache) opens
   ``tim-kiem/?q=…`` over HTTP and the server counts the bytes it sends: the page's own
   files, Pagefind's fixed start-up files (script, WebAssembly, entry, metadata) and the
   query's own index chunks and fragments (the first 10 results).

Why a script and not pytest-benchmark: the numbers are bytes served and process RSS,
not a Python function's time. Results go to bench/results/<date>-search-N<n>.md.

    .venv/bin/python bench/bench_search.py --articles 5000 --work /dev/shm/bench-search
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pagefind_bin_extended import get_executable  # noqa: E402

QUERIES = ["hoi nghi", "dang uy khoi", "Tỉnh ủy", "kiểm tra giám sát", "chi bo", "xqzjwv"]
CHROMIUM = "/usr/bin/chromium"
# Photos do not reach the index; one small JPEG variant each keeps the build about text.
CHEAP_PHOTOS = ["-e", "FIGURES_FORMATS=[]", "FIGURES_WIDTHS=[480]", "FIGURES_CARD_WIDTHS=[400]"]


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and adds every response's body size to ``served`` (path → bytes)."""

    served: dict[str, int]

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        outputfile.write(data)
        path = urlsplit(self.path).path
        self.served[path] = self.served.get(path, 0) + len(data)


def serve(directory: Path, served: dict[str, int]) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(type("H", (CountingHandler,), {"served": served}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bytes_under(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


INDEX_AND_REPORT = """
import json, resource, sys, time
from tools.search_index.pagefind import index_site
started = time.perf_counter()
summary = index_site(sys.argv[1])
seconds = time.perf_counter() - started
print(json.dumps([summary.pages, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))
"""


def index_in_child(output: Path) -> tuple[int, float, float]:
    """``index_site`` in a fresh process: pages, wall seconds, peak RSS (MiB) of the Pagefind process."""
    scratch_on_tmpfs = {**os.environ, "TMPDIR": str(output.parent)}  # the prepared copy, like the output
    result = subprocess.run(
        [sys.executable, "-c", INDEX_AND_REPORT, str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=scratch_on_tmpfs,
    )
    pages, seconds, rss = json.loads(result.stdout)
    return pages, seconds, rss


@dataclass
class QueryCost:
    query: str
    results: str
    startup: int
    query_bytes: int
    chunks: int
    fragments: int
    requests: int
    seconds: float


def measure_queries(site: Path) -> list[QueryCost]:
    from playwright.sync_api import sync_playwright

    served: dict[str, int] = {}
    server, base = serve(site, served)
    costs = []
    startup_files = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", ".pf_meta", ".pagefind", "shards.json")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                served.clear()
                started = time.perf_counter()
                page.goto(f"{base}/tim-kiem/?q={quote(query)}")
                page.wait_for_function(
                    "() => { const s = document.querySelector('[data-search-status]').textContent;"
                    " return s && !s.startsWith('Đang') && !s.startsWith('Nhập')"
                    " && (document.querySelector('.search-result') || !/\\d/.test(s)); }"
                )
                page.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - started
                index = {path: size for path, size in served.items() if "/pagefind/" in path}
                startup = sum(size for path, size in index.items() if path.endswith(startup_files))
                status = page.locator("[data-search-status]").inner_text()
                chunks = sum(size for path, size in index.items() if path.endswith(".pf_index"))
                fragments = sum(size for path, size in index.items() if path.endswith(".pf_fragment"))
                query_bytes = sum(index.values()) - startup
                costs.append(QueryCost(query, status, startup, query_bytes, chunks, fragments, len(index), seconds))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return costs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/bench-search"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus and build")
    args = parser.parse_args(argv)
    content, output = args.work / "content", args.work / "output"
    if not (args.reuse and (output / "index.html").exists()):
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(content), "--articles", str(args.articles)],
            check=True,
        )
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                str(content),
                "-o",
                str(output),
                "-s",
                str(ROOT / "pelicanconf.py"),
                "--cache-path",
                str(args.work / "cache"),
                *CHEAP_PHOTOS,
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        print(f"pelican: {time.perf_counter() - started:.1f} s")

    pages, index_seconds, peak_rss = index_in_child(output)
    files, size = bytes_under(output / "pagefind")

    plain = args.work / "plain-bundle"
    shutil.rmtree(plain, ignore_errors=True)
    started = time.perf_counter()
    # Pagefind alone over the built site: the same article bodies, no preparation.
    plain_command = [str(get_executable()), "--site", str(output), "--output-path", str(plain)]
    subprocess.run([*plain_command, "--force-language", "vi", "--quiet"], check=True, capture_output=True)
    plain_seconds = time.perf_counter() - started
    plain_files, plain_size = bytes_under(plain)

    costs = measure_queries(output)
    lines = [
        f"# Search benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `bench/bench_search.py {' '.join(argv or sys.argv[1:])}`; N = {pages:,} articles "
        f"(bench/gen_corpus.py, seed 42), pagefind 1.5.2, output on {args.work}.",
        "",
        "## Index",
        "",
        "| index | files | total size | indexing wall time |",
        "|---|---:|---:|---:|",
        f"| ours (đ aliases, one tone placement) | {files:,} | {size / 2**20:.1f} MiB | {index_seconds:.1f} s |",
        f"| Pagefind alone, same pages | {plain_files:,} | {plain_size / 2**20:.1f} MiB | {plain_seconds:.1f} s |",
        "",
        f"Peak RSS of the Pagefind process (largest child of this run): {peak_rss:.0f} MiB.",
        "",
        "## Per query, cold browser cache",
        "",
        "Start-up = pagefind.js, worker, shards.json, every year's entry and metadata, WebAssembly (once per visit); "
        "query = index chunks, filters and the fragments of the first 10 results.",
        "",
        "| query | answer | start-up (KiB) | query (KiB) | of which index chunks | of which fragments "
        "| requests to /pagefind/ | page load to answer (s) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {c.query} | {c.results} | {c.startup / 1024:.0f} | {c.query_bytes / 1024:.0f} "
            f"| {c.chunks / 1024:.0f} | {c.fragments / 1024:.0f} | {c.requests} | {c.seconds:.2f} |"
            for c in costs
        ),
        "",
        f"Load average at the end: {Path('/proc/loadavg').read_text().split()[:3]}",
    ]
    report = "\n".join(lines) + "\n"
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    target = results / f"{datetime.now(UTC):%Y-%m-%d}-search-N{pages}.md"
    target.write_text(report, encoding="utf-8")
    print(report)
    print(f"written to {target}")


if __name__ == "__main__":
    main()
