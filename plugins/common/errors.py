"""One error type for every problem an editor can cause.

Every message names the source file (and line where one is known) so that an
editor can find the problem; the text is Vietnamese, with a short English key
in brackets for developers and for grepping logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it lies below it (shorter, clickable)."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@dataclass
class ContentError(Exception):
    """A problem in content that an editor must fix.

    ``key`` is a stable English identifier (``unknown-category``), ``message``
    the Vietnamese explanation, ``source`` the file and ``line`` the 1-based
    line in it (``None`` when the problem is not tied to one line).
    """

    key: str
    message: str
    source: str | Path | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} [{self.key}]"

    def location(self) -> str:
        """``path:line`` (or just ``path``) as compilers print it."""
        if self.source is None:
            return "(không rõ tệp)"
        path = display_path(self.source)
        return path if self.line is None else f"{path}:{self.line}"

    def with_source(self, source: str | Path) -> ContentError:
        """Attach a file to an error raised by code that only saw text."""
        return ContentError(self.key, self.message, source, self.line)


class ContentErrors(Exception):
    """Several problems in one file, reported together so an editor fixes them in one pass."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def raise_if_any(errors: list[ContentError]) -> None:
    """Raise the single error, or all of them together; do nothing for none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ContentErrors(errors)
