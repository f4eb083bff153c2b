"""Command line: ``python -m tools.publish build|rollback`` (used by ``make publish`` and ``make rollback``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plugins.publish_checks.core import check_output
from plugins.publish_checks.settings import Settings as ChecksSettings
from tools.publish import core, hooks

ROOT = Path(__file__).resolve().parents[2]
EXIT_FAILED, EXIT_CHECKS_FAILED = 1, 2  # 1: build failed or nothing to roll back; 2: checks refused the build


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    layout = core.Layout(args.output)
    if args.command == "rollback":
        return _rollback(layout)
    return _build(layout, args.content, args.settings)


def _build(layout: core.Layout, content: Path, settings: Path) -> int:
    staging = layout.new_staging()
    print(f"Đang dựng bản xuất bản vào {staging} …", file=sys.stderr)
    try:
        record = hooks.build(settings, content, staging)
        problems = check_output(
            staging,
            siteurl=record.settings["SITEURL"],
            lang=record.settings["DEFAULT_LANG"],
            page_langs=ChecksSettings.of(record.settings).PUBLISH_CHECKS_PAGE_LANGS,
            withheld=record.withheld(),
            published_names=record.published_names(),
            rendered=record.rendered,
        )
    except Exception as exc:  # any failure of Pelican, a plugin or a check: nothing is published
        layout.reject(staging)
        _fail(layout, f"Dựng trang thất bại ({exc.__class__.__name__}: {exc}). Xem thông báo ở trên.")
        return EXIT_FAILED
    if problems:
        for problem in problems:
            print(f"ERROR: {problem}", file=sys.stderr)
        layout.reject(staging)
        _fail(layout, f"Kiểm tra sau khi dựng phát hiện {len(problems)} lỗi.")
        return EXIT_CHECKS_FAILED
    layout.promote(staging)
    previous = f" Bản trước: {layout.previous} (quay lại: make rollback)." if layout.previous.exists() else ""
    print(f"Đã xuất bản vào {layout.output} ({len(record.written)} bài/trang).{previous}", file=sys.stderr)
    return 0


def _fail(layout: core.Layout, reason: str) -> None:
    print(
        f"KHÔNG XUẤT BẢN: {reason} {layout.output} giữ nguyên; bản dựng lỗi để xem ở {layout.failed}.",
        file=sys.stderr,
    )


def _rollback(layout: core.Layout) -> int:
    try:
        layout.rollback()
    except core.PublishError as exc:
        print(f"KHÔNG QUAY LẠI ĐƯỢC: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Đã quay lại bản dựng trước: {layout.output} (bản vừa thay ở {layout.previous}).", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.publish", description=__doc__)
    parser.add_argument("--output", type=Path, default=Path("output"), help="live folder (default: output)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build with publishconf.py, check, then swap into output/")
    build.add_argument("--content", type=Path, default=ROOT / "content")
    build.add_argument("--settings", type=Path, default=ROOT / "publishconf.py")
    commands.add_parser("rollback", help="swap output.prev/ back into output/")
    return parser


if __name__ == "__main__":
    sys.exit(main())
