"""Legitimate photos the build used to refuse or damage (issue #23), through a real Pelican build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import article, build_site, run_pelican
from tests.photo_fixtures import photo, quadrant_centres

BODY = "Đoạn mở đầu.\n\n![Ảnh hội nghị](hoi-nghi.jpg)\n/// caption\nẢnh hội nghị.\n///"


def test_a_damaged_colour_profile_is_a_preview_warning_and_a_production_notice(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "articles/2024/bai/index.md": article(body=BODY),
        "articles/2024/bai/hoi-nghi.jpg": photo("broken-profile").data,
    }
    preview = build_site(tmp_path / "xem", files)
    warned = [m for m in preview.messages(logging.WARNING) if "[image-profile-ignored]" in m]
    assert len(warned) == 1
    assert warned[0].startswith(f"{preview.content}/articles/2024/bai/index.md:8: ")
    assert "hoi-nghi.jpg" in warned[0]

    with caplog.at_level(logging.INFO):  # production's level (publishconf.py): logged, but not a warning
        production = build_site(tmp_path / "that", files, FIGURES_IGNORED_PROFILE="info")
    assert not any("[image-profile-ignored]" in m for m in production.messages(logging.WARNING))
    assert any("[image-profile-ignored]" in m for m in production.messages(logging.INFO))
    jpegs = sorted((production.output / "anh").rglob("hoi-nghi-*.jpg"))
    assert jpegs
    with Image.open(jpegs[-1]) as published:
        assert "icc_profile" not in published.info
        rgb = published.convert("RGB")
        got = [rgb.getpixel(c) for c in quadrant_centres(*rgb.size)]
    want = [c[:3] for c in photo("broken-profile").expected]
    assert all(abs(a - b) <= 10 for g, w in zip(got, want, strict=True) for a, b in zip(g, w, strict=True))


def test_a_warm_rebuild_still_tells_of_the_damaged_profile(tmp_path: Path) -> None:
    """Said from the photo facts, not by the encoder: a rebuild that encodes nothing says it again.

    Two processes, as ``make html`` twice (Pelican drops a repeated message within one process).
    """
    content = tmp_path / "content"
    build_site(
        tmp_path,
        {
            "articles/2024/bai/index.md": article(body=BODY),
            "articles/2024/bai/hoi-nghi.jpg": photo("broken-profile").data,
        },
    )
    for _ in range(2):
        result = run_pelican(content, tmp_path / "output", settings_file="pelicanconf.py", fatal=None)
        assert result.returncode == 0, result.stderr
        assert "[image-profile-ignored]" in result.stdout + result.stderr
