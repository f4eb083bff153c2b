"""Photo pipeline benchmark: cold encode time per photo, warm rebuild, bytes of variants vs source.

    .venv/bin/python bench/bench_images.py                 # 200 photos of 4000×3000
    .venv/bin/python bench/bench_images.py --photos 40     # quicker

Runs the figures plugin's core exactly as a build does (check header → plan body
and cover variants → encode what the cache lacks, across every core), in a tmpfs
(/dev/shm) so disk noise does not swing the numbers. The corpus is a few
camera-like stand-ins (bench/standin_photos.py: EXIF, GPS, one sideways) copied
with a distinct comment segment each, so every file has its own content hash
(and is encoded on its own) without drawing 200 scenes.
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


def plan_tasks(photos: list[Path], settings: core.EncoderSettings, cache: Path) -> list[core.EncodeTask]:
    """What a build plans for each photo: body variants plus cover (card + Open Graph) variants."""
    planner = core.Planner(settings, "anh")
    tasks = []
    for path in photos:
        plan = core.PhotoPlan(core.probe(path, path.name, settings))
        planner.body_picture(plan, path.stem, "x")
        planner.cover_picture(plan, path.stem, "x")
        tasks.append(core.EncodeTask(str(path), tuple(plan.variants), settings, str(cache)))
    return tasks


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
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    shutil.rmtree(args.workdir, ignore_errors=True)
    settings = core.EncoderSettings()
    cache = args.workdir / "cache"

    print(f"{args.photos} photos {size[0]}×{size[1]}, {args.workers} workers, formats {settings.formats} + jpeg")
    photos, _ = timed("generate corpus", make_corpus, args.workdir / "src", args.photos, size)
    tasks, plan_s = timed("check headers + plan (no decode)", plan_tasks, photos, settings, cache)
    cold, cold_s = timed("cold encode", core.encode_photos, tasks, args.workers)
    warm_tasks, warm_plan_s = timed("warm: check headers + plan", plan_tasks, photos, settings, cache)
    warm, warm_s = timed("warm encode (cache lookups)", core.encode_photos, warm_tasks, args.workers)
    assert not cold.failures, cold.failures

    source_bytes = sum(p.stat().st_size for p in photos)
    by_format: Counter[str] = Counter()
    for path in cache.rglob("*.*"):
        by_format[path.suffix.lstrip(".")] += path.stat().st_size
    per_photo = (cold_s + plan_s) / args.photos
    print()
    print(
        f"cold: {per_photo * 1000:.0f} ms per photo wall ({args.workers} workers), {cold.files_encoded} files encoded"
    )
    print(f"warm: {warm.files_encoded} files encoded, {warm.files_reused} reused, {warm_plan_s + warm_s:.2f} s total")
    print(f"source JPEGs: {source_bytes / 1e6:.1f} MB ({source_bytes / args.photos / 1e6:.2f} MB each)")
    for fmt, total in sorted(by_format.items()):
        print(f"  all {fmt:<5} variants: {total / 1e6:7.1f} MB ({100 * total / source_bytes:5.1f} % of source)")
    sample = tasks[0]
    print("one photo's 800 px body variants (what a phone downloads):")
    for variant in sample.variants:
        if variant.width == 800 and "-the-" not in variant.file:
            print(f"  {variant.fmt:<5} {(cache / variant.file).stat().st_size / 1e3:7.1f} kB")
    print(f"  source {Path(sample.source).stat().st_size / 1e3:7.1f} kB")
    shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
