"""`python -m tools.publish build|rollback` (what `make publish`/`make rollback` run) on tiny sites.

Each build is the real command in a subprocess, with publishconf.py: a fresh staging
folder, the post-build checks, then the atomic swap.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, article, soon, write_content

SITEURL = "https://portal.test"

# Strings that belong only to content that must not be published.
SECRETS = {
    "draft": ("Bản nháp tuyệt mật Alpha", "ban-nhap-tuyet-mat-alpha"),
    "hidden": ("Tin ẩn tuyệt mật Beta", "tin-an-tuyet-mat-beta"),
    "future": ("Tin tương lai tuyệt mật Gamma", "tin-tuong-lai-tuyet-mat-gamma"),
    "sample": ("Bài mẫu tuyệt mật Delta", "bai-mau-tuyet-mat-delta"),
}
SECRET_TAG, SECRET_TAG_SLUG = "Từ khóa kín Zeta", "tu-khoa-kin-zeta"
SECRET_AUTHOR, SECRET_AUTHOR_SLUG = "Tác Giả Kín Eta", "tac-gia-kin-eta"


def jpeg(width: int = 800, height: int = 600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (160, 30, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def site_files() -> dict[str, str | bytes]:
    """Two published articles with the same date (ordering must still be stable), a page, and withheld content."""
    draft_title, draft_slug = SECRETS["draft"]
    hidden_title, hidden_slug = SECRETS["hidden"]
    future_title, future_slug = SECRETS["future"]
    sample_title, sample_slug = SECRETS["sample"]
    related = ", ".join([draft_slug, hidden_slug, future_slug])
    secret_meta = {"Tags": SECRET_TAG}
    return {
        "articles/2024/tin-cong-khai-a/index.md": article(
            "Tin công khai A", Tags="hội nghị, tuyên giáo", Related=f"tin-cong-khai-b, {related}"
        ),
        "articles/2024/tin-cong-khai-b/index.md": article("Tin công khai B", category="Tuyên giáo", Tags="hội nghị"),
        "articles/2024/tin-cong-khai-b/anh-1.jpg": jpeg(),
        "pages/lich-su.md": "Title: Lịch sử\n\nGiới thiệu Đảng ủy Khối.\n",
        f"articles/2024/{draft_slug}/index.md": article(draft_title, Status="draft", **secret_meta)
        .replace("Nguyễn Văn A", SECRET_AUTHOR)
        .replace("Nội dung bài viết.", "![Ảnh nháp](anh-1.jpg)"),
        f"articles/2024/{draft_slug}/anh-1.jpg": jpeg(),
        f"articles/2024/{hidden_slug}/index.md": article(hidden_title, Status="hidden", **secret_meta),
        f"articles/2099/{future_slug}/index.md": article(future_title, date=soon(), **secret_meta),
        f"articles/2024/{sample_slug}/index.md": article(sample_title, Sample="yes", **secret_meta),
    }


def settings_without_cms(folder: Path) -> Path:
    """publishconf.py as a real deployment uses it (samples off by default), without the editors' admin app."""
    path = folder / "publishconf_test.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa: F403\n"
        "CMS_ADMIN_ENABLED = False  # the editor app is not what is tested here\n",
        encoding="utf-8",
    )
    return path


