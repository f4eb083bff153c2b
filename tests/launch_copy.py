"""A copy of the project as the committee would launch it: samples deleted, real photos, identity filled.

The README's launch checklist, done by a program: copy the project (the working
tree as git sees it, modification times kept, so make does not reinstall
anything), delete every ``Sample: yes`` article and document from ``content/``
(`make remove-samples`),
copy a real (camera) photo over each stand-in, fill what ``content/data/site.toml``
leaves empty (identity, contact, the web editor's repository), and add two ordinary articles.

Used by tests/site/test_launch.py (``make publish`` in the copy) and by CI
(``.ci/run``: ``make test`` in the copy, which proves that the suite owns its content).

    python -m tests.launch_copy DESTINATION
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from bench.standin_photos import make_photo
from plugins.figures.core import EncoderSettings, probe
from tools.editor_tools.core import sample_folders

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ROOTS = ["articles", "van-ban"]  # ARTICLE_PATHS and DOCUMENTS_PATH
# Installed, not written: never copied, even where a link to them is not ignored by .gitignore's "dir/" rules.
ENVIRONMENT = {".venv", "node_modules"}
NEW_ARTICLES = {
    "articles/2026/hoi-nghi-so-ket-cong-tac-dang-6-thang-dau-nam-2026/index.md": (
        "Title: Hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2026\n"
        "Date: 2026-07-10 09:30\n"
        "Category: Hoạt động Đảng ủy Khối\n"
        "Tags: sơ kết, công tác Đảng\n"
        "Author: Hoàng Thị Hương\n"
        "Unit: Ban Tuyên giáo Đảng ủy Khối\n"
        "Summary: Đảng ủy Khối sơ kết công tác Đảng 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm.\n"
        "\n"
        "Sáng 10-7, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2026.\n"
        "\n"
        "Hội nghị đã thảo luận, thống nhất các nhiệm vụ trọng tâm 6 tháng cuối năm.\n"
    ),
    "articles/2026/tap-huan-cong-tac-dan-van-nam-2026/index.md": (
        "Title: Tập huấn công tác dân vận năm 2026\n"
        "Date: 2026-08-05 14:00\n"
        "Category: Dân vận\n"
        "Tags: dân vận, tập huấn\n"
        "Author: Nguyễn Văn Bình\n"
        "Unit: Ban Dân vận Đảng ủy Khối\n"
        "\n"
        "Chiều 5-8, Ban Dân vận Đảng ủy Khối tổ chức lớp tập huấn công tác dân vận cho cán bộ các chi bộ.\n"
    ),
}
# What the README's launch checklist asks an editor to fill in content/data/site.toml, with example values:
# (table, key) -> value.
SITE_DATA = {
    ("site", "responsible_person"): "Nguyễn Văn A",
    ("site", "responsible_role"): "Phó Bí thư Thường trực Đảng ủy Khối",
    ("site", "address"): "Số 2 đường Hùng Vương, phường Chi Lăng, thành phố Lạng Sơn",
    ("site", "phone"): "0205 3 812 345",
    ("site", "email"): "banbientap@langson.example",
    ("site", "working_hours"): "Sáng 7:30–11:30, chiều 13:30–16:30, thứ Hai đến thứ Sáu",
    ("site.en", "name"): "Party Committee of the Provincial Agencies Bloc of Lang Son",
    ("site.en", "functions"): "Leads the Party organisations of the provincial agencies.",
    ("site.en", "address"): "No. 2 Hung Vuong Street, Chi Lang Ward, Lang Son City, Viet Nam",
    ("site.en", "working_hours"): "Monday to Friday, 7:30–11:30 and 13:30–16:30",
    ("cms", "repo"): "dangukhoi-langson/cong-thong-tin",
}


def copy_project(destination: Path, source: Path = ROOT) -> None:
    """The files git tracks or would track (not .venv, output/, cache/), with their modification times."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    destination.mkdir(parents=True, exist_ok=True)
    archive = destination / ".copy.tar"
    with tarfile.open(archive, "w") as tar:
        for name in filter(None, (n.decode() for n in listed)):
            if name.split("/")[0] in ENVIRONMENT:
                continue
            if (source / name).is_file() or (source / name).is_symlink():
                tar.add(source / name, arcname=name, recursive=False)
    with tarfile.open(archive) as tar:
        tar.extractall(destination, filter="tar")
    archive.unlink()
    # A checkout, as a fork is: git lists its files (and a copy of this copy works the same way).
    subprocess.run(["git", "init", "-q"], cwd=destination, check=True)
    subprocess.run(["git", "add", "-A"], cwd=destination, check=True)


def remove_samples(content: Path) -> list[Path]:
    """What `make remove-samples` does: delete every sample article and document folder."""
    folders = sample_folders(content, SAMPLE_ROOTS)
    for folder in folders:
        shutil.rmtree(folder)
    return folders


def replace_standins(content: Path) -> list[Path]:
    """Copy a camera photo (same name, same size) over each stand-in, as an editor copies the real one."""
    replaced = []
    for path in sorted(content.rglob("*.jpg")):
        if probe(path, path.name, EncoderSettings()).standin:
            make_photo(path, (1600, 1067), "THAT", seed=len(replaced) + 7)
            replaced.append(path)
    return replaced


def fill_site_data(site_data: Path, values: dict[tuple[str, str], str] = SITE_DATA) -> None:
    """Give each empty ``key = ""`` of its ``[table]`` the value; comments and filled values stay as they are."""
    lines, table, unseen = site_data.read_text(encoding="utf-8").splitlines(keepends=True), "", set(values)
    for number, line in enumerate(lines):
        if header := re.match(r"^\[([\w.]+)\]\s*$", line):
            table = header.group(1)
        key, equals, value = (part.strip() for part in line.partition("="))
        if equals and (table, key) in unseen:
            unseen.discard((table, key))
            if value == '""':
                lines[number] = f'{key} = "{values[table, key]}"\n'
    if unseen:
        raise ValueError(f"{site_data}: no line for {sorted(unseen)}")
    site_data.write_text("".join(lines), encoding="utf-8")


def prepare(destination: Path) -> None:
    copy_project(destination)
    content = destination / "content"
    remove_samples(content)
    replace_standins(content)
    fill_site_data(content / "data" / "site.toml")
    for relative, text in NEW_ARTICLES.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    prepare(Path(sys.argv[1]))
