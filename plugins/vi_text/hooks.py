"""Expose vi_text's functions to templates as Jinja filters; the theme's UI strings fail loudly."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from plugins.common.theme_strings import add_theme_string_check, forget_failures, raise_kept_failure
from plugins.vi_text import core
from plugins.vi_text.settings import Settings


def jinja_filters(site_settings: dict[str, Any]) -> dict[str, Any]:
    """The filters, bound to the site's formats."""
    cfg = Settings.of(site_settings)
    locale = cfg.VI_TEXT_LOCALE

    def fmt(pattern: str) -> Any:
        return partial(_format, pattern=pattern, locale=locale)

    return {
        "vi_datetime": fmt(cfg.VI_TEXT_DATETIME_FORMAT),
        "vi_date": fmt(cfg.VI_TEXT_DATE_FORMAT),
        "vi_month": fmt(cfg.VI_TEXT_MONTH_FORMAT),
        "vi_format": lambda value, pattern: _format(value, pattern, locale),
        "fold": core.fold,
    }


def _format(value: datetime, pattern: str, locale: str) -> str:
    return core.format_datetime(value, pattern, locale)


def add_jinja_filters(generator: Any) -> None:
    """``generator_init`` handler: every generator renders with the same filters."""
    generator.env.filters.update(jinja_filters(generator.settings))


def check_theme_strings(generator: Any) -> None:
    """``generator_init``: a ``t(key)`` without text stops the build instead of rendering nothing."""
    forget_failures()  # every generator starts before any reads: nothing of this build is lost
    add_theme_string_check(generator.env)


def stop_on_swallowed_theme_string(_generators: Any) -> None:
    """``all_generators_finalized``: a missing string in a partial rendered while reading stops the build here."""
    raise_kept_failure()
