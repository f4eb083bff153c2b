"""Speed and memory of "Tin liên quan" at N = 10,000 articles, core alone and inside a real build.

1. ``core``: ``plugins.related.core.choose_related`` plus ``same_category`` and
   ``category_neighbours`` over N synthetic records made in memory (no
   Pelican). The records follow the statistics that matter for an inverted
   index: a Zipf-distributed vocabulary of Vietnamese-like syllables and
   2–3-syllable words, 300 topics whose words burst inside their articles,
   300–900 syllables per article, 2–5 tags from a Zipf-distributed tag list,
   8 categories, dates over ten years. Wall and CPU time are the best of
   ``--repeats`` runs (CPU time is what to compare on a shared machine),
   then the two phases alone: building the index (tokens, TF-IDF, pruning)
   and scoring. Peak memory comes from a separate run under tracemalloc
   (Python and numpy allocations) because tracing slows the code down.
2. ``build`` (``--build``): a real Pelican build with pelicanconf.py over the
   corpus of bench/gen_corpus.py written to a tmpfs; the hook logs its own
   duration at DEBUG, which is read back here and set against the whole build's
   wall time. That corpus repeats a small phrase pool, so most of an
   article's strongest terms are held by more than ``MAX_POSTINGS`` articles
   and nominate nobody: there the hook's time goes to its own work (records,
   HTML stripping) and to tokenising long texts rather than to scoring.

    .venv/bin/python bench/bench_related.py --articles 10000
    .venv/bin/python bench/bench_related.py --articles 2000 --build
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import shutil
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from plugins.related import core  # noqa: E402
from plugins.related.hooks import scoring_config  # noqa: E402
from plugins.related.settings import Settings  # noqa: E402

ONSETS = "b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x".split()  # noqa: SIM905
RHYMES = "a ai am an ang anh ao au ay e em en eo ê êm ênh i ia im in inh iu o oa oai oan oang oanh oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ua ui um un ung uy uyên ư ưa ưng ươi ương".split()  # noqa: E501, SIM905
TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng as combining marks, composed below


def syllable_pool(rng: random.Random, size: int) -> list[str]:
    """``size`` distinct Vietnamese-shaped syllables."""
    pool: set[str] = set()
    while len(pool) < size:
        tone = rng.choice(("", *TONES))
        pool.add(
            unicodedata.normalize("NFC", rng.choice(ONSETS) + rng.choice(RHYMES) + tone)
        )  # as the reader stores text
    return sorted(pool)


def word_pool(rng: random.Random, syllables: list[str], size: int) -> list[str]:
    """``size`` words of 1–3 syllables, in a fixed order that the Zipf weights then rank."""
    words = {" ".join(rng.sample(syllables, rng.choice((1, 2, 2, 2, 3)))) for _ in range(size * 2)}
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered[:size]


def zipf_weights(size: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, size + 1)]


def synthetic_records(count: int, seed: int = 7) -> list[core.Record]:
    """``count`` records with Zipfian vocabulary and topical bursts (see the module docstring)."""
    rng = random.Random(seed)
    words = word_pool(rng, syllable_pool(rng, 3000), 20000)
    weights = zipf_weights(len(words))
    topics = [rng.sample(words[500:], 40) for _ in range(300)]
    tags = [f"chủ đề {w}" for w in words[:400]]
    tag_weights = zipf_weights(len(tags), 0.8)
    categories = [f"Chuyên mục {n}" for n in range(8)]
    start = datetime(2015, 1, 1, 7, 0)
    records = []
    for n in range(count):
        topic = topics[rng.randrange(len(topics))]
        length = rng.randrange(300, 901) // 2  # words, ≈ 2 syllables each
        body = rng.choices(words, weights, k=length * 7 // 10) + rng.choices(topic, k=length * 3 // 10)
        rng.shuffle(body)
        sentences = [" ".join(body[i : i + 15]) + "." for i in range(0, len(body), 15)]
        records.append(
            core.Record(
                slug=f"bai-{n:05d}",
                title=" ".join(rng.sample(topic, 4) + rng.choices(words[:300], k=3)),
                text=" ".join(sentences),
                tags=tuple(dict.fromkeys(rng.choices(tags, tag_weights, k=rng.randrange(2, 6)))),
                category=rng.choice(categories),
                date=start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60)),
            )
        )
    return records


def compute_all(records: list[core.Record]) -> None:
    """What the hook computes, minus Pelican: both blocks and the neighbours."""
    options = Settings()
    related = core.choose_related(records, {}, scoring_config(options))
    core.same_category(records, options.RELATED_SAME_CATEGORY_COUNT, related)
    core.category_neighbours(records)


def timed(action: Callable[[], None], repeats: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run; CPU time is what to compare on a shared machine."""
    runs = []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return runs


def traced_peak(action: Callable[[], None]) -> float:
    """Peak MiB of Python allocations made by ``action``."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bench_core(count: int, repeats: int) -> None:
    started = time.perf_counter()
    records = synthetic_records(count)
    made = time.perf_counter() - started
    index = core.RelatedIndex(records)
    print(f"core: {count} synthetic records made in {made:.1f} s")
    print(f"core: {len(set(index.text.indices.tolist()))} indexed terms, {index.text.nnz} postings")
    runs = timed(lambda: compute_all(records), repeats)
    listing = ", ".join(f"{wall:.2f}/{cpu:.2f}" for wall, cpu in runs)
    print(f"core: related + same category + neighbours, wall/CPU s per run: {listing}")
    best_wall, best_cpu = min(w for w, _ in runs), min(c for _, c in runs)
    print(f"core: best wall {best_wall:.2f} s, best CPU {best_cpu:.2f} s; load average {os.getloadavg()[0]:.1f}")
    building = min(cpu for _, cpu in timed(lambda: core.RelatedIndex(records), repeats))
    config = scoring_config(Settings())
    scoring = min(cpu for _, cpu in timed(lambda: index.best_matches([config.count] * count, [], config), repeats))
    print(f"core: best CPU of the phases: index {building:.2f} s (tokens, TF-IDF, pruning), scoring {scoring:.2f} s")
    print(f"core: peak traced memory {traced_peak(lambda: compute_all(records)):.0f} MiB")
    print(f"core: process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


class _HookTimer(logging.Handler):
    """Collects the duration the related hook logs at DEBUG."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seconds: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("related:"):
            self.seconds.append(float(record.args[1]))


def bench_build(count: int, work: Path) -> None:
    """Time a real development build of ``count`` generated articles and the hook's share of it."""
    from gen_corpus import generate, make_photo_pool, write_corpus
    from pelican import Pelican
    from pelican.settings import read_settings

    shutil.rmtree(work, ignore_errors=True)
    content, pool = work / "content", work / "pool"
    make_photo_pool(pool, 4, (320, 240))
    write_corpus(generate(count, 42, 4), content, pool)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(work / "output"), "CACHE_PATH": str(work / "cache")},
    )
    timer = _HookTimer()
    hook_logger = logging.getLogger("plugins.related.hooks")
    hook_logger.addHandler(timer)
    hook_logger.setLevel(logging.DEBUG)
    started = time.perf_counter()
    Pelican(settings).run()
    total = time.perf_counter() - started
    hook = sum(timer.seconds)
    print(f"build: {count} articles, whole build {total:.1f} s, related hook {hook:.2f} s ({100 * hook / total:.1f} %)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time the hook inside a real Pelican build")
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/bench-related"))
    args = parser.parse_args(argv)
    bench_core(args.articles, args.repeats)
    if args.build:
        bench_build(args.articles, args.work)


if __name__ == "__main__":
    main()
