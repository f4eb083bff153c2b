"""Files that pages link with {attach}/{static}: one rule (documents.core.linked_file_bytes), build and check."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.documents import core
from tests.attachment_fixtures import AUTHOR, attachment
from tests.leak_scan import docx_problems, pdf_problems


@pytest.mark.parametrize(("name", "problems"), [("hostile-pdf", pdf_problems), ("hostile-docx", docx_problems)])
def test_a_linked_pdf_or_docx_is_published_sanitised(tmp_path: Path, name: str, problems) -> None:
    path = tmp_path / f"tep.{name.rpartition('-')[2]}"
    path.write_bytes(attachment(name))
    assert problems(path.read_bytes())
    published = core.linked_file_bytes(path, 10 * 1024 * 1024)
    assert published is not None
    assert problems(published) == []
    assert AUTHOR.encode() not in published
    assert AUTHOR.encode("utf-16-be") not in published


def test_other_files_are_published_as_they_are_and_office_files_refused(tmp_path: Path) -> None:
    audio = tmp_path / "bai-phat-bieu.mp3"
    audio.write_bytes(b"ID3")
    assert core.linked_file_bytes(audio, 1024) is None
    sheet = tmp_path / "bang.XLSX"
    sheet.write_bytes(b"PK")
    error = core.linked_file_error(sheet, 1024, "articles/a/index.md", 7)
    assert error is not None
    assert (error.key, error.line) == ("bad-attachment", 7)
    assert "bang.XLSX" in error.message
    assert "PDF" in error.message


def test_size_is_capped_before_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.pdf"
    path.write_bytes(attachment("hostile-pdf"))
    error = core.linked_file_error(path, 100, "articles/a/index.md", 3)
    assert error is not None
    assert error.key == "bad-attachment"
    assert "vượt giới hạn" in error.message
