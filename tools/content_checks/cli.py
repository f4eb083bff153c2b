"""Command line of ``make check``: read the site's settings, run every rule, print, set the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.settings import read_settings

from plugins.content_model.body import BodyLimits, markdown_options
from plugins.content_model.core import NOTICE_KEYS, reserved_slugs, theme_ids
from plugins.content_model.settings import Settings as ModelSettings
from plugins.documents.settings import Settings as DocumentsSettings
from plugins.figures.core import EncoderSettings
from plugins.figures.settings import Settings as FiguresSettings
from plugins.organisation.core import Rules as OrganisationRules
from plugins.organisation.settings import Settings as OrganisationSettings
from plugins.publish_checks.settings import withholds_hidden
from tools.content_checks.core import CheckConfig, check_content, markdown_files

ROOT = Path(__file__).resolve().parents[2]


def reserved(settings_file: Path, prefix: str) -> dict[str, str]:
    """Reserved slugs (``content_model.core.reserved_slugs``) of this settings file and of publishconf.py beside it.

    ``make check`` answers for both builds: production adds feeds (``feeds/``, a
    category ``all``), development keeps drafts (``ban-nhap/``).
    """
    found: dict[str, str] = {}
    for path in (settings_file, settings_file.with_name("publishconf.py")):
        if path.is_file():
            found = {**reserved_slugs(read_settings(str(path)), prefix), **found}
    return found


def config_from_settings(settings_file: Path, content: Path | None) -> CheckConfig:
    """The checker's view of pelicanconf.py (paths, URL patterns, photo limits)."""
    settings = read_settings(str(settings_file))
    model = ModelSettings.of(settings)
    figures = FiguresSettings.of(settings)
    photos = EncoderSettings.from_settings(figures)
    org = OrganisationSettings.of(settings)
    documents = DocumentsSettings.of(settings)
    return CheckConfig(
        content=(content or Path(settings["PATH"])).resolve(),
        article_paths=tuple(settings["ARTICLE_PATHS"]),
        page_paths=tuple(settings["PAGE_PATHS"]),
        static_paths=tuple(settings["STATIC_PATHS"]),
        ignore_files=tuple(settings["IGNORE_FILES"]),
        path_metadata=settings["PATH_METADATA"],
        data_file=model.CONTENT_MODEL_DATA_FILE,
        article_url=settings["ARTICLE_URL"],
        category_url=settings["CATEGORY_URL"],
        max_photo_bytes=figures.FIGURES_MAX_PHOTO_BYTES,
        photo_settings=photos,
        documents_path=documents.DOCUMENTS_PATH,
        max_attachment_bytes=documents.DOCUMENTS_MAX_BYTES,
        organisation_file=org.ORGANISATION_DATA_FILE,
        organisation_rules=OrganisationRules.from_settings(
            org, photos, max_photo_bytes=figures.FIGURES_MAX_PHOTO_BYTES
        ),
        body_limits=BodyLimits.from_settings(model),
        markdown=markdown_options(settings["MARKDOWN"]),
        reserved_page_slugs=reserved(settings_file, "PAGE"),
        reserved_category_slugs=reserved(settings_file, "CATEGORY"),
        theme_ids=theme_ids(Path(settings["THEME"]) / "templates"),
        with_future_dates=bool(settings["WITH_FUTURE_DATES"]),
        withhold_hidden=withholds_hidden(settings),
        include_samples=model.CONTENT_MODEL_INCLUDE_SAMPLES,
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
