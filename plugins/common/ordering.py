"""Article order shared by every build.

Pelican lists source files as a set (order varies with PYTHONHASHSEED) and its
date sort keeps that order for equal dates; newest first, then by source path,
gives one order on every machine. A named function, not a lambda: settings are
pickled into Pelican's content cache, and a lambda cannot be.
"""

from __future__ import annotations

from typing import Any


def newest_first(article: Any) -> tuple[float, str]:
    """Sort key: newest first, ties broken by source path."""
    return (-article.date.timestamp(), article.source_path)