def publish(output: Path, *args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITEURL": SITEURL, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "tools.publish", "--output", str(output), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def build(folder: Path, content: Path, *, seed: str = "0") -> subprocess.CompletedProcess[str]:
    settings = settings_without_cms(folder)
    return publish(folder / "output", "build", "--content", str(content), "--settings", str(settings), seed=seed)


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def readable(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("publish")
    write_content(folder / "content", site_files())
    return folder, build(folder, folder / "content", seed="1")


def test_publish_succeeds_and_swaps_the_build_in(site):
    folder, result = site
    assert result.returncode == 0, result.stderr
    assert "Tin công khai A" in (folder / "output" / "bai-viet" / "tin-cong-khai-a" / "index.html").read_text()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("output")) == ["output"]


@pytest.mark.parametrize("kind", sorted(SECRETS))
def test_withheld_articles_appear_nowhere_in_the_output(site, kind):
    """Drafts, hidden, future-dated and (samples off) sample articles: not pages, feeds, sitemap, lists, search."""
    folder, result = site
    assert result.returncode == 0, result.stderr
    output = folder / "output"
    files = [p for p in output.rglob("*") if p.is_file()]
    assert {"sitemap.xml", "all.atom.xml", "all.rss.xml"} <= {p.name for p in files}
    assert any(p.parts[-2] == "pagefind" or "pagefind" in p.parts for p in files), "search index is part of the grep"
    secrets = [*SECRETS[kind], SECRET_TAG, SECRET_TAG_SLUG, SECRET_AUTHOR, SECRET_AUTHOR_SLUG]
    for path in files:
        text = f"{path.relative_to(output).as_posix()}\n{readable(path)}"
        found = [s for s in secrets if s in text]
        assert not found, f"{found} leaked into {path.relative_to(output)}"
    assert not (output / "drafts").exists()
    assert not (output / "ban-nhap").exists()


def test_grep_would_see_published_titles(site):
    """The leak grep above is meaningful: published titles and slugs are found by the same reading."""
    folder, _ = site
    output = folder / "output"
    everything = "\n".join(readable(p) for p in output.rglob("*") if p.is_file())
    for needle in ("Tin công khai A", "tin-cong-khai-b", "Nguyễn Văn A"):
        assert needle in everything
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml", "sitemap.xml"):
        assert "tin-cong-khai-a" in (output / feed).read_text()


def test_two_builds_of_one_commit_are_byte_identical(site, tmp_path):
    """Another checkout path, another output path, another hash seed: the same bytes."""
    folder, first = site
    assert first.returncode == 0, first.stderr
    shutil.copytree(folder / "content", tmp_path / "checkout" / "content")
    second = build(tmp_path, tmp_path / "checkout" / "content", seed="2")
    assert second.returncode == 0, second.stderr
    a, b = digest(folder / "output"), digest(tmp_path / "output")
    assert len(a) > 20
    assert any(name.startswith("pagefind/filter/") for name in a)  # the search index, filters included
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_failed_build_or_check_leaves_output_unchanged_and_rollback_restores(tmp_path):
    content = tmp_path / "content"
    files = site_files()
    write_content(content, files)
    first = build(tmp_path, content)
    assert first.returncode == 0, first.stderr
    version_1 = digest(tmp_path / "output")

    (content / "articles/2024/tin-cong-khai-b/index.md").write_text(article("Tin công khai B, bản sửa"), "utf-8")
    second = build(tmp_path, content)
    assert second.returncode == 0, second.stderr
    version_2 = digest(tmp_path / "output")
    assert version_2 != version_1

    broken = content / "articles/2024/bai-loi/index.md"
    broken.parent.mkdir()
    broken.write_text(article("Bài lỗi", date="hôm qua"), encoding="utf-8")
    failed = build(tmp_path, content)
    assert failed.returncode == 1
    assert "bai-loi/index.md" in failed.stderr
    assert "KHÔNG XUẤT BẢN" in failed.stderr
    assert digest(tmp_path / "output") == version_2
    assert (tmp_path / "output.failed").is_dir()

    # Pelican builds this fine; the post-build checks refuse it: a dead link, and the title of a
    # sample article (samples are off) quoted in a published one.
    body = f"Xem [bài cũ](/bai-viet/khong-ton-tai/) và bài “{SECRETS['sample'][0]}”."
    broken.write_text(article("Bài có liên kết hỏng", body=body), "utf-8")
    rejected = build(tmp_path, content)
    assert rejected.returncode == 2
    assert "/bai-viet/khong-ton-tai/" in rejected.stderr
    assert "[broken-link]" in rejected.stderr
    assert f"articles/2024/{SECRETS['sample'][1]}/index.md" in rejected.stderr
    assert "[withheld-content-leaked]" in rejected.stderr
    assert digest(tmp_path / "output") == version_2
    assert not list(tmp_path.glob("output.staging-*"))

    assert publish(tmp_path / "output", "rollback").returncode == 0
    assert digest(tmp_path / "output") == version_1
    assert publish(tmp_path / "output", "rollback").returncode == 0
    assert digest(tmp_path / "output") == version_2
