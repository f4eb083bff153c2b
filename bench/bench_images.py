"""Photo pipeline benchmark: cold encode time per photo, warm rebuild, bytes of variants vs source.

    .venv/bin/python bench/bench_images.py                 # 200 photos of 4000×3000
    .venv/bin/python bench/bench_images.py --photos 40     # quicker
    .venv/bin/python bench/bench_images.py --photos 12 --places 80   # 12 photos shared by 960 articles

Runs the figures plugin's core exactly as a build does (check header → plan body
and cover variants → encode what the cache lacks, across every core), in a tmpfs
(/dev/shm) so disk noise does not swing the numbers. The corpus is a few
camera-like stand-ins (bench/standin_photos.py: EXIF, GPS, one sideways) copied
with a distinct comment segment each, so every file has its own content hash
(and is encoded on its own) without drawing 200 scenes. ``--places N`` also puts
each photo into N-1 more article folders (hard links named anh-1.jpg…anh-3.jpg,
as bench/gen_corpus.py does): the encode count must not grow with N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.standin_photos import make_photo  # noqa: E402
from plugins.figures import core  # noqa: E402

BASE_SCENES = 4


def make_corpus(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    """``count`` distinct JPEGs: a few real scenes, each copy made unique by a JPEG comment segment."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for index in range(BASE_SCENES):
        path = folder / f"base-{index}.jpg"
        make_photo(path, size, f"BENCH {index}", orientation=6 if index == 1 else 1, seed=index)
        bases.append(path.read_bytes())
    photos = []
    for index in range(count):
        data = bases[index % BASE_SCENES]
        comment = f"bench photo {index}".encode()
        unique = data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]
        path = folder / f"anh-{index:04d}.jpg"
        path.write_bytes(unique)
        photos.append(path)
    for index in range(BASE_SCENES):
        (folder / f"base-{index}.jpg").unlink()
    return photos


def place_in_articles(photos: list[Path], places: int) -> list[Path]:
    """Every photo, plus hard links to it in ``places - 1`` other article folders under the corpus's usual names."""
    placed = list(photos)
    for index, path in enumerate(photos):
        for place in range(1, places):
            target = path.parent / f"bai-{index:04d}-{place}" / f"anh-{place % 3 + 1}.jpg"
            target.parent.mkdir()
            os.link(path, target)
            placed.append(target)
    return placed


def plan_tasks(
    photos: list[Path], settings: core.EncoderSettings, cache: Path
) -> tuple[list[core.EncodeTask], core.PhotoFactsCache]:
    """What a build plans: body and cover variants of each photo file, one task per distinct photo."""
    facts = core.PhotoFactsCache(cache / core.FACTS_FILE)
    planner = core.Planner(settings, "anh")
    plans = []
    for path in photos:
        plan = core.PhotoPlan(core.probe(path, path.name, settings, facts))
        planner.body_picture(plan, core.file_stem(path), "x")
        planner.cover_picture(plan, core.file_stem(path), "x")
        plans.append(plan)
    facts.save()
    return [task for task, _ in core.tasks_by_photo(plans, settings, cache)], facts


def timed(label: str, function, *args):
    start = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT of each photo")
    parser.add_argument("--workdir", type=Path, default=Path("/dev/shm/bench-images"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--places", type=int, default=1, help="article folders holding each photo")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    shutil.rmtree(args.workdir, ignore_errors=True)
    settings = core.EncoderSettings()
    cache = args.workdir / "cache"
    core.PhotoFactsCache.settle_ns = 0  # the corpus is written by this run and nothing rewrites it

    print(f"{args.photos} photos {size[0]}×{size[1]}, {args.workers} workers, formats {settings.formats} + jpeg")
    photos, _ = timed("generate corpus", make_corpus, args.workdir / "src", args.photos, size)
    placed = place_in_articles(photos, args.places)
    (tasks, cold_facts), plan_s = timed("check headers + plan (no decode)", plan_tasks, placed, settings, cache)
    cold, cold_s = timed("cold encode", core.encode_photos, tasks, args.workers)
    (warm_tasks, warm_facts), warm_plan_s = timed("warm: facts cache + plan", plan_tasks, placed, settings, cache)
    warm, warm_s = timed("warm encode (cache lookups)", core.encode_photos, warm_tasks, args.workers)
    assert not cold.failures, cold.failures

    source_bytes = sum(p.stat().st_size for p in photos)
    by_format: Counter[str] = Counter()
    inodes: set[int] = set()
    for path in cache.glob("*/*.*"):  # the variants (the facts file sits at the top), each link counted once
        stat = path.stat()
        if stat.st_ino not in inodes:
            inodes.add(stat.st_ino)
            by_format[path.suffix.lstrip(".")] += stat.st_size
    per_photo = (cold_s + plan_s) / args.photos
    print()
    print(f"{len(placed)} photo files, {len(tasks)} distinct photos")
    print(
        f"cold: {per_photo * 1000:.0f} ms per photo wall ({args.workers} workers), {cold_facts.files_read} files read,"
        f" {cold.photos_decoded} decoded, {cold.files_encoded} files encoded, {cold.files_copied} copied"
    )
    print(
        f"warm: {warm_facts.files_read} files read, {warm.files_encoded} files encoded, {warm.files_reused} reused,"
        f" {warm_plan_s + warm_s:.2f} s total"
    )
    print(f"source JPEGs: {source_bytes / 1e6:.1f} MB ({source_bytes / args.photos / 1e6:.2f} MB each)")
    for fmt, total in sorted(by_format.items()):
        print(f"  all {fmt:<5} variants: {total / 1e6:7.1f} MB ({100 * total / source_bytes:5.1f} % of source)")
    sample = tasks[0]
    print("one photo's 800 px body variants (what a phone downloads):")
    first_of: dict[tuple[object, ...], core.Variant] = {}
    for variant in sample.variants:  # twins (same rendering, other name) are one file
        first_of.setdefault(core.rendering(variant), variant)
    for variant in first_of.values():
        if variant.width == 800 and "-the-" not in variant.file:
            print(f"  {variant.fmt:<5} {(cache / variant.file).stat().st_size / 1e3:7.1f} kB")
    print(f"  source {Path(sample.source).stat().st_size / 1e3:7.1f} kB")
    shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
