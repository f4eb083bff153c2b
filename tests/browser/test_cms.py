"""The web editor end to end: /admin/ against `decap-server`, an article written in the UI, then built.

The offline editor (`make cms`) is Decap CMS; the live one (Sveltia CMS, GitHub sign-in)
is checked in test_cms_live.py up to its sign-in screen.

Runs Decap CMS from node_modules exactly as `make cms` does, on a throwaway
copy of the content folder, so the repository is never touched.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.fixtures import DESKTOP, PHONE, require, screenshot, serve
from tests.conftest import ROOT, SEED_DIR, article, build_site, write_content
from tools.content_checks.cli import config_from_settings
from tools.content_checks.core import check_content

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
TITLE = "Đảng ủy Khối tổ chức Hội nghị: tổng kết công tác kiểm tra năm 2026"
SLUG = "dang-uy-khoi-to-chuc-hoi-nghi-tong-ket-cong-tac-kiem-tra-nam-2026"
SUMMARY = (
    "Sáng 25/11, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị: tổng kết công tác kiểm tra, giám sát"
    " năm 2026 và triển khai nhiệm vụ năm 2027."
)
CAPTION = "Các đại biểu dự hội nghị tổng kết"
UPLOAD_LIMIT = 200_000  # bytes; lowered so that a small test photo can exceed it


@dataclass
class Cms:
    repo: Path  # what decap-server sees as the git working tree
    url: str  # /admin/ served over HTTP


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_proxy(api: str, process: subprocess.Popen) -> None:
    """Block until decap-server answers (it needs a second or two to start)."""
    request = urllib.request.Request(
        api, data=json.dumps({"action": "info"}).encode(), headers={"Content-Type": "application/json"}
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"decap-server exited: {process.stdout.read() if process.stdout else ''}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.load(response).get("type") == "local_fs":
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("decap-server did not answer within 30 s")


@pytest.fixture(scope="module")
def cms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cms]:
    """A content folder with one older article, /admin/ built for it, and decap-server on it."""
    require(DECAP_SERVER.exists(), "decap-server missing: run `make node` (npm ci)")
    repo = tmp_path_factory.mktemp("cms-repo")
    seed = (SEED_DIR / "index.md").read_text(encoding="utf-8")
    files: dict[str, str | bytes] = {
        "articles/2025/bai-cu/index.md": article("Bài cũ về công tác kiểm tra"),
        # The real seed article, minus its Related: line (it names sample articles this folder lacks).
        f"articles/2021/{SEED_DIR.name}/index.md": re.sub(r"^Related:.*\n", "", seed, flags=re.M),
    }
    for photo in SEED_DIR.glob("*.jpg"):
        files[f"articles/2021/{SEED_DIR.name}/{photo.name}"] = photo.read_bytes()
    write_content(repo / "content", files)
    port = _free_port()
    api = f"http://localhost:{port}/api/v1"
    build = build_site(
        repo / "build",
        content=repo / "content",
        CMS_ADMIN_APP="decap",  # as `make cms` builds it: Decap, for decap-server
        CMS_ADMIN_LOCAL_BACKEND_URL=api,
        FIGURES_MAX_PHOTO_BYTES=UPLOAD_LIMIT,
    )
    environment = {**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(repo), "MODE": "fs"}
    process = subprocess.Popen(
        [str(DECAP_SERVER)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    server, url = serve(build.output)
    try:
        _wait_for_proxy(api, process)
        yield Cms(repo, f"{url}/admin/")
    finally:
        server.shutdown()
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def editor(browser, cms):
    """A logged-in editor's page (Vietnam time zone, as at the office), and every non-local request it made."""
    context = browser.new_context(viewport=DESKTOP, timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(_LOCAL) else None)
    page.goto(cms.url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bài viết", exact=True).first.wait_for()
    yield page, outside
    context.close()


_LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:")


def test_admin_is_vietnamese_and_loads_nothing_from_outside(editor):
    page, outside = editor
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_text("Bài cũ về công tác kiểm tra").wait_for()  # a hand-written article, listed by its title
    assert page.get_by_text("Bộ sưu tập").is_visible()  # Decap's own UI in its Vietnamese locale
    screenshot(page, "cms-collection-desktop")
    assert outside == []


def test_admin_on_a_phone_still_opens(browser, cms):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(cms.url)
    page.get_by_role("button", name="Đăng nhập").wait_for()
    screenshot(page, "cms-login-phone")
    context.close()


def _write_article(page, photo: Path) -> None:
    """Fill every field an editor uses, insert a captioned photo, publish."""
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Chuyên mục").click()
    page.get_by_text("Kiểm tra, giám sát", exact=True).click()
    page.get_by_label("Từ khóa").fill("hội nghị, kiểm tra, giám sát")
    page.get_by_label("Tác giả").fill("Nguyễn Văn A")
    page.get_by_label("Tóm tắt").fill(SUMMARY)
    page.get_by_label("Tin liên quan").fill("bai-cu")
    body = page.locator("[data-slate-editor]")
    body.click()
    page.keyboard.type("Hội nghị đã đánh giá kết quả công tác kiểm tra, giám sát năm 2026.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add Component").click()
    page.get_by_text("Ảnh có chú thích", exact=True).click()
    body.get_by_role("button", name="Chọn một hình").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Tải lên").first.click()
    chooser.value.set_files(str(photo))
    page.get_by_text(photo.name).wait_for()
    page.wait_for_timeout(500)  # let the thumbnail paint before the guide's screenshot
    screenshot(page, "cms-media-desktop")
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_label("Mô tả ảnh").fill("Đại biểu dự hội nghị")
    page.get_by_label("Chú thích ảnh").fill(CAPTION)
    screenshot(page, "cms-editor-desktop")
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    page.wait_for_url(lambda url: not url.endswith("/new"))


def test_article_written_in_the_editor_builds_like_a_hand_written_one(editor, cms, tmp_path):
    page, outside = editor
    photo = tmp_path / "anh-hoi-nghi.jpg"
    Image.new("RGB", (640, 427), (180, 40, 40)).save(photo, quality=80)
    page.goto(cms.url + "#/collections/articles/new")
    _write_article(page, photo)

    [folder] = (cms.repo / "content" / "articles").glob(f"*/{SLUG}")  # the year of today's date
    saved = (folder / "index.md").read_text(encoding="utf-8")
    assert saved.startswith(f"Title: {TITLE}\n")  # the header an editor types by hand, not YAML
    assert "\nTags: hội nghị, kiểm tra, giám sát\n" in saved
    assert f"\nSummary: {SUMMARY}\n" in saved  # one line, however long
    assert (folder / "anh-hoi-nghi.jpg").is_file()  # the photo beside index.md
    assert "![Đại biểu dự hội nghị]({static}anh-hoi-nghi.jpg)\n/// caption\n" + CAPTION + "\n///" in saved

    content = cms.repo / "content"
    assert check_content(config_from_settings(ROOT / "pelicanconf.py", content)) == []
    built = build_site(tmp_path / "site", content=content)
    assert built.messages(logging.ERROR) == []
    page_html = built.html(f"bai-viet/{SLUG}/")
    assert page_html.find("h1").get_text(" ", strip=True) == TITLE
    assert page_html.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    assert page_html.select_one("figure figcaption").get_text(strip=True) == CAPTION
    tags = {a.get_text(strip=True) for a in page_html.select("a[href*='the/']")}
    assert {"hội nghị", "kiểm tra", "giám sát"} <= tags
    assert "Bài cũ về công tác kiểm tra" in page_html.select_one("section.related").get_text()
    assert built.html("chuyen-muc/kiem-tra-giam-sat/").find(string=lambda s: s and TITLE in s)
    assert outside == []
    shutil.rmtree(folder)  # leave the module's content folder as the other tests expect it


def written_file(path: Path, before: str, timeout: float = 15) -> str:
    """The file's text once decap-server has rewritten it: changed, and the same in two reads in a row.

    The server writes after the browser's request returns, and not atomically: a read
    in between can see half a file.
    """
    deadline = time.monotonic() + timeout
    previous = before
    while time.monotonic() < deadline:
        time.sleep(0.2)
        current = path.read_text(encoding="utf-8")
        if current != before and current == previous:
            return current
        previous = current
    return path.read_text(encoding="utf-8")


def test_editing_a_hand_written_article_changes_only_the_edited_line(editor, cms):
    page, outside = editor
    path = cms.repo / "content" / "articles" / "2021" / SEED_DIR.name / "index.md"
    before = path.read_text(encoding="utf-8")
    page.get_by_text("Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị tổng kết", exact=False).first.click()
    assert page.get_by_label("Tác giả").input_value() == "Hoàng Thị Hương"
    assert page.get_by_label("Từ khóa").input_value().startswith("dư luận xã hội, cộng tác viên")
    page.get_by_label("Đơn vị").fill("Ban Tuyên giáo")
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Công bố ngay").wait_for(state="hidden")
    after = written_file(path, before)
    path.write_text(before, encoding="utf-8")  # leave the module's content as the other tests expect it
    changed = [(old, new) for old, new in zip(before.split("\n"), after.split("\n"), strict=True) if old != new]
    assert changed == [("Unit: Ban Tuyên giáo Đảng ủy Khối", "Unit: Ban Tuyên giáo")]
    assert outside == []


def test_too_heavy_photo_is_refused_at_upload(editor, cms, tmp_path):
    page, _outside = editor
    heavy = tmp_path / "anh-nang.png"
    Image.effect_noise((400, 400), 100).convert("RGB").save(heavy)  # noise does not compress: > 200 kB
    assert heavy.stat().st_size > UPLOAD_LIMIT
    messages: list[str] = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.goto(cms.url + "#/collections/articles/new")
    page.get_by_role("button", name="Chọn một hình").first.click()  # the cover: the first photo field
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Tải lên").first.click()
    chooser.value.set_files(str(heavy))
    page.get_by_role("button", name="Lấy những cái đã chọn").wait_for()
    assert len(messages) == 1
    assert str(UPLOAD_LIMIT // 1000) in messages[0]
    assert not list(cms.repo.rglob(heavy.name))
