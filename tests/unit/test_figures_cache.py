"""Work done once per distinct photo: the photo facts cache, and one encode per photo and rendering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.standin_photos import make_photo
from plugins.figures import core

SETTINGS = core.EncoderSettings(widths=(480, 800), card_widths=(400,), formats=("webp",))


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (a real editor's photo is seconds old at least)."""
    monkeypatch.setattr(core.PhotoFactsCache, "settle_ns", 0)


def probe_with(facts_file: Path, path: Path) -> tuple[core.SourcePhoto, int]:
    """One build's view of ``path``: its checked photo and how many files that build had to read."""
    facts = core.PhotoFactsCache(facts_file)
    source = core.probe(path, path.name, SETTINGS, facts)
    facts.save()
    return source, facts.files_read


# --- photo facts ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("settled")
def test_an_unchanged_photo_is_not_read_by_the_next_build(tmp_path: Path) -> None:
    path, facts_file = tmp_path / "anh.jpg", tmp_path / "cache" / core.FACTS_FILE
    make_photo(path, (300, 200), "A", orientation=6)
    first, read = probe_with(facts_file, path)
    assert read == 1
    again, read_again = probe_with(facts_file, path)
    assert read_again == 0
    assert again == first == core.SourcePhoto(path, first.digest, 300, 200, False)  # upright size kept too
    assert not list(facts_file.parent.glob(".*.tmp"))  # written atomically, nothing left behind


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("same_size", [False, True])
def test_a_photo_replaced_in_place_is_read_again(tmp_path: Path, same_size: bool) -> None:
    path, other, facts_file = tmp_path / "anh.jpg", tmp_path / "khac.jpg", tmp_path / core.FACTS_FILE
    make_photo(path, (300, 200), "A", seed=1)
    first, _ = probe_with(facts_file, path)
    make_photo(other, (300, 200) if same_size else (600, 400), "B", seed=2)
    data = other.read_bytes()
    if same_size:  # same length, other bytes, and (as any later edit) another mtime
        original = path.read_bytes()
        data = (data + original)[: len(original)] if len(data) < len(original) else data[: len(original)]
    stat = path.stat()
    path.write_bytes(data)  # in place: same inode
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_ino == stat.st_ino
    second, read = probe_with(facts_file, path)
    assert read == 1
    assert second.digest != first.digest


def test_facts_of_a_just_written_photo_are_not_saved(tmp_path: Path) -> None:
    """A photo rewritten within one timestamp tick keeps its key: only settled files are remembered."""
    path, facts_file = tmp_path / "anh.jpg", tmp_path / core.FACTS_FILE
    make_photo(path, (300, 200), "A")
    facts = core.PhotoFactsCache(facts_file)
    facts.settle_ns = 10**18  # nothing written in the last 30 years counts as settled
    core.probe(path, "anh.jpg", SETTINGS, facts)
    core.probe(path, "anh.jpg", SETTINGS, facts)
    facts.save()
    assert facts.files_read == 1  # within one build it is read once all the same
    assert probe_with(facts_file, path)[1] == 1


@pytest.mark.usefixtures("settled")
def test_a_forgotten_photo_is_not_saved_and_the_others_are(tmp_path: Path) -> None:
    """A photo that failed to encode leaves no trace in the cache; the good ones of the same build stay."""
    good, bad, facts_file = tmp_path / "tot.jpg", tmp_path / "loi.jpg", tmp_path / "cache" / core.FACTS_FILE
    make_photo(good, (300, 200), "A")
    make_photo(bad, (300, 200), "B")
    facts = core.PhotoFactsCache(facts_file)
    for path in (good, bad):
        core.probe(path, path.name, SETTINGS, facts)
    facts.forget({str(bad)})
    facts.save()
    assert set(core.PhotoFactsCache(facts_file).saved) == {facts.key_of[str(good)]}


@pytest.mark.usefixtures("settled")
def test_nothing_is_written_when_every_photo_is_forgotten(tmp_path: Path) -> None:
    bad, facts_file = tmp_path / "loi.jpg", tmp_path / "cache" / core.FACTS_FILE
    make_photo(bad, (300, 200), "B")
    facts = core.PhotoFactsCache(facts_file)
    core.probe(bad, bad.name, SETTINGS, facts)
    facts.forget({str(bad)})
    facts.save()
    assert not facts_file.exists()


