"""A UI string the theme asks for and does not have stops the build, naming the key and the template.

Every UI string lives in ``theme/templates/macros/i18n.html`` behind ``t(key)``. A key
missing there used to render as empty text: a button without a label, an empty
heading, noticed by nobody. The macro now calls ``theme_string_missing(key, lang)``
for such a key, which raises ``ThemeStringMissing``; Pelican stops with it (exit 1),
``make publish`` too. The template and line are read from the Jinja frames on the
call stack (compiled templates carry ``__jinja_template__``), so the message points
at the ``t(...)`` call rather than at the macro.

A page template's failure propagates out of Pelican at once. A partial rendered while
an article is read (media_embeds' video and photo-story intros) is different: Pelican
catches every exception there, logs only "Could not process <file>" and builds on
without the article. So each failure is also kept (``_FAILURES``, per process, reset
when a build's generators start) and ``raise_kept_failure`` raises it again once
every generator has finished reading.
"""

from __future__ import annotations

import inspect
from types import FrameType
from typing import Any, NoReturn

STRINGS_FILE = "theme/templates/macros/i18n.html"
DICTS = {"vi": "STRINGS", "en": "STRINGS_EN"}


class ThemeStringMissing(Exception):
    """``t(key)`` found no text for ``key``: a theme bug, so the build stops (one picklable message)."""


_FAILURES: list[ThemeStringMissing] = []


def caller_template(frame: FrameType | None) -> str:
    """``template:line`` of the innermost template on the stack other than the strings file itself."""
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        name = getattr(template, "name", None) or ""
        if template is not None and not name.endswith("macros/i18n.html"):
            return f"theme/templates/{name}:{template.get_corresponding_lineno(frame.f_lineno)}"
        frame = frame.f_back
    return "theme/templates/?"


def theme_string_missing(key: Any, lang: Any = "vi") -> NoReturn:
    """Called by the ``t`` macro for a key it has no text for; never returns."""
    here = inspect.currentframe()
    where = caller_template(here.f_back if here else None)
    table = DICTS.get(str(lang), f"a {lang!r} dict (none exists)")
    failure = ThemeStringMissing(
        f"{where}: t({str(key)!r}, {str(lang)!r}) has no text; add the key to {table} in {STRINGS_FILE} "
        f"(thiếu chữ giao diện: thêm khóa vào {STRINGS_FILE}) [theme-string-missing]"
    )
    _FAILURES.append(failure)
    raise failure


def forget_failures() -> None:
    """A new build (``make devserver`` rebuilds in one process) starts with none kept."""
    _FAILURES.clear()


def raise_kept_failure() -> None:
    """Raise again the first failure this build had, in case Pelican swallowed it while reading."""
    if _FAILURES:
        first = _FAILURES[0]
        _FAILURES.clear()
        raise first


def add_theme_string_check(env: Any) -> None:
    """Give a Jinja environment the function the ``t`` macro calls for a missing key."""
    env.globals["theme_string_missing"] = theme_string_missing
