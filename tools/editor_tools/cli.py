"""Command line of ``make new``: read the site's settings, scaffold the article, tell the editor what next."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

from plugins.common.errors import ContentError, ContentErrors
from plugins.content_model.core import load_site_data
from plugins.content_model.settings import Settings as ModelSettings
from plugins.documents.settings import Settings as DocumentsSettings
from tools.editor_tools.core import NewArticle, create_article, sample_folders

ROOT = Path(__file__).resolve().parents[2]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.editor_tools", description="Công cụ cho biên tập viên.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="tạo bài viết mới")
    new.add_argument("title", help="tiêu đề bài viết (có dấu)")
    new.add_argument("--category", default="", help="tên chuyên mục (mặc định: chuyên mục đầu tiên)")
    new.add_argument("--author", default="", help="tác giả (mặc định: đơn vị chịu trách nhiệm trong site.toml)")
    new.add_argument("--unit", default="", help="đơn vị của tác giả (ví dụ: Ban Tuyên giáo Đảng ủy Khối)")
    new.add_argument("--content", type=Path, help="thư mục nội dung (mặc định: PATH trong cấu hình)")
    new.add_argument("-s", "--settings", type=Path, default=ROOT / "pelicanconf.py", help="tệp cấu hình Pelican")
    samples = commands.add_parser("remove-samples", help="xóa mọi bài viết và văn bản mẫu (Sample: yes)")
    samples.add_argument("--content", type=Path, help="thư mục nội dung (mặc định: PATH trong cấu hình)")
    samples.add_argument("-s", "--settings", type=Path, default=ROOT / "pelicanconf.py", help="tệp cấu hình Pelican")
    samples.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa")
    return parser.parse_args(argv)


def new_article(args: argparse.Namespace) -> tuple[Path, str]:
    """Scaffold one article with the site's categories, time zone and article folder; return it and its draft URL."""
    settings = read_settings(str(args.settings))
    content = (args.content or Path(settings["PATH"])).resolve()
    data_file = ModelSettings.of(settings).CONTENT_MODEL_DATA_FILE
    site = load_site_data(content / data_file)
    category = site.category_named(args.category.strip(), "make new", None) if args.category.strip() else None
    new = NewArticle(
        title=args.title,
        when=datetime.now(ZoneInfo(settings["TIMEZONE"])),
        category=(category or site.categories[0]).name,
        author=args.author.strip() or site.site.get("responsible", ""),
        unit=args.unit.strip(),
    )
    path = create_article(content, settings["ARTICLE_PATHS"][0], new)
    return path, settings["DRAFT_URL"].format(slug=path.parent.name)


def remove_samples(args: argparse.Namespace) -> int:
    """Delete (or list, with --dry-run) every sample article and document folder."""
    settings = read_settings(str(args.settings))
    content = (args.content or Path(settings["PATH"])).resolve()
    roots = [*settings["ARTICLE_PATHS"], DocumentsSettings.of(settings).DOCUMENTS_PATH]
    folders = sample_folders(content, roots)
    for folder in folders:
        if not args.dry_run:
            shutil.rmtree(folder)
        print(f"{'Sẽ xóa' if args.dry_run else 'Đã xóa'}: {folder.relative_to(content)}")
    print(
        f"{len(folders)} bài/văn bản mẫu.{' Chạy lại không có --dry-run để xóa.' if args.dry_run and folders else ''}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "remove-samples":
        return remove_samples(args)
    try:
        path, draft_url = new_article(args)
    except (ContentError, ContentErrors) as exc:  # ContentErrors: several categories at fault
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã tạo bài viết mới: {path}")
    print("Tiếp theo: mở tệp, sửa chuyên mục, tác giả, tóm tắt, viết nội dung; đặt ảnh cùng thư mục.")
    print(f"Xem trước: make devserver, rồi mở http://localhost:8000/{draft_url}")
    print("Khi xong: đổi “Status: draft” thành “Status: published”, chạy make check rồi gửi bài.")
    return 0
