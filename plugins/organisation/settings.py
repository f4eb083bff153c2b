"""Defaults of the organisation plugin ("Giới thiệu"; override any ``ORGANISATION_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every ORGANISATION_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "ORGANISATION_"

    # The data file, relative to PATH. Leaders' photos live beside it (e.g. data/lanh-dao/<file>.jpg).
    # No file: no section and no menu link (a tiny test site, or a portal that does not want one).
    ORGANISATION_DATA_FILE: str = "data/to-chuc.toml"
    # The four pages (ASCII Vietnamese words, one folder per page, like the rest of the site).
    ORGANISATION_URL: str = "gioi-thieu/"
    ORGANISATION_LEADERS_URL: str = "gioi-thieu/lanh-dao/"
    ORGANISATION_STRUCTURE_URL: str = "gioi-thieu/co-cau-to-chuc/"
    ORGANISATION_UNITS_URL: str = "gioi-thieu/don-vi-truc-thuoc/"
    # The leadership bodies a leader may belong to ("body" in the file), in the order they are shown.
    ORGANISATION_BODIES: tuple[str, ...] = ("Ban Thường vụ", "Ban Chấp hành")
    # Kinds of member Party organisation ("kind" of a [[units]] entry).
    ORGANISATION_UNIT_KINDS: tuple[str, ...] = ("Đảng bộ cơ sở", "Chi bộ cơ sở")
    # Leaders' portraits: cropped to this aspect ratio (width, height) at these widths (CSS px × 1, × 2).
    ORGANISATION_PORTRAIT_RATIO: tuple[int, int] = (3, 4)
    ORGANISATION_PORTRAIT_WIDTHS: tuple[int, ...] = (160, 320)
    # `sizes` of a portrait: the card's photo column (site.css .leader__photo).
    ORGANISATION_PORTRAIT_SIZES: str = "8rem"
