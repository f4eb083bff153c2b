"""plugins.common.paths: the build's realpath memo (``RealPaths``) answers what ``os.path.realpath`` answers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plugins.common.paths import RealPaths, is_inside, resolved_inside


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """content/ with a plain file, a symlinked file and folder leading outside, and a link that stays inside."""
    content, outside = tmp_path / "content", tmp_path / "outside"
    (content / "articles" / "bai").mkdir(parents=True)
    outside.mkdir()
    (content / "articles" / "bai" / "anh.jpg").write_bytes(b"x")
    (outside / "secret.jpg").write_bytes(b"x")
    (content / "articles" / "bai" / "link.jpg").symlink_to(outside / "secret.jpg")
    (content / "articles" / "ra-ngoai").symlink_to(outside)
    (content / "articles" / "bai" / "trong.jpg").symlink_to("anh.jpg")
    return tmp_path


def test_realpaths_answers_what_os_path_realpath_answers(tree: Path) -> None:
    content = tree / "content"
    paths = [
        content / "articles" / "bai" / "anh.jpg",
        content / "articles" / "bai" / "link.jpg",
        content / "articles" / "bai" / "trong.jpg",
        content / "articles" / "ra-ngoai" / "secret.jpg",
        content / "articles" / "ra-ngoai" / ".." / "bai" / "anh.jpg",
        content / "articles" / "bai" / "khong-co.jpg",
        content / "articles" / "khong-co" / ".." / "bai",
    ]
    real = RealPaths()
    for _ in range(2):  # second round: folders come from the memo
        for path in paths:
            assert real.realpath(path) == os.path.realpath(path), path
    for text in (f"{content}/articles/bai/", f"{content}//articles/./bai/anh.jpg", "articles/bai", "/"):
        assert real.realpath(text) == os.path.realpath(text), text


def test_containment_through_realpaths_sees_symlinks_leading_out(tree: Path) -> None:
    content, real = tree / "content", RealPaths()
    folder = content / "articles" / "bai"
    assert resolved_inside(folder / "anh.jpg", content, real.realpath) == os.path.realpath(folder / "anh.jpg")
    assert is_inside(folder / "trong.jpg", content, real.realpath)
    assert not is_inside(folder / "link.jpg", content, real.realpath)
    assert not is_inside(content / "articles" / "ra-ngoai" / "secret.jpg", content, real.realpath)


def test_realpaths_lives_in_the_build_context() -> None:
    context: dict[str, object] = {}
    assert RealPaths.of(context) is RealPaths.of(context)
    assert RealPaths.of(None) is not RealPaths.of(None)
