"""tools.publish.core: staging next to output/, atomic swap, failed builds kept aside, rollback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.publish import core


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_build(path: Path, version: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "index.html").write_text(version)
    (path / "bai" / version).mkdir(parents=True)
    return path


@pytest.fixture(params=["renameat2", "three-renames"])
def layout(request, tmp_path, monkeypatch) -> core.Layout:
    if request.param == "three-renames":
        monkeypatch.setattr(core, "_renameat2_exchange", lambda a, b: False)
    return core.Layout(tmp_path / "output")


def test_staging_is_a_fresh_world_readable_sibling(layout):
    staging = layout.new_staging()
    assert staging.parent == layout.output.parent
    assert staging.name.startswith("output.staging-")
    assert list(staging.iterdir()) == []
    assert staging.stat().st_mode & 0o777 == 0o755


def test_first_publish_then_swap_keeps_previous(layout):
    layout.promote(make_build(layout.new_staging(), "v1"))
    assert (layout.output / "index.html").read_text() == "v1"
    assert not layout.previous.exists()
    layout.promote(make_build(layout.new_staging(), "v2"))
    assert (layout.output / "index.html").read_text() == "v2"
    assert (layout.previous / "index.html").read_text() == "v1"
    layout.promote(make_build(layout.new_staging(), "v3"))
    assert (layout.previous / "index.html").read_text() == "v2"
    assert sorted(p.name for p in layout.output.parent.iterdir()) == ["output", "output.prev"]


def test_rejected_build_leaves_live_untouched_and_is_kept_for_inspection(layout):
    layout.promote(make_build(layout.new_staging(), "v1"))
    before = tree(layout.output)
    layout.reject(make_build(layout.new_staging(), "broken"))
    assert tree(layout.output) == before
    assert (layout.failed / "index.html").read_text() == "broken"
    layout.reject(make_build(layout.new_staging(), "broken-again"))
    assert (layout.failed / "index.html").read_text() == "broken-again"


def test_rollback_swaps_back_and_forth(layout):
    layout.promote(make_build(layout.new_staging(), "v1"))
    layout.promote(make_build(layout.new_staging(), "v2"))
    layout.rollback()
    assert (layout.output / "index.html").read_text() == "v1"
    layout.rollback()
    assert (layout.output / "index.html").read_text() == "v2"


def test_rollback_without_previous_build_is_refused(layout):
    layout.promote(make_build(layout.new_staging(), "v1"))
    with pytest.raises(core.PublishError, match="Không có bản dựng trước"):
        layout.rollback()
    assert (layout.output / "index.html").read_text() == "v1"
