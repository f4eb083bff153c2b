"""Warm builds (Pelican's content cache and the html_policy memo in cache/) write what a cold build writes.

``content_object_init`` runs on every build, also for articles Pelican's content
cache serves: html_policy remembers its cleaned HTML between builds, and the
photo and link checks resolve paths through the build's ``RealPaths``. Each case
builds cold, changes what those must notice (a photo replaced under its own
name, an edited body), rebuilds warm on the same cache, builds the changed
content cold elsewhere and compares the trees byte for byte. The warm build
must really have used the memo (only the edited HTML cleaned again), or the
comparison would be between two cold builds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican.log import LimitFilter

from bench.standin_photos import make_photo
from plugins.html_policy import core as html_policy
from tests.conftest import article, build_site, write_content

CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": True}
PHOTO_ARTICLE = "articles/2024/hoi-nghi/index.md"
PHOTO = "articles/2024/hoi-nghi/hoi-nghi-1.jpg"
UNCAPTIONED = "articles/2024/thieu-chu-thich/index.md"
BODY = """Đoạn mở đầu.

![Các đại biểu dự hội nghị](hoi-nghi-1.jpg)
/// caption
Các đại biểu dự hội nghị. Ảnh: Trọng Hải
///
"""


def photo(tmp: Path, name: str, size: tuple[int, int], seed: int) -> bytes:
    make_photo(tmp / name, size, name.upper(), seed=seed)
    return (tmp / name).read_bytes()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    tmp = tmp_path / "photos"
    tmp.mkdir()
    root = tmp_path / "content"
    files: dict[str, str | bytes] = {
        PHOTO_ARTICLE: article("Hội nghị", date="2024-05-08 08:00", body=BODY, Summary="Tóm tắt *ngắn*."),
        PHOTO: photo(tmp, "hoi-nghi-1.jpg", (900, 600), seed=1),
        "articles/2024/hai/index.md": article("Bài hai", date="2024-05-07 08:00", body=BODY, Cover="hoi-nghi-1.jpg"),
        "articles/2024/hai/hoi-nghi-1.jpg": photo(tmp, "hoi-nghi-1.jpg", (640, 480), seed=2),
        UNCAPTIONED: article("Thiếu chú thích", date="2024-05-06 08:00", body="Đoạn.\n\n![](anh.jpg)\n"),
        "articles/2024/thieu-chu-thich/anh.jpg": photo(tmp, "anh.jpg", (300, 200), seed=3),
        "articles/2024/chu/index.md": article("Bài chỉ có chữ", date="2024-05-05 08:00"),
    }
    write_content(root, files)
    return root


@pytest.fixture
def cleaned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML html_policy cleaned rather than took from its memo."""
    seen: list[str] = []
    clean = html_policy.clean

    def counting_clean(markup: str, cleaner: object) -> str:
        seen.append(markup)
        return clean(markup, cleaner)

    monkeypatch.setattr(html_policy, "clean", counting_clean)
    return seen


def replace_photo(content: Path) -> str:
    """An editor uploads a new photo under the old name: other pixels, other size."""
    tmp = content.parent / "new"
    tmp.mkdir()
    (content / PHOTO).write_bytes(photo(tmp, "hoi-nghi-1.jpg", (1200, 500), seed=9))
    return 'width="1200"'


def edit_body(content: Path) -> str:
    sentence = "Hội nghị đã thống nhất các nhiệm vụ trọng tâm năm nay."
    path = content / PHOTO_ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    return sentence


def output_tree(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def fresh_process_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pelican drops a message it already logged in this process; each real build is a process of its own."""
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())


def no_caption_warnings(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.levelno == logging.WARNING and "[image-no-caption]" in r.getMessage()]


@pytest.mark.parametrize("edit", [replace_photo, edit_body])
def test_a_warm_build_after_an_edit_writes_what_a_cold_build_writes(
    edit: Callable[[Path], str], content: Path, tmp_path: Path, cleaned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_site(tmp_path / "warm", content=content, **CACHED)
    assert len(cleaned) == 4, "a cold build cleans every body (two articles share one) and the summary"
    assert len(no_caption_warnings(first.records)) == 1

    expected = edit(content)
    cleaned.clear()
    fresh_process_logging(monkeypatch)
    warm = build_site(tmp_path / "warm", content=content, **CACHED)
    cleaned_when_warm = list(cleaned)
    cold = build_site(tmp_path / "cold", content=content, **CACHED)

    warm_tree, cold_tree = output_tree(warm.output), output_tree(cold.output)
    assert sorted(n for n in warm_tree.keys() | cold_tree.keys() if warm_tree.get(n) != cold_tree.get(n)) == []
    assert expected in (warm.output / "bai-viet" / "hoi-nghi" / "index.html").read_text(encoding="utf-8")
    assert len(no_caption_warnings(warm.records)) == 1
    if edit is edit_body:  # the edited body only; the summary and the other bodies come from the memo
        (body,) = cleaned_when_warm
        assert expected in body
    else:
        assert cleaned_when_warm == []


def test_a_missing_caption_is_reported_on_every_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Production builds with ``--fatal warnings``: a warm build must not let the article through."""
    for _ in range(2):
        fresh_process_logging(monkeypatch)
        build = build_site(tmp_path, content=content, **CACHED)
        (warning,) = no_caption_warnings(build.records)
        assert f"{UNCAPTIONED}:8:" in warning
        assert '"anh.jpg"' in warning


def test_a_photo_removed_after_a_build_is_reported_on_the_warm_build(content: Path, tmp_path: Path) -> None:
    build_site(tmp_path, content=content, **CACHED)
    (content / PHOTO).unlink()
    warm = build_site(tmp_path, content=content, **CACHED)
    errors = [m for m in warm.messages(logging.ERROR) if "[image-not-found]" in m]
    assert len(errors) == 1
    assert f"{PHOTO_ARTICLE}:" in errors[0]
