"""Defaults of the vi_text plugin (override any ``VI_TEXT_*`` in pelicanconf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from plugins.common.settings import PluginSettings


@dataclass(frozen=True)
class Settings(PluginSettings):
    """Every VI_TEXT_* setting, with its type and default (see plugins/common/settings.py)."""

    PREFIX: ClassVar[str] = "VI_TEXT_"

    # The portal prints article times as "21-01-2021 13:58" (day first, 24 h).
    VI_TEXT_DATETIME_FORMAT: str = "dd-MM-yyyy HH:mm"
    # Long date for lists and headers: "Thứ Năm, 21/01/2021".
    VI_TEXT_DATE_FORMAT: str = "EEEE, dd/MM/yyyy"
    # Archive headings: "Tháng 1 năm 2021".
    VI_TEXT_MONTH_FORMAT: str = "LLLL 'năm' y"
    VI_TEXT_LOCALE: str = "vi"
