"""editor_tools core: which folders `make remove-samples` deletes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.editor_tools.core import is_sample, sample_folders


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Title: A\nSample: yes\n", True),
        ("Title: A\nsample: Có\n", True),
        ("Title: A\r\nSample: yes\r\n", True),
        ("Title: A\nSample: no\n", False),
        ("Title: A\nSample: có lẽ\n", False),  # not a yes/no word: not deleted
        ("Title: A\n", False),
    ],
)
def test_is_sample_reads_the_header_only(tmp_path: Path, header: str, expected: bool) -> None:
    index = tmp_path / "index.md"
    index.write_text(header + "\nSample: yes appears in the body, which does not count.\n", encoding="utf-8")
    assert is_sample(index) is expected


def test_sample_folders_finds_articles_and_documents_in_their_roots_only(tmp_path: Path) -> None:
    def folder(relative: str, sample: bool) -> Path:
        path = tmp_path / relative
        path.mkdir(parents=True)
        (path / "index.md").write_text(f"Title: X\nSample: {'yes' if sample else 'no'}\n\nBody\n", encoding="utf-8")
        return path

    article, document = folder("articles/2024/mau", True), folder("van-ban/2024/mau", True)
    folder("articles/2024/that", False)
    folder("pages/2024/mau", True)  # not a root that holds samples
    assert sample_folders(tmp_path, ["articles", "van-ban"]) == [article, document]
