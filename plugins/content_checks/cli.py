"""Command line of ``make check``: read the site's settings, run every rule, print, set the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.settings import read_settings

from plugins.common.settings import merged
from plugins.content_checks.core import CheckConfig, check_content, markdown_files
from plugins.content_checks.settings import DEFAULTS
from plugins.content_model.core import NOTICE_KEYS
from plugins.content_model.settings import DEFAULTS as MODEL_DEFAULTS
from plugins.documents.settings import DEFAULTS as DOCUMENTS_DEFAULTS
from plugins.figures.core import EncoderSettings
from plugins.figures.settings import DEFAULTS as FIGURES_DEFAULTS
from plugins.organisation.core import Rules as OrganisationRules
from plugins.organisation.settings import DEFAULTS as ORGANISATION_DEFAULTS
from plugins.publish_checks.settings import withholds_hidden

ROOT = Path(__file__).resolve().parents[2]


def config_from_settings(settings_file: Path, content: Path | None) -> CheckConfig:
    """The checker's view of pelicanconf.py (paths, URL patterns, photo limits)."""
    settings = read_settings(str(settings_file))
    ours = merged(DEFAULTS, settings, "CONTENT_CHECKS_")
    model = merged(MODEL_DEFAULTS, settings, "CONTENT_MODEL_")
    photos = EncoderSettings.from_settings(merged(FIGURES_DEFAULTS, settings, "FIGURES_"))
    org = merged(ORGANISATION_DEFAULTS, settings, "ORGANISATION_")
    return CheckConfig(
        content=(content or Path(settings["PATH"])).resolve(),
        article_paths=tuple(settings["ARTICLE_PATHS"]),
        page_paths=tuple(settings["PAGE_PATHS"]),
        static_paths=tuple(settings["STATIC_PATHS"]),
        ignore_files=tuple(settings["IGNORE_FILES"]),
        path_metadata=settings["PATH_METADATA"],
        data_file=model["CONTENT_MODEL_DATA_FILE"],
        article_url=settings["ARTICLE_URL"],
        category_url=settings["CATEGORY_URL"],
        max_photo_bytes=ours["CONTENT_CHECKS_MAX_PHOTO_BYTES"],
        photo_settings=photos,
        documents_path=merged(DOCUMENTS_DEFAULTS, settings, "DOCUMENTS_")["DOCUMENTS_PATH"],
        organisation_file=org["ORGANISATION_DATA_FILE"],
        organisation_rules=OrganisationRules.from_settings(org, photos),
        with_future_dates=bool(settings["WITH_FUTURE_DATES"]),
        withhold_hidden=withholds_hidden(settings),
        include_samples=bool(model["CONTENT_MODEL_INCLUDE_SAMPLES"]),
        timezone=settings["TIMEZONE"],
    )


def main(argv: list[str] | None = None) -> int:
    """Print every problem as ``path:line: message [key]``; exit 1 when there is any error (notices do not count)."""
    parser = argparse.ArgumentParser(prog="make check", description="Kiểm tra toàn bộ nội dung (không dựng trang).")
    parser.add_argument("content", nargs="?", type=Path, help="thư mục nội dung (mặc định: PATH trong cấu hình)")
    parser.add_argument("-s", "--settings", type=Path, default=ROOT / "pelicanconf.py", help="tệp cấu hình Pelican")
    args = parser.parse_args(argv)
    config = config_from_settings(args.settings, args.content)
    found = check_content(config)
    for problem in found:
        print(problem)
    errors = [problem for problem in found if problem.key not in NOTICE_KEYS]  # notices never fail
    if errors:
        files = len({str(e.source) for e in errors})
        print(f"Có {len(errors)} lỗi trong {files} tệp. Hãy sửa rồi chạy lại: make check", file=sys.stderr)
        return 1
    checked = sum(1 for _ in markdown_files(config))
    notes = f" ({len(found)} ghi chú ở trên, không bắt buộc sửa)" if found else ""
    print(f"Không có lỗi{notes}: đã kiểm tra {checked} tệp trong {config.content}.", file=sys.stderr)
    return 0
