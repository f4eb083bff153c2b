"""plugins.html_policy: cleaned HTML kept between builds (``core.FileMemo``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.html_policy.core import FileMemo


def test_file_memo_keeps_values_between_builds(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "memo.pickle"
    first = FileMemo(file, "v1")
    assert first.get("a") is None
    first.put("a", {"html": "<p>x</p>", "n": [1, 2]})
    first.save()
    second = FileMemo(file, "v1")
    assert second.get("a") == {"html": "<p>x</p>", "n": [1, 2]}
    assert FileMemo(file, "v2").get("a") is None, "another version of the code or settings: nothing is reused"


def test_file_memo_hands_out_copies(tmp_path: Path) -> None:
    memo = FileMemo(tmp_path / "memo.pickle", "v")
    value = ["a"]
    memo.put("k", value)
    value.append("changed after put")
    got = memo.get("k")
    got.append("changed by a caller")
    assert memo.get("k") == ["a"]


def test_file_memo_saves_only_what_this_build_used_and_only_when_it_changed(tmp_path: Path) -> None:
    file = tmp_path / "memo.pickle"
    memo = FileMemo(file, "v")
    memo.put("old", 1)
    memo.put("kept", 2)
    memo.save()
    again = FileMemo(file, "v")
    assert again.get("kept") == 2
    again.save()
    assert FileMemo(file, "v").get("old") is None
    stamp = file.stat().st_mtime_ns
    unchanged = FileMemo(file, "v")
    unchanged.get("kept")
    unchanged.save()
    assert file.stat().st_mtime_ns == stamp, "nothing new: the file is not rewritten"


@pytest.mark.parametrize("data", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_memo_file_is_ignored(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "memo.pickle"
    file.write_bytes(data)
    memo = FileMemo(file, "v")
    assert memo.get("a") is None
    memo.put("a", 1)
    memo.save()
    assert FileMemo(file, "v").get("a") == 1
