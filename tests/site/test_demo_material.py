"""Demo material stays out of production unless a demo deployment asks for it (issue: ready to go live).

Samples (``Sample: yes``) are dropped by publishconf.py; a stand-in photo (the
EXIF marker bench/standin_photos.py writes) stops the production build, naming
the article and the photo; ``PORTAL_DEMO=yes`` (``make publish DEMO=yes``) keeps both.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bench.standin_photos import make_photo, make_placeholder
from tests.conftest import article, build_site, run_pelican, write_content

SAMPLE = ("Bài mẫu trình diễn Omega", "bai-mau-trinh-dien-omega")
REAL = ("Tin thật của Đảng ủy Khối", "tin-that-cua-dang-uy-khoi")
PHOTO_BODY = "Đoạn mở đầu.\n\n![Hội nghị]({static}anh.jpg)\n/// caption\nHội nghị\n///\n"


def lay_out(root: Path, *, real_photo: str, sample_photo: str = "camera") -> Path:
    """A real article and a sample, each with one photo: ``"camera"`` (ordinary) or ``"placeholder"``."""
    content = root / "content"
    files: dict[str, str | bytes] = {
        f"articles/2024/{REAL[1]}/index.md": article(REAL[0], body=PHOTO_BODY),
        f"articles/2024/{SAMPLE[1]}/index.md": article(SAMPLE[0], body=PHOTO_BODY, Sample="yes"),
    }
    write_content(content, files)
    for slug, kind in ((REAL[1], real_photo), (SAMPLE[1], sample_photo)):
        path = content / "articles" / "2024" / slug / "anh.jpg"
        if kind == "placeholder":
            make_placeholder(path, (480, 320), 1)
        else:
            make_photo(path, (480, 320), "OK")
    return content


def published_photos(output: Path) -> list[Path]:
    return sorted(p for p in (output / "anh").rglob("*") if p.is_file()) if (output / "anh").exists() else []


def test_production_drops_samples_by_default(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="camera")
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "bai-viet" / REAL[1] / "index.html").is_file()
    assert not (tmp_path / "output" / "bai-viet" / SAMPLE[1]).exists()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "output").rglob("*.html")]
    assert not any(SAMPLE[0] in text or "Bài mẫu" in text for text in texts)


def test_a_demo_deployment_keeps_samples_and_says_so(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="camera")
    result = run_pelican(content, tmp_path / "output", env={"PORTAL_DEMO": "yes"})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "output" / "bai-viet" / SAMPLE[1] / "index.html").read_text(encoding="utf-8")
    assert "Bài mẫu" in page


def test_a_standin_photo_stops_production_naming_article_line_and_photo(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="placeholder")
    result = run_pelican(content, tmp_path / "output")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, log
    line = article(REAL[0], body=PHOTO_BODY).splitlines().index("![Hội nghị]({static}anh.jpg)") + 1
    assert f"articles/2024/{REAL[1]}/index.md:{line}:" in log
    assert '"{static}anh.jpg"' in log
    assert "ảnh giữ chỗ" in log
    assert "[image-standin]" in log
    assert published_photos(tmp_path / "output") == []


def test_a_demo_deployment_publishes_placeholders(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="placeholder")
    result = run_pelican(content, tmp_path / "output", env={"PORTAL_DEMO": "yes"})
    assert result.returncode == 0, result.stderr
    assert published_photos(tmp_path / "output")


def test_a_sample_with_a_placeholder_does_not_stop_production_and_none_of_its_photos_ship(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="camera", sample_photo="placeholder")
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    digests = {p.name.split("-")[1] for p in published_photos(tmp_path / "output")}
    assert len(digests) == 1  # the real article's photo only


def test_a_development_build_shows_placeholders_without_complaint(tmp_path: Path) -> None:
    content = lay_out(tmp_path, real_photo="placeholder")
    build = build_site(tmp_path, content=content)
    assert [m for m in build.messages(logging.WARNING) if "image-standin" in m] == []
    assert published_photos(build.output)
