"""``python -m tools.search_index OUTPUT [-s pelicanconf.py] [--cache-path DIR]``: index a built site.

With a settings file, prepared pages are kept under its CACHE_PATH (``cache/search-index/``
by default) so the next build prepares only the pages that changed.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from tools.search_index.pagefind import cache_folder, index_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.search_index", description=__doc__)
    parser.add_argument("output", type=Path, help="the folder Pelican wrote the site to")
    parser.add_argument("-s", "--settings", type=Path, help="pelicanconf.py/publishconf.py for SEARCH_INDEX_* values")
    parser.add_argument("--cache-path", type=Path, help="the cache folder given to pelican, if not the settings' own")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        print(f"{args.output}: chưa có trang web đã dựng (thiếu index.html); chạy pelican trước.", file=sys.stderr)
        return 2
    settings = runpy.run_path(str(args.settings)) if args.settings else {}
    cache_path = args.cache_path or settings.get("CACHE_PATH", DEFAULT_CONFIG["CACHE_PATH"])  # relative to the cwd
    cache = cache_folder(cache_path, args.settings) if args.settings else None
    summary = index_site(args.output, {k: v for k, v in settings.items() if k.startswith("SEARCH_INDEX_")}, cache)
    size = summary.bundle_bytes() / 1024
    print(
        f"Tìm kiếm: đã lập chỉ mục {summary.pages} trang (bài viết, văn bản…) → {summary.bundle} ({size:.0f} KiB); "
        f"{summary.reused} trang dùng lại bản chuẩn bị của lần dựng trước; "
        f"{summary.shards_reused}/{summary.shards} phần chỉ mục (theo năm) giữ nguyên, không phải lập lại"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