@pytest.mark.usefixtures("settled")
def test_hard_links_to_one_photo_are_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a" / "anh-1.jpg"
    path.parent.mkdir()
    make_photo(path, (300, 200), "A")
    links = [tmp_path / f"link-{n}.jpg" for n in range(3)]
    for link in links:
        os.link(path, link)
    facts = core.PhotoFactsCache(tmp_path / core.FACTS_FILE)
    digests = {core.probe(p, p.name, SETTINGS, facts).digest for p in (path, *links)}
    assert (len(digests), facts.files_read) == (1, 1)


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("content", ["{not json", '{"pillow": "0.0", "photos": {}}', '{"photos": [1, 2]}', "[]"])
def test_a_damaged_or_foreign_facts_file_is_ignored(tmp_path: Path, content: str) -> None:
    path, facts_file = tmp_path / "anh.jpg", tmp_path / core.FACTS_FILE
    make_photo(path, (300, 200), "A")
    facts_file.write_text(content, encoding="utf-8")
    assert probe_with(facts_file, path)[1] == 1
    assert probe_with(facts_file, path)[1] == 0  # and replaced by a good one


def test_errors_are_checked_every_time_never_cached(tmp_path: Path) -> None:
    path, facts_file = tmp_path / "anh.jpg", tmp_path / core.FACTS_FILE
    path.write_bytes(b"not a photo")
    for _ in range(2):
        facts = core.PhotoFactsCache(facts_file)
        with pytest.raises(core.ContentError, match="không phải là ảnh"):
            core.probe(path, "anh.jpg", SETTINGS, facts)
        facts.save()
    assert not facts_file.exists()


# --- one encode per photo and rendering -------------------------------------------------------------------


def plan_for(path: Path, stem: str) -> core.PhotoPlan:
    """What one article plans for a photo: body variants and a cover."""
    plan = core.PhotoPlan(core.probe(path, path.name, SETTINGS))
    planner = core.Planner(SETTINGS, "anh")
    planner.body_picture(plan, stem, "x")
    planner.cover_picture(plan, stem, "x")
    return plan


def encode(plans: list[core.PhotoPlan], cache: Path) -> core.EncodeStats:
    tasks = [task for task, _ in core.tasks_by_photo(plans, SETTINGS, cache)]
    return core.encode_photos(tasks, workers=2)


def test_one_photo_in_many_folders_under_many_names_is_encoded_once(tmp_path: Path) -> None:
    original = tmp_path / "pool.jpg"
    make_photo(original, (900, 600), "POOL")
    copies = []
    for number in range(4):  # hard links, as the benchmark corpus lays them out, and one plain copy
        target = tmp_path / f"bai-{number}" / f"anh-{number % 2 + 1}.jpg"
        target.parent.mkdir()
        os.link(original, target) if number < 3 else target.write_bytes(original.read_bytes())
        copies.append(target)
    plans = [plan_for(path, core.file_stem(path)) for path in copies]
    cache = tmp_path / "cache"

    cold = encode(plans, cache)
    renderings = {core.rendering(v) for v in plans[0].variants}
    names = {v.file for plan in plans for v in plan.variants}
    assert (cold.photos_decoded, cold.files_encoded, cold.failures) == (1, len(renderings), [])
    assert cold.files_copied == len(names) - len(renderings)  # anh-2's files: same pixels, other name
    for plan in plans[1:]:
        for mine, first in zip(plan.variants, plans[0].variants, strict=True):
            assert (cache / mine.file).read_bytes() == (cache / first.file).read_bytes()

    warm = encode(plans, cache)
    assert (warm.photos_decoded, warm.files_encoded, warm.files_copied, warm.files_reused) == (0, 0, 0, len(names))

    renamed = encode([*plans, plan_for(copies[0], "ten-moi")], cache)  # a known photo under a new name
    assert (renamed.photos_decoded, renamed.files_encoded, renamed.files_copied) == (0, 0, len(renderings))


def test_distinct_photos_are_each_encoded_and_a_warm_run_starts_no_process_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = tmp_path / "a.jpg", tmp_path / "b.jpg"
    make_photo(one, (600, 400), "A", seed=1)
    make_photo(two, (600, 400), "B", seed=2)
    plans = [plan_for(one, "anh"), plan_for(two, "anh")]
    stats = encode(plans, tmp_path / "cache")
    assert (stats.photos_decoded, stats.files_copied) == (2, 0)

    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a process pool was started with nothing to encode")

    monkeypatch.setattr(core, "ProcessPoolExecutor", no_pool)
    assert encode(plans, tmp_path / "cache").files_encoded == 0


def test_existing_files_lists_each_folder_once(tmp_path: Path) -> None:
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "x.jpg").write_bytes(b"x")
    (tmp_path / "ab" / ".x.jpg.1.tmp").write_bytes(b"partial")
    names = ["ab/x.jpg", "ab/y.jpg", "cd/x.jpg", "top.jpg"]
    assert core.existing_files(tmp_path, names) == {"ab/x.jpg"}
