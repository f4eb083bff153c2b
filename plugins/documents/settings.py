"""Defaults of the documents plugin ("Văn bản"; override any ``DOCUMENTS_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every DOCUMENTS_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "DOCUMENTS_"

    # Where editors keep documents, relative to PATH: <folder>/YYYY/<slug>/index.md + the attachment.
    # Outside ARTICLE_PATHS/PAGE_PATHS/STATIC_PATHS, so Pelican itself never reads or copies these files.
    DOCUMENTS_PATH: str = "van-ban"
    # Addresses (ASCII Vietnamese words, one folder per page, like the rest of the site).
    DOCUMENTS_INDEX_URL: str = "van-ban/"
    DOCUMENTS_URL: str = "van-ban/{slug}/"
    DOCUMENTS_TYPE_URL: str = "van-ban/loai/{slug}/"
    DOCUMENTS_YEAR_URL: str = "van-ban/nam/{year}/"
    # Attachments are published here under content-hash names (a corrected file gets a new address,
    # so no reader or cache ever keeps the old version under the same name).
    DOCUMENTS_FILES_URL: str = "van-ban/tep/"
    # Formats an editor may attach (lower-case extensions). PDF is what readers open everywhere;
    # DOCX for plans and forms that units fill in.
    DOCUMENTS_FORMATS: tuple[str, ...] = ("pdf", "docx")
    # A scanned 30-page resolution at 300 dpi is ~10 MB; anything heavier is an unoptimised scan.
    DOCUMENTS_MAX_BYTES: int = 20 * 1024 * 1024
    # How many documents the home page block "Văn bản mới" lists.
    DOCUMENTS_HOME_COUNT: int = 5
