"""Cache files are replaced whole; a build's shared object is made once per build context."""

from __future__ import annotations

from pathlib import Path

from plugins.common.build_context import of_build
from plugins.common.files import write_atomically


def test_a_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "cache.pickle"
    write_atomically(target, b"first")
    write_atomically(target, b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert [p.name for p in target.parent.iterdir()] == ["cache.pickle"]


def test_one_object_per_build_context_and_a_fresh_one_without() -> None:
    made: list[object] = []

    def make() -> object:
        made.append(object())
        return made[-1]

    context: dict[str, object] = {}
    assert of_build(context, "k", make) is of_build(context, "k", make) is context["k"]
    assert of_build(None, "k", make) is not of_build(None, "k", make)
    assert len(made) == 3
